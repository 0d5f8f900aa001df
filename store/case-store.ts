/** The case store: idempotent, out-of-order-safe upserts with status history, and the staff/citizen queries. */
import { createHash } from 'node:crypto';
import { AppError } from '../app/errors.js';
import { type CanonicalCase, CanonicalCaseSchema, type StatusEntry } from '../schemas/case.js';
import { isUuid } from '../schemas/case-id.js';
import { MUNICIPALITY_NAMES } from '../schemas/municipalities.js';
import type { Db, Queryable } from './db.js';
import { likePrefix, propertyKey, referenceKey } from './keys.js';

export type UpsertOutcome = 'inserted' | 'updated' | 'unchanged' | 'stale';

export type StoredCase = { case: CanonicalCase; history: StatusEntry[] };

export type CaseQuery =
  | { by: 'reference'; value: string }
  /** Any of the references (one per configured key during a key rotation). */
  | { by: 'personRef'; value: string | readonly string[] }
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
   * What the caller may see at all: whole domains, and domains seen only on one office. Enforced in
   * SQL so counts and pages never reveal hidden cases.
   */
  visible?: {
    domains: readonly string[];
    ownOffice?: { domains: readonly string[]; office: string; municipality: string };
  };
  cursor?: string;
  limit?: number;
};

export type SearchPage = { items: CanonicalCase[]; nextCursor: string | null };

export interface CaseStore {
  /** Upserts a batch in one transaction; one outcome per input, in input order. */
  upsertMany(cases: CanonicalCase[]): Promise<UpsertOutcome[]>;
  /**
   * The same, inside a caller's transaction (so a sync cursor commits with its data). `validated`
   * skips the model check for cases the mapping engine has just validated against the same schema.
   */
  upsertManyIn(
    tx: Queryable,
    cases: CanonicalCase[],
    options?: { validated?: boolean },
  ): Promise<UpsertOutcome[]>;
  get(id: string): Promise<StoredCase | undefined>;
  search(query: CaseQuery, options?: SearchOptions): Promise<SearchPage>;
  ping(): Promise<void>;
}

const ORDER = 'ORDER BY c.source_updated_at DESC, c.id DESC';

/**
 * Builds the store over a migrated database.
 *
 * @example
 * const store = createCaseStore(db);
 * await store.upsertMany([canonicalCase]);
 */
export function createCaseStore(db: Db): CaseStore {
  const upsertManyIn = (tx: Queryable, cases: CanonicalCase[], options: { validated?: boolean } = {}) =>
    upsertBatch(tx, cases, options.validated ?? false);
  return {
    upsertManyIn,
    upsertMany: (cases) =>
      cases.length === 0 ? Promise.resolve([]) : db.transaction((tx) => upsertBatch(tx, cases, false)),
    async get(id) {
      const { rows } = await db.query<{ doc: CanonicalCase; history: StatusEntry[] | string }>(
        `SELECT c.doc,
                (SELECT coalesce(json_agg(json_build_object('code', h.code, 'sourceCode', h.source_code,
                          'since', to_char(h.since AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')) ORDER BY h.seq), '[]'::json)
                   FROM case_status_history h WHERE h.case_id = c.id) AS history
           FROM cases c WHERE c.id = $1`,
        [id],
      );
      const row = rows[0];
      if (!row) return undefined;
      const history =
        typeof row.history === 'string' ? (JSON.parse(row.history) as StatusEntry[]) : row.history;
      return { case: row.doc, history };
    },
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
        case 'text':
          where.push(`c.search @@ websearch_to_tsquery('swedish', ${p(query.value)})`);
          break;
      }
      const f = options.filters ?? {};
      if (options.visible) {
        const own = options.visible.ownOffice;
        where.push(
          own
            ? `(c.domain = ANY(${p(options.visible.domains)}::text[]) OR (c.domain = ANY(${p(own.domains)}::text[]) AND c.office_code = ${p(own.office)} AND c.municipality_code = ${p(own.municipality)}))`
            : `c.domain = ANY(${p(options.visible.domains)}::text[])`,
        );
      }
      if (f.domain?.length) where.push(`c.domain = ANY(${p(f.domain)}::text[])`);
      if (f.status?.length) where.push(`c.status_code = ANY(${p(f.status)}::text[])`);
      if (f.municipality?.length) where.push(`c.municipality_code = ANY(${p(f.municipality)}::text[])`);
      if (f.office?.length) where.push(`c.office_code = ANY(${p(f.office)}::text[])`);
      if (options.cursor) {
        const after = decodeCursor(options.cursor);
        where.push(`(c.source_updated_at, c.id) < (${p(after.u)}::timestamptz, ${p(after.i)}::uuid)`);
      }
      const limit = Math.min(Math.max(options.limit ?? 20, 1), 100);
      // A person's few cases: the planner cannot know a person_refs value is rare and would walk the
      // recency index through every case (6 s at 1 M rows). OFFSET 0 keeps the subquery whole, so the
      // GIN index finds the handful first (0.5 ms). Not for free text, where common words are many.
      const from =
        query.by === 'personRef'
          ? `(SELECT * FROM cases c WHERE ${where.join(' AND ')} OFFSET 0) c`
          : `cases c WHERE ${where.join(' AND ')}`;
      const { rows } = await db.query<{ doc: CanonicalCase; u: string; id: string }>(
        `SELECT c.doc, to_char(c.source_updated_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS u, c.id
           FROM ${from} ${ORDER} LIMIT ${p(limit + 1)}`,
        params,
      );
      const page = rows.slice(0, limit);
      const last = page.at(-1);
      return {
        items: page.map((r) => r.doc),
        nextCursor: rows.length > limit && last ? encodeCursor({ u: last.u, i: last.id }) : null,
      };
    },
    async ping() {
      await db.query('SELECT 1');
    },
  };
}

