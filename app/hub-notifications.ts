/**
 * Citizen notifications of a hub (issue 15): the receiver kind that runs the notifier's relay, and the
 * choices service the pages use. Active when a channel is configured: e-mail with SMTP_URL, digital mail
 * when a Mina meddelanden mailbox is given; otherwise its subscription is inactive and nothing piles up.
 */

import { readFileSync } from 'node:fs';
import {
  createNotificationChoices,
  EMAIL_BOX_PURPOSE,
  MAILBOX_BOX_PURPOSE,
  type NotificationChoices,
} from '../notify/choices.js';
import { createMinaMeddelandenMailbox } from '../notify/digital-mail/index.js';
import type { DigitalMailbox } from '../notify/digital-mailbox.js';
import { createNotificationMailer } from '../notify/email.js';
import { createNotificationSink, NOTIFICATIONS_SUBSCRIPTION } from '../notify/notifier.js';
import { parseQuietHours } from '../notify/quiet-hours.js';
import { createSealedBox, type SealedBox } from '../person/sealed-box.js';
import type { SendingChannel } from '../schemas/notification.js';
import type { AuditLog } from '../store/audit-log.js';
import { createCaseStore } from '../store/case-store.js';
import type { Db } from '../store/db.js';
import { ensureBuiltInSubscription } from '../store/event-deliveries.js';
import type { Env } from './env.js';
import type { ReceiverKind } from './hub-events.js';

/** The sealed boxes of the choices' addresses, under the hub's secret (and, in a rotation, the ones it replaces). */
export function notificationBoxes(
  secret: string,
  previousSecrets: readonly string[] = [],
): { emailBox: SealedBox; mailboxBox: SealedBox } {
  return {
    emailBox: createSealedBox(secret, EMAIL_BOX_PURPOSE, previousSecrets),
    mailboxBox: createSealedBox(secret, MAILBOX_BOX_PURPOSE, previousSecrets),
  };
}

/** The channels a hub can send by: what the citizen's page offers. */
export function notificationChannels(env: Pick<Env, 'SMTP_URL'>, digitalMail: boolean): SendingChannel[] {
  return [...(env.SMTP_URL ? (['email'] as const) : []), ...(digitalMail ? (['digital_mail'] as const) : [])];
}

/**
 * Mina meddelanden from the environment (MINA_MEDDELANDEN_*, app/env-mina-meddelanden.ts), or
 * undefined when it is not configured: both the notifier and the citizen's page ask here, so the page
 * offers digital mail exactly when the hub can send it. A key or certificate file that cannot be read
 * stops start-up.
 */
export function digitalMailboxFrom(env: Env): DigitalMailbox | undefined {
  if (!env.MINA_MEDDELANDEN_URL) return undefined;
  const built = mailboxes.get(env);
  if (built) return built;
  // parseEnv has made sure the sender, the signing files and the support text are there.
  const read = (path: string | undefined) => (path ? readFileSync(path, 'utf8') : undefined);
  const tls = {
    ...(env.MINA_MEDDELANDEN_TLS_CA_FILE ? { ca: read(env.MINA_MEDDELANDEN_TLS_CA_FILE) as string } : {}),
    ...(env.MINA_MEDDELANDEN_TLS_CERT_FILE
      ? { cert: read(env.MINA_MEDDELANDEN_TLS_CERT_FILE) as string }
      : {}),
    ...(env.MINA_MEDDELANDEN_TLS_KEY_FILE ? { key: read(env.MINA_MEDDELANDEN_TLS_KEY_FILE) as string } : {}),
  };
  const mailbox = createMinaMeddelandenMailbox({
    recipientServiceUrl: env.MINA_MEDDELANDEN_URL,
    sender: {
      organisationsnummer: env.MINA_MEDDELANDEN_SENDER_ORGNR as string,
      name: env.MINA_MEDDELANDEN_SENDER_NAME as string,
    },
    signing: {
      privateKeyPem: read(env.MINA_MEDDELANDEN_SIGNING_KEY_FILE) as string,
      certificatePem: read(env.MINA_MEDDELANDEN_SIGNING_CERT_FILE) as string,
    },
    supportInfo: {
      text: env.MINA_MEDDELANDEN_SUPPORT_TEXT as string,
      ...(env.MINA_MEDDELANDEN_SUPPORT_URL ? { url: env.MINA_MEDDELANDEN_SUPPORT_URL } : {}),
      ...(env.MINA_MEDDELANDEN_SUPPORT_PHONE ? { phone: env.MINA_MEDDELANDEN_SUPPORT_PHONE } : {}),
      ...(env.MINA_MEDDELANDEN_SUPPORT_EMAIL ? { email: env.MINA_MEDDELANDEN_SUPPORT_EMAIL } : {}),
    },
    ...(Object.keys(tls).length > 0 ? { tls } : {}),
    timeoutMs: env.MINA_MEDDELANDEN_TIMEOUT_MS,
    // parseEnv refuses plain http in production: only a simulator on loopback is reached so.
    allowPlainHttp: env.MINA_MEDDELANDEN_URL.startsWith('http:'),
  });
  mailboxes.set(env, mailbox);
  return mailbox;
}

