/**
 * Idempotent, out-of-order-safe batch upserts: older data never overwrites newer (by the rule in
 * `case-version.ts`, whatever the delivery order), and the status history gains an entry only when
 * the status changes. The history is the one record of status; the database copies its newest entry
 * onto the case row.
 */
import { AppError } from '../app/errors.js';
import { type CanonicalCase, CanonicalCaseSchema } from '../schemas/case.js';
import type { CaseKey } from '../schemas/case-id.js';
import {
  type Aspects,
  aspectsOf,
  type CaseEventRow,
  changeEvent,
  compareAspects,
  STORED_ASPECTS_SQL,
  storedAspects,
} from './case-change.js';
import { bulkFits, upsertBulk } from './case-copy.js';
import { seededHistory } from './case-copy-rows.js';
import { continueHistory, dropHistory, type HistoryRow, toRow, writeCases } from './case-rows.js';
import {
  compareVersions,
  contentHash,
  mappingVersionOrder,
  type VersionKey,
  versionKey,
} from './case-version.js';
import type { Queryable } from './db.js';
import { writeEvents } from './outbox.js';

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
  /** The smallest batch that goes the set-based way on PostgreSQL (`BULK_FROM`; tests set 1). */
  bulkFrom?: number;
};

type Existing = {
  id: string;
  updated_ms: string;
  source_version: string | null;
  mapping_version: string | null;
  status_code: string | null;
  content_hash: string;
  seq: number | null;
  awaiting_who: string | null;
  deadline: { dueAt?: string; extended?: boolean } | null;
  documents: { title?: unknown; kind?: unknown; receivedAt?: unknown }[] | null;
};

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
  // On a PostgreSQL server, a large batch without two versions of one case goes the set-based way.
  if (bulkFits(tx, cases, options.bulkFrom)) return upsertBulk(tx, cases, index, options);
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
            c.source_version::text, c.doc #>> '{source,mappingVersion}' AS mapping_version,
            c.status_code, c.content_hash, ${STORED_ASPECTS_SQL},
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
  // Per case, the latest fetch time and greatest source version of the versions that changed nothing.
  const touches = new Map<string, { id: string; fetched_at: string; source_version: number | null }>();
  const touch = (id: string, fetchedAt: string, version: number | null) => {
    const was = touches.get(id);
    const greatest = Math.max(was?.source_version ?? -1, version ?? -1);
    touches.set(id, {
      id,
      fetched_at: was && Date.parse(was.fetched_at) > Date.parse(fetchedAt) ? was.fetched_at : fetchedAt,
      source_version: greatest < 0 ? null : greatest,
    });
  };
  const history: HistoryRow[] = [];
  // The outbox's events: one per stored version that changed what the world outside is told about.
  const events: CaseEventRow[] = [];
  // What each written case was expected to be, to check against what the database did (see below).
  const expected = new Map<string, { applied: number[]; inserted: boolean; latest: CanonicalCase }>();
  for (const [id, indexes] of versions) {
    const old = existing.get(id);
    let state: { key: VersionKey; status: string | null; seq: number } | undefined = old
      ? {
          key: {
            ms: Number(old.updated_ms),
            sourceVersion: old.source_version === null ? null : Number(old.source_version),
            mappingOrder: mappingVersionOrder(old.mapping_version ?? ''),
            hash: old.content_hash,
          },
          status: old.status_code,
          seq: old.seq ?? 0,
        }
      : undefined;
    let latest: { c: CanonicalCase; hash: string } | undefined;
    let head: HistoryRow | undefined;
    let aspects: Aspects | undefined = old ? storedAspects(old) : undefined;
    const keyed = indexes.map((i) => {
      const c = cases[i] as CanonicalCase;
      const hash = contentHash(c);
      return { i, c, hash, key: versionKey(c, hash) };
    });
    // Oldest first by the one rule, so the order the versions came in changes nothing.
    keyed.sort((a, b) => compareVersions(a.key, b.key));
    const applied: number[] = [];
    for (const { i, c, hash, key } of keyed) {
      if (state && hash === state.key.hash) {
        // The same content (read again, delivered again): nothing changed and no history is written,
        // but the greater source version is kept, so a read older than this one cannot win later.
        outcomes[i] = 'unchanged';
        const raised = (key.sourceVersion ?? -1) > (state.key.sourceVersion ?? -1);
        if (raised) state.key = { ...state.key, sourceVersion: key.sourceVersion };
        if (latest) {
          if (raised) latest = { c, hash };
        } else touch(id, c.source.fetchedAt, key.sourceVersion);
        continue;
      }
      const against = state ? compareVersions(key, state.key) : 1;
      if (against < 0) continue; // older data never overwrites newer
      if (!state && key.ms <= (deletedAt.get(id) ?? Number.NEGATIVE_INFINITY)) continue; // nor undoes a deletion
      outcomes[i] = state || latest ? 'updated' : 'inserted';
      applied.push(i);
      let seq = state?.seq ?? 0;
      // A case new to the hub brings the history its source knows (events), so the timeline starts
      // where the case did, not where the hub first saw it; after that, only changes are appended.
      let last = state?.status;
      for (const entry of state ? [c.status] : seededHistory(c)) {
        if (last === entry.code) continue;
        seq += 1;
        head = { case_id: id, seq, code: entry.code, source_code: entry.sourceCode, since: entry.since };
        history.push(head);
        last = entry.code;
      }
      state = { key, status: c.status.code, seq };
      latest = { c, hash };
      const now = aspectsOf(c);
      const change = compareAspects(aspects, now);
      if (change) events.push(changeEvent(c, aspects ? 'updated' : 'created', change));
      aspects = now;
    }
    if (latest) {
      writes.push(toRow(latest.c, latest.hash, index, options.syncSource, head));
      expected.set(id, { applied, inserted: !old, latest: latest.c });
    }
  }
  const written = writes.length > 0 ? await writeCases(tx, writes) : new Map<string, boolean>();
  // A case no other writer held when it was read above may have been inserted by one since (row locks
  // cannot cover a row that does not exist yet): the database's guard then decided, by the same rule.
  const raced: CanonicalCase[] = [];
  for (const [id, want] of expected) {
    const insertedNow = written.get(id);
    if (insertedNow === undefined) {
      // The other writer's version is newer: nothing of this batch's versions was stored.
      for (const i of want.applied) outcomes[i] = 'stale';
      dropHistory(history, id);
      dropHistory(events, id);
    } else if (want.inserted && !insertedNow) {
      // This version is newer and now stored; the history continues the other writer's.
      for (const i of want.applied) if (outcomes[i] === 'inserted') outcomes[i] = 'updated';
      dropHistory(history, id);
      raced.push(want.latest);
      // What the other writer stored is not known here: the one event says every aspect it carries.
      dropHistory(events, id);
      const change = compareAspects(undefined, aspectsOf(want.latest));
      if (change) events.push(changeEvent(want.latest, 'updated', change));
    }
  }
  if (raced.length > 0) history.push(...(await continueHistory(tx, raced)));
  if (history.length > 0) {
    // The trigger on this table sets each case's current status from its newest entry.
    await tx.query(
      `INSERT INTO case_status_history (case_id, seq, code, source_code, since)
       SELECT x.case_id, x.seq, x.code, x.source_code, x.since
         FROM jsonb_to_recordset($1::jsonb) AS x(case_id uuid, seq integer, code text, source_code text, since timestamptz)`,
      [JSON.stringify(history)],
    );
  }
  if (touches.size > 0) {
    await tx.query(
      `UPDATE cases AS c SET fetched_at = greatest(c.fetched_at, x.fetched_at),
                             source_version = greatest(c.source_version, x.source_version)
         FROM jsonb_to_recordset($1::jsonb) AS x(id uuid, fetched_at timestamptz, source_version bigint)
        WHERE c.id = x.id AND (x.fetched_at > c.fetched_at OR x.source_version > coalesce(c.source_version, -1))`,
      [JSON.stringify([...touches.values()])],
    );
  }
  await writeEvents(tx, events);
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
