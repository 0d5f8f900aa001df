/**
 * Issue 17's targets for the API rows, judged against rows measured in the same run: a ratio to a
 * ceiling (a bare route running the same SQL), or a p99 at a fixed arrival rate.
 */
import type { Measurement } from './measure.js';

export type Judged = { row: string; measured: string; target: string; met: boolean };

type Spec = { row: string; of: string; min: number; moonshot?: number } | { row: string; p99Below: number };

const ceilings = (key: string): Spec[] => [
  { row: key, of: `${key}.bare-audit`, min: 1.0, moonshot: 1.3 },
  { row: key, of: `${key}.bare`, min: 0.6 },
  { row: `${key}@500`, p99Below: 10 },
];

export const API_TARGETS: Spec[] = [
  ...ceilings('case'),
  ...ceilings('ref'),
  ...ceilings('pnr'),
  { row: 'text@50', p99Below: 50 },
  { row: 'common@50', p99Below: 50 },
  // Cached an hour per municipality and case type: the one read that misses waits for it, at most half a second.
  { row: 'expected-date', p99Below: 500 },
];

/** The arrival rates each scenario is measured at, besides the closed loop. */
export const OPEN_RATES: Record<string, number[]> = {
  // The ceilings at 500 req/s too: what of a hub row's tail the database and the machine give any route.
  'case.bare': [500],
  'case.bare-audit': [500],
  case: [100, 500],
  'ref.bare-audit': [500],
  ref: [100, 500],
  'pnr.bare-audit': [500],
  pnr: [100, 500],
  text: [50],
  common: [50],
};

/** What a target's measurement says when one of its rows did not run. */
export const NOT_MEASURED = 'not measured';

const failed = (m: Measurement) =>
  m.non2xx > 0 || m.errors > 0
    ? `${m.non2xx} non-2xx${m.failures ? ` (${m.failures})` : ''}, ${m.errors} errors`
    : '';

export function judgeApi(results: Measurement[]): Judged[] {
  const byKey = new Map(results.map((m) => [m.key, m]));
  return API_TARGETS.map((spec): Judged => {
    const m = byKey.get(spec.row);
    if ('of' in spec) {
      const base = byKey.get(spec.of);
      const target = `≥ ${spec.min.toFixed(2)}× ${spec.of}${spec.moonshot ? ` (moonshot ${spec.moonshot.toFixed(2)}×)` : ''}`;
      if (!m || !base) return { row: spec.row, measured: NOT_MEASURED, target, met: false };
      const ratio = m.requestsPerSecond / base.requestsPerSecond;
      const bad = failed(m) || failed(base);
      return {
        row: spec.row,
        measured: bad
          ? bad
          : `${ratio.toFixed(2)}× (${Math.round(m.requestsPerSecond)} vs ${Math.round(base.requestsPerSecond)} req/s)${spec.moonshot && ratio >= spec.moonshot ? ', moonshot' : ''}`,
        target,
        met: !bad && ratio >= spec.min,
      };
    }
    const target = `p99 < ${spec.p99Below} ms`;
    if (!m) return { row: spec.row, measured: NOT_MEASURED, target, met: false };
    const bad = failed(m);
    return {
      row: spec.row,
      measured: bad || `p99 ${m.p99Ms.toFixed(2)} ms (p50 ${m.p50Ms.toFixed(2)}, max ${m.maxMs.toFixed(1)})`,
      target,
      met: !bad && m.p99Ms < spec.p99Below,
    };
  });
}
