/** `pageToken` paging: the token carries the first request's parameters and the last key, so later pages take only `limit`. */
import { ApiError } from './query.js';

/** Sort value and id of the last item a page gave. */
export type Key = { v: string | number; id: string };

export type PageState = {
  /** The list the token belongs to (`placements`, `persons`, `deletedEntities`). */
  list: string;
  /** The first request's parameters, without `limit` and `pageToken`. */
  params: [string, string[]][];
  after: Key;
};

export function encodePageToken(state: PageState): string {
  return Buffer.from(JSON.stringify(state)).toString('base64url');
}

export function decodePageToken(token: string, list: string): PageState {
  try {
    const state = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as PageState;
    if (state.list === list && Array.isArray(state.params) && typeof state.after?.id === 'string')
      return state;
  } catch {
    // fall through: not one of ours
  }
  throw new ApiError(400, 'InvalidPageToken', 'pageToken is not a token this list gave out');
}

/** Orders by the sort value (descending when `desc`), then by id, so every order is total. */
export function compareKeys(a: Key, b: Key, desc: boolean): number {
  if (a.v !== b.v) return (a.v < b.v ? -1 : 1) * (desc ? -1 : 1);
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/**
 * One page of `items` (already filtered) in key order, strictly after `after`. Keyset paging, so an item
 * changed between two pages is neither skipped nor given twice unless its sort value moved.
 */
export function selectPage<T>(
  items: readonly T[],
  keyOf: (item: T) => Key,
  desc: boolean,
  after: Key | undefined,
  limit: number,
): { items: T[]; last: Key | undefined; more: boolean } {
  const sorted = items
    .map((item) => ({ item, key: keyOf(item) }))
    .filter((e) => !after || compareKeys(e.key, after, desc) > 0)
    .sort((a, b) => compareKeys(a.key, b.key, desc));
  const page = sorted.slice(0, limit);
  return { items: page.map((e) => e.item), last: page.at(-1)?.key, more: sorted.length > limit };
}
