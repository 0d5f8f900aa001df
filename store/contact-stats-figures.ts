/**
 * The statistics' figures, one SQL aggregate each over the per-contact facts (`f`, see
 * contact-stats.ts). A figure whose data the hub does not record yet has `sql: null` and is reported as
 * "not recorded", never as zero. Adding one is this file's line plus, if it needs a new fact, one
 * column in FACT_COLUMNS.
 */

export const FIGURE_KEYS = [
  'contacts',
  'answeredDirectly',
  'forwarded',
  'referredElsewhere',
  'callbackPromised',
  'medianSecondsToAnswer',
  'p90SecondsToAnswer',
  'overdue',
  'answeredFromKnowledge',
] as const;
export type FigureKey = (typeof FIGURE_KEYS)[number];

/** How a figure that is not recorded yet is reported (a state, not a number). */
export const NOT_RECORDED = 'not_recorded' as const;

const count = (where?: string) => `(count(*)${where ? ` FILTER (WHERE ${where})` : ''})::int`;

/**
 * Each figure's aggregate. Counts are of contacts registered in the cell; the outcome is the
 * contact's current one (`contacts.outcome`: the last close, or `forwarded` once forwarded); times
 * run from registration to the first `answered` step, in seconds (PostgreSQL `percentile_cont`,
 * interpolating, over answered contacts only).
 */
export const FIGURE_SQL: Readonly<Record<FigureKey, string | null>> = {
  contacts: count(),
  answeredDirectly: count(`f.outcome = 'answered_directly'`),
  forwarded: count(`f.outcome = 'forwarded'`),
  referredElsewhere: count(`f.outcome = 'referred_elsewhere'`),
  callbackPromised: count(`f.outcome = 'callback_promised'`),
  medianSecondsToAnswer: 'percentile_cont(0.5) WITHIN GROUP (ORDER BY f.answer_seconds)',
  p90SecondsToAnswer: 'percentile_cont(0.9) WITHIN GROUP (ORDER BY f.answer_seconds)',
  // With migration 016 (contact_tasks): count(`EXISTS (SELECT 1 FROM contact_tasks t WHERE
  //   t.contact_id = f.id AND t.due_at < COALESCE(t.answered_at, f.as_of))`)
  overdue: null,
  // With migration 017 (knowledge): count(`f.knowledge_entry IS NOT NULL`), with the fact column
  //   `(SELECT … knowledge entry of the first answer …) AS knowledge_entry` in FACT_COLUMNS.
  answeredFromKnowledge: null,
};

/**
 * The office a contact counts under: the office it was forwarded to, or null for "the center
 * itself". Nothing forwards yet; with migration 016 this becomes
 * `(SELECT t.office FROM contact_tasks t WHERE t.contact_id = c.id ORDER BY t.created_at DESC, t.id DESC LIMIT 1)`.
 */
export const OFFICE_SQL = 'NULL::text';

/** One row per contact in range: what every figure aggregates over. */
export const FACT_COLUMNS = `c.id, c.municipality, c.channel, c.topic, c.outcome,
  ${OFFICE_SQL} AS office,
  (EXTRACT(EPOCH FROM (SELECT min(h.at) FROM contact_history h
     WHERE h.contact_id = c.id AND h.step = 'answered') - c.created_at))::float8 AS answer_seconds`;
