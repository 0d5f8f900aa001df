/**
 * The messages sent to citizens (issue 15): one per change and person, whichever hub instance gets there
 * first and however often the change's event is delivered. A row is claimed before sending and settled
 * after, in one transaction holding it (SKIP LOCKED), so a failed send leaves it to be tried again.
 */
import type { NotificationTrigger, SendingChannel } from '../schemas/notification.js';
import type { Db, Queryable } from './db.js';

/** One change for one person: the case, what happened, when it happened in the source. */
export type NotificationKey = {
  caseId: string;
  trigger: NotificationTrigger;
  /** The status's "since" (ISO), or the passed deadline's due date. */
  changeAt: string;
  personRef: string;
};

/** How a message went, for good: handed over; the person has no digital mailbox; the channel refused it. */
export type MessageOutcome = 'delivered' | 'unreachable' | 'refused';

/** Sent now; settled before (nothing to do); held by another instance this moment (try again later). */
export type OnceResult = { state: 'sent'; outcome: MessageOutcome } | { state: 'done' } | { state: 'held' };

const KEY_WHERE = 'case_id = $1 AND trigger = $2 AND change_at = $3 AND person_ref = $4';
const keyParams = (k: NotificationKey) => [k.caseId, k.trigger, k.changeAt, k.personRef];

/**
 * Runs `send` unless this change's message to this person was settled already. When `send` throws, the
 * claim stays unsettled and the next call tries again.
 *
 * @example
 * await notifyOnce(db, key, { channel: 'email', eventId }, async () => { await mailer.send(mail); return 'delivered'; });
 */
export async function notifyOnce(
  db: Db,
  key: NotificationKey,
  message: { channel: SendingChannel; eventId: string },
  send: () => Promise<MessageOutcome>,
): Promise<OnceResult> {
  await db.query(
    `INSERT INTO citizen_notifications (case_id, trigger, change_at, person_ref, channel, event_id)
     VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT DO NOTHING`,
    [...keyParams(key), message.channel, message.eventId],
  );
  return db.transaction(async (tx) => {
    const { rows } = await tx.query<{ outcome: string | null }>(
      `SELECT outcome FROM citizen_notifications WHERE ${KEY_WHERE} FOR UPDATE SKIP LOCKED`,
      keyParams(key),
    );
    const row = rows[0];
    if (!row) return { state: 'held' } as const;
    if (row.outcome !== null) return { state: 'done' } as const;
    const outcome = await send();
    await tx.query(
      `UPDATE citizen_notifications SET outcome = $5, settled_at = now(), channel = $6, event_id = $7
        WHERE ${KEY_WHERE}`,
      [...keyParams(key), outcome, message.channel, message.eventId],
    );
    return { state: 'sent', outcome } as const;
  });
}

/**
 * Retention: removes message rows claimed more than `days` ago (the outbox's period) for cases the
 * outbox holds no event of any more. Until then a replay could deliver the change again, and the row is
 * what keeps it from being sent twice. Returns how many (would be) removed.
 */
export async function expireNotificationsIn(
  tx: Queryable,
  days: number,
  options: { dryRun: boolean; maxRows: number },
): Promise<number> {
  const select = `SELECT n.ctid FROM citizen_notifications n
                   WHERE n.claimed_at < now() - $1 * interval '1 day'
                     AND NOT EXISTS (SELECT 1 FROM case_events e WHERE e.case_id = n.case_id)
                   LIMIT $2`;
  const sql = options.dryRun
    ? `SELECT count(*)::text AS n FROM (${select}) x`
    : `WITH gone AS (DELETE FROM citizen_notifications WHERE ctid IN (${select}) RETURNING 1)
       SELECT count(*)::text AS n FROM gone`;
  const { rows } = await tx.query<{ n: string }>(sql, [days, options.maxRows]);
  return Number(rows[0]?.n ?? 0);
}
