/** Query parameters of the SS 12000 list endpoints: parsing, validation and the sheet's `Error` for bad ones. */
import { parseTimestamp } from '../case-data/clock.js';
import { isUuid } from './ids.js';
import type { ErrorBody } from './model.js';

/** An answer other than 200; `body` undefined means no body (404 has none in the standard). */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }

  body(): ErrorBody {
    return { code: this.code, message: this.message };
  }
}

const bad = (name: string, why: string) => new ApiError(400, 'InvalidParameter', `${name}: ${why}`);

/**
 * Parameters as lists. Array parameters may come repeated (`expand=child&expand=owners`, OpenAPI's
 * default form style) or comma-separated (`expand=child,owners`); both are accepted.
 */
export function readParams(search: URLSearchParams): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const [name, value] of search) out.set(name, [...(out.get(name) ?? []), ...value.split(',')]);
  return out;
}

export type Params = ReadonlyMap<string, readonly string[]>;

export function one(params: Params, name: string): string | undefined {
  const values = params.get(name);
  if (values && values.length > 1) throw bad(name, 'given more than once');
  return values?.[0];
}

export function uuidParam(params: Params, name: string): string | undefined {
  const value = one(params, name);
  if (value !== undefined && !isUuid(value)) throw bad(name, 'not a uuid');
  return value;
}

export function dateParam(params: Params, name: string): string | undefined {
  const value = one(params, name);
  if (value !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(value)) throw bad(name, 'not a date (YYYY-MM-DD)');
  return value;
}

/** RFC 3339; without an offset the time is read as Swedish local time (tolerant of sloppy clients). */
export function instantParam(params: Params, name: string): number | undefined {
  const value = one(params, name);
  if (value === undefined) return undefined;
  const at = parseTimestamp(value);
  if (!at) throw bad(name, 'not an RFC 3339 date-time');
  return at.getTime();
}

export function enumList<T extends string>(params: Params, name: string, allowed: readonly T[]): Set<T> {
  const values = params.get(name) ?? [];
  for (const v of values)
    if (!allowed.includes(v as T)) throw bad(name, `unknown value ${JSON.stringify(v)}`);
  return new Set(values as T[]);
}

export function booleanParam(params: Params, name: string): boolean {
  const value = one(params, name);
  if (value === undefined || value === 'false') return false;
  if (value === 'true') return true;
  throw bad(name, 'not true or false');
}

/** `meta.created.*` / `meta.modified.*`: `after` is exclusive, `before` inclusive (sheet §2). */
export function metaFilter(params: Params): (r: { created: number; modified: number }) => boolean {
  const createdAfter = instantParam(params, 'meta.created.after');
  const createdBefore = instantParam(params, 'meta.created.before');
  const modifiedAfter = instantParam(params, 'meta.modified.after');
  const modifiedBefore = instantParam(params, 'meta.modified.before');
  return (r) =>
    (createdAfter === undefined || r.created > createdAfter) &&
    (createdBefore === undefined || r.created <= createdBefore) &&
    (modifiedAfter === undefined || r.modified > modifiedAfter) &&
    (modifiedBefore === undefined || r.modified <= modifiedBefore);
}

/** `limit` (integer ≥ 1); larger than the server's page size gives a full page and a pageToken. */
export function limitParam(params: Params, maxPageSize: number): number {
  const value = one(params, 'limit');
  if (value === undefined) return maxPageSize;
  const limit = Number(value);
  if (!/^\d+$/.test(value) || limit < 1) throw bad('limit', 'not an integer ≥ 1');
  return Math.min(limit, maxPageSize);
}

export const PAGE_TOKEN_WITH_FILTER = 'pageToken cannot be combined with other parameters, only with limit';

/**
 * Splits a list request: a first request's parameters, or a follow-up page's token. A token with any
 * parameter other than `limit` is the sheet's 400.
 */
export function pageRequest(params: Params): { token?: string; filters: Params } {
  const token = one(params, 'pageToken');
  const filters = new Map([...params].filter(([name]) => name !== 'limit' && name !== 'pageToken'));
  if (token !== undefined && filters.size > 0)
    throw new ApiError(400, 'PageTokenWithFilter', PAGE_TOKEN_WITH_FILTER);
  return token === undefined ? { filters } : { token, filters };
}
