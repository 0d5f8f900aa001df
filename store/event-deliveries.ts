/**
 * The outbox's deliveries (issue 15): each receiver's pending events are claimed by one relay
 * instance at a time for a lease, in order per case, and settled as delivered, retried later, or dead.
 * A relay that crashes leaves its claims to expire: the events are delivered again (at least once;
 * receivers deduplicate by the event id).
 */
import { randomUUID } from 'node:crypto';
import type { CaseEventData, CaseEventType } from './case-change.js';
import type { Db, Queryable } from './db.js';

/** An event as a receiver is given it. */
export type OutboxEvent = {
  /** The outbox position: the delivery order, and where a replay starts. */
  position: number;
  id: string;
  caseId: string;
  municipality: string;
  domain: string;
  type: CaseEventType;
  data: CaseEventData;
  occurredAt: string;
  recordedAt: string;
  /** How many times this receiver has already failed to take it. */
  attempts: number;
};

/** How a delivery went: delivered; failed (tried again at `retryAt` unless its attempts are spent); deferred to `until` without counting an attempt. */
export type Settlement =
  | { position: number; outcome: 'delivered' }
  | { position: number; outcome: 'failed'; error: string; retryAt: Date }
  | { position: number; outcome: 'deferred'; until: Date };

type EventRow = {
  position: string;
  id: string;
  case_id: string;
  municipality_code: string;
  domain: string;
  type: CaseEventType;
  data: CaseEventData;
  occurred_at: Date | string;
  recorded_at: Date | string;
  attempts: number;
};

const iso = (t: Date | string) => new Date(t).toISOString();

/**
 * Claims up to `limit` due deliveries of `subscriptionId` for `leaseMs`: at most the earliest pending
 * one of each case, so a case's events are delivered one after another, in the order they were written,
 * whatever the number of relay instances. Returns the claim's token and the events in position order.
 */
export async function claimDeliveries(
  db: Db,
  subscriptionId: string,
  options: { limit: number; leaseMs: number },
): Promise<{ token: string; events: OutboxEvent[] }> {
  const token = randomUUID();
  const rows = await db.transaction(async (tx) => {
    const { rows: claimed } = await tx.query<{ position: string }>(
      `WITH claimable AS (
         SELECT d.subscription_id, d.position FROM event_deliveries d
          WHERE d.subscription_id = $1 AND d.state = 'pending' AND d.next_attempt_at <= now()
            AND (d.claimed_until IS NULL OR d.claimed_until < now())
            AND NOT EXISTS (SELECT 1 FROM event_deliveries e
                             WHERE e.subscription_id = d.subscription_id AND e.case_id = d.case_id
                               AND e.state = 'pending' AND e.position < d.position)
          ORDER BY d.position LIMIT $2 FOR UPDATE SKIP LOCKED)
       UPDATE event_deliveries d SET claimed_until = now() + $3 * interval '1 millisecond', claim_token = $4
         FROM claimable c WHERE d.subscription_id = c.subscription_id AND d.position = c.position
       RETURNING d.position`,
      [subscriptionId, options.limit, options.leaseMs, token],
    );
    if (claimed.length === 0) return [];
    const { rows: events } = await tx.query<EventRow>(
      `SELECT e.position::text, e.id, e.case_id, e.municipality_code, e.domain, e.type, e.data,
              e.occurred_at, e.recorded_at, d.attempts
         FROM case_events e JOIN event_deliveries d ON d.position = e.position AND d.subscription_id = $1
        WHERE e.position = ANY($2::bigint[]) ORDER BY e.position`,
      [subscriptionId, claimed.map((r) => r.position)],
    );
    return events;
  });
  return {
    token,
    events: rows.map((r) => ({
      position: Number(r.position),
      id: r.id,
      caseId: r.case_id,
      municipality: r.municipality_code,
      domain: r.domain,
      type: r.type,
      data: r.data,
      occurredAt: iso(r.occurred_at),
      recordedAt: iso(r.recorded_at),
      attempts: r.attempts,
    })),
  };
}

/**
 * Records how the claimed deliveries went; deliveries of the claim not settled are released for the
 * next round. A failure that spends the receiver's last attempt makes the delivery dead (dead letter).
 * Returns the positions that went dead now. A claim that expired and was taken over is not settled here.
 */
