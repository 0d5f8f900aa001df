/**
 * Removing cases their source deleted (gallring, makulering): a tombstone keeps older data from
 * bringing a case back, and receivers of events out are told the case is gone.
 */
import { randomUUID } from 'node:crypto';
import type { CaseRemoval } from './case-upsert.js';
import type { Queryable } from './db.js';
import { writeEvents } from './outbox.js';

/**
 * Removes cases their source deleted (gallring, makulering), with their history, unless the hub holds
 * a version newer than the deletion; leaves a tombstone so older data cannot bring them back.
 * Returns the ids removed.
 */
export async function removeBatch(tx: Queryable, removals: readonly CaseRemoval[]): Promise<string[]> {
  if (removals.length === 0) return [];
  const rows = JSON.stringify(
    removals.map((r) => ({
      case_id: r.id,
      at: r.at,
      municipality_code: r.key?.municipalityCode ?? null,
      source_system: r.key?.sourceSystem ?? null,
      source_id: r.key?.sourceId ?? null,
    })),
  );
  await tx.query(
    `INSERT INTO case_tombstones AS t (case_id, source_deleted_at, municipality_code, source_system, source_id)
     SELECT x.case_id, max(x.at), max(x.municipality_code), max(x.source_system), max(x.source_id)
       FROM jsonb_to_recordset($1::jsonb)
         AS x(case_id uuid, at timestamptz, municipality_code text, source_system text, source_id text)
      GROUP BY x.case_id
     ON CONFLICT (case_id) DO UPDATE SET source_deleted_at = greatest(t.source_deleted_at, excluded.source_deleted_at),
                                          municipality_code = coalesce(t.municipality_code, excluded.municipality_code),
                                          source_system = coalesce(t.source_system, excluded.source_system),
                                          source_id = coalesce(t.source_id, excluded.source_id),
                                          recorded_at = now()`,
    [rows],
  );
  const { rows: removed } = await tx.query<{
    id: string;
    municipality_code: string;
    domain: string;
    at: string;
  }>(
    `DELETE FROM cases c USING case_tombstones t
      WHERE t.case_id = c.id AND c.id = ANY($1::uuid[]) AND c.source_updated_at <= t.source_deleted_at
      RETURNING c.id, c.municipality_code, c.domain, t.source_deleted_at AS at`,
    [removals.map((r) => r.id)],
  );
  // Receivers are told the case is gone (they may hold a copy read through the API); nothing else.
  await writeEvents(
    tx,
    removed.map((r) => ({
      id: randomUUID(),
      case_id: r.id,
      municipality_code: r.municipality_code,
      domain: r.domain,
      type: 'deleted' as const,
      changed: [],
      data: { changed: [] },
      occurred_at: new Date(r.at).toISOString(),
    })),
  );
  return removed.map((r) => r.id);
}
