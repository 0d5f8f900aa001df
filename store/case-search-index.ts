/**
 * Free text over a million cases, answered by the search index (migration 026) rather than the table:
 * the visibility rule in a form the index itself checks, and the newest matches found year by year.
 *
 * The index is one GIN over a case's scope ("2480 building_permit"), its scope and year of last
 * change ("2480 building_permit 2026") and its words. One key per scope (not one per municipality and
 * one per domain) keeps the lists the index intersects short: a municipality's own list holds half a
 * million cases, and intersecting it with a rare name reads all of it. Then
 * * a count reads only the matches the caller may see, not every match of the words;
 * * the newest-first page sorts the matches of the newest years only, not every match: "Nyström
 *   skolplacering" has 1 354 visible matches at 1 M cases, its newest year about 110.
 */
import type { Visible } from './case-store.js';
import type { Db, Row } from './db.js';

/** A case's scope as the index holds it: municipality and domain, one key. */
export const SCOPE_KEY = "(c.municipality_code || ' ' || c.domain)";
/** A case's scope and the year (UTC) of its last change, one key, exactly as the index holds it. */
export const SCOPE_YEAR_KEY = `(c.municipality_code || ' ' || c.domain || ' ' || date_part('year', c.source_updated_at AT TIME ZONE 'UTC')::int::text)`;
const ORDER = 'ORDER BY c.source_updated_at DESC, c.id DESC';
/** The year of a timestamptz (UTC), as in `SCOPE_YEAR_KEY`. */
const yearOf = (t: string) => `date_part('year', ${t} AT TIME ZONE 'UTC')::int`;

/**
 * The scopes ("2480 building_permit") a visibility lets through, when the index can check it: the
 * same cases as `visibleClause`; `undefined` when a scope is bound to an office or reaches into other
 * municipalities (a citizen's), which the index does not hold.
 */
export function scopeKeys(visible: Visible): string[] | undefined {
  if (visible.elsewhere || visible.scopes.some((s) => s.office !== undefined)) return undefined;
  return [...new Set(visible.scopes.flatMap((s) => s.domains.map((d) => `${s.municipality} ${d}`)))];
}

/**
 * The visibility of `scopeKeys` as a condition the search index answers itself.
 *
 * @example
 * scopeClause(['2480 building_permit'], p); // "(c.municipality_code || ' ' || c.domain) = ANY($1::text[])"
 */
export function scopeClause(keys: string[], p: (v: unknown) => string): string {
  return keys.length === 0 ? 'FALSE' : `${SCOPE_KEY} = ANY(${p(keys)}::text[])`;
}

/** The years (UTC) of the newest and the oldest change stored; `undefined` when no case is stored. */
export type YearSpan = { newest: number; oldest: number };

/** The span of years a year-by-year search walks: two probes of the recency index. */
export async function yearSpan(db: Db): Promise<YearSpan | undefined> {
  const { rows } = await db.query<{ newest: number | null; oldest: number | null }>(
    `SELECT ${yearOf('(SELECT max(source_updated_at) FROM cases)')} AS newest,
            ${yearOf('(SELECT min(source_updated_at) FROM cases)')} AS oldest`,
  );
  const { newest, oldest } = rows[0] ?? { newest: null, oldest: null };
  return newest === null || oldest === null ? undefined : { newest, oldest };
}

/** Year windows newest first from `from`: one year, then two, four, … down to the oldest. */
function* windows(span: YearSpan, from: number): Generator<{ hi: number; years: number[] }> {
  let hi = Math.min(span.newest, from);
  for (let width = 1; hi >= span.oldest; width *= 2) {
    const lo = Math.max(span.oldest, hi - width + 1);
    yield { hi, years: Array.from({ length: hi - lo + 1 }, (_, i) => hi - i) };
    hi = lo - 1;
  }
}

/** A copy of `base` to add parameters to; `p` adds one and gives its placeholder. */
function extend(base: unknown[]): { params: unknown[]; p: (v: unknown) => string } {
  const params = [...base];
  return { params, p: (v) => `$${params.push(v)}` };
}

/** The scope-and-year keys of `scope` for `years`, as a condition the search index answers. */
function yearsClause(scope: string[], years: number[], p: (v: unknown) => string): string {
  return `${SCOPE_YEAR_KEY} = ANY(${p(scope.flatMap((k) => years.map((y) => `${k} ${y}`)))}::text[])`;
}

