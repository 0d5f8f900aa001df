/** Namespace-aware reading of the requests (xmldom), and the prefix-free form signatures are digested in. */
import { DOMParser } from '@xmldom/xmldom';
import { escapeXmlAttr, escapeXmlText } from '../xml-escape.js';

/** Namespaces of docs/contracts/mina-meddelanden.md §2. */
export const NS = {
  soap: 'http://schemas.xmlsoap.org/soap/envelope/',
  recipientV3: 'http://minameddelanden.gov.se/schema/Recipient/v3',
  recipient: 'http://minameddelanden.gov.se/schema/Recipient',
  serviceV3: 'http://minameddelanden.gov.se/schema/Service/v3',
  service: 'http://minameddelanden.gov.se/schema/Service',
  messageV3: 'http://minameddelanden.gov.se/schema/Message/v3',
  messageV2: 'http://minameddelanden.gov.se/schema/Message/v2',
  message: 'http://minameddelanden.gov.se/schema/Message',
  sender: 'http://minameddelanden.gov.se/schema/Sender',
  commonV3: 'http://minameddelanden.gov.se/schema/Common/v3',
  ds: 'http://www.w3.org/2000/09/xmldsig#',
} as const;

export class BadRequest extends Error {}

const ELEMENT = 1;
const TEXT = 3;
const CDATA = 4;

/** Parses a document; any parser complaint is a BadRequest (the text is not echoed). */
export function parseXml(text: string): Element {
  let failed = false;
  const doc = new DOMParser({
    errorHandler: {
      warning: () => {},
      error: () => {
        failed = true;
      },
      fatalError: () => {
        failed = true;
      },
    },
  }).parseFromString(text, 'text/xml');
  const root = doc.documentElement;
  if (failed || !root) throw new BadRequest('the request is not well-formed XML');
  return root;
}

/** Element children, in order. */
export function elements(parent: Element): Element[] {
  const out: Element[] = [];
  for (let n: Node | null = parent.firstChild; n; n = n.nextSibling)
    if (n.nodeType === ELEMENT) out.push(n as Element);
  return out;
}

/** The only child named `ns`:`local`; a BadRequest naming the path when it is missing or repeated. */
export function one(parent: Element, ns: string, local: string): Element {
  const found = elements(parent).filter((e) => e.namespaceURI === ns && e.localName === local);
  if (found.length !== 1)
    throw new BadRequest(`${parent.localName}/${local}: expected exactly one, found ${found.length}`);
  return found[0] as Element;
}

export function optional(parent: Element, ns: string, local: string): Element | undefined {
  const found = elements(parent).filter((e) => e.namespaceURI === ns && e.localName === local);
  if (found.length > 1) throw new BadRequest(`${parent.localName}/${local}: at most one allowed`);
  return found[0];
}

export function all(parent: Element, ns: string, local: string): Element[] {
  return elements(parent).filter((e) => e.namespaceURI === ns && e.localName === local);
}

export function text(e: Element): string {
  return e.textContent ?? '';
}

/**
 * The element serialised with every prefix removed (default namespaces, declared where the namespace
 * changes), which is the form Mina meddelanden digests (sheet §5). `rootAs` renames the root, for
 * the sealed delivery that travels as `deliverSecure` but is signed as `SealedDelivery`.
 */
export function prefixFree(root: Element, rootAs?: { ns: string; local: string }): string {
  const write = (e: Element, parentNs: string | null, name?: { ns: string; local: string }): string => {
    const ns = name?.ns ?? e.namespaceURI ?? '';
    const local = name?.local ?? e.localName ?? '';
    let out = `<${local}`;
    if (ns !== parentNs) out += ` xmlns="${escapeXmlAttr(ns)}"`;
    const attrs = Array.from({ length: e.attributes.length }, (_, i) => e.attributes.item(i))
      .filter((a) => a && a.name !== 'xmlns' && !a.name.startsWith('xmlns:'))
      .map((a) => ` ${a?.localName}="${escapeXmlAttr(a?.value ?? '')}"`);
    out += `${attrs.join('')}>`;
    for (let n: Node | null = e.firstChild; n; n = n.nextSibling) {
      if (n.nodeType === ELEMENT) out += write(n as Element, ns);
      else if (n.nodeType === TEXT || n.nodeType === CDATA) out += escapeXmlText(n.nodeValue ?? '');
    }
    return `${out}</${local}>`;
  };
  return write(root, null, rootAs);
}
