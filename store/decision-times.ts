/**
 * How long an office takes to decide (issue 16): the median and 80th percentile, in days, from
 * received to decided, of one municipality's decided cases of one case type decided in a period.
 * Cases never decided are not in it (they have no duration yet); nor are cases without a received date.
 */
import type { Queryable } from './db.js';

export type DecisionTimes = { cases: number; medianDays: number | null; p80Days: number | null };

/**
 * @param period decided on or after `from` and before `to` (ISO instants). The decision time is compared
 * as the source wrote it (ISO text, its own offset): an edge case an hour off changes no figure that matters.
 */
export async function decisionTimes(
  db: Queryable,
  key: { municipality: string; caseType: string },
  period: { from: string; to: string },
): Promise<DecisionTimes> {
  const { rows } = await db.query<{ cases: string; median: number | null; p80: number | null }>(
    `SELECT count(*)::text AS cases,
            percentile_cont(0.5) WITHIN GROUP (ORDER BY d.days) AS median,
            percentile_cont(0.8) WITHIN GROUP (ORDER BY d.days) AS p80
       FROM (SELECT extract(epoch FROM (c.doc ->> 'decidedAt')::timestamptz - (c.doc ->> 'receivedAt')::timestamptz) / 86400 AS days
               FROM cases c
              WHERE c.municipality_code = $1 AND c.doc #>> '{caseType,code}' = $2
                AND c.doc ->> 'decidedAt' IS NOT NULL AND c.doc ->> 'receivedAt' IS NOT NULL
                AND c.doc ->> 'decidedAt' >= $3 AND c.doc ->> 'decidedAt' < $4) d
      WHERE d.days >= 0`,
    [key.municipality, key.caseType, period.from, period.to],
  );
  const row = rows[0];
  const cases = Number(row?.cases ?? 0);
  return {
    cases,
    medianDays: cases > 0 && row?.median !== null ? Number(row?.median) : null,
    p80Days: cases > 0 && row?.p80 !== null ? Number(row?.p80) : null,
  };
}
