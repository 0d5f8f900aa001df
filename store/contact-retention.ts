/**
 * Anonymising contacts past their retention (migration 019): a closed contact whose closing lies
 * further back than its municipality's period loses its person reference, callback number, free text
 * and linked cases, and its tasks their note, named officer and the office's answer. What the
 * statistics count stays: municipality, channel, topic, outcome, offices, times and the history's
 * steps (which hold no text). Open contacts are never touched: they are owned until answered.
 */
import type { Queryable } from './db.js';

export type ContactRetentionPeriods = {
  /** Months after closing, for every municipality without its own period. */
  months: number;
  /** A municipality's own period (kommunkod → months), from its records-management plan. */
  byMunicipality: Readonly<Record<string, number>>;
};

/**
 * Anonymises (or, with `dryRun`, counts) at most `maxRows` due contacts, oldest closing first, and
 * returns how many. Rows another hub is anonymising at the same moment are skipped, not waited for.
 *
 * @example
 * await anonymiseContactsIn(tx, { months: 24, byMunicipality: { '2480': 36 } }, { dryRun: false, maxRows: 10_000 });
 */
export async function anonymiseContactsIn(
  tx: Queryable,
  periods: ContactRetentionPeriods,
  options: { dryRun: boolean; maxRows: number },
): Promise<number> {
  const due = `SELECT id FROM contacts
     WHERE status = 'closed' AND anonymised_at IS NULL
       AND closed_at < now() - make_interval(months => COALESCE(($2::jsonb ->> municipality)::int, $1::int))
     ORDER BY closed_at LIMIT $3`;
  const params = [periods.months, JSON.stringify(periods.byMunicipality), options.maxRows];
  if (options.dryRun) {
    const { rows } = await tx.query<{ n: string }>(`SELECT count(*)::text AS n FROM (${due}) AS d`, params);
    return Number(rows[0]?.n ?? 0);
  }
  const { rows } = await tx.query<{ n: string }>(
    `WITH due AS (${due} FOR UPDATE SKIP LOCKED),
          tasks AS (
            UPDATE contact_tasks t
               SET note = '', officer = NULL, answer = CASE WHEN t.answer IS NULL THEN NULL ELSE '' END
              FROM due WHERE t.contact_id = due.id
            RETURNING 1),
          gone AS (
            UPDATE contacts c
               SET person_ref = NULL, callback_sealed = NULL, question = '', answer = NULL,
                   case_ids = '{}', anonymised_at = now()
              FROM due WHERE c.id = due.id
            RETURNING 1)
     SELECT count(*)::text AS n FROM gone`,
    params,
  );
  return Number(rows[0]?.n ?? 0);
}
