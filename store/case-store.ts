/** The case store: idempotent, out-of-order-safe upserts with status history, and the staff/citizen queries. */
import type { CanonicalCase, StatusCode, StatusEntry } from '../schemas/case.js';
import { MUNICIPALITY_NAMES } from '../schemas/municipalities.js';
import { STATUS_LABELS } from '../schemas/status-labels.js';
import { decodeCursor, encodeCursor } from './case-cursor.js';
import {
  type CaseRemoval,
  REFERENCE_ONLY,
  removeBatch,
  type SearchIndexRule,
  type UpsertOptions,
  type UpsertOutcome,
  upsertBatch,
} from './case-upsert.js';
import type { Db, Queryable } from './db.js';
import { type DecisionTimes, decisionTimes } from './decision-times.js';
import { likePrefix, propertyKey, referenceKey } from './keys.js';

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
};

export type SearchOptions = {
  filters?: CaseFilters;
  /**
   * What the caller may see at all: (municipality, domains) scopes, some only on one office's cases,
   * and for citizens the domains of every municipality not named. Enforced in SQL so counts, pages and
   * cursors never reveal hidden cases. Absent: everything.
   */
  visible?: Visible;
  cursor?: string;
  limit?: number;
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

export type SearchPage = { items: CanonicalCase[]; nextCursor: string | null };

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

const ORDER = 'ORDER BY c.source_updated_at DESC, c.id DESC';
const UTC_MS = `'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'`;
/**
 * The columns a case is read back from: the document, its current status, when it was fetched and its
 * source version (a later read of unchanged content raises it without rewriting the document).
 */
const CASE_COLUMNS = `c.doc, c.status_code, c.status_source_code, c.sync_source, c.source_version::text AS source_version,
  to_char(c.status_since AT TIME ZONE 'UTC', ${UTC_MS}) AS status_since,
  to_char(c.fetched_at AT TIME ZONE 'UTC', ${UTC_MS}) AS fetched_at`;

type CaseRow = {
  doc: Omit<CanonicalCase, 'status' | 'source'> & { source: Omit<CanonicalCase['source'], 'fetchedAt'> };
  status_code: StatusCode;
  status_source_code: string;
  status_since: string;
  fetched_at: string;
  source_version: string | null;
  sync_source: string | null;
};

/** A case as read back: the current status is the newest history entry, fetch time and version their own columns. */
function fromRow(row: CaseRow): CanonicalCase {
  // Documents written before the version left the document may still carry one: the column decides.
  const { sourceVersion: _inDoc, ...source } = row.doc.source;
  return {
    ...row.doc,
    status: {
      code: row.status_code,
      label: STATUS_LABELS[row.status_code],
      sourceCode: row.status_source_code,
      since: row.status_since,
    },
    source: {
      ...source,
      ...(row.source_version !== null ? { sourceVersion: Number(row.source_version) } : {}),
      fetchedAt: row.fetched_at,
    },
  } as CanonicalCase;
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
    async search(query, options = {}) {
      const params: unknown[] = [];
      const p = (v: unknown) => {
        params.push(v);
        return `$${params.length}`;
      };
      const where: string[] = [];
      switch (query.by) {
        case 'reference': {
          const key = referenceKey(query.value);
          where.push(`(c.reference_key = ${p(key)} OR c.reference_key LIKE ${p(likePrefix(`${key}.`))})`);
          break;
        }
        case 'property': {
          const key = propertyKey(query.value, MUNICIPALITY_NAMES);
          where.push(`(c.property_key = ${p(key)} OR c.property_key LIKE ${p(likePrefix(key))})`);
          break;
        }
        case 'personRef':
          where.push(
            `c.person_refs && ${p(typeof query.value === 'string' ? [query.value] : query.value)}::text[]`,
          );
          break;
        case 'orgRef':
          where.push(
            `c.org_refs && ${p(typeof query.value === 'string' ? [query.value] : query.value)}::text[]`,
          );
          break;
        case 'text':
          where.push(`c.search @@ websearch_to_tsquery('swedish', ${p(query.value)})`);
          break;
      }
      const f = options.filters ?? {};
      if (options.visible) where.push(visibleClause(options.visible, p));
      if (f.domain?.length) where.push(`c.domain = ANY(${p(f.domain)}::text[])`);
      if (f.status?.length) where.push(`c.status_code = ANY(${p(f.status)}::text[])`);
      if (f.municipality?.length) where.push(`c.municipality_code = ANY(${p(f.municipality)}::text[])`);
      if (f.office?.length) where.push(`c.office_code = ANY(${p(f.office)}::text[])`);
      if (options.cursor) {
        const after = decodeCursor(options.cursor);
        where.push(`(c.source_updated_at, c.id) < (${p(after.u)}::timestamptz, ${p(after.i)}::uuid)`);
      }
      const limit = Math.min(Math.max(options.limit ?? 20, 1), 100);
      // A person's (or a company's) few cases: the planner cannot know a person_refs value is rare and would walk the
      // recency index through every case (6 s at 1 M rows). OFFSET 0 keeps the subquery whole, so the
      // GIN index finds the handful first (0.5 ms). Not for free text, where common words are many.
      const from =
        query.by === 'personRef' || query.by === 'orgRef'
          ? `(SELECT * FROM cases c WHERE ${where.join(' AND ')} OFFSET 0) c`
          : `cases c WHERE ${where.join(' AND ')}`;
      const { rows } = await db.query<CaseRow & { u: string; id: string }>(
        `SELECT ${CASE_COLUMNS}, to_char(c.source_updated_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS u, c.id
           FROM ${from} ${ORDER} LIMIT ${p(limit + 1)}`,
        params,
      );
      const page = rows.slice(0, limit);
      const last = page.at(-1);
      return {
        items: page.map(fromRow),
        nextCursor: rows.length > limit && last ? encodeCursor({ u: last.u, i: last.id }) : null,
      };
    },
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

/**
 * The visibility rule as one SQL condition with a fixed number of parameters, however many scopes:
 * (municipality, domain) pairs and (municipality, domain, office) triples are passed as parallel
 * arrays and matched as rows. The redundant `municipality_code = ANY(…)` lets the planner use the
 * unique index that leads with the municipality: a common word for a municipality with few cases took
 * 360 ms without it (the whole recency index walked) and 0.2 ms with it, at 300 000 cases.
 */
function visibleClause(visible: Visible, p: (v: unknown) => string): string {
  const pairs = visible.scopes
    .filter((s) => s.office === undefined)
    .flatMap((s) => s.domains.map((d) => [s.municipality, d]));
  const triples = visible.scopes.flatMap((s) =>
    s.office === undefined ? [] : s.domains.map((d) => [s.municipality, d, s.office as string]),
  );
  const column = (rows: string[][], i: number) => p(rows.map((r) => r[i]));
  const any: string[] = [];
  if (pairs.length > 0)
    any.push(
      `(c.municipality_code, c.domain) IN (SELECT * FROM unnest(${column(pairs, 0)}::text[], ${column(pairs, 1)}::text[]))`,
    );
  if (triples.length > 0)
    any.push(
      `(c.municipality_code, c.domain, c.office_code) IN (SELECT * FROM unnest(${column(triples, 0)}::text[], ${column(triples, 1)}::text[], ${column(triples, 2)}::text[]))`,
    );
  const elsewhere = visible.elsewhere;
  if (elsewhere && elsewhere.domains.length > 0)
    any.push(
      `(c.municipality_code <> ALL(${p(elsewhere.except)}::text[]) AND c.domain = ANY(${p(elsewhere.domains)}::text[]))`,
    );
  if (any.length === 0) return 'FALSE';
  if (elsewhere) return `(${any.join(' OR ')})`;
  const municipalities = [...new Set(visible.scopes.map((s) => s.municipality))];
  return `(c.municipality_code = ANY(${p(municipalities)}::text[]) AND (${any.join(' OR ')}))`;
}
