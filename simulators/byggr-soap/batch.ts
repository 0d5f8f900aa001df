/** Picks one GetUpdatedArenden batch: records changed in (lower, upper], by change time then dnr, at most `max`. */
import type { ChangedRecord } from '../case-data/index.js';

export type Batch<R> = { records: R[]; start: number; end: number };

/**
 * `end` tells the client where to continue (its next lower bound). A batch cut at `max` ends at its last
 * record, and never inside a group of records sharing one change time: the client's next lower bound is
 * exclusive, so a split group would lose its tail. When one such group alone is larger than `max`, the
 * batch holds the whole group. An uncut batch ends at the upper bound, or at the server's clock when
 * the bound is absent or in the future (nothing later exists yet).
 */
export function selectBatch<R>(
  byChange: readonly ChangedRecord<R>[],
  lower: number,
  upper: number | undefined,
  max: number,
  clock: number,
): Batch<R> {
  const limit = Math.min(upper ?? clock, clock);
  const from = firstAfter(byChange, lower);
  let to = from;
  while (to < byChange.length && (byChange[to] as ChangedRecord<R>).changedAt <= limit) to++;
  if (to - from <= max) {
    return { records: slice(byChange, from, to), start: lower, end: Math.max(lower, limit) };
  }
  let cut = from + max;
  const tieAt = (byChange[cut - 1] as ChangedRecord<R>).changedAt;
  if ((byChange[cut] as ChangedRecord<R>).changedAt === tieAt) {
    // Back off to before the group; if the group fills the whole batch, take all of it instead.
    let back = cut;
    while (back > from && (byChange[back - 1] as ChangedRecord<R>).changedAt === tieAt) back--;
    if (back > from) cut = back;
    else while (cut < to && (byChange[cut] as ChangedRecord<R>).changedAt === tieAt) cut++;
  }
  const records = slice(byChange, from, cut);
  return { records, start: lower, end: (byChange[cut - 1] as ChangedRecord<R>).changedAt };
}

/** Index of the first record changed after `lower` (binary search: the list is sorted by change time). */
function firstAfter<R>(byChange: readonly ChangedRecord<R>[], lower: number): number {
  let lo = 0;
  let hi = byChange.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((byChange[mid] as ChangedRecord<R>).changedAt <= lower) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function slice<R>(byChange: readonly ChangedRecord<R>[], from: number, to: number): R[] {
  return byChange.slice(from, to).map((c) => c.record);
}
