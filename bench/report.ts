/** Formats the bench results as a plain-text table and judges them against the Foundation targets. */
import type { Measurement } from './measure.js';

export type Verdict = { text: string; met: boolean | undefined };

/** Judges one measurement; the baseline (no target) gets `met: undefined`. */
export function verdict(m: Measurement, baselineRps: number): Verdict {
  const t = m.scenario.target;
  if (m.scenario.informational)
    return { text: 'no target', met: m.non2xx > 0 || m.errors > 0 ? false : undefined };
  if (!t) return { text: 'baseline', met: undefined };
  const ratio = m.requestsPerSecond / baselineRps;
  const parts = [`p99 < ${t.p99Ms} ms`];
  let met = m.p99Ms < t.p99Ms;
  if (t.minRatio !== undefined) {
    parts.unshift(`≥ ${t.minRatio.toFixed(2)}×(a)`);
    met = met && ratio >= t.minRatio;
  }
  // Errors mean the numbers describe failures, not the service.
  if (m.non2xx > 0 || m.errors > 0) met = false;
  return { text: parts.join(', '), met };
}

function table(rows: string[][]): string {
  const widths = rows[0]?.map((_, c) => Math.max(...rows.map((r) => (r[c] ?? '').length))) ?? [];
  const line = (r: string[]) =>
    r.map((cell, c) => (c === 0 ? cell.padEnd(widths[c] ?? 0) : cell.padStart(widths[c] ?? 0))).join('  ');
  const [head, ...body] = rows;
  return [line(head ?? []), widths.map((w) => '-'.repeat(w)).join('  '), ...body.map(line)].join('\n');
}

const fmt = (n: number, digits: number) => (Number.isFinite(n) ? n.toFixed(digits) : '–');

/** The results table; returns it with the number of missed targets. */
export function resultsTable(results: Measurement[]): { text: string; missed: number } {
  const baseline =
    results.find((r) => !r.scenario.target && !r.scenario.informational)?.requestsPerSecond ?? Number.NaN;
  let missed = 0;
  const rows = [['scenario', 'req/s', 'p50 ms', 'p99 ms', 'vs (a)', 'non-2xx', 'errors', 'target', 'result']];
  for (const r of results) {
    const v = verdict(r, baseline);
    if (v.met === false) missed++;
    rows.push([
      `(${r.scenario.key}) ${r.scenario.label}`,
      fmt(r.requestsPerSecond, 0),
      fmt(r.p50Ms, 2),
      fmt(r.p99Ms, 2),
      fmt(r.requestsPerSecond / baseline, 2),
      String(r.non2xx),
      String(r.errors),
      v.text,
      v.met === undefined ? '' : v.met ? 'met' : 'MISSED',
    ]);
  }
  return { text: table(rows), missed };
}
