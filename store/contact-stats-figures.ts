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
 * interpolating, over answered contacts only). An answer is the center's own (`answered`) or the
 * office's to a forwarded contact (`task_answered`), whichever came first.
 */
export const FIGURE_SQL: Readonly<Record<FigureKey, string | null>> = {
  contacts: count(),
  answeredDirectly: count(`f.outcome = 'answered_directly'`),
  forwarded: count(`f.outcome = 'forwarded'`),
  referredElsewhere: count(`f.outcome = 'referred_elsewhere'`),
  callbackPromised: count(`f.outcome = 'callback_promised'`),
  medianSecondsToAnswer: 'percentile_cont(0.5) WITHIN GROUP (ORDER BY f.answer_seconds)',
  p90SecondsToAnswer: 'percentile_cont(0.9) WITHIN GROUP (ORDER BY f.answer_seconds)',
  // A contact whose task passed its due time before the office answered (or before it was closed, or
  // before the report's end while still open).
  overdue: count(`EXISTS (SELECT 1 FROM contact_tasks t WHERE t.contact_id = f.id
    AND t.due_at < LEAST(COALESCE(t.answered_at, t.closed_at, f.as_of), f.as_of))`),
  // The answer the contact holds was taken from a published knowledge entry.
  answeredFromKnowledge: count('f.knowledge_entry IS NOT NULL'),
};

/** The office a contact counts under: the office it was last forwarded to, or null for "the center itself". */
export const OFFICE_SQL = `(SELECT t.office FROM contact_tasks t WHERE t.contact_id = c.id
  ORDER BY t.created_at DESC, t.id DESC LIMIT 1)`;

/** One row per contact in range: what every figure aggregates over. */
export const FACT_COLUMNS = `c.id, c.municipality, c.channel, c.topic, c.outcome,
  ${OFFICE_SQL} AS office, c.knowledge_entry_id AS knowledge_entry,
  (EXTRACT(EPOCH FROM (SELECT min(h.at) FROM contact_history h
     WHERE h.contact_id = c.id AND h.step IN ('answered', 'task_answered')) - c.created_at))::float8
     AS answer_seconds`;
