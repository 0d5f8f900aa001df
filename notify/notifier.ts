/**
 * The citizen notifier (issue 15): an outbox receiver that tells a case's parties, each the way and in
 * the language they chose on Mina ärenden, that something changed: something is asked of them, a
 * decision, a deadline passed. One message per change and person however often its event arrives;
 * nothing during quiet hours (the event waits until they end); a failed send is tried again by the relay.
 * It logs counts and error codes, never a person, an address or a case's contents.
 */
import type { Logger } from '../app/logger.js';
import type { EventSink, SinkOutcome } from '../events/relay.js';
import type { SealedBox } from '../person/sealed-box.js';
import type { Party } from '../schemas/case.js';
import type { NotificationTrigger } from '../schemas/notification.js';
import type { CaseStore } from '../store/case-store.js';
import { type MessageOutcome, type NotificationKey, notifyOnce } from '../store/citizen-notifications.js';
import type { Db } from '../store/db.js';
import type { OutboxEvent } from '../store/event-deliveries.js';
import { choicesOf, type StoredChoice } from '../store/notification-choices.js';
import { type DigitalMailbox, isRetryable } from './digital-mailbox.js';
import type { NotificationMailer } from './email.js';
import { citizenMessage, messageIdOf, signInLink } from './message.js';
import { type QuietHours, quietUntil } from './quiet-hours.js';
import { changeOf } from './triggers.js';

/** The subscription the notifier receives events by. */
export const NOTIFICATIONS_SUBSCRIPTION = 'citizen-notifications';

/** The parties something can be asked of, or whose deadline it is: the applicant's side, not neighbours. */
const APPLICANT_SIDE: ReadonlySet<Party['role']> = new Set([
  'applicant',
  'co_applicant',
  'guardian',
  'client',
  'representative',
]);

/** Who is told of each change: a decision concerns every party (a neighbour may appeal it). */
function concerns(trigger: NotificationTrigger, party: Party): boolean {
  return trigger === 'decision' || APPLICANT_SIDE.has(party.role);
}

export type NotifierDeps = {
  db: Db;
  cases: Pick<CaseStore, 'get'>;
  /** Opens the sealed e-mail addresses (purpose EMAIL_BOX_PURPOSE). */
  emailBox: SealedBox;
  /** Opens the sealed personnummer digital mail is addressed by (purpose MAILBOX_BOX_PURPOSE). */
  mailboxBox: SealedBox;
  /** E-mail, when SMTP is configured. */
  mailer?: NotificationMailer | undefined;
  /** Digital mail (Mina meddelanden), when configured. */
  digitalMailbox?: DigitalMailbox | undefined;
  /** The hub's public address (ARENDENAV_PUBLIC_URL), for the sign-in link. */
  publicUrl: string;
  /** A municipality's name as the deployment's file has it. */
  municipalityName: (code: string) => string | undefined;
  /** Undefined: no quiet hours. */
  quietHours: QuietHours | undefined;
  now: () => Date;
  logger: Logger;
};

type Tally = { sent: number; unreachable: number; refused: number; skipped: number };

/** An error's code (nodemailer: ECONNECTION, EENVELOPE, …) and SMTP reply code: never its message. */
function reasonOf(error: unknown): string {
  const { code, responseCode } = (error ?? {}) as { code?: unknown; responseCode?: unknown };
  const parts = [typeof code === 'string' ? code : 'send failed'];
  if (typeof responseCode === 'number') parts.push(String(responseCode));
  return parts.join(' ');
}

/**
 * @example
 * const relay = createRelay({ db, subscriptionId: NOTIFICATIONS_SUBSCRIPTION, sink: createNotificationSink(deps), logger });
 */
export function createNotificationSink(deps: NotifierDeps): EventSink {
  /** Sends one person's message by their channel; undefined when they cannot be reached that way now. */
  async function deliver(
    choice: StoredChoice,
    party: Party,
    key: NotificationKey,
    event: OutboxEvent,
    municipality: string,
  ): Promise<MessageOutcome | 'skipped'> {
    const message = citizenMessage(choice.language, {
      municipality,
      link: signInLink(deps.publicUrl, choice.language),
    });
    const id = messageIdOf(key);
    if (choice.channel === 'email' && choice.emailSealed) {
      // Protected identity: only an authenticated mailbox, never e-mail (docs/notifications.md).
      if (party.protectedIdentity || !deps.mailer) return 'skipped';
      const to = String(deps.emailBox.open(choice.emailSealed));
      const mailer = deps.mailer;
      const result = await notifyOnce(deps.db, key, { channel: 'email', eventId: event.id }, async () => {
        await mailer.send({ ...message, to, messageId: id });
        return 'delivered';
      });
      return settled(result);
    }
    if (choice.channel === 'digital_mail' && choice.mailboxSealed) {
      if (!deps.digitalMailbox) return 'skipped';
      const to = String(deps.mailboxBox.open(choice.mailboxSealed));
      const mailbox = deps.digitalMailbox;
      const result = await notifyOnce(
        deps.db,
        key,
        { channel: 'digital_mail', eventId: event.id },
        async () => {
          try {
            const sent = await mailbox.send({
              to,
              subject: message.subject,
              text: message.text,
              language: message.language,
              id,
            });
            return sent.outcome === 'delivered' ? 'delivered' : 'unreachable';
          } catch (error) {
            if (isRetryable(error)) throw error;
            return 'refused';
          }
        },
      );
      return settled(result);
    }
    return 'skipped';
  }

  function settled(result: Awaited<ReturnType<typeof notifyOnce>>): MessageOutcome | 'skipped' {
    if (result.state === 'held')
      throw Object.assign(new Error('held by another hub instance'), { code: 'HELD' });
    return result.state === 'sent' ? result.outcome : 'skipped';
  }

  async function one(event: OutboxEvent, tally: Tally): Promise<SinkOutcome> {
    const change = changeOf(event);
    if (!change) return { outcome: 'delivered' };
    const until = quietUntil(deps.now(), deps.quietHours);
    if (until) return { outcome: 'deferred', until };
    const stored = await deps.cases.get(event.caseId);
    // A case removed since (gallrad in its source): nobody to tell.
    if (!stored) return { outcome: 'delivered' };
    const parties = stored.case.parties.filter(
      (p): p is Party & { personRef: string } => p.personRef !== undefined && concerns(change.trigger, p),
    );
    const choices = await choicesOf(
      deps.db,
      parties.map((p) => p.personRef),
    );
    const municipality = deps.municipalityName(event.municipality) ?? stored.case.municipality.name;
    for (const party of parties) {
      const choice = choices.find((c) => c.personRef === party.personRef);
      if (!choice || choice.channel === 'none') continue;
      const key: NotificationKey = { caseId: event.caseId, ...change, personRef: party.personRef };
      const outcome = await deliver(choice, party, key, event, municipality);
      if (outcome === 'delivered') tally.sent += 1;
      else tally[outcome] += 1;
    }
    return { outcome: 'delivered' };
  }

  return async (events) => {
    const outcomes = new Map<number, SinkOutcome>();
    const tally: Tally = { sent: 0, unreachable: 0, refused: 0, skipped: 0 };
    for (const event of events) {
      try {
        outcomes.set(event.position, await one(event, tally));
      } catch (error) {
        outcomes.set(event.position, { outcome: 'failed', error: reasonOf(error) });
      }
    }
    if (tally.sent + tally.unreachable + tally.refused > 0)
      deps.logger.info({ notifications: tally }, 'citizen notifications');
    return outcomes;
  };
}
