/**
 * What the notifier needs of digital mail (Mina meddelanden): the adapter in notify/digital-mail/ fits
 * this shape; it is declared here so the notifier depends on the shape, not on the adapter.
 */
import type { NotificationLanguage } from '../schemas/notification.js';

export type DigitalMail = {
  /** The recipient's 12-digit personnummer. */
  to: string;
  subject: string;
  text: string;
  language: NotificationLanguage;
  /** The same on every retry of one message. */
  id: string;
};

export type DigitalMailOutcome =
  | { outcome: 'delivered'; deliveryId: string }
  | { outcome: 'unreachable'; reason: string };

/** Sends one message; throws an Error with `retryable: boolean` on faults. */
export interface DigitalMailbox {
  send(mail: DigitalMail): Promise<DigitalMailOutcome>;
}

/** Whether a fault of the mailbox is worth another try (an error without the flag is). */
export function isRetryable(error: unknown): boolean {
  const flag = (error as { retryable?: unknown } | null)?.retryable;
  return flag !== false;
}
