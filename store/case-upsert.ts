/**
 * Idempotent, out-of-order-safe batch upserts: older data never overwrites newer, same-timestamp
 * corrections apply by content, and the status history gains an entry only when the status changes.
 * The history is the one record of status; the database copies its newest entry onto the case row.
 */
import { createHash } from 'node:crypto';
import { AppError } from '../app/errors.js';
import { type CanonicalCase, CanonicalCaseSchema, type StatusEntry } from '../schemas/case.js';
import type { CaseKey } from '../schemas/case-id.js';
import type { Queryable } from './db.js';
import { propertyKey, referenceKey } from './keys.js';

export type UpsertOutcome = 'inserted' | 'updated' | 'unchanged' | 'stale';

/** What of a case goes into the staff search index (decided by the access policy, not here). */
export type SearchIndexRule = (c: CanonicalCase) => { words: string[]; property: boolean };

/** Without a policy's rule only the reference is searchable: nothing a view might mask can be found. */
export const REFERENCE_ONLY: SearchIndexRule = () => ({ words: [], property: false });

/**
 * A case its source deleted, by hub id, and when the source deleted it; `key`, what the id was minted
 * from, is kept in the tombstone so that re-keying the case ids can move the tombstone too.
 */
export type CaseRemoval = { id: string; at: string; key?: CaseKey };

export type UpsertOptions = {
  /** Skips the model check for cases the mapping engine has just validated against the same schema. */
  validated?: boolean;
  /** The configured source the cases come from, so a read can find it by id. */
  syncSource?: string;
};

