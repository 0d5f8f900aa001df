/**
 * The mailbox operator's `deliverSecure` (sheet §4–5): structure and order of the sealed delivery,
 * sender registered and signing with its own certificate, recipient reachable here, every message
 * complete with a plain-text or HTML body, both signatures valid, at most 2 MB.
 */
import { randomUUID, type X509Certificate } from 'node:crypto';
import type { MailboxState } from './recipient.js';
import { checkSignature, SignatureRejected } from './signature-check.js';
import { ERROR, envelope, fault, type SoapAnswer } from './soap.js';
import { all, BadRequest, elements, NS, one, optional, text } from './xml.js';

export type ReceivedMessage = {
  id: string;
  subject: string;
  /** As sent, e.g. `svSE`. */
  language: string;
  contentType: string;
  /** The body decoded as UTF-8. */
  text: string;
  supportInfo: { text: string; url?: string; phone?: string; email?: string };
};

/** One accepted delivery, as tests read it. Kept in memory only; never logged. */
export type ReceivedDelivery = {
  transId: string;
  senderId: string;
  senderName: string;
  /** The recipient's personnummer (12 digits). */
  recipient: string;
  messages: ReceivedMessage[];
  seal: { receivedTime: string; signaturesOk: boolean };
  /** Subjects of the sender's and the seal's signing certificates. */
  signedBy: { delivery: string; seal: string };
};

export type DeliveryContext = {
  /** Registered senders: 12-digit id → certificates allowed to sign for it. */
  senders: ReadonlyMap<string, readonly X509Certificate[]>;
  mailboxOf(personnummer: string): MailboxState;
};

export const MAX_DELIVERY_BYTES = 2 * 1024 * 1024;
const BODY_TYPES = new Set(['text/plain', 'text/html']);
const BASE64 = /^[A-Za-z0-9+/\s]*={0,2}\s*$/;

function ensure(condition: boolean, message: string): asserts condition {
  if (!condition) throw new BadRequest(message);
}

function message(e: Element): ReceivedMessage {
  const header = one(e, NS.messageV3, 'Header');
  const support = one(header, NS.messageV3, 'Supportinfo');
  const opt = (parent: Element, local: string) => {
    const found = optional(parent, NS.messageV3, local);
    return found ? text(found).trim() : undefined;
  };
  const body = one(e, NS.messageV3, 'Body');
  const contentType = text(one(body, NS.message, 'ContentType')).trim();
  const encoded = text(one(body, NS.message, 'Body'));
  const info = {
    text: text(one(support, NS.messageV3, 'Text')).trim(),
    ...(opt(support, 'URL') ? { url: opt(support, 'URL') as string } : {}),
    ...(opt(support, 'PhoneNumber') ? { phone: opt(support, 'PhoneNumber') as string } : {}),
    ...(opt(support, 'EmailAdress') ? { email: opt(support, 'EmailAdress') as string } : {}),
  };
  const result = {
    id: text(one(header, NS.messageV3, 'Id')).trim(),
    subject: text(one(header, NS.messageV3, 'Subject')).trim(),
    language: text(one(header, NS.messageV3, 'Language')).trim(),
    contentType,
    text: Buffer.from(encoded, 'base64').toString('utf8'),
    supportInfo: info,
  };
  ensure(result.id !== '', 'Message/Header/Id is empty');
  ensure(result.subject !== '', 'Message/Header/Subject is empty');
  ensure(info.text !== '', 'Supportinfo/Text is empty');
  ensure(/^[a-z]{2}[A-Z]{2}$/.test(result.language), 'Message/Header/Language is not a code like svSE');
  ensure(BODY_TYPES.has(contentType), 'Body/ContentType must be text/plain or text/html');
  ensure(BASE64.test(encoded) && result.text.trim() !== '', 'Body/Body must be non-empty base64');
  return result;
}

/** The inner `deliverSecure` element checked and turned into a record, or the fault to answer with. */
export function deliverSecure(
  inner: Element,
  size: number,
  ctx: DeliveryContext,
): { answer: SoapAnswer; delivery?: ReceivedDelivery } {
  if (size > MAX_DELIVERY_BYTES)
    return { answer: fault('Client', ERROR.tooLarge, 'the delivery is larger than 2 MB') };
  try {
    const order = elements(inner).map((e) => `${e.namespaceURI} ${e.localName}`);
    ensure(
      order.join('|') ===
        [`${NS.messageV3} SignedDelivery`, `${NS.messageV3} Seal`, `${NS.ds} Signature`].join('|'),
      'the sealed delivery must hold SignedDelivery, Seal and Signature in that order',
    );
    const signedDelivery = one(inner, NS.messageV3, 'SignedDelivery');
    const delivery = one(signedDelivery, NS.messageV3, 'Delivery');
    const header = one(delivery, NS.messageV3, 'Header');
    const sender = one(header, NS.messageV2, 'Sender');
    const senderId = text(one(sender, NS.sender, 'Id')).trim();
    const senderName = text(one(sender, NS.sender, 'Name')).trim();
    const recipient = text(one(header, NS.messageV2, 'Recipient')).trim();
    const certificates = ctx.senders.get(senderId);
    if (!certificates)
      return { answer: fault('Client', ERROR.unknownSender, 'Sender/Id is not a registered sender') };
    ensure(senderName !== '', 'Sender/Name is empty');
    if (!/^\d{12}$/.test(recipient))
      return { answer: fault('Client', ERROR.invalidRecipient, 'Recipient must be 12 digits') };
    if (ctx.mailboxOf(recipient) !== 'reachable')
      return {
        answer: fault(
          'Client',
          ERROR.notReachable,
          'the recipient has no mailbox here that accepts this sender',
        ),
      };
    const messages = all(delivery, NS.messageV3, 'Message').map(message);
    ensure(messages.length > 0, 'Delivery must hold at least one Message');
    const seal = one(inner, NS.messageV3, 'Seal');
    const sealRecord = {
      receivedTime: text(one(seal, NS.message, 'ReceivedTime')).trim(),
      signaturesOk: text(one(seal, NS.message, 'SignaturesOK')).trim() === 'true',
    };
    ensure(sealRecord.signaturesOk, 'Seal/SignaturesOK must be true');

    const sealSigner = checkSignature(inner, certificates, { ns: NS.messageV3, local: 'SealedDelivery' });
    const deliverySigner = checkSignature(signedDelivery, certificates);
    const record: ReceivedDelivery = {
      transId: randomUUID(),
      senderId,
      senderName,
      recipient,
      messages,
      seal: sealRecord,
      signedBy: { delivery: deliverySigner.subject, seal: sealSigner.subject },
    };
    const body =
      `<ns8:deliverSecureResponse xmlns:ns8="${NS.serviceV3}" xmlns:ns10="${NS.service}"><ns8:return>` +
      `<ns10:TransId>${record.transId}</ns10:TransId><ns10:Status><ns10:RecipientId>${recipient}</ns10:RecipientId>` +
      `<ns10:Delivered>true</ns10:Delivered></ns10:Status></ns8:return></ns8:deliverSecureResponse>`;
    return { answer: envelope(body), delivery: record };
  } catch (error) {
    if (error instanceof SignatureRejected)
      return { answer: fault('Client', ERROR.signature, error.message) };
    if (error instanceof BadRequest) return { answer: fault('Client', ERROR.invalidMessage, error.message) };
    throw error;
  }
}
