/**
 * Retention of the outbox (issue 15): an event is kept `days` after it was written, for replays, and
 * then removed with its deliveries, unless a receiver still has it pending (it is removed once that
 * receiver took it or gave up). Events hold no personal data; this keeps the table from growing.
 */
import type { Queryable } from './db.js';

export async function expireEventsIn(
  tx: Queryable,
  days: number,
  options: { dryRun: boolean; maxRows: number },
): Promise<number> {
  const select = `SELECT e.position FROM case_events e
                   WHERE e.recorded_at < now() - $1 * interval '1 day'
                     AND NOT EXISTS (SELECT 1 FROM event_deliveries d WHERE d.position = e.position AND d.state = 'pending')
                   ORDER BY e.position LIMIT $2`;
  if (options.dryRun) {
    const { rows } = await tx.query<{ n: string }>(`SELECT count(*)::text AS n FROM (${select}) x`, [
      days,
      options.maxRows,
    ]);
    return Number(rows[0]?.n ?? 0);
  }
  const { rows } = await tx.query<{ n: string }>(
    `WITH gone AS (DELETE FROM case_events WHERE position IN (${select}) RETURNING 1)
     SELECT count(*)::text AS n FROM gone`,
    [days, options.maxRows],
  );
  return Number(rows[0]?.n ?? 0);
}