type Cursor = { u: string; i: string };

function encodeCursor(c: Cursor): string {
  return Buffer.from(JSON.stringify([c.u, c.i])).toString('base64url');
}

function decodeCursor(raw: string): Cursor {
  try {
    const [u, i] = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8')) as unknown[];
    if (typeof u === 'string' && typeof i === 'string' && !Number.isNaN(Date.parse(u)) && isUuid(i)) {
      return { u, i };
    }
  } catch {
    // fall through to the validation error below
  }
  throw new AppError('validation', 'The cursor is not one this service issued.', {
    errors: [{ field: 'cursor', message: 'Invalid cursor' }],
  });
}

type Existing = {
  id: string;
  updated_ms: string;
  status_code: string;
  content_hash: string;
  seq: number | null;
};

/** Content identity of a case, ignoring when it was fetched: equal hashes mean nothing changed. */
function contentHash(c: CanonicalCase): string {
  const { fetchedAt: _fetched, ...source } = c.source;
  return createHash('sha256')
    .update(JSON.stringify({ ...c, source }))
    .digest('base64url');
}

function hasProtectedParty(c: CanonicalCase): boolean {
  return c.parties.some((p) => p.protectedIdentity);
}

/** Only fields classed public or internal are searchable: a hit must not reveal what a view would mask. */
function searchable(c: CanonicalCase, ...paths: string[]): boolean {
  const cls = paths.map((p) => c.fieldClasses[p]).find((x) => x !== undefined) ?? 'internal';
  return cls === 'public' || cls === 'internal';
}

function searchText(c: CanonicalCase): string {
  // A person with protected identity must not be locatable: neither their name nor the property
  // or address of their case goes into the search index.
  const names = searchable(c, 'parties.displayName', 'parties')
    ? c.parties.filter((p) => !p.protectedIdentity && p.displayName).map((p) => p.displayName)
    : [];
  const place =
    hasProtectedParty(c) || !searchable(c, 'property') ? [] : [c.property?.designation, c.property?.address];
  const title = searchable(c, 'title') ? [c.title] : [];
  const type = searchable(c, 'caseType') ? [c.caseType.label.sv] : [];
  return [c.reference, ...title, ...type, ...place, ...names].filter(Boolean).join(' ');
}

