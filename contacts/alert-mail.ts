/**
 * The overdue alert as an e-mail, and the SMTP transport that sends it (the only module that speaks
 * SMTP). The mail names an office and a count and links to the task list: never a person, a
 * personnummer, a name or a question.
 */
import nodemailer from 'nodemailer';

export type AlertMail = { to: string; subject: string; text: string };

/** Sends one mail; throws when the relay refuses it. */
export interface Mailer {
  send(mail: AlertMail): Promise<void>;
  close(): void;
}

/**
 * @example
 * const mailer = createSmtpMailer('smtp://relay.kommun.example:25', 'Ärendenav <noreply@kommun.example>');
 */
export function createSmtpMailer(url: string, from: string, options: { timeoutMs?: number } = {}): Mailer {
  const timeout = options.timeoutMs ?? 30_000;
  const transport = nodemailer.createTransport({
    url,
    connectionTimeout: timeout,
    greetingTimeout: timeout,
    socketTimeout: timeout,
  });
  return {
    async send(mail) {
      await transport.sendMail({ from, to: mail.to, subject: mail.subject, text: mail.text });
    },
    close: () => transport.close(),
  };
}

/**
 * The alert for `count` overdue tasks of `office`: Swedish first, then English and Arabic.
 *
 * @example
 * overdueAlertMail({ to: 'bygglov@umea.example', count: 3, office: 'BN', municipality: 'Umeå', link });
 */
export function overdueAlertMail(a: {
  to: string;
  count: number;
  office: string;
  municipality: string;
  link: string;
}): AlertMail {
  const where = `${a.office}, ${a.municipality}`;
  const sv =
    a.count === 1
      ? `1 vidarebefordrad fråga till ${where} har passerat sin svarstid.`
      : `${a.count} vidarebefordrade frågor till ${where} har passerat sin svarstid.`;
  const en =
    a.count === 1
      ? `1 forwarded question to ${where} is past its due time.`
      : `${a.count} forwarded questions to ${where} are past their due time.`;
  const ar = `${a.count} من الأسئلة المحالة إلى ${where} تجاوزت موعد الرد.`;
  return {
    to: a.to,
    subject: `Försenade uppgifter: ${a.count} för ${where} / Overdue tasks: ${a.count} for ${where} / مهام متأخرة: ${a.count}`,
    text: [
      sv,
      `Se och besvara kontorets uppgifter: ${a.link}`,
      '',
      en,
      `See and answer the office’s tasks: ${a.link}`,
      '',
      ar,
      `اطّلع على مهام المكتب وأجب عنها: ${a.link}`,
      '',
      '-- ',
      'Ärendenav. Meddelandet innehåller inga personuppgifter. / This message contains no personal data.',
    ].join('\n'),
  };
}
