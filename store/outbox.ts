/**
 * Writing to the outbox (issue 15): events go into `case_events` in the caller's transaction, and the
 * database fans each out to every receiver subscribed to it (020_outbox.sql), so an event committed
 * always has its deliveries committed with it.
 */
import type { CaseEventRow } from './case-change.js';
import type { Queryable } from './db.js';

/**
 * Inserts `events` in the order given (their positions follow it). An event whose `dedupe_key` is
 * already in the outbox is not written again. Returns how many were written.
 */
export async function writeEvents(tx: Queryable, events: readonly CaseEventRow[]): Promise<number> {
  if (events.length === 0) return 0;
  const rows = events.map((e, n) => ({ ...e, n, dedupe_key: e.dedupe_key ?? null }));
  const { rows: written } = await tx.query<{ position: string }>(
    `INSERT INTO case_events (id, case_id, municipality_code, domain, type, changed, data, occurred_at, dedupe_key)
     SELECT x.id, x.case_id, x.municipality_code, x.domain, x.type,
            ARRAY(SELECT jsonb_array_elements_text(x.changed)), x.data, x.occurred_at, x.dedupe_key
       FROM jsonb_to_recordset($1::jsonb)
         AS x(n integer, id uuid, case_id uuid, municipality_code text, domain text, type text, changed jsonb,
              data jsonb, occurred_at timestamptz, dedupe_key text)
      ORDER BY x.n
     ON CONFLICT (dedupe_key) DO NOTHING
     RETURNING position`,
    [JSON.stringify(rows)],
  );
  return written.length;
}
