/**
 * The expected decision date of an open case (issue 16), learned from its office's own history: the
 * received date plus the median and the 80th percentile of how long the municipality's decided cases
 * of the same type took over the last 12 months. Not shown from fewer than 20 decided cases, for a case
 * without a received date, or for one already decided. A figure per municipality and case type is
 * computed once an hour, not per read.
 */
import type { CanonicalCase } from '../schemas/case.js';
import type { ExpectedDecision } from '../schemas/case-view.js';
import { stockholmDate } from '../schemas/deadline.js';
import type { DecisionTimes } from '../store/decision-times.js';

/** Fewer decided cases than this say too little to show a date. */
export const MIN_DECIDED_CASES = 20;
const DAY_MS = 86_400_000;
const SETTLED = new Set(['decided', 'closed', 'withdrawn']);

/** Days rounded up, after the float noise of interpolation (36.000000000000004 is 36). */
function wholeDays(days: number): number {
  return Math.ceil(Number(days.toFixed(6)));
}

export type DecisionTimesQuery = (
  key: { municipality: string; caseType: string },
  period: { from: string; to: string },
) => Promise<DecisionTimes>;

export type ExpectedDecisions = { forCase(c: CanonicalCase): Promise<ExpectedDecision | undefined> };

/**
 * @example
 * const expected = createExpectedDecisions((key, period) => decisionTimes(db, key, period), () => new Date());
 * await expected.forCase(c); // { median: '2026-05-02', likelyBy: '2026-05-20', … } or undefined
 */
export function createExpectedDecisions(
  query: DecisionTimesQuery,
  now: () => Date,
  options: { ttlMs?: number } = {},
): ExpectedDecisions {
  const ttlMs = options.ttlMs ?? 3_600_000;
  const cache = new Map<
    string,
    { at: number; value: Promise<{ times: DecisionTimes; from: string; to: string }> }
  >();

  function timesFor(municipality: string, caseType: string) {
    const key = `${municipality}\u0000${caseType}`;
    const at = now().getTime();
    const hit = cache.get(key);
    if (hit && at - hit.at < ttlMs) return hit.value;
    const to = new Date(at);
    const from = new Date(to);
    from.setUTCFullYear(from.getUTCFullYear() - 1);
    const value = query({ municipality, caseType }, { from: from.toISOString(), to: to.toISOString() }).then(
      (times) => ({ times, from: stockholmDate(from), to: stockholmDate(to) }),
    );
    // A failed query is not kept: the next read asks again.
    value.catch(() => cache.delete(key));
    cache.set(key, { at, value });
    return value;
  }

  return {
    async forCase(c) {
      if (!c.receivedAt || c.decidedAt || SETTLED.has(c.status.code)) return undefined;
      const { times, from, to } = await timesFor(c.municipality.code, c.caseType.code);
      if (times.cases < MIN_DECIDED_CASES || times.medianDays === null || times.p80Days === null)
        return undefined;
      const medianDays = wholeDays(times.medianDays);
      const p80Days = wholeDays(times.p80Days);
      const received = Date.parse(c.receivedAt);
      return {
        median: stockholmDate(new Date(received + medianDays * DAY_MS)),
        likelyBy: stockholmDate(new Date(received + p80Days * DAY_MS)),
        medianDays,
        p80Days,
        basedOn: { cases: times.cases, decidedFrom: from, decidedTo: to },
      };
    },
  };
}
