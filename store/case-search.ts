/**
 * Staff and citizen searches over the cases table: the query, the visibility rule and the filters in
 * SQL, the true total for them, and either the default order (newest change first, keyset cursor) or
 * a column order with numbered pages.
 */
import { MUNICIPALITY_NAMES } from '../schemas/municipalities.js';
import { decodeCursor, encodeCursor } from './case-cursor.js';
import { CASE_COLUMNS, type CaseRow, fromRow, visibleClause } from './case-row.js';
import { countByYear, newestByYear, scopeClause, scopeKeys, yearSpan } from './case-search-index.js';
import type { CaseFilters, CaseQuery, SearchOptions, SearchPage } from './case-store.js';
import type { Db } from './db.js';
import { likePrefix, propertyKey, referenceKey } from './keys.js';

const ORDER = 'ORDER BY c.source_updated_at DESC, c.id DESC';
/** Statuses after which a case is closed and its deadline no longer runs. */
export const SETTLED_STATUSES = ['decided', 'closed', 'withdrawn'] as const;
/** The columns a result list may be ordered by. */
export const SORT_KEYS = [
  'updated',
  'reference',
  'title',
  'status',
  'awaiting',
  'due',
  'municipality',
  'office',
] as const;
export type SortKey = (typeof SORT_KEYS)[number];
export type CaseSort = { by: SortKey; dir: 'asc' | 'desc' };
/** A numbered page deeper than this is refused: paging that far is a sign to narrow the search. */
export const MAX_OFFSET = 10_000;
/**
 * Counting stops past this many: a common word over a large municipality would otherwise count every
 * match for each page (87 ms for 11 000 matches at 200 000 cases, against 3 ms for the page alone).
 */
export const COUNT_CAP = 10_000;
/**
 * Free text stops counting sooner: a GIN match cannot be counted without visiting each matching row
 * (the cases table is ~3 GB at 1 M cases), and a common word over a region matched 10 000 rows for
 * every page: about 1.3 s a search at 1 M cases. "More than 1 000" tells an agent as much.
 */
export const TEXT_COUNT_CAP = 1_000;

/** Statuses in the order a case passes through them, so "status" sorts as a process, not alphabetically. */
const STATUS_ORDER = [
  'received',
  'registered',
  'in_progress',
  'awaiting_applicant',
  'decided',
  'appealed',
  'closed',
  'withdrawn',
];

function sortExpression(by: SortKey, p: (v: unknown) => string): string {
  switch (by) {
    case 'updated':
      return 'c.source_updated_at';
    case 'reference':
      return 'c.reference_key';
    case 'title':
      return "lower(c.doc ->> 'title')";
    case 'status':
      return `array_position(${p(STATUS_ORDER)}::text[], c.status_code)`;
    case 'awaiting':
      return "c.doc #>> '{awaiting,who}'";
    case 'due':
      return "c.doc #>> '{deadline,dueAt}'";
    case 'municipality':
      return "c.doc #>> '{municipality,name}'";
    case 'office':
      return "c.doc #>> '{office,name}'";
  }
}

function queryClause(query: CaseQuery, p: (v: unknown) => string): string {
  switch (query.by) {
    case 'reference': {
      const key = referenceKey(query.value);
      return `(c.reference_key = ${p(key)} OR c.reference_key LIKE ${p(likePrefix(`${key}.`))})`;
    }
    case 'property': {
      const key = propertyKey(query.value, MUNICIPALITY_NAMES);
      return `(c.property_key = ${p(key)} OR c.property_key LIKE ${p(likePrefix(key))})`;
    }
    case 'personRef':
      return `c.person_refs && ${p(typeof query.value === 'string' ? [query.value] : query.value)}::text[]`;
    case 'orgRef':
      return `c.org_refs && ${p(typeof query.value === 'string' ? [query.value] : query.value)}::text[]`;
    case 'text':
      return `c.search @@ websearch_to_tsquery('swedish', ${p(query.value)})`;
  }
}

function filterClauses(f: CaseFilters, p: (v: unknown) => string): string[] {
  const where: string[] = [];
  if (f.domain?.length) where.push(`c.domain = ANY(${p(f.domain)}::text[])`);
  if (f.status?.length) where.push(`c.status_code = ANY(${p(f.status)}::text[])`);
  if (f.municipality?.length) where.push(`c.municipality_code = ANY(${p(f.municipality)}::text[])`);
  if (f.office?.length) where.push(`c.office_code = ANY(${p(f.office)}::text[])`);
  if (f.state === 'open') where.push(`c.status_code <> ALL(${p(SETTLED_STATUSES)}::text[])`);
  if (f.state === 'closed') where.push(`c.status_code = ANY(${p(SETTLED_STATUSES)}::text[])`);
  // Overdue: still open and due before today (Stockholm); a case decided late is closed, not overdue.
  if (f.overdueBefore)
    where.push(
      `c.doc #>> '{deadline,dueAt}' < ${p(f.overdueBefore)} AND c.status_code <> ALL(${p(SETTLED_STATUSES)}::text[])`,
    );
  if (f.awaiting?.length) where.push(`c.doc #>> '{awaiting,who}' = ANY(${p(f.awaiting)}::text[])`);
  return where;
}

