/**
 * The expected-decision-date query (issue 16) at the bench's size: the median and 80th percentile of
 * one municipality's decided cases of one type over twelve months. The hub caches it an hour per
 * municipality and type, so a case read pays it at most once an hour per type; its latency is what
 * that one read waits for.
 */

import { connectPostgres } from '../store/db.js';
import { decisionTimes } from '../store/decision-times.js';
import { type Measurement, percentile } from './measure.js';
import type { Scenario } from './scenarios.js';

export async function measureExpectedDate(url: string, now: Date, rounds = 3): Promise<Measurement> {
  const db = await connectPostgres(url, { max: 1 });
  try {
    const { rows: keys } = await db.query<{ municipality: string; case_type: string }>(
      `SELECT DISTINCT municipality_code AS municipality, doc #>> '{caseType,code}' AS case_type FROM cases`,
    );
    const to = now.toISOString();
    const from = new Date(now);
    from.setUTCFullYear(from.getUTCFullYear() - 1);
    const times: number[] = [];
    for (let round = 0; round < rounds; round++) {
      for (const k of keys) {
        const started = performance.now();
        await decisionTimes(
          db,
          { municipality: k.municipality, caseType: k.case_type },
          { from: from.toISOString(), to },
        );
        times.push(performance.now() - started);
      }
    }
    const sorted = Float64Array.from(times).sort();
    const seconds = times.reduce((a, b) => a + b, 0) / 1000;
    const scenario: Scenario = {
      key: 'expected-date',
      label: `expected decision date query, ${keys.length} municipality × case type keys, ${rounds} rounds, uncached`,
      method: 'GET',
      authenticated: false,
      variants: [],
    };
    return {
      scenario,
      key: scenario.key,
      model: 'sequential, 1 connection',
      requestsPerSecond: times.length / seconds,
      p50Ms: percentile(sorted, 50),
      p99Ms: percentile(sorted, 99),
      maxMs: sorted[sorted.length - 1] ?? Number.NaN,
      total: times.length,
      non2xx: 0,
      failures: '',
      errors: 0,
      timeouts: 0,
    };
  } finally {
    await db.close();
  }
}
