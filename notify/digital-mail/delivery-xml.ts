/**
 * The signed and sealed delivery of one message (docs/contracts/mina-meddelanden.md §4–5), written
 * with default namespaces only: the sender signs `SignedDelivery`, the förmedlare (here the same
 * organisation and certificate, as Sundsvall does) adds the `Seal` and signs `SealedDelivery`. The
 * result travels as the inner `deliverSecure` element (Service/v3), the name the wire uses.
 */
import { NS } from './namespaces.js';
import { type Signer, signEnveloped } from './signing.js';
import type { DigitalMailLanguage } from './types.js';
import { escapeText } from './xml-text.js';

export type SupportInfo = { text: string; url?: string; phone?: string; email?: string };

export type DeliveryInput = {
  /** 12 digits, `16` + the organisation number. */
  senderId: string;
  senderName: string;
  /** 12-digit personnummer. */
  recipient: string;
  messageId: string;
  subject: string;
  text: string;
  language: DigitalMailLanguage;
  supportInfo: SupportInfo;
  receivedTime: Date;
};

/** Only `svSE` is seen in the sources; the other two follow its pattern (sheet §7 [?]). */
const LANGUAGE_CODES: Record<DigitalMailLanguage, string> = { sv: 'svSE', en: 'enUS', ar: 'arSA' };

const el = (name: string, text: string, ns?: string) =>
  `<${name}${ns ? ` xmlns="${ns}"` : ''}>${escapeText(text)}</${name}>`;

function supportInfoXml(info: SupportInfo): string {
  return (
    '<Supportinfo>' +
    el('Text', info.text) +
    (info.url ? el('URL', info.url) : '') +
    (info.phone ? el('PhoneNumber', info.phone) : '') +
    (info.email ? el('EmailAdress', info.email) : '') +
    '</Supportinfo>'
  );
}

/** `SignedDelivery` before signing: delivery header, then one message with a plain-text body. */
export function signedDeliveryXml(input: DeliveryInput): string {
  const header =
    `<Header><Sender xmlns="${NS.messageV2}">${el('Id', input.senderId, NS.sender)}${el('Name', input.senderName, NS.sender)}</Sender>` +
    `${el('Recipient', input.recipient, NS.messageV2)}</Header>`;
  const body = Buffer.from(input.text, 'utf8').toString('base64');
  const message =
    `<Message><Header>${el('Id', input.messageId)}${el('Subject', input.subject)}${supportInfoXml(input.supportInfo)}` +
    `${el('Language', LANGUAGE_CODES[input.language])}</Header>` +
    `<Body>${el('ContentType', 'text/plain', NS.message)}${el('Body', body, NS.message)}</Body></Message>`;
  return `<SignedDelivery xmlns="${NS.messageV3}"><Delivery>${header}${message}</Delivery></SignedDelivery>`;
}

/**
 * The signed and sealed delivery as the content of the inner `deliverSecure` element. Children carry
 * their own `xmlns` so they keep their namespace when the root is renamed; in the signed form that
 * declaration is redundant and canonicalisation drops it, so both signatures still hold.
 */
export function sealedDeliveryXml(input: DeliveryInput, signer: Signer): string {
  const signedDelivery = signEnveloped(signedDeliveryXml(input), signer);
  const seal =
    `<Seal xmlns="${NS.messageV3}">${el('ReceivedTime', input.receivedTime.toISOString(), NS.message)}` +
    `${el('SignaturesOK', 'true', NS.message)}</Seal>`;
  const sealed = signEnveloped(
    `<SealedDelivery xmlns="${NS.messageV3}">${signedDelivery}${seal}</SealedDelivery>`,
    signer,
  );
  const open = `<SealedDelivery xmlns="${NS.messageV3}">`;
  if (!sealed.startsWith(open) || !sealed.endsWith('</SealedDelivery>'))
    throw new Error('the sealed delivery was not written as expected');
  return `<deliverSecure xmlns="${NS.serviceV3}">${sealed.slice(open.length, -'</SealedDelivery>'.length)}</deliverSecure>`;
}
