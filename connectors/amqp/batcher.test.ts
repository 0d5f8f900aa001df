/**
 * Commit batches bounded by size and time. Regressions: a batch that never leaves when the stream
 * stops short of `size`, a timed-out batch jumping the queue while the store is busy (many small
 * commits again), and a drained batch still handed on by its old timer.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { createBatcher } from './batcher.js';

function collector(options: { size: number; waitMs: number; busy?: () => boolean }) {
  const handed: number[][] = [];
  const batcher = createBatcher<number>({ ...options, onBatch: (items) => handed.push(items) });
  return { batcher, handed };
}

describe('createBatcher', () => {
  it('hands on a full batch at once, in arrival order, and starts the next', () => {
    const { batcher, handed } = collector({ size: 3, waitMs: 60_000 });
    for (const n of [1, 2, 3, 4]) batcher.add(n);
    expect(handed).toEqual([[1, 2, 3]]);
    expect(batcher.size()).toBe(1);
    batcher.drain();
  });

  it('hands on a short batch once its first item has waited', async () => {
    const { batcher, handed } = collector({ size: 100, waitMs: 20 });
    batcher.add(1);
    batcher.add(2);
    expect(handed).toEqual([]);
    while (handed.length === 0) await sleep(5);
    expect(handed).toEqual([[1, 2]]);
  });

  it('keeps collecting a timed-out batch while the store is busy, and hands it on when it is free', async () => {
    let busy = true;
    const { batcher, handed } = collector({ size: 100, waitMs: 10, busy: () => busy });
    batcher.add(1);
    await sleep(40);
    batcher.add(2);
    expect(handed).toEqual([]);
    batcher.ready();
    expect(handed).toEqual([]);
    busy = false;
    batcher.ready();
    expect(handed).toEqual([[1, 2]]);
  });

  it('still hands on a full batch while the store is busy: the prefetch bounds what is in flight', () => {
    const { batcher, handed } = collector({ size: 2, waitMs: 60_000, busy: () => true });
    batcher.add(1);
    batcher.add(2);
    expect(handed).toEqual([[1, 2]]);
  });

  it('drain takes what is collected, and its timer hands nothing on afterwards', async () => {
    const { batcher, handed } = collector({ size: 100, waitMs: 10 });
    batcher.add(1);
    expect(batcher.drain()).toEqual([1]);
    await sleep(40);
    batcher.ready();
    expect(handed).toEqual([]);
  });
});
