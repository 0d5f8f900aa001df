/** What the notifier hands a digital mailbox, and what it gets back. No wire details here. */

export type DigitalMailLanguage = 'sv' | 'en' | 'ar';

export type DigitalMail = {
  /** The recipient's personnummer, 12 digits; never logged and never in an error message. */
  to: string;
  /** Plain text. */
  subject: string;
  /** Plain text body. */
  text: string;
  language: DigitalMailLanguage;
  /** Unique per message and the same on a retry; sent as the message's id (`Message/Header/Id`). */
  id: string;
};

export type DigitalMailOutcome =
  | { outcome: 'delivered'; deliveryId: string }
  | { outcome: 'unreachable'; reason: UnreachableReason };

/**
 * Why a recipient cannot be reached digitally: no mailbox (or no operator address), a registration
 * not yet complete, or a recipient who does not accept mail from this sender.
 */
export type UnreachableReason = 'no-mailbox' | 'pending-registration' | 'sender-not-accepted';

export interface DigitalMailbox {
  send(mail: DigitalMail): Promise<DigitalMailOutcome>;
}

/**
 * A transport failure or a fault from the service. `retryable` says whether the same mail may be
 * sent again later. The message names the operation and the host, never the recipient or content.
 */
export class DigitalMailError extends Error {
  readonly retryable: boolean;

  constructor(message: string, options: { retryable: boolean; cause?: unknown }) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'DigitalMailError';
    this.retryable = options.retryable;
  }
}
