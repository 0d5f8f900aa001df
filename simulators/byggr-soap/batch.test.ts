import { describe, expect, it } from 'vitest';
import { selectBatch } from './batch.js';

const at = (...times: number[]) => times.map((changedAt, i) => ({ record: `r${i}`, changedAt }));

describe('selectBatch', () => {
  it('takes records changed in (lower, upper], ending an uncut batch at the upper bound', () => {
    const batch = selectBatch(at(10, 20, 30, 40), 10, 30, 100, 50);
    expect(batch).toEqual({ records: ['r1', 'r2'], start: 10, end: 30 });
  });

  it('ends an uncut batch without upper bound at the clock, and never before the lower bound', () => {
    expect(selectBatch(at(10, 20), 0, undefined, 100, 25).end).toBe(25);
    expect(selectBatch(at(10, 20), 90, 99, 100, 25)).toEqual({ records: [], start: 90, end: 90 });
  });

  it('clamps a future upper bound to the clock: nothing later exists yet', () => {
    expect(selectBatch(at(10, 20), 0, 1000, 100, 25).end).toBe(25);
  });

  it('cuts at the maximum and ends at the last record taken', () => {
    expect(selectBatch(at(1, 2, 3, 4, 5), 0, undefined, 2, 9)).toEqual({
      records: ['r0', 'r1'],
      start: 0,
      end: 2,
    });
  });

  it('never splits records that share a change time', () => {
    expect(selectBatch(at(1, 2, 2, 2, 3), 0, undefined, 2, 9)).toEqual({ records: ['r0'], start: 0, end: 1 });
    // A group larger than the maximum is taken whole.
    expect(selectBatch(at(2, 2, 2, 3), 0, undefined, 2, 9)).toEqual({
      records: ['r0', 'r1', 'r2'],
      start: 0,
      end: 2,
    });
  });
});
