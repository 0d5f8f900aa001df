/**
 * Citizen notifications of a hub (issue 15): the receiver kind that runs the notifier's relay, and the
 * choices service the pages use. Active when a channel is configured: e-mail with SMTP_URL, digital mail
 * when a Mina meddelanden mailbox is given; otherwise its subscription is inactive and nothing piles up.
 */

import {
  createNotificationChoices,
  EMAIL_BOX_PURPOSE,
  MAILBOX_BOX_PURPOSE,
  type NotificationChoices,
} from '../notify/choices.js';
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
 * Mina meddelanden from the environment, or undefined when it is not configured. The one place the
 * digital-mail adapter (notify/digital-mail/) is to be wired in: both the notifier and the citizen's
 * page ask here. Until it is, the hub sends by e-mail only and the page offers e-mail only.
 */
export function digitalMailboxFrom(_env: Env): DigitalMailbox | undefined {
  return undefined;
}

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