type YearQuery = {
  /** The conditions but the visibility (query, filters, cursor), over `params`. */
  where: string[];
  params: unknown[];
  /** The visibility, as `scopeKeys`. */
  scope: string[];
  span: YearSpan;
};

export type NewestQuery = YearQuery & {
  /** The select list over `c`. */
  columns: string;
  /** The cursor's time, if any: no year after its own is asked. */
  before?: string;
  /** Rows wanted. */
  limit: number;
};

/**
 * The newest-first rows of a free-text search, a year at a time: the newest year first (or the
 * cursor's), then the two before it, then four, until the page is full or no year is left. The years
 * are disjoint and asked newest first, so the rows are exactly those of `ORDER BY source_updated_at
 * DESC, id DESC` over all years. Each year is asked by its scope-and-year keys, so a rare pair of
 * words sorts that year's matches, not every match; a common word walks the recency index from the
 * year's end (the upper bound), not from the newest case of all.
 *
 * The years are separate statements, not one snapshot: a case whose change moves it from a year not
 * yet asked into one already asked, during the few milliseconds of a search, is left out of that page
 * (a new search shows it first), as a cursor's next page leaves it out today. A read-only REPEATABLE
 * READ transaction around them would close that gap, but its three extra round trips cost "bygglov"
 * p99 185 ms instead of 44 ms at 50 req/s on the loaded bench machine.
 */
export async function newestByYear<T extends Row>(db: Db, q: NewestQuery): Promise<T[]> {
  if (q.scope.length === 0) return [];
  const found: T[] = [];
  for (const { hi, years } of windows(q.span, q.before ? Number(q.before.slice(0, 4)) : q.span.newest)) {
    if (found.length >= q.limit) break;
    const { params, p } = extend(q.params);
    const where = [...q.where, yearsClause(q.scope, years, p)];
    if (hi < q.span.newest)
      where.push(`c.source_updated_at < ${p(`${hi + 1}-01-01T00:00:00Z`)}::timestamptz`);
    const page = await db.query<T>(
      `SELECT ${q.columns} FROM cases c WHERE ${where.join(' AND ')} ${ORDER} LIMIT ${p(q.limit - found.length)}`,
      params,
    );
    found.push(...page.rows);
  }
  return found;
}

/**
 * How many cases a free-text search finds, exact up to `cap`: first within the newest year, by its
 * scope-and-year keys, then, unless that passed the cap, within the older years at once, by the
 * scope keys and the time. A common word passes the cap within its newest year, whose index lists are
 * a tenth of the scope's: "bygglov" in Umeå's scope at 1 M cases built a bitmap of 55,523 matches
 * (121 ms) to count 1,001, its newest year one of 5,030 (9 ms). A rarer pair costs what one count over
 * the scope did plus the small first one. Not year by year as `newestByYear`: each window read the
 * words' lists again ("surname + title word" 119 → 27 searches/s), and the scope-and-year keys of
 * ten years, ORed, cost three times the scope keys (36 against 11 ms, "Nyström skolplacering").
 *
 * Like the page's years, the two counts and the span of years are separate statements: a case whose
 * change moves it into the newest year (or into a year after the span's) between them, during the
 * milliseconds of a search, is left out of that total; on a table not being written it is exact.
 */
export async function countByYear(db: Db, q: YearQuery & { cap: number }): Promise<number> {
  if (q.scope.length === 0) return 0;
  const count = async (clause: (p: (v: unknown) => string) => string[], limit: number) => {
    const { params, p } = extend(q.params);
    const where = [...q.where, ...clause(p)];
    const { rows } = await db.query<{ n: string | number }>(
      `SELECT count(*) AS n FROM (SELECT 1 FROM cases c WHERE ${where.join(' AND ')} LIMIT ${p(limit)}) counted`,
      params,
    );
    return Number(rows[0]?.n ?? 0);
  };
  const newest = await count((p) => [yearsClause(q.scope, [q.span.newest], p)], q.cap + 1);
  if (newest > q.cap || q.span.oldest === q.span.newest) return newest;
  const older = await count(
    (p) => [
      scopeClause(q.scope, p),
      `c.source_updated_at < ${p(`${q.span.newest}-01-01T00:00:00Z`)}::timestamptz`,
    ],
    q.cap + 1 - newest,
  );
  return newest + older;
}
