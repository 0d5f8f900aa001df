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
 * The row's status columns were written with this batch's plan, so the other writer's status is read
 * from its history; where no entry is appended, the columns are set back to that history's newest entry.
 */
export async function continueHistory(tx: Queryable, stored: CanonicalCase[]): Promise<HistoryRow[]> {
  const { rows } = await tx.query<{ id: string; code: string | null; seq: number | null }>(
    `SELECT DISTINCT ON (h.case_id) h.case_id AS id, h.code, h.seq
       FROM case_status_history h WHERE h.case_id = ANY($1::uuid[]) ORDER BY h.case_id, h.seq DESC`,
    [stored.map((c) => c.id)],
  );
  const now = new Map(rows.map((r) => [r.id, r]));
  const same = stored.filter((c) => now.get(c.id)?.code === c.status.code).map((c) => c.id);
  if (same.length > 0) {
    await tx.query(
      `UPDATE cases c SET status_code = h.code, status_since = h.since, status_source_code = h.source_code
         FROM (SELECT DISTINCT ON (case_id) case_id, code, since, source_code FROM case_status_history
                WHERE case_id = ANY($1::uuid[]) ORDER BY case_id, seq DESC) h
        WHERE c.id = h.case_id
          AND (c.status_code, c.status_since, c.status_source_code) IS DISTINCT FROM (h.code, h.since, h.source_code)`,
      [same],
    );
  }
  return stored.flatMap((c) => {
    const row = now.get(c.id);
    if (row?.code === c.status.code) return [];
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
 *
 * A row carries the newest status history entry this batch appends for it (`status_code` null when it
 * appends none, and the stored copy stays), so the history's trigger finds the copy already right
 * instead of writing every row a second time (027_status_copy_once.sql).
 */
export async function writeCases(
  tx: Queryable,
  writes: Record<string, unknown>[],
): Promise<Map<string, boolean>> {
  const { rows } = await tx.query<{ id: string; inserted: boolean }>(
    `INSERT INTO cases AS c (id, municipality_code, domain, office_code, reference, reference_key, property_key,
                             person_refs, org_refs, source_system, source_id, source_updated_at, fetched_at,
                             source_version, sync_source, content_hash, search, doc,
                             status_code, status_since, status_source_code)
     SELECT x.id, x.municipality_code, x.domain, x.office_code, x.reference, x.reference_key, x.property_key,
            ARRAY(SELECT jsonb_array_elements_text(x.person_refs)),
            ARRAY(SELECT jsonb_array_elements_text(x.org_refs)), x.source_system, x.source_id,
            x.source_updated_at, x.fetched_at, x.source_version, x.sync_source, x.content_hash,
            to_tsvector('swedish', x.search_text), x.doc, x.status_code, x.status_since, x.status_source_code
       FROM jsonb_to_recordset($1::jsonb) AS x(id uuid, municipality_code text, domain text, office_code text,
            reference text, reference_key text, property_key text, person_refs jsonb, org_refs jsonb, source_system text,
            source_id text, source_updated_at timestamptz, fetched_at timestamptz, source_version bigint, sync_source text,
            content_hash text, search_text text, doc jsonb, status_code text, status_since timestamptz,
            status_source_code text)
     ON CONFLICT (id) DO UPDATE SET
       municipality_code = excluded.municipality_code, domain = excluded.domain, office_code = excluded.office_code,
       reference = excluded.reference, reference_key = excluded.reference_key, property_key = excluded.property_key,
       person_refs = excluded.person_refs, org_refs = excluded.org_refs, source_updated_at = excluded.source_updated_at,
       source_version = excluded.source_version, fetched_at = excluded.fetched_at, sync_source = coalesce(excluded.sync_source, c.sync_source),
       content_hash = excluded.content_hash, search = excluded.search, doc = excluded.doc,
       updated_at = CASE WHEN c.content_hash = excluded.content_hash THEN c.updated_at ELSE now() END,
       status_code = coalesce(excluded.status_code, c.status_code),
       status_since = CASE WHEN excluded.status_code IS NULL THEN c.status_since ELSE excluded.status_since END,
       status_source_code = CASE WHEN excluded.status_code IS NULL THEN c.status_source_code ELSE excluded.status_source_code END
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
 * places, not in `doc`, so that a later read of the same content changes no document. `head` is the
 * newest history entry the batch appends for the case, if any.
 */
export function toRow(
  c: CanonicalCase,
  hash: string,
  index: SearchIndexRule,
  syncSource?: string,
  head?: HistoryRow,
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
    // The newest history entry this batch appends, which the status columns copy (see writeCases).
    status_code: head?.code ?? null,
    status_since: head?.since ?? null,
    status_source_code: head?.source_code ?? null,
  };
}