/**
 * One page of the cases `query` finds among those `options.visible` lets through, with the filters;
 * `total` counts all of them (not only this page) when `options.count` asks for it.
 */
export async function searchCases(
  db: Db,
  query: CaseQuery,
  options: SearchOptions = {},
): Promise<SearchPage> {
  const params: unknown[] = [];
  const p = (v: unknown) => {
    params.push(v);
    return `$${params.length}`;
  };
  const sort = options.sort;
  const where = [queryClause(query, p), ...filterClauses(options.filters ?? {}, p)];
  // Free text: the visibility in the form the search index answers itself (migration 026), where it
  // can; newest first, the rows are then asked year by year (newestByYear).
  const scope = query.by === 'text' && options.visible ? scopeKeys(options.visible) : undefined;
  const byYear = scope !== undefined && !sort;
  // The count: the query and filters (no cursor), and the visibility, unless counted year by year.
  const countParams = [...params];
  const countWhere = [...where];
  if (options.visible) {
    const pCount = (v: unknown) => `$${countParams.push(v)}`;
    if (!scope) countWhere.push(visibleClause(options.visible, pCount));
    if (!byYear) where.push(scope ? scopeClause(scope, p) : visibleClause(options.visible, p));
  }
  let before: string | undefined;
  if (options.cursor && !sort) {
    const after = decodeCursor(options.cursor);
    before = after.u;
    where.push(`(c.source_updated_at, c.id) < (${p(after.u)}::timestamptz, ${p(after.i)}::uuid)`);
  }
  const limit = Math.min(Math.max(options.limit ?? 20, 1), 100);
  // A person's (or a company's) few cases: the planner cannot know a person_refs value is rare and would walk the
  // recency index through every case (6 s at 1 M rows), or AND the GIN with a municipality index over half
  // the table (140–250 ms at 1 M). OFFSET 0 keeps the subquery whole and holds the visibility and filters
  // outside it, so the GIN index alone finds the handful first (0.5 ms). Not for free text, where common
  // words are many. The query's own clause is always the first.
  const fromWhere = (w: string[]) =>
    query.by === 'personRef' || query.by === 'orgRef'
      ? `(SELECT * FROM cases c WHERE ${w[0]} OFFSET 0) c${w.length > 1 ? ` WHERE ${w.slice(1).join(' AND ')}` : ''}`
      : `cases c WHERE ${w.join(' AND ')}`;
  const order = sort
    ? `ORDER BY ${sortExpression(sort.by, p)} ${sort.dir === 'asc' ? 'ASC' : 'DESC'} NULLS LAST, c.id ${sort.dir === 'asc' ? 'ASC' : 'DESC'}`
    : ORDER;
  const offset = sort ? Math.min(Math.max(options.offset ?? 0, 0), MAX_OFFSET) : 0;
  const columns = `${CASE_COLUMNS}, to_char(c.source_updated_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS u, c.id`;
  type Found = CaseRow & { u: string; id: string };
  // Free text within scopes the index holds: the years of the stored cases, for the page and the count.
  const span = scope ? await yearSpan(db) : undefined;
  const rowsQuery =
    byYear && scope
      ? span
        ? newestByYear<Found>(db, {
            columns,
            where,
            params,
            scope,
            span,
            limit: limit + 1,
            ...(before ? { before } : {}),
          })
        : Promise.resolve([])
      : db
          .query<Found>(
            `SELECT ${columns} FROM ${fromWhere(where)} ${order} LIMIT ${p(limit + 1)}${offset > 0 ? ` OFFSET ${p(offset)}` : ''}`,
            params,
          )
          .then((r) => r.rows);
  const cap =
    typeof options.count === 'number'
      ? Math.max(1, Math.floor(options.count))
      : query.by === 'text'
        ? TEXT_COUNT_CAP
        : COUNT_CAP;
  const countQuery = !options.count
    ? undefined
    : scope
      ? span
        ? countByYear(db, { where: countWhere, params: countParams, scope, span, cap })
        : Promise.resolve(0)
      : db
          .query<{ n: string | number }>(
            `SELECT count(*) AS n FROM (SELECT 1 FROM ${fromWhere(countWhere)} LIMIT ${cap + 1}) counted`,
            countParams,
          )
          .then((r) => Number(r.rows[0]?.n ?? 0));
  const [rows, counted] = await Promise.all([rowsQuery, countQuery]);
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  const more = rows.length > limit;
  return {
    items: page.map(fromRow),
    // Numbered pages (a column order) have no cursor: the next page is the next offset.
    nextCursor: more && last && !sort ? encodeCursor({ u: last.u, i: last.id }) : null,
    ...(sort ? { more } : {}),
    ...(counted !== undefined ? totalOf(counted, cap) : {}),
  };
}

/** The count as far as it went: exact up to the cap, else the cap and that there are more. */
function totalOf(n: number, cap: number): { total: number; totalCapped?: true } {
  return n > cap ? { total: cap, totalCapped: true } : { total: n };
}
