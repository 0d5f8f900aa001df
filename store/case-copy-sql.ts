/**
 * The set-based statements of the bulk upsert (`case-copy.ts`), over the staged batch (`case_stage`)
 * and the decision taken for each of its rows (`case_decision`). The rule is the one in
 * `case-version.ts`, in SQL: newer source time, then source version, mapping version, content hash.
 */
import { KEY_COLUMNS, STAGE_COLUMNS } from './case-copy-rows.js';

/**
 * Session tables, emptied at each commit: created once per connection, never dropped per batch (each
 * CREATE or TRUNCATE writes the catalog: a one-case batch took four times as long with them).
 */
export const CREATE_STAGE = `CREATE TEMP TABLE IF NOT EXISTS case_stage_key (${KEY_COLUMNS.join(', ')}) ON COMMIT DELETE ROWS;
CREATE TEMP TABLE IF NOT EXISTS case_stage (${STAGE_COLUMNS.join(', ')}) ON COMMIT DELETE ROWS;
CREATE TEMP TABLE IF NOT EXISTS case_decision (
  n int PRIMARY KEY, id uuid NOT NULL, outcome text NOT NULL, existed boolean NOT NULL,
  written boolean NOT NULL DEFAULT false, fresh boolean NOT NULL DEFAULT false,
  prior_seq int, prior_status text, prior_awaiting text, prior_due text, prior_extended boolean,
  prior_docs_count int, prior_docs_digest text) ON COMMIT DELETE ROWS`;

/**
 * A transaction may upsert many batches (an export file is one unit): the second and later empty the
 * tables first, with TRUNCATE, as the rows DELETE leaves dead would be scanned by every later batch.
 */
export const EMPTY_STAGE = `TRUNCATE case_stage_key, case_stage, case_decision`;

export const COPY_KEYS = `COPY case_stage_key FROM STDIN`;
export const COPY_STAGE = `COPY case_stage FROM STDIN`;

/** A digest of a document list that ignores its order (what `documentsDigest` compares, in SQL). */
const docsDigest = (docs: string) =>
  `(SELECT md5(coalesce(string_agg(e, E'\\n' ORDER BY e), ''))
      FROM jsonb_array_elements(CASE WHEN jsonb_typeof(${docs}) = 'array' THEN ${docs} ELSE '[]' END) AS d,
           LATERAL (SELECT jsonb_build_array(d -> 'title', d -> 'kind', d -> 'receivedAt')::text AS e) AS x)`;

/**
 * Locks the stored versions ($1: the batch's ids) and decides each staged key: the same content is
 * unchanged; older than the stored version, or not newer than the source's deletion, is stale. Only
 * the cases decided new or newer are then staged whole (`case_stage`).
 */
export const DECIDE = `WITH prior AS (
  SELECT c.id, c.source_updated_at, coalesce(c.source_version, -1) AS source_version, c.content_hash COLLATE "C" AS hash,
         c.status_code, c.doc
    FROM cases c WHERE c.id = ANY($1::uuid[]) ORDER BY c.id FOR UPDATE OF c)
INSERT INTO case_decision (n, id, outcome, existed, prior_seq, prior_status, prior_awaiting, prior_due, prior_extended,
                           prior_docs_count, prior_docs_digest)
SELECT s.n, s.id,
       CASE WHEN p.id IS NOT NULL AND NOT k.changed THEN 'unchanged'
            WHEN k.changed AND (s.source_updated_at, coalesce(s.source_version, -1), s.mapping_order, s.content_hash)
                             < (p.source_updated_at, p.source_version,
                                mapping_version_order(p.doc #>> '{source,mappingVersion}') COLLATE "C", p.hash) THEN 'stale'
            WHEN p.id IS NULL AND floor(extract(epoch FROM s.source_updated_at) * 1000)
                                  <= floor(extract(epoch FROM t.source_deleted_at) * 1000) THEN 'stale'
            WHEN p.id IS NOT NULL THEN 'updated' ELSE 'inserted' END,
       p.id IS NOT NULL,
       -- What the events compare against, read (the document decompressed) only for content that changed.
       CASE WHEN k.changed THEN (SELECT max(h.seq) FROM case_status_history h WHERE h.case_id = p.id) END,
       p.status_code,
       CASE WHEN k.changed THEN p.doc #>> '{awaiting,who}' END,
       CASE WHEN k.changed THEN nullif(p.doc #>> '{deadline,dueAt}', '') END,
       CASE WHEN k.changed THEN nullif(p.doc #>> '{deadline,dueAt}', '') IS NOT NULL
                                AND coalesce(p.doc -> 'deadline' -> 'extended' = 'true'::jsonb, false) END,
       CASE WHEN k.changed AND jsonb_typeof(p.doc -> 'documents') = 'array' THEN jsonb_array_length(p.doc -> 'documents') END,
       CASE WHEN k.changed THEN ${docsDigest(`p.doc -> 'documents'`)} END
  FROM case_stage_key s LEFT JOIN prior p ON p.id = s.id LEFT JOIN case_tombstones t ON t.case_id = s.id,
       LATERAL (SELECT p.id IS NOT NULL AND s.content_hash <> p.hash AS changed) AS k
RETURNING n, outcome`;

