/**
 * Citizen notifications by e-mail (issue 15): the one module of notify/ that speaks SMTP. Each message
 * carries a Message-ID derived from its change, the same on a retry, and says it was sent automatically.
 */
import nodemailer from 'nodemailer';
import type { CitizenMessage } from './message.js';

export type NotificationMail = CitizenMessage & { to: string; messageId: string };

/** Sends one mail; throws when the relay refuses it or cannot be reached. */
export interface NotificationMailer {
  send(mail: NotificationMail): Promise<void>;
  close(): void;
}

/**
 * @example
 * const mailer = createNotificationMailer('smtp://relay.kommun.example:25', 'Umeå kommun <noreply@umea.se>');
 */
export function createNotificationMailer(
  url: string,
  from: string,
  options: { timeoutMs?: number; messageIdDomain?: string } = {},
): NotificationMailer {
  const timeout = options.timeoutMs ?? 30_000;
  const domain = options.messageIdDomain ?? 'arendenav.invalid';
  const transport = nodemailer.createTransport({
    url,
    connectionTimeout: timeout,
    greetingTimeout: timeout,
    socketTimeout: timeout,
  });
  return {
    async send(mail) {
      await transport.sendMail({
        from,
        to: mail.to,
        subject: mail.subject,
        text: mail.text,
        messageId: `<${mail.messageId}@${domain}>`,
        headers: {
          'Content-Language': mail.language,
          // RFC 3834: no out-of-office replies to an automatic message.
          'Auto-Submitted': 'auto-generated',
        },
      });
    },
    close: () => transport.close(),
  };
}
