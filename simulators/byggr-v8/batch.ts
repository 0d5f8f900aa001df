/**
 * GetUpdatedArenden windows: the cases changed in (LowerExclusiveBound, UpperInclusiveBound], at most
 * `max` of them, and where the client continues (BatchEnd).
 */
import type { ByggrV8Changed } from './data.js';
import type { V8Arende } from './model.js';

export type V8Batch = { records: V8Arende[]; start: number; end: number };

/** .NET's DateTime.MinValue: what a missing non-nillable dateTime deserialises to in WCF. */
export const DATETIME_MIN = Date.parse('0001-01-01T00:00:00Z');

/**
 * Semantics are undocumented (sheet §2.2 [?]); the simulator takes the reading Sundsvall's archiver
 * relies on: a batch may be partial, `BatchEnd` is where the next call's lower bound goes, and the
 * client pages by time. A batch cut at `max` ends at its last case's change time and never splits a
 * group sharing one change time (the next lower bound is exclusive); a group larger than `max` is
 * sent whole. An uncut batch ends at the upper bound, or at the server's clock when the bound is nil
 * or in the future. `BatchStart` echoes the lower bound.
 */
export function selectBatch(
  byChange: readonly ByggrV8Changed[],
  lower: number,
  upper: number | undefined,
  max: number,
  clock: number,
): V8Batch {
  const limit = Math.min(upper ?? clock, clock);
  const window = inWindow(byChange, lower, limit);
  if (window.length <= max)
    return { records: window.map((c) => c.record), start: lower, end: Math.max(lower, limit) };
  let cut = max;
  const tieAt = window[cut - 1]?.changedAt;
  if (window[cut]?.changedAt === tieAt) {
    let back = cut;
    while (back > 0 && window[back - 1]?.changedAt === tieAt) back--;
    if (back > 0) cut = back;
    else while (cut < window.length && window[cut]?.changedAt === tieAt) cut++;
  }
  const taken = window.slice(0, cut);
  return { records: taken.map((c) => c.record), start: lower, end: taken.at(-1)?.changedAt ?? limit };
}

/** Every change in (lower, limit], in change order. */
export function inWindow(
  byChange: readonly ByggrV8Changed[],
  lower: number,
  limit: number,
): ByggrV8Changed[] {
  return byChange.filter((c) => c.changedAt > lower && c.changedAt <= limit);
}
