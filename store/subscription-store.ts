/**
 * Webhook subscriptions (issue 15, table `event_subscriptions` of 020_outbox.sql): what admins
 * register, what the webhook relays read, and the dead deliveries an admin looks at before a replay.
 * The signing secret is stored sealed; this module never sees it in clear.
 */
import type { CaseEventType } from './case-change.js';
import type { Db } from './db.js';
import { deliveryBacklog, replayFrom } from './event-deliveries.js';

export type WebhookSubscription = {
  id: string;
  url: string;
  secretSealed: string;
  /** The secret a rotation replaced, still signing beside the new one until `until` (a grace period). */
  previousSecret: { sealed: string; until: string } | null;
  municipalities: string[];
  /** The event types it receives; null for all. */
  types: CaseEventType[] | null;
  alertEmail: string | null;
  description: string | null;
  maxAttempts: number;
  active: boolean;
  createdBy: string | null;
  createdAt: string;
};

export type NewWebhookSubscription = Omit<WebhookSubscription, 'createdAt' | 'active' | 'previousSecret'> & {
  active?: boolean;
};

/** What an update may change; absent fields stay as they are (null clears an optional one). */
export type WebhookChange = Partial<
  Pick<WebhookSubscription, 'url' | 'types' | 'alertEmail' | 'description' | 'maxAttempts' | 'active'>
>;

export type Backlog = { pending: number; dead: number; oldestPendingSeconds: number | null };

/** A dead delivery as an admin sees it: ids, type and why, never the event's contents. */
export type DeadDelivery = {
  position: number;
  eventId: string;
  caseId: string;
  type: CaseEventType;
  attempts: number;
  lastError: string | null;
  recordedAt: string;
};

type SubscriptionRow = {
  id: string;
  url: string;
  secret_sealed: string;
  previous_secret_sealed: string | null;
  previous_secret_until: Date | string | null;
  municipality_codes: string[];
  types: CaseEventType[] | null;
  alert_email: string | null;
  description: string | null;
  max_attempts: number;
  active: boolean;
  created_by: string | null;
  created_at: Date | string;
};

const COLUMNS = `id, url, secret_sealed, previous_secret_sealed, previous_secret_until, municipality_codes, types, alert_email, description, max_attempts,
                 active, created_by, created_at`;

const iso = (t: Date | string) => new Date(t).toISOString();

function fromRow(r: SubscriptionRow): WebhookSubscription {
  return {
    id: r.id,
    url: r.url,
    secretSealed: r.secret_sealed,
    previousSecret:
      r.previous_secret_sealed && r.previous_secret_until
        ? { sealed: r.previous_secret_sealed, until: iso(r.previous_secret_until) }
        : null,
    municipalities: r.municipality_codes,
    types: r.types,
    alertEmail: r.alert_email,
    description: r.description,
    maxAttempts: r.max_attempts,
    active: r.active,
    createdBy: r.created_by,
    createdAt: iso(r.created_at),
  };
}

export type SubscriptionStore = ReturnType<typeof createSubscriptionStore>;

/**
 * @example
 * const subscriptions = createSubscriptionStore(db);
 * await subscriptions.visibleTo(['2480']);
 */
