import { describe, expect, it } from 'vitest';
import { decodeCursor, encodeCursor, selectPage } from './paging.js';

const list = [
  { record: 'a', changedAt: 1 },
  { record: 'b', changedAt: 2 },
  { record: 'c', changedAt: 2 },
  { record: 'd', changedAt: 3 },
];
const id = (r: string) => r;

describe('placement paging', () => {
  it('round-trips cursors and refuses foreign ones', () => {
    expect(decodeCursor(encodeCursor({ changedAt: 5, id: 'x' }))).toEqual({ changedAt: 5, id: 'x' });
    expect(decodeCursor('bm90LWpzb24')).toBeUndefined();
  });

  it('continues inside a group sharing one updatedAt without loss or repeat', () => {
    const first = selectPage(list, id, undefined, undefined, 2);
    expect(first).toEqual({ items: ['a', 'b'], next: { changedAt: 2, id: 'b' } });
    expect(selectPage(list, id, undefined, first.next, 2)).toEqual({ items: ['c', 'd'], next: undefined });
  });

  it('includes updatedSince itself', () => {
    expect(selectPage(list, id, 2, undefined, 10).items).toEqual(['b', 'c', 'd']);
  });
});
