/** The case store: idempotent, out-of-order-safe upserts with status history, and the staff/citizen queries. */
import type { CanonicalCase, StatusEntry } from '../schemas/case.js';
import { removeBatch } from './case-removal.js';
import { CASE_COLUMNS, type CaseRow, fromRow, UTC_MS, visibleClause } from './case-row.js';
import { type CaseSort, searchCases } from './case-search.js';
import {
  type CaseRemoval,
  REFERENCE_ONLY,
  type SearchIndexRule,
  type UpsertOptions,
  type UpsertOutcome,
  upsertBatch,
} from './case-upsert.js';
import type { Db, Queryable } from './db.js';
import { type DecisionTimes, decisionTimes } from './decision-times.js';

export type { CaseSort, SortKey } from './case-search.js';
export type { CaseRemoval, SearchIndexRule, UpsertOptions, UpsertOutcome } from './case-upsert.js';

/** A stored case with its status history, and the configured source it was last synced from (if known). */
export type StoredCase = { case: CanonicalCase; history: StatusEntry[]; syncSource?: string };

export type CaseQuery =
  | { by: 'reference'; value: string }
  /** Any of the references (one per configured key during a key rotation). */
  | { by: 'personRef'; value: string | readonly string[] }
  /** An organisation party's references (`or1_…`); never matches a person, nor a citizen's own list. */
  | { by: 'orgRef'; value: string | readonly string[] }
  | { by: 'property'; value: string }
  | { by: 'text'; value: string };

export type CaseFilters = {
  domain?: string[];
  status?: string[];
  municipality?: string[];
  office?: string[];
  /** Open (not decided, closed or withdrawn) or closed cases only. */
  state?: 'open' | 'closed';
  /** Open cases due before this date (YYYY-MM-DD, today in Stockholm): the overdue ones. */
  overdueBefore?: string;
  /** Cases waiting for one of these (who holds the ball). */
  awaiting?: ('applicant' | 'office' | 'third_party')[];
};

export type SearchOptions = {
  filters?: CaseFilters;
  /**
   * What the caller may see at all: (municipality, domains) scopes, some only on one office's cases,
   * and for citizens the domains of every municipality not named. Enforced in SQL so counts, pages and
   * cursors never reveal hidden cases. Absent: everything.
   */
  visible?: Visible;
  /** Only in the default order (newest change first). */
  cursor?: string;
  limit?: number;
  /** A column order instead of the default: pages are then numbered (`offset`), with no cursor. */
  sort?: CaseSort;
  /** Rows to skip, with `sort` only (at most `MAX_OFFSET`). */
  offset?: number;
  /** Count the cases the query, visibility and filters let through (`total`), up to `COUNT_CAP` or the number given. */
  count?: boolean | number;
};

/** The shape of `policy/access.ts`'s `Visibility`, restated here: the store imports nothing of the policy. */
export type Visible = {
  scopes: readonly { municipality: string; domains: readonly string[]; office?: string }[];
  elsewhere?: { domains: readonly string[]; except: readonly string[] };
};

export type GetOptions = {
  /** What the caller may see at all (as in `SearchOptions`); absent: everything. */
  visible?: Visible;
  /** Only a case one of whose parties has one of these references (a citizen's own cases). */
  personRefs?: readonly string[];
};

export type SearchPage = {
  items: CanonicalCase[];
  nextCursor: string | null;
  /** With `count`: how many cases in all, not only on this page (at most `COUNT_CAP`). */
  total?: number;
  /** More cases match than `total`: counting stopped at `COUNT_CAP`. */
  totalCapped?: true;
  /** With `sort`: whether a next page exists. */
  more?: boolean;
};

export interface CaseStore {
  /** Upserts a batch in one transaction; one outcome per input, in input order. */
  upsertMany(cases: CanonicalCase[]): Promise<UpsertOutcome[]>;
  /** The same, inside a caller's transaction (so a sync cursor commits with its data). */
  upsertManyIn(tx: Queryable, cases: CanonicalCase[], options?: UpsertOptions): Promise<UpsertOutcome[]>;
  /**
   * Removes cases their source deleted (gallring), inside a caller's transaction; a newer version
   * held here stays, and older data never brings a removed case back. Returns the ids removed.
   */
  removeIn(tx: Queryable, removals: readonly CaseRemoval[]): Promise<string[]>;
  /**
   * One case by id. With `visible` (and `personRefs`), only when the caller may see it: the filter is
   * part of the query, so a hidden case and a missing one cost the same and come back alike.
   */
  get(id: string, options?: GetOptions): Promise<StoredCase | undefined>;
  /** How long one municipality's decided cases of one type took, received to decided, decided in a period. */
  decisionTimes(
    key: { municipality: string; caseType: string },
    period: { from: string; to: string },
  ): Promise<DecisionTimes>;
  /** Several cases by id in one query (those the options let through), in no particular order. */
  getMany(ids: readonly string[], options?: GetOptions): Promise<StoredCase[]>;
  search(query: CaseQuery, options?: SearchOptions): Promise<SearchPage>;
  ping(): Promise<void>;
}

/**
 * Builds the store over a migrated database. `searchIndex` (from the access policy) says what of each
 * case staff may find it by; without it only the reference is searchable.
 *
 * @example
 * const store = createCaseStore(db, { searchIndex: searchIndexRule(policy) });
 * await store.upsertMany([canonicalCase]);
 */
export function createCaseStore(db: Db, options: { searchIndex?: SearchIndexRule } = {}): CaseStore {
  const index = options.searchIndex ?? REFERENCE_ONLY;
  return {
    upsertManyIn: (tx, cases, upsert = {}) => upsertBatch(tx, cases, index, upsert),
    removeIn: removeBatch,
    decisionTimes: (key, period) => decisionTimes(db, key, period),
    upsertMany: (cases) =>
      cases.length === 0 ? Promise.resolve([]) : db.transaction((tx) => upsertBatch(tx, cases, index)),
    async get(id, options = {}) {
      return (await readCases(db, [id], options))[0];
    },
    getMany: (ids, options = {}) => (ids.length === 0 ? Promise.resolve([]) : readCases(db, ids, options)),
    search: (query, options = {}) => searchCases(db, query, options),
    async ping() {
      await db.query('SELECT 1');
    },
  };
}

/** Cases by id with their status history, filtered as `get` and `getMany` are asked to. */
async function readCases(db: Db, ids: readonly string[], options: GetOptions): Promise<StoredCase[]> {
  const params: unknown[] = [ids];
  const p = (v: unknown) => {
    params.push(v);
    return `$${params.length}`;
  };
  const where = ['c.id = ANY($1::uuid[])'];
  if (options.visible) where.push(visibleClause(options.visible, p));
  if (options.personRefs) where.push(`c.person_refs && ${p(options.personRefs)}::text[]`);
  const { rows } = await db.query<CaseRow & { history: StatusEntry[] | string }>(
    `SELECT ${CASE_COLUMNS},
            (SELECT coalesce(json_agg(json_build_object('code', h.code, 'sourceCode', h.source_code,
                      'since', to_char(h.since AT TIME ZONE 'UTC', ${UTC_MS})) ORDER BY h.seq), '[]'::json)
               FROM case_status_history h WHERE h.case_id = c.id) AS history
       FROM cases c WHERE ${where.join(' AND ')}`,
    params,
  );
  return rows.map((row) => {
    const history =
      typeof row.history === 'string' ? (JSON.parse(row.history) as StatusEntry[]) : row.history;
    return { case: fromRow(row), history, ...(row.sync_source ? { syncSource: row.sync_source } : {}) };
  });
}
