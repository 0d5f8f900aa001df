/**
 * A DigitalMailbox over Mina meddelanden: asks FaR whether the recipient can be reached, then
 * delivers one signed and sealed message to the operator FaR names (docs/contracts/mina-meddelanden.md).
 * A recipient without a mailbox, with a pending registration or who blocks this sender is
 * `unreachable`, not an error.
 */
import { parseOrganisationsnummer } from '../../person/organisationsnummer.js';
import { parsePersonnummer } from '../../person/personnummer.js';
import { type SupportInfo, sealedDeliveryXml } from './delivery-xml.js';
import { checkSigner, type Signer } from './signing.js';
import { createTransport, type TlsOptions } from './transport.js';
import { type DigitalMail, type DigitalMailbox, DigitalMailError, type DigitalMailOutcome } from './types.js';

export type MinaMeddelandenOptions = {
  /** FaR's Recipient v3 service, e.g. `https://<host>/…/Recipient/v3`. */
  recipientServiceUrl: string;
  sender: {
    /** The municipality's organisation number, 10 digits (`NNNNNN-NNNN`) or 12 with the `16` prefix. */
    organisationsnummer: string;
    /** As it should appear to the recipient. */
    name: string;
  };
  /** Signs the delivery and the seal (RSA key; the organisation certificate registered for the sender). */
  signing: Signer;
  /** Required by the contract in every message: how the recipient reaches the municipality. */
  supportInfo: SupportInfo;
  /** Client certificate and extra CA for FaR and the operators. */
  tls?: TlsOptions;
  /** Per call (isReachable, deliverSecure). */
  timeoutMs: number;
  /** Allows `http:` addresses (simulators on loopback only). Default false. */
  allowPlainHttp?: boolean;
  /** Clock for the seal's ReceivedTime (tests). */
  now?: () => Date;
};

export type MinaMeddelandenMailbox = DigitalMailbox & { close(): void };

/** `16` + the ten digits, as FaR and the delivery header expect (sheet §3). */
function senderId(organisationsnummer: string): string {
  const parsed = parseOrganisationsnummer(organisationsnummer);
  if (!parsed.ok) throw new Error('sender.organisationsnummer is not a valid organisationsnummer');
  return `16${parsed.value.normalized}`;
}

export function createMinaMeddelandenMailbox(options: MinaMeddelandenOptions): MinaMeddelandenMailbox {
  const sender = senderId(options.sender.organisationsnummer);
  if (!options.sender.name.trim()) throw new Error('sender.name is empty');
  if (!options.supportInfo.text.trim()) throw new Error('supportInfo.text is empty');
  checkSigner(options.signing);
  const transport = createTransport({
    recipientServiceUrl: options.recipientServiceUrl,
    timeoutMs: options.timeoutMs,
    ...(options.tls ? { tls: options.tls } : {}),
    ...(options.allowPlainHttp ? { allowPlainHttp: true } : {}),
  });
  const now = options.now ?? (() => new Date());

  return {
    async send(mail: DigitalMail): Promise<DigitalMailOutcome> {
      const person = parsePersonnummer(mail.to);
      if (!person.ok || !/^\d{12}$/.test(mail.to))
        throw new DigitalMailError('the recipient is not a 12-digit personnummer', { retryable: false });
      if (!mail.id.trim() || !mail.subject.trim() || !mail.text.trim())
        throw new DigitalMailError('a digital mail needs an id, a subject and a text', { retryable: false });

      const status = await transport.isReachable(sender, mail.to);
      if (!status?.serviceAddress) return { outcome: 'unreachable', reason: 'no-mailbox' };
      if (status.pending) return { outcome: 'unreachable', reason: 'pending-registration' };
      if (!status.senderAccepted) return { outcome: 'unreachable', reason: 'sender-not-accepted' };

      const delivery = sealedDeliveryXml(
        {
          senderId: sender,
          senderName: options.sender.name,
          recipient: mail.to,
          messageId: mail.id,
          subject: mail.subject,
          text: mail.text,
          language: mail.language,
          supportInfo: options.supportInfo,
          receivedTime: now(),
        },
        options.signing,
      );
      const result = await transport.deliverSecure(status.serviceAddress, delivery);
      if (!result.delivered)
        throw new DigitalMailError('deliverSecure: the mailbox operator answered Delivered=false', {
          retryable: false,
        });
      return { outcome: 'delivered', deliveryId: result.transId };
    },
    close: () => transport.close(),
  };
}