export async function settleDeliveries(
  db: Db,
  subscriptionId: string,
  token: string,
  settlements: readonly Settlement[],
): Promise<number[]> {
  return db.transaction(async (tx) => {
    const rows = settlements.map((s) => ({
      position: s.position,
      outcome: s.outcome,
      error: s.outcome === 'failed' ? s.error.slice(0, 500) : null,
      at:
        s.outcome === 'failed'
          ? s.retryAt.toISOString()
          : s.outcome === 'deferred'
            ? s.until.toISOString()
            : null,
    }));
    const { rows: settled } = await tx.query<{ position: string; state: string }>(
      `UPDATE event_deliveries d
          SET state = CASE WHEN x.outcome = 'delivered' THEN 'delivered'
                           WHEN x.outcome = 'failed' AND d.attempts + 1 >= s.max_attempts THEN 'dead'
                           ELSE 'pending' END,
              attempts = d.attempts + (CASE WHEN x.outcome = 'failed' THEN 1 ELSE 0 END),
              next_attempt_at = coalesce(x.at, d.next_attempt_at),
              last_error = CASE WHEN x.outcome = 'failed' THEN x.error ELSE d.last_error END,
              delivered_at = CASE WHEN x.outcome = 'delivered' THEN now() ELSE d.delivered_at END,
              claimed_until = NULL, claim_token = NULL
         FROM jsonb_to_recordset($3::jsonb) AS x(position bigint, outcome text, error text, at timestamptz),
              event_subscriptions s
        WHERE d.subscription_id = $1 AND d.claim_token = $2 AND d.position = x.position AND s.id = d.subscription_id
       RETURNING d.position::text, d.state`,
      [subscriptionId, token, JSON.stringify(rows)],
    );
    await tx.query(
      `UPDATE event_deliveries SET claimed_until = NULL, claim_token = NULL
        WHERE subscription_id = $1 AND claim_token = $2`,
      [subscriptionId, token],
    );
    return settled.filter((r) => r.state === 'dead').map((r) => Number(r.position));
  });
}

/**
 * Delivers again, to one receiver, every event from `position` on that it subscribes to: delivered and
 * dead ones become pending, and events written before it subscribed are added. Returns how many.
 */
export async function replayFrom(tx: Queryable, subscriptionId: string, position: number): Promise<number> {
  await tx.query(
    `INSERT INTO event_deliveries (subscription_id, position, case_id)
     SELECT s.id, e.position, e.case_id FROM case_events e JOIN event_subscriptions s ON s.id = $1
      WHERE e.position >= $2
        AND (s.municipality_codes IS NULL OR e.municipality_code = ANY (s.municipality_codes))
        AND (s.types IS NULL OR e.type = ANY (s.types))
     ON CONFLICT (subscription_id, position) DO NOTHING`,
    [subscriptionId, position],
  );
  const { rows } = await tx.query<{ n: string }>(
    `WITH replayed AS (
       UPDATE event_deliveries SET state = 'pending', attempts = 0, next_attempt_at = now(), last_error = NULL,
                                   delivered_at = NULL, claimed_until = NULL, claim_token = NULL
        WHERE subscription_id = $1 AND position >= $2 RETURNING 1)
     SELECT count(*)::text AS n FROM replayed`,
    [subscriptionId, position],
  );
  return Number(rows[0]?.n ?? 0);
}

/** A receiver the hub itself runs (the RabbitMQ exchange, the citizen notifier): created or updated at start. */
export async function ensureBuiltInSubscription(
  db: Db,
  subscription: { id: string; kind: 'amqp' | 'notifications'; active: boolean; maxAttempts?: number },
): Promise<void> {
  await db.query(
    `INSERT INTO event_subscriptions (id, kind, active, max_attempts) VALUES ($1, $2, $3, $4)
     ON CONFLICT (id) DO UPDATE SET active = excluded.active, max_attempts = excluded.max_attempts`,
    [subscription.id, subscription.kind, subscription.active, subscription.maxAttempts ?? 12],
  );
}

/** Per receiver: deliveries pending, dead, and the age of the oldest pending one (s). */
export async function deliveryBacklog(
  db: Queryable,
): Promise<{ subscriptionId: string; pending: number; dead: number; oldestPendingSeconds: number | null }[]> {
  const { rows } = await db.query<{ id: string; pending: string; dead: string; oldest: string | null }>(
    `SELECT s.id,
            count(*) FILTER (WHERE d.state = 'pending')::text AS pending,
            count(*) FILTER (WHERE d.state = 'dead')::text AS dead,
            extract(epoch FROM now() - min(e.recorded_at) FILTER (WHERE d.state = 'pending'))::text AS oldest
       FROM event_subscriptions s
       LEFT JOIN event_deliveries d ON d.subscription_id = s.id AND d.state <> 'delivered'
       LEFT JOIN case_events e ON e.position = d.position
      GROUP BY s.id ORDER BY s.id`,
  );
  return rows.map((r) => ({
    subscriptionId: r.id,
    pending: Number(r.pending),
    dead: Number(r.dead),
    oldestPendingSeconds: r.oldest === null ? null : Math.round(Number(r.oldest)),
  }));
}