export function createSubscriptionStore(db: Db) {
  return {
    async insert(s: NewWebhookSubscription): Promise<WebhookSubscription> {
      const { rows } = await db.query<SubscriptionRow>(
        `INSERT INTO event_subscriptions (id, kind, url, secret_sealed, municipality_codes, types, alert_email,
                                          description, max_attempts, active, created_by)
         VALUES ($1, 'webhook', $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING ${COLUMNS}`,
        [
          s.id,
          s.url,
          s.secretSealed,
          s.municipalities,
          s.types,
          s.alertEmail,
          s.description,
          s.maxAttempts,
          s.active ?? true,
          s.createdBy,
        ],
      );
      return fromRow(rows[0] as SubscriptionRow);
    },

    async get(id: string): Promise<WebhookSubscription | undefined> {
      const { rows } = await db.query<SubscriptionRow>(
        `SELECT ${COLUMNS} FROM event_subscriptions WHERE id = $1 AND kind = 'webhook'`,
        [id],
      );
      return rows[0] ? fromRow(rows[0]) : undefined;
    },

    /** The webhooks whose municipalities all lie within `municipalities`, oldest first. */
    async visibleTo(municipalities: readonly string[]): Promise<WebhookSubscription[]> {
      if (municipalities.length === 0) return [];
      const { rows } = await db.query<SubscriptionRow>(
        `SELECT ${COLUMNS} FROM event_subscriptions
          WHERE kind = 'webhook' AND municipality_codes <@ $1::text[] ORDER BY created_at, id`,
        [municipalities],
      );
      return rows.map(fromRow);
    },

    /** Every active webhook: what the relays deliver to. */
    async active(): Promise<WebhookSubscription[]> {
      const { rows } = await db.query<SubscriptionRow>(
        `SELECT ${COLUMNS} FROM event_subscriptions WHERE kind = 'webhook' AND active ORDER BY id`,
      );
      return rows.map(fromRow);
    },

    async update(id: string, change: WebhookChange): Promise<WebhookSubscription | undefined> {
      const has = (k: keyof WebhookChange) => change[k] !== undefined;
      const { rows } = await db.query<SubscriptionRow>(
        `UPDATE event_subscriptions SET
            url = CASE WHEN $2 THEN $3 ELSE url END,
            types = CASE WHEN $4 THEN $5::text[] ELSE types END,
            alert_email = CASE WHEN $6 THEN $7 ELSE alert_email END,
            description = CASE WHEN $8 THEN $9 ELSE description END,
            max_attempts = CASE WHEN $10 THEN $11::integer ELSE max_attempts END,
            active = CASE WHEN $12 THEN $13::boolean ELSE active END
          WHERE id = $1 AND kind = 'webhook' RETURNING ${COLUMNS}`,
        [
          id,
          has('url'),
          change.url ?? null,
          has('types'),
          change.types ?? null,
          has('alertEmail'),
          change.alertEmail ?? null,
          has('description'),
          change.description ?? null,
          has('maxAttempts'),
          change.maxAttempts ?? null,
          has('active'),
          change.active ?? null,
        ],
      );
      return rows[0] ? fromRow(rows[0]) : undefined;
    },

    /**
     * A new secret; the one it replaces keeps signing until `graceUntil` (none: it stops at once). A
     * rotation during a grace period drops the older one: at most two secrets sign.
     */
    async setSecret(id: string, secretSealed: string, graceUntil?: Date): Promise<boolean> {
      const { rows } = await db.query<{ id: string }>(
        `UPDATE event_subscriptions
            SET previous_secret_sealed = CASE WHEN $3::timestamptz IS NULL THEN NULL ELSE secret_sealed END,
                previous_secret_until = $3::timestamptz,
                secret_sealed = $2
          WHERE id = $1 AND kind = 'webhook' RETURNING id`,
        [id, secretSealed, graceUntil?.toISOString() ?? null],
      );
      return rows.length > 0;
    },

    /** Removes the webhook and (cascade) its deliveries. */
    async remove(id: string): Promise<boolean> {
      const { rows } = await db.query<{ id: string }>(
        `DELETE FROM event_subscriptions WHERE id = $1 AND kind = 'webhook' RETURNING id`,
        [id],
      );
      return rows.length > 0;
    },

    /** Per subscription id: pending, dead and the oldest pending one's age. */
    async backlogs(): Promise<Map<string, Backlog>> {
      const all = await deliveryBacklog(db);
      return new Map(all.map(({ subscriptionId, ...b }) => [subscriptionId, b]));
    },

    /** How many of its deliveries are dead (waiting for a replay). */
    async deadCount(id: string): Promise<number> {
      const { rows } = await db.query<{ n: string }>(
        `SELECT count(*)::text AS n FROM event_deliveries WHERE subscription_id = $1 AND state = 'dead'`,
        [id],
      );
      return Number(rows[0]?.n ?? 0);
    },

    /** Delivers again every event from `position` on (see replayFrom); returns how many. */
    async replay(id: string, position: number): Promise<number> {
      return db.transaction((tx) => replayFrom(tx, id, position));
    },

    /** Dead deliveries, oldest first, from `after` (a position) on. */
    async dead(id: string, options: { limit: number; after?: number }): Promise<DeadDelivery[]> {
      const { rows } = await db.query<{
        position: string;
        id: string;
        case_id: string;
        type: CaseEventType;
        attempts: number;
        last_error: string | null;
        recorded_at: Date | string;
      }>(
        `SELECT d.position::text, e.id, d.case_id, e.type, d.attempts, d.last_error, e.recorded_at
           FROM event_deliveries d JOIN case_events e ON e.position = d.position
          WHERE d.subscription_id = $1 AND d.state = 'dead' AND d.position > $2
          ORDER BY d.position LIMIT $3`,
        [id, options.after ?? 0, options.limit],
      );
      return rows.map((r) => ({
        position: Number(r.position),
        eventId: r.id,
        caseId: r.case_id,
        type: r.type,
        attempts: r.attempts,
        lastError: r.last_error,
        recordedAt: iso(r.recorded_at),
      }));
    },
  };
}
