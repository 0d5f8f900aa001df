/** Sync bookkeeping in the database: leases, cursors, counters, the quarantine and the run log. */
import type { MappingProblem } from '../mappings/engine/index.js';
import type { QuarantineEntry, SourceState } from '../schemas/source-status.js';
import type { Db, Queryable } from '../store/db.js';

export type { QuarantineEntry, SourceState } from '../schemas/source-status.js';

const ISO = (column: string) => `to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

export function createSyncStore(db: Db) {
  return {
    async ensureSource(sourceId: string): Promise<void> {
      await db.query('INSERT INTO sync_sources (source_id) VALUES ($1) ON CONFLICT (source_id) DO NOTHING', [
        sourceId,
      ]);
    },

    /** Takes the source's lease for `ttlMs` unless another live owner holds it; true when taken. */
    async acquireLease(sourceId: string, owner: string, ttlMs: number): Promise<boolean> {
      const { rows } = await db.query(
        `UPDATE sync_sources SET lease_owner = $2, lease_until = now() + ($3::integer * interval '1 millisecond')
          WHERE source_id = $1 AND (lease_until IS NULL OR lease_until < now() OR lease_owner = $2)
          RETURNING source_id`,
        [sourceId, owner, ttlMs],
      );
      return rows.length === 1;
    },

    async releaseLease(sourceId: string, owner: string): Promise<void> {
      await db.query(
        'UPDATE sync_sources SET lease_owner = NULL, lease_until = NULL WHERE source_id = $1 AND lease_owner = $2',
        [sourceId, owner],
      );
    },

    async cursor(sourceId: string): Promise<string | null> {
      const { rows } = await db.query<{ cursor: string | null }>(
        'SELECT cursor FROM sync_sources WHERE source_id = $1',
        [sourceId],
      );
      return rows[0]?.cursor ?? null;
    },

    /** Inside the unit's transaction, so the cursor never runs ahead of (or behind) the data. */
    async setCursorIn(
      tx: Queryable,
      sourceId: string,
      cursor: string,
      counts: { stored: number; quarantined: number },
    ): Promise<void> {
      await tx.query(
        `UPDATE sync_sources SET cursor = $2, records_in = records_in + $3, records_failed = records_failed + $4, updated_at = now()
          WHERE source_id = $1`,
        [sourceId, cursor, counts.stored, counts.quarantined],
      );
    },

    async countIn(
      tx: Queryable,
      sourceId: string,
      counts: { stored: number; quarantined: number },
    ): Promise<void> {
      await tx.query(
        'UPDATE sync_sources SET records_in = records_in + $2, records_failed = records_failed + $3, updated_at = now() WHERE source_id = $1',
        [sourceId, counts.stored, counts.quarantined],
      );
    },

    /** `at` is when the attempt was made, for a note written later (see bookkeeping.ts); default now. */
    async noteAttempt(sourceId: string, at?: Date): Promise<void> {
      await db.query(
        'UPDATE sync_sources SET last_attempt_at = coalesce($2::timestamptz, now()) WHERE source_id = $1',
        [sourceId, at?.toISOString() ?? null],
      );
    },

    async noteSuccess(sourceId: string): Promise<void> {
      await db.query(
        'UPDATE sync_sources SET last_success_at = now(), last_error = NULL, consecutive_failures = 0 WHERE source_id = $1',
        [sourceId],
      );
    },

    /** `reason` must be free of personal data (connector and engine messages are). */
    async noteFailure(sourceId: string, reason: string): Promise<void> {
      await db.query(
        'UPDATE sync_sources SET last_error = $2, consecutive_failures = consecutive_failures + 1 WHERE source_id = $1',
        [sourceId, reason.slice(0, 500)],
      );
    },

    async quarantineIn(
      tx: Queryable,
      entry: {
        sourceId: string;
        sourceRecordId: string;
        reasons: MappingProblem[];
        payload: Buffer;
        mappingId: string;
        mappingVersion: string;
        /** When a connector reading the source's current state read the record (PullUnit.readAt). */
        readAt?: string;
      },
    ): Promise<void> {
      // The read time goes with the payload it belongs to: a retry maps the copy as read then.
      await tx.query(
        `INSERT INTO quarantine (source_id, source_record_id, reasons, payload, mapping_id, mapping_version, read_at)
         VALUES ($1, $2, $3::jsonb, $4, $5, $6, $7::timestamptz)
         ON CONFLICT (source_id, source_record_id) DO UPDATE SET reasons = excluded.reasons, payload = excluded.payload,
           mapping_id = excluded.mapping_id, mapping_version = excluded.mapping_version, read_at = excluded.read_at,
           attempts = quarantine.attempts + 1, last_seen_at = now()`,
        [
          entry.sourceId,
          entry.sourceRecordId,
          JSON.stringify(entry.reasons),
          entry.payload,
          entry.mappingId,
          entry.mappingVersion,
          entry.readAt ?? null,
        ],
      );
    },

    /** A record that now maps leaves the quarantine, payload and all. */
    async releaseQuarantinedIn(tx: Queryable, sourceId: string, sourceRecordIds: string[]): Promise<void> {
      if (sourceRecordIds.length === 0) return;
      await tx.query('DELETE FROM quarantine WHERE source_id = $1 AND source_record_id = ANY($2::text[])', [
        sourceId,
        sourceRecordIds,
      ]);
    },

    /**
     * Retention: removes (or, dry, counts) quarantine entries, payload and all, first seen more than
     * `keepDays` ago. A record still failing then is quarantined afresh when its source sends it again.
     */
    async expireQuarantineIn(tx: Queryable, keepDays: number, dryRun: boolean): Promise<number> {
      const due = 'first_seen_at < now() - make_interval(days => $1)';
      const { rows } = await tx.query<{ n: string }>(
        dryRun
          ? `SELECT count(*)::text AS n FROM quarantine WHERE ${due}`
          : `WITH gone AS (DELETE FROM quarantine WHERE ${due} RETURNING 1) SELECT count(*)::text AS n FROM gone`,
        [keepDays],
      );
      return Number(rows[0]?.n ?? 0);
    },

    async quarantined(sourceId: string, limit = 100): Promise<QuarantineEntry[]> {
      const { rows } = await db.query<Record<string, unknown>>(
        `SELECT source_record_id, reasons, mapping_id, mapping_version, attempts,
                ${ISO('first_seen_at')} AS first_seen_at, ${ISO('last_seen_at')} AS last_seen_at
           FROM quarantine WHERE source_id = $1 ORDER BY last_seen_at DESC LIMIT $2`,
        [sourceId, limit],
      );
      return rows.map((r) => ({
        sourceRecordId: String(r.source_record_id),
        reasons: (typeof r.reasons === 'string' ? JSON.parse(r.reasons) : r.reasons) as MappingProblem[],
        mappingId: String(r.mapping_id),
        mappingVersion: String(r.mapping_version),
        attempts: Number(r.attempts),
        firstSeenAt: String(r.first_seen_at),
        lastSeenAt: String(r.last_seen_at),
      }));
    },

    async quarantinedPayloads(
      sourceId: string,
      limit = 1000,
    ): Promise<{ sourceRecordId: string; payload: Buffer; readAt?: string }[]> {
      const { rows } = await db.query<{
        source_record_id: string;
        payload: Uint8Array;
        read_at: string | null;
      }>(
        `SELECT source_record_id, payload, ${ISO('read_at')} AS read_at
           FROM quarantine WHERE source_id = $1 ORDER BY first_seen_at LIMIT $2`,
        [sourceId, limit],
      );
      return rows.map((r) => ({
        sourceRecordId: r.source_record_id,
        payload: Buffer.from(r.payload),
        ...(r.read_at !== null ? { readAt: r.read_at } : {}),
      }));
    },

    /** One quarantined record's sealed payload (for an admin's retry or dry run); undefined when gone. */
    async quarantinedPayload(
      sourceId: string,
      sourceRecordId: string,
    ): Promise<{ sourceRecordId: string; payload: Buffer; readAt?: string } | undefined> {
      const { rows } = await db.query<{
        source_record_id: string;
        payload: Uint8Array;
        read_at: string | null;
      }>(
        `SELECT source_record_id, payload, ${ISO('read_at')} AS read_at
           FROM quarantine WHERE source_id = $1 AND source_record_id = $2`,
        [sourceId, sourceRecordId],
      );
      const r = rows[0];
      if (!r) return undefined;
      return {
        sourceRecordId: r.source_record_id,
        payload: Buffer.from(r.payload),
        ...(r.read_at !== null ? { readAt: r.read_at } : {}),
      };
    },

    /** An admin lets a record go: its entry and sealed payload are removed; false when it was not there. */
    async releaseQuarantined(sourceId: string, sourceRecordId: string): Promise<boolean> {
      const { rows } = await db.query<{ n: string }>(
        `WITH gone AS (DELETE FROM quarantine WHERE source_id = $1 AND source_record_id = $2 RETURNING 1)
         SELECT count(*)::text AS n FROM gone`,
        [sourceId, sourceRecordId],
      );
      return Number(rows[0]?.n ?? 0) > 0;
    },

    async states(): Promise<SourceState[]> {
      const { rows } = await db.query<Record<string, unknown>>(
        `SELECT s.source_id, s.cursor, ${ISO('s.last_attempt_at')} AS last_attempt_at, ${ISO('s.last_success_at')} AS last_success_at,
                s.last_error, s.consecutive_failures, s.records_in, s.records_failed,
                (SELECT count(*) FROM quarantine q WHERE q.source_id = s.source_id) AS quarantined
           FROM sync_sources s ORDER BY s.source_id`,
      );
      return rows.map((r) => ({
        sourceId: String(r.source_id),
        cursor: (r.cursor as string | null) ?? null,
        lastAttemptAt: (r.last_attempt_at as string | null) ?? null,
        lastSuccessAt: (r.last_success_at as string | null) ?? null,
        lastError: (r.last_error as string | null) ?? null,
        consecutiveFailures: Number(r.consecutive_failures),
        recordsIn: Number(r.records_in),
        recordsFailed: Number(r.records_failed),
        quarantined: Number(r.quarantined),
      }));
    },

    async startRun(sourceId: string, owner: string): Promise<number> {
      const { rows } = await db.query<{ id: string }>(
        'INSERT INTO sync_runs (source_id, owner) VALUES ($1, $2) RETURNING id',
        [sourceId, owner],
      );
      return Number(rows[0]?.id);
    },

    /** `finishedAt` is when the run ended, for a write that waited for the store; default now. */
    async finishRun(
      runId: number,
      outcome: string,
      counts: { stored: number; quarantined: number; units: number },
      finishedAt?: Date,
    ): Promise<void> {
      await db.query(
        `UPDATE sync_runs SET finished_at = coalesce($6::timestamptz, now()), outcome = $2, stored = $3, quarantined = $4, units = $5
          WHERE id = $1`,
        [
          runId,
          outcome.slice(0, 200),
          counts.stored,
          counts.quarantined,
          counts.units,
          finishedAt?.toISOString() ?? null,
        ],
      );
    },

    /** A whole run written at once: one that could not even start because the store was away. */
    async recordRun(
      sourceId: string,
      owner: string,
      at: { startedAt: Date; finishedAt: Date },
      outcome: string,
    ): Promise<void> {
      await db.query(
        `INSERT INTO sync_runs (source_id, owner, started_at, finished_at, outcome, stored, quarantined, units)
         VALUES ($1, $2, $3, $4, $5, 0, 0, 0)`,
        [sourceId, owner, at.startedAt.toISOString(), at.finishedAt.toISOString(), outcome.slice(0, 200)],
      );
    },
  };
}

export type SyncStore = ReturnType<typeof createSyncStore>;