type Existing = {
  id: string;
  updated_ms: string;
  status_code: string | null;
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

function validate(input: CanonicalCase[]): CanonicalCase[] {
  return input.map((c, index) => {
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
}

/** Upserts a batch inside `tx`; one outcome per input, in input order. */
export async function upsertBatch(
  tx: Queryable,
  input: CanonicalCase[],
  index: SearchIndexRule,
  options: UpsertOptions = {},
): Promise<UpsertOutcome[]> {
  const cases = options.validated ? input : validate(input);
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
  // A case the source deleted stays deleted: only data newer than the deletion may bring it back.
  const deletedAt = await tombstones(
    tx,
    [...versions.keys()].filter((id) => !existing.has(id)),
  );
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
      if (!state && ms <= (deletedAt.get(id) ?? Number.NEGATIVE_INFINITY)) continue; // nor undoes a deletion
      if (state && ms === state.ms && hash === state.hash) {
        outcomes[i] = 'unchanged';
        if (!latest) touches.push({ id, fetched_at: c.source.fetchedAt });
        continue;
      }
      outcomes[i] = state || latest ? 'updated' : 'inserted';
      let seq = state?.seq ?? 0;
      // A case new to the hub brings the history its source knows (events), so the timeline starts
      // where the case did, not where the hub first saw it; after that, only changes are appended.
      let last = state?.status;
      for (const entry of state ? [c.status] : seededHistory(c)) {
        if (last === entry.code) continue;
        seq += 1;
        history.push({
          case_id: id,
          seq,
          code: entry.code,
          source_code: entry.sourceCode,
          since: entry.since,
        });
        last = entry.code;
      }
      state = { ms, hash, status: c.status.code, seq };
      latest = { c, hash };
    }
    if (latest) writes.push(toRow(latest.c, latest.hash, index, options.syncSource));
  }
  if (writes.length > 0) await writeCases(tx, writes);
  if (history.length > 0) {
    // The trigger on this table sets each case's current status from its newest entry.
    await tx.query(
      `INSERT INTO case_status_history (case_id, seq, code, source_code, since)
       SELECT x.case_id, x.seq, x.code, x.source_code, x.since
         FROM jsonb_to_recordset($1::jsonb) AS x(case_id uuid, seq integer, code text, source_code text, since timestamptz)`,
      [JSON.stringify(history)],
    );
  }
  if (touches.length > 0) {
    await tx.query(
      `UPDATE cases AS c SET fetched_at = greatest(c.fetched_at, x.fetched_at)
         FROM jsonb_to_recordset($1::jsonb) AS x(id uuid, fetched_at timestamptz)
        WHERE c.id = x.id AND x.fetched_at > c.fetched_at`,
      [JSON.stringify(touches)],
    );
  }
  return outcomes;
}

/** When the source deleted each of `ids` (ms), for the ids with a tombstone. */
async function tombstones(tx: Queryable, ids: string[]): Promise<Map<string, number>> {
  if (ids.length === 0) return new Map();
  const { rows } = await tx.query<{ case_id: string; ms: string }>(
    `SELECT case_id, floor(extract(epoch FROM source_deleted_at) * 1000)::bigint::text AS ms
       FROM case_tombstones WHERE case_id = ANY($1::uuid[])`,
    [ids],
  );
  return new Map(rows.map((r) => [r.case_id, Number(r.ms)]));
}

/**
 * Removes cases their source deleted (gallring, makulering), with their history, unless the hub holds
 * a version newer than the deletion; leaves a tombstone so older data cannot bring them back.
 * Returns the ids removed.
 */
export async function removeBatch(tx: Queryable, removals: readonly CaseRemoval[]): Promise<string[]> {
  if (removals.length === 0) return [];
  const rows = JSON.stringify(
    removals.map((r) => ({
      case_id: r.id,
      at: r.at,
      municipality_code: r.key?.municipalityCode ?? null,
      source_system: r.key?.sourceSystem ?? null,
      source_id: r.key?.sourceId ?? null,
    })),
  );
  await tx.query(
    `INSERT INTO case_tombstones AS t (case_id, source_deleted_at, municipality_code, source_system, source_id)
     SELECT x.case_id, max(x.at), max(x.municipality_code), max(x.source_system), max(x.source_id)
       FROM jsonb_to_recordset($1::jsonb)
         AS x(case_id uuid, at timestamptz, municipality_code text, source_system text, source_id text)
      GROUP BY x.case_id
     ON CONFLICT (case_id) DO UPDATE SET source_deleted_at = greatest(t.source_deleted_at, excluded.source_deleted_at),
                                          municipality_code = coalesce(t.municipality_code, excluded.municipality_code),
                                          source_system = coalesce(t.source_system, excluded.source_system),
                                          source_id = coalesce(t.source_id, excluded.source_id),
                                          recorded_at = now()`,
    [rows],
  );
  const { rows: removed } = await tx.query<{ id: string }>(
    `DELETE FROM cases c USING case_tombstones t
      WHERE t.case_id = c.id AND c.id = ANY($1::uuid[]) AND c.source_updated_at <= t.source_deleted_at
      RETURNING c.id`,
    [removals.map((r) => r.id)],
  );
  return removed.map((r) => r.id);
}

/** The first history of a case: what the mapping read from the source's events, ending in the current status. */
function seededHistory(c: CanonicalCase): StatusEntry[] {
  const seeded = (c.statusHistory ?? []).filter((e) => Date.parse(e.since) <= Date.parse(c.status.since));
  const current = { code: c.status.code, sourceCode: c.status.sourceCode, since: c.status.since };
  return seeded.at(-1)?.code === current.code ? seeded : [...seeded, current];
}

async function writeCases(tx: Queryable, writes: Record<string, unknown>[]): Promise<void> {
  await tx.query(
    `INSERT INTO cases AS c (id, municipality_code, domain, office_code, reference, reference_key, property_key,
                             person_refs, org_refs, source_system, source_id, source_updated_at, fetched_at,
                             sync_source, content_hash, search, doc)
     SELECT x.id, x.municipality_code, x.domain, x.office_code, x.reference, x.reference_key, x.property_key,
            ARRAY(SELECT jsonb_array_elements_text(x.person_refs)),
            ARRAY(SELECT jsonb_array_elements_text(x.org_refs)), x.source_system, x.source_id,
            x.source_updated_at, x.fetched_at, x.sync_source, x.content_hash,
            to_tsvector('swedish', x.search_text), x.doc
       FROM jsonb_to_recordset($1::jsonb) AS x(id uuid, municipality_code text, domain text, office_code text,
            reference text, reference_key text, property_key text, person_refs jsonb, org_refs jsonb, source_system text,
            source_id text, source_updated_at timestamptz, fetched_at timestamptz, sync_source text,
            content_hash text, search_text text, doc jsonb)
     ON CONFLICT (id) DO UPDATE SET
       municipality_code = excluded.municipality_code, domain = excluded.domain, office_code = excluded.office_code,
       reference = excluded.reference, reference_key = excluded.reference_key, property_key = excluded.property_key,
       person_refs = excluded.person_refs, org_refs = excluded.org_refs, source_updated_at = excluded.source_updated_at,
       fetched_at = excluded.fetched_at, sync_source = coalesce(excluded.sync_source, c.sync_source),
       content_hash = excluded.content_hash, search = excluded.search, doc = excluded.doc, updated_at = now()
     WHERE c.source_updated_at <= excluded.source_updated_at`,
    [JSON.stringify(writes)],
  );
}

/** The row of a case: status (and its history) and fetch time are kept in their own places, not in `doc`. */
function toRow(
  c: CanonicalCase,
  hash: string,
  index: SearchIndexRule,
  syncSource?: string,
): Record<string, unknown> {
  const { status: _status, statusHistory: _history, source, ...rest } = c;
  const { fetchedAt: _fetchedAt, ...stableSource } = source;
  const indexed = index(c);
  return {
    id: c.id,
    municipality_code: c.municipality.code,
    domain: c.domain,
    office_code: c.office.code,
    reference: c.reference,
    reference_key: referenceKey(c.reference),
    property_key:
      c.property && indexed.property ? propertyKey(c.property.designation, [c.municipality.name]) : null,
    // Persons only: an organisation party has an orgRef and no place in a citizen's "Mina ärenden".
    person_refs: [...new Set(c.parties.flatMap((p) => (p.personRef ? [p.personRef] : [])))],
    // Organisations in their own column: staff find a company's cases, citizens' lists never see them.
    org_refs: [...new Set(c.parties.flatMap((p) => (p.orgRef ? [p.orgRef] : [])))],
    source_system: c.source.system,
    source_id: c.source.sourceId,
    source_updated_at: c.source.sourceUpdatedAt,
    fetched_at: c.source.fetchedAt,
    sync_source: syncSource ?? null,
    content_hash: hash,
    search_text: [c.reference, ...indexed.words].join(' '),
    doc: { ...rest, source: stableSource },
  };
}
