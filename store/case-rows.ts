/** How a case is written: its row (guarded by the newer-wins rule in SQL) and its status history entries. */
import type { CanonicalCase } from '../schemas/case.js';
import type { SearchIndexRule } from './case-upsert.js';
import type { Queryable } from './db.js';
import { propertyKey, referenceKey } from './keys.js';

/** One status history entry to insert. */
export type HistoryRow = Record<string, unknown> & { case_id: string };

/** Removes the entries of one case from `history`. */
export function dropHistory(history: { case_id: string }[], id: string): void {
  for (let i = history.length - 1; i >= 0; i -= 1) if (history[i]?.case_id === id) history.splice(i, 1);
}

/**
 * History entries for cases this batch stored over a version another writer inserted meanwhile: the
 * status each now has, appended to that writer's history when it differs (the row is locked by now).
 */
export async function continueHistory(tx: Queryable, stored: CanonicalCase[]): Promise<HistoryRow[]> {
  const { rows } = await tx.query<{ id: string; status_code: string | null; seq: number | null }>(
    `SELECT c.id, c.status_code, (SELECT max(h.seq) FROM case_status_history h WHERE h.case_id = c.id) AS seq
       FROM cases c WHERE c.id = ANY($1::uuid[])`,
    [stored.map((c) => c.id)],
  );
  const now = new Map(rows.map((r) => [r.id, r]));
  return stored.flatMap((c) => {
    const row = now.get(c.id);
    if (row?.status_code === c.status.code) return [];
    return [
      {
        case_id: c.id,
        seq: (row?.seq ?? 0) + 1,
        code: c.status.code,
        source_code: c.status.sourceCode,
        since: c.status.since,
      },
    ];
  });
}

/**
 * Writes the rows; returns, for each row the database stored, whether it was new. The `WHERE` is the
 * guard's SQL half, the same rule as `compareVersions`: it decides for a writer that read before another
 * one committed, and a row it leaves out was not stored. The same content with a greater source version
 * (a later read) passes it too, so the stored version is raised; the content, and `updated_at`, stay.
 *
 * Two writers inserting the same new case at the very same moment may also meet in its second unique
 * index (municipality, source system, source id), which ON CONFLICT does not arbitrate: one of them then
 * fails with a unique violation or a deadlock, and stores the case when its unit is tried again (the
 * guard decides then). Locking every new id instead would hold thousands of locks in one export file's
 * transaction.
 */
export async function writeCases(
  tx: Queryable,
  writes: Record<string, unknown>[],
): Promise<Map<string, boolean>> {
  const { rows } = await tx.query<{ id: string; inserted: boolean }>(
    `INSERT INTO cases AS c (id, municipality_code, domain, office_code, reference, reference_key, property_key,
                             person_refs, org_refs, source_system, source_id, source_updated_at, fetched_at,
                             source_version, sync_source, content_hash, search, doc)
     SELECT x.id, x.municipality_code, x.domain, x.office_code, x.reference, x.reference_key, x.property_key,
            ARRAY(SELECT jsonb_array_elements_text(x.person_refs)),
            ARRAY(SELECT jsonb_array_elements_text(x.org_refs)), x.source_system, x.source_id,
            x.source_updated_at, x.fetched_at, x.source_version, x.sync_source, x.content_hash,
            to_tsvector('swedish', x.search_text), x.doc
       FROM jsonb_to_recordset($1::jsonb) AS x(id uuid, municipality_code text, domain text, office_code text,
            reference text, reference_key text, property_key text, person_refs jsonb, org_refs jsonb, source_system text,
            source_id text, source_updated_at timestamptz, fetched_at timestamptz, source_version bigint, sync_source text,
            content_hash text, search_text text, doc jsonb)
     ON CONFLICT (id) DO UPDATE SET
       municipality_code = excluded.municipality_code, domain = excluded.domain, office_code = excluded.office_code,
       reference = excluded.reference, reference_key = excluded.reference_key, property_key = excluded.property_key,
       person_refs = excluded.person_refs, org_refs = excluded.org_refs, source_updated_at = excluded.source_updated_at,
       source_version = excluded.source_version, fetched_at = excluded.fetched_at, sync_source = coalesce(excluded.sync_source, c.sync_source),
       content_hash = excluded.content_hash, search = excluded.search, doc = excluded.doc,
       updated_at = CASE WHEN c.content_hash = excluded.content_hash THEN c.updated_at ELSE now() END
     WHERE (c.source_updated_at, coalesce(c.source_version, -1),
            mapping_version_order(c.doc #>> '{source,mappingVersion}') COLLATE "C", c.content_hash COLLATE "C")
         < (excluded.source_updated_at, coalesce(excluded.source_version, -1),
            mapping_version_order(excluded.doc #>> '{source,mappingVersion}') COLLATE "C", excluded.content_hash COLLATE "C")
     RETURNING c.id, (c.xmax = 0) AS inserted`,
    [JSON.stringify(writes)],
  );
  return new Map(rows.map((r) => [r.id, r.inserted]));
}

/**
 * The row of a case: status (and its history), fetch time and source version are kept in their own
 * places, not in `doc`, so that a later read of the same content changes no document.
 */
export function toRow(
  c: CanonicalCase,
  hash: string,
  index: SearchIndexRule,
  syncSource?: string,
): Record<string, unknown> {
  const { status: _status, statusHistory: _history, source, ...rest } = c;
  const { fetchedAt: _fetchedAt, sourceVersion: _version, ...stableSource } = source;
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
    source_version: c.source.sourceVersion ?? null,
    fetched_at: c.source.fetchedAt,
    sync_source: syncSource ?? null,
    content_hash: hash,
    search_text: [c.reference, ...indexed.words].join(' '),
    doc: { ...rest, source: stableSource },
  };
}