async function upsertBatch(
  tx: Queryable,
  input: CanonicalCase[],
  validated: boolean,
): Promise<UpsertOutcome[]> {
  const cases = validated
    ? input
    : input.map((c, index) => {
        const parsed = CanonicalCaseSchema.safeParse(c);
        if (!parsed.success) {
          throw new AppError(
            'validation',
            `Case at batch position ${index} does not match the canonical model.`,
            {
              errors: parsed.error.issues.map((i) => ({ field: i.path.join('.'), message: i.message })),
            },
          );
        }
        return parsed.data;
      });
  const outcomes: UpsertOutcome[] = new Array(cases.length).fill('stale');
  // Versions of one case inside a batch are applied oldest first, so history keeps every status they pass.
  const versions = new Map<string, number[]>();
  cases.forEach((c, i) => {
    const list = versions.get(c.id);
    if (list) list.push(i);
    else versions.set(c.id, [i]);
  });
  const { rows } = await tx.query<Existing>(
    `SELECT c.id, floor(extract(epoch FROM c.source_updated_at) * 1000)::bigint::text AS updated_ms,
            c.status_code, c.content_hash,
            (SELECT max(h.seq) FROM case_status_history h WHERE h.case_id = c.id) AS seq
       FROM cases c WHERE c.id = ANY($1::uuid[]) ORDER BY c.id FOR UPDATE OF c`,
    [[...versions.keys()]],
  );
  const existing = new Map(rows.map((r) => [r.id, r]));
  const writes: Record<string, unknown>[] = [];
  const touches: { id: string; fetched_at: string }[] = [];
  const history: Record<string, unknown>[] = [];
  for (const [id, indexes] of versions) {
    const old = existing.get(id);
    let state = old
      ? { ms: Number(old.updated_ms), hash: old.content_hash, status: old.status_code, seq: old.seq ?? 0 }
      : undefined;
    let latest: { c: CanonicalCase; hash: string } | undefined;
    const ordered = [...indexes].sort(
      (a, b) =>
        Date.parse(cases[a]?.source.sourceUpdatedAt ?? '') -
        Date.parse(cases[b]?.source.sourceUpdatedAt ?? ''),
    );
    for (const i of ordered) {
      const c = cases[i] as CanonicalCase;
      const hash = contentHash(c);
      const ms = Date.parse(c.source.sourceUpdatedAt);
      if (state && ms < state.ms) continue; // older data never overwrites newer
      if (state && ms === state.ms && hash === state.hash) {
        outcomes[i] = 'unchanged';
        if (!latest) touches.push({ id, fetched_at: c.source.fetchedAt });
        continue;
      }
      outcomes[i] = state || latest ? 'updated' : 'inserted';
      const seq = state?.seq ?? 0;
      if (!state || state.status !== c.status.code) {
        history.push({
          case_id: id,
          seq: seq + 1,
          code: c.status.code,
          source_code: c.status.sourceCode,
          since: c.status.since,
        });
      }
      state = {
        ms,
        hash,
        status: c.status.code,
        seq: !state || state.status !== c.status.code ? seq + 1 : seq,
      };
      latest = { c, hash };
    }
    if (latest) writes.push(toRow(latest.c, latest.hash));
  }
  if (writes.length > 0) {
    await tx.query(
      `INSERT INTO cases AS c (id, municipality_code, domain, office_code, reference, reference_key, property_key,
                               person_refs, status_code, status_since, source_system, source_id, source_updated_at,
                               fetched_at, content_hash, search, doc)
       SELECT x.id, x.municipality_code, x.domain, x.office_code, x.reference, x.reference_key, x.property_key,
              ARRAY(SELECT jsonb_array_elements_text(x.person_refs)), x.status_code, x.status_since, x.source_system,
              x.source_id, x.source_updated_at, x.fetched_at, x.content_hash,
              to_tsvector('swedish', x.search_text), x.doc
         FROM jsonb_to_recordset($1::jsonb) AS x(id uuid, municipality_code text, domain text, office_code text,
              reference text, reference_key text, property_key text, person_refs jsonb, status_code text,
              status_since timestamptz, source_system text, source_id text, source_updated_at timestamptz,
              fetched_at timestamptz, content_hash text, search_text text, doc jsonb)
       ON CONFLICT (id) DO UPDATE SET
         municipality_code = excluded.municipality_code, domain = excluded.domain, office_code = excluded.office_code,
         reference = excluded.reference, reference_key = excluded.reference_key, property_key = excluded.property_key,
         person_refs = excluded.person_refs, status_code = excluded.status_code, status_since = excluded.status_since,
         source_updated_at = excluded.source_updated_at, fetched_at = excluded.fetched_at,
         content_hash = excluded.content_hash, search = excluded.search, doc = excluded.doc, updated_at = now()
       WHERE c.source_updated_at <= excluded.source_updated_at`,
      [JSON.stringify(writes)],
    );
  }
  if (history.length > 0) {
    await tx.query(
      `INSERT INTO case_status_history (case_id, seq, code, source_code, since)
       SELECT x.case_id, x.seq, x.code, x.source_code, x.since
         FROM jsonb_to_recordset($1::jsonb) AS x(case_id uuid, seq integer, code text, source_code text, since timestamptz)`,
      [JSON.stringify(history)],
    );
  }
  if (touches.length > 0) {
    await tx.query(
      `UPDATE cases AS c SET fetched_at = greatest(c.fetched_at, x.fetched_at),
              doc = jsonb_set(c.doc, '{source,fetchedAt}', to_jsonb(x.fetched_at_text))
         FROM jsonb_to_recordset($1::jsonb) AS x(id uuid, fetched_at timestamptz, fetched_at_text text)
        WHERE c.id = x.id AND x.fetched_at > c.fetched_at`,
      [JSON.stringify(touches.map((t) => ({ ...t, fetched_at_text: t.fetched_at })))],
    );
  }
  return outcomes;
}

function toRow(c: CanonicalCase, hash: string): Record<string, unknown> {
  return {
    id: c.id,
    municipality_code: c.municipality.code,
    domain: c.domain,
    office_code: c.office.code,
    reference: c.reference,
    reference_key: referenceKey(c.reference),
    property_key:
      c.property && !hasProtectedParty(c) ? propertyKey(c.property.designation, [c.municipality.name]) : null,
    person_refs: [...new Set(c.parties.map((p) => p.personRef))],
    status_code: c.status.code,
    status_since: c.status.since,
    source_system: c.source.system,
    source_id: c.source.sourceId,
    source_updated_at: c.source.sourceUpdatedAt,
    fetched_at: c.source.fetchedAt,
    content_hash: hash,
    search_text: searchText(c),
    doc: c,
  };
}
