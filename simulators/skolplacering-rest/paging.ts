/** Keyset paging for `GET /api/v2/placements`: ordered by updatedAt then id, with an opaque cursor. */
import type { ChangedRecord } from '../case-data/index.js';

/** A position in the (updatedAt, id) order: the last item a page gave. */
export type Position = { changedAt: number; id: string };

/** Opaque to clients (base64url of JSON), so the server may change what it holds. */
export function encodeCursor(p: Position): string {
  return Buffer.from(JSON.stringify([p.changedAt, p.id])).toString('base64url');
}

export function decodeCursor(cursor: string): Position | undefined {
  try {
    const value: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(value) && Number.isFinite(value[0]) && typeof value[1] === 'string')
      return { changedAt: value[0] as number, id: value[1] };
  } catch {
    // fall through: not one of ours
  }
  return undefined;
}

function afterPosition(c: Position, p: Position): boolean {
  return c.changedAt > p.changedAt || (c.changedAt === p.changedAt && c.id > p.id);
}

/**
 * One page: items updated at or after `since` (inclusive, so a client re-reading its watermark loses
 * nothing) and strictly after `after`. `next` is set when more items follow the page.
 */
export function selectPage<R>(
  byChange: readonly ChangedRecord<R>[],
  idOf: (record: R) => string,
  since: number | undefined,
  after: Position | undefined,
  limit: number,
): { items: R[]; next: Position | undefined } {
  const items: R[] = [];
  let last: Position | undefined;
  for (const c of byChange) {
    if (since !== undefined && c.changedAt < since) continue;
    const here = { changedAt: c.changedAt, id: idOf(c.record) };
    if (after && !afterPosition(here, after)) continue;
    if (items.length === limit) return { items, next: last };
    items.push(c.record);
    last = here;
  }
  return { items, next: undefined };
}