/** One mailbox per environment: the page and the notifier ask for it apart. */
const mailboxes = new WeakMap<Env, DigitalMailbox>();

/** The citizen's choices service for the pages. */
export function notificationChoicesOn(
  db: Db,
  audit: AuditLog,
  options: {
    secret: string;
    previousSecrets?: readonly string[];
    channels: readonly SendingChannel[];
    quietHours?: { start: string; end: string } | undefined;
  },
): NotificationChoices {
  return createNotificationChoices({
    db,
    audit,
    ...notificationBoxes(options.secret, options.previousSecrets),
    channels: options.channels,
    quietHours: options.quietHours,
  });
}

export type CitizenNotificationsOptions = {
  /** Mina meddelanden, built from the environment (undefined when not configured). */
  digitalMailbox?: (env: Env) => DigitalMailbox | undefined;
};

/**
 * @example
 * const kinds = [citizenNotifications({ digitalMailbox: (env) => minaMeddelandenFrom(env) })];
 */
export function citizenNotifications(options: CitizenNotificationsOptions = {}): ReceiverKind {
  return async (hub, relay) => {
    const { env } = hub;
    const digitalMailbox = (options.digitalMailbox ?? digitalMailboxFrom)(env);
    const active = notificationChannels(env, digitalMailbox !== undefined).length > 0;
    await ensureBuiltInSubscription(hub.db, {
      id: NOTIFICATIONS_SUBSCRIPTION,
      kind: 'notifications',
      active,
    });
    if (!active) {
      hub.logger.info('citizen notifications are off: no SMTP_URL and no digital mail');
      return [];
    }
    const mailer = env.SMTP_URL
      ? createNotificationMailer(env.SMTP_URL, env.SMTP_FROM, {
          ...(env.ARENDENAV_PUBLIC_URL
            ? { messageIdDomain: new URL(env.ARENDENAV_PUBLIC_URL).hostname }
            : {}),
        })
      : undefined;
    const sink = createNotificationSink({
      db: hub.db,
      cases: createCaseStore(hub.db),
      ...notificationBoxes(hub.key, hub.env.PERSON_REF_KEY_PREVIOUS),
      mailer,
      digitalMailbox,
      publicUrl: env.ARENDENAV_PUBLIC_URL ?? `http://localhost:${env.PORT}`,
      municipalityName: (code) => hub.municipalities.get(code)?.name,
      quietHours: parseQuietHours(env.NOTIFY_QUIET_HOURS, env.NOTIFY_TIME_ZONE),
      now: () => new Date(),
      logger: hub.logger,
    });
    const worker = relay({ subscriptionId: NOTIFICATIONS_SUBSCRIPTION, sink });
    return [
      {
        start: () => worker.start(),
        async stop() {
          await worker.stop();
          mailer?.close();
        },
      },
    ];
  };
}
