/** SOAP 1.1 envelopes as the WCF basicHttpBinding writes them: requests read, answers and faults written. */
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { escapeXmlText } from '../xml-escape.js';
import { NS } from './xml.js';

export type SoapAnswer = { status: number; body: string; contentType?: string };

const CONTENT_TYPE = 'text/xml; charset=utf-8';

/** The envelope WCF writes: xsi and xsd declared on `s:Body`. */
export function envelope(body: string): string {
  return (
    `<s:Envelope xmlns:s="${NS.soap}"><s:Body xmlns:xsi="${NS.xsi}" xmlns:xsd="${NS.xsd}">` +
    `${body}</s:Body></s:Envelope>`
  );
}

export function ok(body: string): SoapAnswer {
  return { status: 200, body: envelope(body), contentType: CONTENT_TYPE };
}

function fault(code: string, codeNs: string | undefined, reason: string): SoapAnswer {
  const ns = codeNs ? ` xmlns:a="${codeNs}"` : '';
  const body =
    `<s:Fault><faultcode${ns}>${code}</faultcode>` +
    `<faultstring xml:lang="en-US">${escapeXmlText(reason)}</faultstring></s:Fault>`;
  // SOAP 1.1 answers every fault with HTTP 500.
  return { status: 500, body: envelope(body), contentType: CONTENT_TYPE };
}

/** What WCF answers when no operation has the request's SOAPAction (a ContractFilter mismatch). */
export function actionNotSupported(action: string): SoapAnswer {
  return fault(
    'a:ActionNotSupported',
    'http://schemas.microsoft.com/ws/2005/05/addressing/none',
    `The message with Action '${action}' cannot be processed at the receiver, due to a ContractFilter mismatch ` +
      'at the EndpointDispatcher. This may be because of either a contract mismatch (mismatched Actions between ' +
      'sender and receiver) or a binding/security mismatch between the sender and the receiver.  Check that ' +
      'sender and receiver have the same contract and the same binding (including security requirements, e.g. ' +
      'Message, Transport, None).',
  );
}

/**
 * A fault the caller caused (`s:Client`, SOAP 1.1's name for Sender): a broken envelope, an unreadable
 * parameter, or the service's own FaultException such as "Arende not found for dnr …" (WCF gives a
 * FaultException without a code the Sender code [?]: the sheet names the fault string only).
 */
export function clientFault(reason: string): SoapAnswer {
  return fault('s:Client', undefined, reason);
}

/** An unhandled exception in the service, as WCF reports it without exception details. */
export function internalFault(): SoapAnswer {
  return fault(
    'a:InternalServiceFault',
    'http://schemas.microsoft.com/net/2005/12/windowscommunicationfoundation/dispatcher',
    'The server was unable to process the request due to an internal error.  For more information about the ' +
      'error, either turn on IncludeExceptionDetailInFaults (either from ServiceBehaviorAttribute or from the ' +
      '<serviceDebug> configuration behavior) on the server in order to send the exception information back to ' +
      'the client, or turn on tracing as per the Microsoft .NET Framework SDK documentation and inspect the ' +
      'server trace logs.',
  );
}

const parser = new XMLParser({
  removeNSPrefix: true,
  ignoreAttributes: false,
  attributeNamePrefix: '@',
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: true,
  processEntities: true,
});

/** A request parameter: text, a nested element, or `{ '@nil': 'true' }`. */
export type Param = string | { [name: string]: Param } | undefined;

export type ParsedRequest = { operation: string; params: Record<string, Param> } | { error: string };

/** Reads the body's wrapper element (`GetArende`, …) and its children, namespace prefixes dropped. */
export function parseRequest(xml: string): ParsedRequest {
  if (xml.trim() === '' || XMLValidator.validate(xml) !== true)
    return { error: 'The request is not well-formed XML.' };
  const doc = parser.parse(xml) as Record<string, unknown>;
  const envelopeNode = doc.Envelope as Record<string, unknown> | undefined;
  const body = envelopeNode?.Body;
  if (!envelopeNode || body === undefined)
    return { error: 'The request is not a SOAP 1.1 envelope with a Body.' };
  const entries =
    typeof body === 'object' && body ? Object.entries(body).filter(([k]) => !k.startsWith('@')) : [];
  const [first] = entries;
  if (!first) return { error: 'The SOAP Body is empty.' };
  const [operation, params] = first;
  return { operation, params: typeof params === 'object' && params ? (params as Record<string, Param>) : {} };
}

/** The text of a parameter, or undefined when absent or nil. */
export function paramText(value: Param): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value === 'string') return value;
  if (value['@nil'] === 'true') return undefined;
  const inner = value['#text'];
  return typeof inner === 'string' ? inner : '';
}

/** The SOAPAction header without the quotes SOAP 1.1 clients may put around it. */
export function actionOf(header: string | string[] | undefined): string {
  const raw = Array.isArray(header) ? (header[0] ?? '') : (header ?? '');
  return raw.trim().replace(/^"(.*)"$/, '$1');
}
