/**
 * The admin alert when webhook deliveries dead-letter (issue 15): one e-mail to the subscription's
 * `alert_email`, at most one per subscription per hour in this process; it names the subscription, the
 * receiver's host and how many, and says how to look and replay. Never a case's contents or a person.
 */
import type { Logger } from '../app/logger.js';

export type AlertMail = { to: string; subject: string; text: string };

/** How mail leaves the hub (contacts/alert-mail.ts createSmtpMailer fits). */
export type AlertMailer = { send(mail: AlertMail): Promise<void>; close(): void };

export type DeadLetterFacts = {
  subscriptionId: string;
  /** The receiver's host, e.g. `arende.vannas.se`. */
  host: string;
  alertEmail: string | null;
  /** Dead just now, and dead in all (still waiting for a replay). */
  justDead: number;
  deadInAll: number;
  maxAttempts: number;
};

/** The alert mail, Swedish first, then English and Arabic. */
export function deadLetterMail(f: DeadLetterFacts & { to: string; apiBase: string }): AlertMail {
  const base = `${f.apiBase.replace(/\/+$/, '')}/api/v1/subscriptions/${f.subscriptionId}`;
  const look = `GET ${base}/deliveries?state=dead`;
  const replay = `POST ${base}/replay  {"from": <position>}`;
  return {
    to: f.to,
    subject: `Webhook-leveranser misslyckades / Webhook deliveries failed / فشل تسليم الأحداث: ${f.subscriptionId}`,
    text: [
      `${f.justDead} händelse(r) kunde inte levereras till webhooken ${f.subscriptionId} (${f.host}) efter ${f.maxAttempts} försök. Totalt väntar ${f.deadInAll} döda leveranser på att levereras igen.`,
      `Se dem: ${look}`,
      `Leverera igen från en position: ${replay}`,
      '',
      `${f.justDead} event(s) could not be delivered to the webhook ${f.subscriptionId} (${f.host}) after ${f.maxAttempts} attempts. In all, ${f.deadInAll} dead deliveries wait to be delivered again.`,
      `See them: ${look}`,
      `Deliver again from a position: ${replay}`,
      '',
      `تعذّر تسليم ${f.justDead} من الأحداث إلى الـ webhook ${f.subscriptionId} (${f.host}) بعد ${f.maxAttempts} محاولة. إجمالي التسليمات المتوقفة: ${f.deadInAll}.`,
      `للاطلاع عليها: ${look}`,
      `لإعادة التسليم من موضع معيّن: ${replay}`,
      '',
      '-- ',
      'Ärendenav. Meddelandet innehåller inga personuppgifter. / This message contains no personal data.',
    ].join('\n'),
  };
}

export type DeadLetterAlerts = {
  /** Sends the alert unless one went for this subscription within the quiet period; never throws. */
  notify(facts: DeadLetterFacts): Promise<void>;
  close(): void;
};

/**
 * @example
 * const alerts = createDeadLetterAlerts({ mailer, logger, apiBase: 'https://arenden.umea.se' });
 */
export function createDeadLetterAlerts(deps: {
  mailer?: AlertMailer;
  logger: Logger;
  apiBase: string;
  now?: () => Date;
  quietMs?: number;
}): DeadLetterAlerts {
  const now = deps.now ?? (() => new Date());
  const quietMs = deps.quietMs ?? 3_600_000;
  const lastSent = new Map<string, number>();
  return {
    async notify(facts) {
      if (!deps.mailer || !facts.alertEmail) return;
      const at = now().getTime();
      const last = lastSent.get(facts.subscriptionId);
      if (last !== undefined && at - last < quietMs) return;
      lastSent.set(facts.subscriptionId, at);
      try {
        await deps.mailer.send(deadLetterMail({ ...facts, to: facts.alertEmail, apiBase: deps.apiBase }));
      } catch (error) {
        // The relay goes on; the next dead letter after the quiet period tries again.
        deps.logger.warn(
          { subscription: facts.subscriptionId, err: (error as { code?: string })?.code ?? 'send failed' },
          'dead-letter alert mail could not be sent',
        );
      }
    },
    close: () => deps.mailer?.close(),
  };
}
