/** Formats the bench's measurements and judged targets as plain-text tables. */
import type { Measurement } from './measure.js';
import type { Judged } from './targets.js';

export function table(rows: string[][]): string {
  const widths = rows[0]?.map((_, c) => Math.max(...rows.map((r) => (r[c] ?? '').length))) ?? [];
  const line = (r: string[]) =>
    r.map((cell, c) => (c <= 1 ? cell.padEnd(widths[c] ?? 0) : cell.padStart(widths[c] ?? 0))).join('  ');
  const [head, ...body] = rows;
  return [line(head ?? []), widths.map((w) => '-'.repeat(w)).join('  '), ...body.map(line)].join('\n');
}

const fmt = (n: number, digits: number) => (Number.isFinite(n) ? n.toFixed(digits) : '–');

/** Every measured row: key, what it is, the load model, throughput and exact latency percentiles. */
export function measurementsTable(results: Measurement[]): string {
  const rows = [['row', 'load', 'req/s', 'p50 ms', 'p99 ms', 'max ms', 'non-2xx', 'errors', 'what']];
  for (const r of results) {
    rows.push([
      r.key,
      r.model,
      fmt(r.requestsPerSecond, 0),
      fmt(r.p50Ms, 2),
      fmt(r.p99Ms, 2),
      fmt(r.maxMs, 1),
      String(r.non2xx),
      String(r.errors),
      r.scenario.label,
    ]);
  }
  return table(rows);
}

/** Every target with what was measured and MET or MISSED. */
export function targetsTable(judged: Judged[]): string {
  return table([
    ['row', 'target', 'measured', 'result'],
    ...judged.map((j) => [j.row, j.target, j.measured, j.met ? 'MET' : 'MISSED']),
  ]);
}
