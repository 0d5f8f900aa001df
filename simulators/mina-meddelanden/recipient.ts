/** FaR's Recipient v3 `isReachable` (sheet §3): one `return` per asked recipient. */
import { escapeXmlText } from '../xml-escape.js';
import { ERROR, envelope, fault, type SoapAnswer } from './soap.js';
import { all, BadRequest, NS, one, text } from './xml.js';

/** A person's state in the simulated register. */
export type MailboxState = 'reachable' | 'no-mailbox' | 'sender-not-accepted' | 'pending';

export type Operator = { id: string; name: string; serviceAddress: string; uiAddress: string };

export type RecipientContext = {
  senders: ReadonlySet<string>;
  mailboxOf(personnummer: string): MailboxState;
  operator: Operator;
};

const TWELVE_DIGITS = /^\d{12}$/;

/** `ReachabilityStatus` as the fixtures show it: no `ServiceSupplier` when there is no mailbox. */
function statusXml(recipientId: string, state: MailboxState, operator: Operator): string {
  const supplier =
    state === 'no-mailbox'
      ? ''
      : `<rcp:ServiceSupplier><rcp:Id>${operator.id}</rcp:Id><rcp:Name>${escapeXmlText(operator.name)}</rcp:Name>` +
        `<rcp:ServiceAdress>${escapeXmlText(operator.serviceAddress)}</rcp:ServiceAdress>` +
        `<rcp:UIAdress>${escapeXmlText(operator.uiAddress)}</rcp:UIAdress><rcp:InternalServiceAdress/></rcp:ServiceSupplier>`;
  const accepted = state === 'reachable' || state === 'pending';
  return (
    `<r3:return><rcp:AccountStatus><rcp:RecipientId>${recipientId}</rcp:RecipientId>` +
    `${state === 'no-mailbox' ? '' : '<rcp:Type>Secure</rcp:Type>'}<rcp:Pending>${state === 'pending'}</rcp:Pending>` +
    `${supplier}</rcp:AccountStatus><rcp:SenderAccepted>${accepted}</rcp:SenderAccepted></r3:return>`
  );
}

export function isReachable(operation: Element, ctx: RecipientContext): SoapAnswer {
  let sender: string;
  let recipients: string[];
  try {
    sender = text(one(operation, NS.recipientV3, 'senderOrgNr')).trim();
    recipients = all(operation, NS.recipientV3, 'recipientId').map((e) => text(e).trim());
  } catch (error) {
    if (error instanceof BadRequest) return fault('Client', ERROR.malformed, error.message);
    throw error;
  }
  if (!ctx.senders.has(sender))
    return fault('Client', ERROR.unknownSender, 'senderOrgNr is not a registered sender');
  if (recipients.length === 0 || !recipients.every((r) => TWELVE_DIGITS.test(r)))
    return fault('Client', ERROR.invalidRecipient, 'every recipientId must be 12 digits');
  const returns = recipients.map((r) => statusXml(r, ctx.mailboxOf(r), ctx.operator)).join('');
  return envelope(
    `<r3:isReachableResponse xmlns:r3="${NS.recipientV3}" xmlns:rcp="${NS.recipient}">${returns}</r3:isReachableResponse>`,
  );
}
