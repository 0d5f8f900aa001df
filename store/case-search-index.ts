/**
 * Free text over a million cases, answered by the search index (migration 026) rather than the table:
 * the visibility rule in a form the index itself checks, and the newest matches found year by year.
 *
 * The index is one GIN over a case's scope ("2480 building_permit"), its scope and year of last
 * change ("2480 building_permit 2026") and its words. One key per scope (not one per municipality and
 * one per domain) keeps the lists the index intersects short: a municipality's own list holds half a
 * million cases, and intersecting it with a rare name reads all of it. Then
 * * a count of the matches a caller may see reads the index alone (no row of an all-visible page);
 * * the newest-first page sorts the matches of the newest years only, not every match: "Nyström
 *   skolplacering" has 1 354 visible matches at 1 M cases, its newest year about 110.
 */
import type { Visible } from './case-store.js';

/** A case's scope as the index holds it: municipality and domain, one key. */
export const SCOPE_KEY = "(c.municipality_code || ' ' || c.domain)";
/** A case's scope and the year (UTC) of its last change, one key, exactly as the index holds it. */
export const SCOPE_YEAR_KEY = `(c.municipality_code || ' ' || c.domain || ' ' || date_part('year', c.source_updated_at AT TIME ZONE 'UTC')::int::text)`;
/** The year of a timestamptz (UTC), as in `SCOPE_YEAR_KEY`. */
const yearOf = (t: string) => `date_part('year', ${t} AT TIME ZONE 'UTC')::int`;
/** The condition of `newestByYear` that keeps the cases of year `y.year`, when the index does not hold the visibility. */
export const YEAR_ONLY = `${yearOf('c.source_updated_at')} = y.year`;

/** The (municipality, domain) pairs a visibility without offices or other municipalities lets through. */
function scopeKeys(visible: Visible): string[] | undefined {
  if (visible.elsewhere || visible.scopes.some((s) => s.office !== undefined)) return undefined;
  return [...new Set(visible.scopes.flatMap((s) => s.domains.map((d) => `${s.municipality} ${d}`)))];
}

/** The visibility as the search index answers it: for all years (a count), and for the year `y.year`. */
export type IndexedVisibility = { clause: string; inYear: string };

/**
 * The visibility rule as conditions the search index answers itself: the same cases as
 * `visibleClause`, for all years and for one year of `newestByYear`; `undefined` when a scope is bound
 * to an office or reaches into other municipalities (a citizen's), which the index does not hold: the
 * caller then uses `visibleClause`.
 *
 * @example
 * indexedVisibility({ scopes: [{ municipality: '2480', domains: ['building_permit'] }] }, p)?.clause;
 * // "(c.municipality_code || ' ' || c.domain) = ANY($1::text[])"
 */
export function indexedVisibility(
  visible: Visible,
  p: (v: unknown) => string,
): IndexedVisibility | undefined {
  const keys = scopeKeys(visible);
  if (!keys) return undefined;
  if (keys.length === 0) return { clause: 'FALSE', inYear: 'FALSE' };
  const param = p(keys);
  return {
    clause: `${SCOPE_KEY} = ANY(${param}::text[])`,
    inYear: `${SCOPE_YEAR_KEY} = ANY(ARRAY(SELECT k || ' ' || y.year FROM unnest(${param}::text[]) AS k))`,
  };
}

/**
 * The newest-first page of a free-text search, year by year: for each year from the newest change
 * (or the cursor's) back to the oldest, that year's newest matches, in order, until the page is full.
 * The years are disjoint and descending, so the order is exactly `source_updated_at DESC, id DESC`
 * over all matches; the planner stops at the first years that fill the page (an incremental sort over
 * the years' order), so a pair of common words sorts one or two years' matches, not twelve years'.
 *
 * `columns` is the select list over `c`; `where` the conditions (query, visibility, filters, cursor)
 * and `inYear` the one that keeps a case of year `y.year` (`IndexedVisibility.inYear`, or `YEAR_ONLY`
 * with the visibility in `where`); `before` the cursor's time parameter, if any; `limit` the
 * parameter for the rows wanted.
 */
export function newestByYear(
  columns: string,
  where: string[],
  inYear: string,
  before: string | undefined,
  limit: string,
): string {
  const newest = before
    ? `LEAST((SELECT max(source_updated_at) FROM cases), ${before}::timestamptz)`
    : '(SELECT max(source_updated_at) FROM cases)';
  return `SELECT r.* FROM generate_series(${yearOf(newest)}, ${yearOf('(SELECT min(source_updated_at) FROM cases)')}, -1)
        WITH ORDINALITY AS y(year, n)
      CROSS JOIN LATERAL (
        SELECT ${columns}, c.source_updated_at AS changed_at
          FROM cases c WHERE ${[...where, inYear].join(' AND ')}
         ORDER BY c.source_updated_at DESC, c.id DESC LIMIT ${limit}) r
     ORDER BY y.n, r.changed_at DESC, r.id DESC LIMIT ${limit}`;
}