/**
 * Writes the rows decided new or newer, guarded by the rule once more (a case another writer inserted
 * since it was looked for: see `writeCases`), and marks which were stored and which were new. The
 * status columns get the newest history entry written next (none: the stored copy stays).
 */
export const WRITE = `WITH written AS (
  INSERT INTO cases AS c (id, municipality_code, domain, office_code, reference, reference_key, property_key,
                          person_refs, org_refs, source_system, source_id, source_updated_at, fetched_at,
                          source_version, sync_source, content_hash, search, doc,
                          status_code, status_since, status_source_code)
  SELECT s.id, s.municipality_code, s.domain, s.office_code, s.reference, s.reference_key, s.property_key,
         s.person_refs, s.org_refs, s.source_system, s.source_id, s.source_updated_at, s.fetched_at,
         s.source_version, s.sync_source, s.content_hash, to_tsvector('swedish', s.search_text), s.doc,
         CASE WHEN NOT d.existed OR d.prior_status IS DISTINCT FROM s.status_code THEN s.status_code END,
         CASE WHEN NOT d.existed THEN s.head_since WHEN d.prior_status IS DISTINCT FROM s.status_code THEN s.status_since::timestamptz END,
         CASE WHEN NOT d.existed THEN s.head_source_code WHEN d.prior_status IS DISTINCT FROM s.status_code THEN s.status_source_code END
    FROM case_stage s JOIN case_decision d ON d.n = s.n
   WHERE d.outcome IN ('inserted', 'updated')
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
  RETURNING c.id, (c.xmax = 0) AS inserted)
UPDATE case_decision d SET written = true, fresh = w.inserted FROM written w WHERE w.id = d.id`;

/**
 * The history: a new case's first entries; a stored one's new status when its code changed. A case
 * stored over another writer's insert (written, neither new nor found before) is left to the caller.
 */
export const HISTORY = `INSERT INTO case_status_history (case_id, seq, code, source_code, since)
SELECT s.id, e.seq, e.code, e.source_code, e.since
  FROM case_stage s JOIN case_decision d ON d.n = s.n,
       jsonb_to_recordset(s.seeded) AS e(seq int, code text, source_code text, since timestamptz)
 WHERE d.fresh
UNION ALL
SELECT s.id, coalesce(d.prior_seq, 0) + 1, s.status_code, s.status_source_code, s.status_since::timestamptz
  FROM case_stage s JOIN case_decision d ON d.n = s.n
 WHERE d.written AND d.existed AND d.prior_status IS DISTINCT FROM s.status_code`;

/** The outbox's events, in batch order: what `compareAspects` and `changeEvent` make, in SQL. */
export const EVENTS = `INSERT INTO case_events (id, case_id, municipality_code, domain, type, changed, data, occurred_at)
SELECT gen_random_uuid(), s.id, s.municipality_code, s.domain, CASE WHEN d.existed THEN 'updated' ELSE 'created' END,
       x.changed,
       jsonb_build_object(
         'changed', to_jsonb(x.changed),
         'status', jsonb_build_object('code', s.status_code, 'previous', d.prior_status, 'since', s.status_since),
         'awaiting', jsonb_build_object('who', s.awaiting_who, 'previous', d.prior_awaiting),
         'deadline', jsonb_build_object('dueAt', s.deadline_due, 'extended', s.deadline_extended, 'previousDueAt', d.prior_due),
         'documents', jsonb_build_object('count', s.docs_count, 'previous', coalesce(d.prior_docs_count, 0))),
       s.source_updated_at
  FROM case_stage s JOIN case_decision d ON d.n = s.n,
       LATERAL (SELECT array_remove(ARRAY[
         CASE WHEN NOT d.existed OR d.prior_status IS DISTINCT FROM s.status_code THEN 'status' END,
         CASE WHEN d.prior_awaiting IS DISTINCT FROM s.awaiting_who THEN 'awaiting' END,
         CASE WHEN d.prior_due IS DISTINCT FROM s.deadline_due
                OR coalesce(d.prior_extended, false) <> s.deadline_extended THEN 'deadline' END,
         CASE WHEN d.existed AND d.prior_docs_digest <> ${docsDigest(`s.doc -> 'documents'`)}
                OR NOT d.existed AND s.docs_count > 0 THEN 'documents' END], NULL) AS changed) AS x
 WHERE d.written AND (d.fresh OR d.existed) AND (NOT d.existed OR cardinality(x.changed) > 0)
 ORDER BY s.n`;

/** Unchanged content read again: the later fetch time and the greater source version are kept. */
export const TOUCH = `UPDATE cases AS c SET fetched_at = greatest(c.fetched_at, s.fetched_at),
                          source_version = greatest(c.source_version, s.source_version)
  FROM case_stage_key s JOIN case_decision d ON d.n = s.n
 WHERE d.outcome = 'unchanged' AND c.id = s.id
   AND (s.fetched_at > c.fetched_at OR s.source_version > coalesce(c.source_version, -1))`;

/** Each staged row's outcome and what the write did, in batch order. */
export const OUTCOMES = `SELECT n, outcome, existed, written, fresh FROM case_decision ORDER BY n`;
