/**
 * The unit processor: maps a unit's records and commits the cases, the quarantine entries of records
 * that did not map and the unit's cursor in one transaction; only then lets the connector settle it.
 */
import { createHash } from 'node:crypto';
import type { Logger } from '../app/logger.js';
import { ConnectorError, type PullUnit } from '../connectors/contract.js';
import type { Mapper, MapResult } from '../mappings/engine/index.js';
import type { PersonRefHasher } from '../person/person-ref.js';
import { scrubPersonnummer } from '../person/scrub.js';
import type { SealedBox } from '../person/sealed-box.js';
import type { CanonicalCase } from '../schemas/case.js';
import type { CaseIdMinter } from '../schemas/case-id.js';
import type { CaseStore } from '../store/case-store.js';
import type { Db, Queryable } from '../store/db.js';
import { describe } from './resilience.js';
import type { SyncMetrics } from './sync-metrics.js';
import type { SyncStore } from './sync-store.js';

export type UnitProcessorDeps = {
  db: Db;
  store: Pick<CaseStore, 'upsertManyIn' | 'removeIn'>;
  syncStore: SyncStore;
  personRefs: PersonRefHasher;
  /** Mints case ids under the hub's CASE_ID_KEY (for records and for the removals a source reports). */
  caseIds: CaseIdMinter;
  quarantineBox: SealedBox;
  metrics: SyncMetrics;
  /** Told about list items (a party, a document) a mapping left out of a stored case, never their values. */
  logger?: Pick<Logger, 'warn'>;
  now?: () => Date;
};

/** The part of a source the processor needs: where records come from and how they map. */
export type UnitTarget = { settings: { id: string }; mapper: Mapper };

export type UnitCounts = { stored: number; quarantined: number };

type Quarantined = Parameters<SyncStore['quarantineIn']>[1];

/** A case its source removed (gallring): the hub's id, the source's id and when. */
export type Removal = { id: string; sourceId: string; at: string };

/** What one batch commits: cases to store, records to quarantine, cases to remove. */
type BatchWrites = { cases: CanonicalCase[]; failed: Quarantined[]; removals: Removal[] };

/** The key of a record the mapping could not name: a hash of its content, so a resend finds the same entry. */
export function contentKey(record: unknown): string {
  return `sha256:${createHash('sha256').update(JSON.stringify(record)).digest('hex').slice(0, 32)}`;
}

/**
 * Mapping is CPU work that only ever awaits promises (microtasks): a unit of thousands of records
 * would hold the event loop, and staff reads with it, until the whole unit is mapped. Every few
 * milliseconds the loop gets a turn.
 */
function createGiveWay(budgetMs = 5): () => Promise<void> {
  let since = performance.now();
  return async () => {
    if (performance.now() - since < budgetMs) return;
    await new Promise<void>((resolve) => setImmediate(resolve));
    since = performance.now();
  };
}

/**
 * Mapped batches of a unit that wait for the store (the one being written included) while the next is
 * read and mapped: enough to keep the database busy, few enough that a large file's memory stays flat.
 */
export const BATCHES_IN_FLIGHT = 2;

export function createUnitProcessor(deps: UnitProcessorDeps) {
  const now = deps.now ?? (() => new Date());
  const giveWay = createGiveWay();

  /**
   * Maps one record. `readAt` is when a connector that reads the source's current state asked for it
   * (PullUnit.readAt; for a quarantine retry, when the stored copy was read, never the retry's time):
   * unless the mapping reads the source's own version number, the read time in ms is the case's
   * source version, so of two reads with the same source change time the later one wins
   * (store/case-version.ts).
   */
  async function map(mapper: Mapper, record: unknown, readAt?: string): Promise<MapResult> {
    const result = await mapper.map(record, {
      personRefs: deps.personRefs,
      caseIds: deps.caseIds,
      now: now(),
    });
    if (result.ok === true && readAt !== undefined && result.case.source.sourceVersion === undefined) {
      const ms = Date.parse(readAt);
      if (Number.isSafeInteger(ms) && ms >= 0) result.case.source.sourceVersion = ms;
    }
    return result;
  }

  function quarantineEntry(
    target: UnitTarget,
    record: unknown,
    result: Extract<MapResult, { ok: false }>,
    readAt: string | undefined,
  ): Quarantined {
    return {
      ...(readAt !== undefined ? { readAt } : {}),
      sourceId: target.settings.id,
      sourceRecordId: result.sourceId ?? contentKey(record),
      // Reasons may quote a source value (a date that did not parse): never a personnummer.
      reasons: result.errors.map((e) => ({ ...e, message: scrubPersonnummer(e.message) as string })),
      payload: deps.quarantineBox.seal(record),
      mappingId: target.mapper.id,
      mappingVersion: target.mapper.version,
    };
  }

  /**
   * Writes inside `tx`: entries for records that failed, the cases, the removals; releases the
   * quarantine entries of what now maps and of what the source removed (nothing of it lingers).
   */
  async function writeIn(
    tx: Queryable,
    target: UnitTarget,
    batch: BatchWrites,
    alsoRelease: string[] = [],
  ): Promise<void> {
    const { id } = target.settings;
    for (const q of batch.failed) await deps.syncStore.quarantineIn(tx, q);
    if (batch.cases.length > 0)
      await deps.store.upsertManyIn(tx, batch.cases, { validated: true, syncSource: id });
    if (batch.removals.length > 0) {
      // The tombstone keeps what the id was minted from, so a re-keying can move it too.
      const { municipality, sourceSystem } = target.mapper.mapping;
      const removed = await deps.store.removeIn(
        tx,
        batch.removals.map((r) => ({
          id: r.id,
          at: r.at,
          key: { municipalityCode: municipality.code, sourceSystem, sourceId: r.sourceId },
        })),
      );
      deps.metrics.records.inc({ source: id, outcome: 'removed' }, removed.length);
    }
    const release = [...batch.cases.map((c) => c.source.sourceId), ...batch.removals.map((r) => r.sourceId)];
    if (release.length + alsoRelease.length > 0)
      await deps.syncStore.releaseQuarantinedIn(tx, id, [...new Set([...release, ...alsoRelease])]);
  }

  /** The removals a connector reported for a unit (the source's own list of deleted records). */
  function reportedRemovals(target: UnitTarget, unit: PullUnit): Removal[] {
    const { municipality, sourceSystem } = target.mapper.mapping;
    return (unit.deletions ?? []).map((d) => ({
      id: deps.caseIds.mint({ municipalityCode: municipality.code, sourceSystem, sourceId: d.sourceId }),
      sourceId: d.sourceId,
      at: d.at,
    }));
  }

  /**
   * A case stored without some of its list items (an unreadable party or document): the case is
   * kept, and the operator learns which field and why, by count and log (the reasons quote no values).
   */
  function noteLeftOut(id: string, sourceRecordId: string, warnings: MapResult['warnings']): void {
    deps.metrics.records.inc({ source: id, outcome: 'item_left_out' }, warnings.length);
    deps.logger?.warn(
      {
        source: id,
        record: sourceRecordId,
        leftOut: warnings.map((w) => ({ field: w.field, reason: scrubPersonnummer(w.message) })),
      },
      'stored a case without some of its items',
    );
  }

  function countMetrics(id: string, counts: UnitCounts): void {
    deps.metrics.records.inc({ source: id, outcome: 'stored' }, counts.stored);
    deps.metrics.records.inc({ source: id, outcome: 'quarantined' }, counts.quarantined);
  }

  /** Maps one batch of a unit's records into what it commits; a record that does not map is quarantined, alone. */
  async function mapBatch(target: UnitTarget, records: unknown[], readAt?: string): Promise<BatchWrites> {
    const { id } = target.settings;
    const batch: BatchWrites = { cases: [], failed: [], removals: [] };
    for (const record of records) {
      await giveWay();
      const result = await map(target.mapper, record, readAt);
      if (result.ok === 'deleted') {
        batch.removals.push({ id: result.caseId, sourceId: result.sourceId, at: result.at });
      } else if (result.ok) {
        batch.cases.push(result.case);
        if (result.warnings.length > 0) noteLeftOut(id, result.case.source.sourceId, result.warnings);
      } else batch.failed.push(quarantineEntry(target, record, result, readAt));
    }
    return batch;
  }

  /** Maps and stores one unit in one transaction with its cursor; then lets the connector settle it. */
  async function process(target: UnitTarget, unit: PullUnit): Promise<UnitCounts> {
    const { id } = target.settings;
    const counts = { stored: 0, quarantined: 0 };
    try {
      await deps.db.transaction(async (tx) => {
        // Pipelined: while the store writes one batch, the next ones are read and mapped, so the hub's
        // CPU work and the database's overlap instead of taking turns. Writes go one after another in
        // the unit's order (one connection, one transaction); at most BATCHES_IN_FLIGHT mapped batches
        // wait for the store, so memory stays bounded however fast the file reads.
        const pending: Promise<void>[] = [];
        let last: Promise<void> = Promise.resolve();
        let failure: { error: unknown } | undefined;
        try {
          for await (const records of unit.batches) {
            if (failure) break;
            const batch = await mapBatch(target, records, unit.readAt);
            if (pending.length >= BATCHES_IN_FLIGHT) await pending.shift();
            last = last.then(() => writeIn(tx, target, batch));
            // Seen at once (no unhandled rejection while the next batch maps), thrown below in order.
            last.catch((error: unknown) => {
              failure ??= { error };
            });
            pending.push(last);
            counts.stored += batch.cases.length;
            counts.quarantined += batch.failed.length;
          }
          for (const write of pending) await write;
        } finally {
          // Never leave a write running into a rollback.
          await Promise.allSettled(pending);
        }
        if (failure) throw failure.error;
        // What the source says it deleted goes after the unit's records: a record and its deletion in
        // one unit end deleted, and the tombstone keeps older copies out.
        const reported = reportedRemovals(target, unit);
        if (reported.length > 0) await writeIn(tx, target, { cases: [], failed: [], removals: reported });
        if (unit.cursor !== null) await deps.syncStore.setCursorIn(tx, id, unit.cursor, counts);
        else await deps.syncStore.countIn(tx, id, counts);
      });
    } catch (error) {
      // The unit's own data being unreadable will not improve; anything else (the store away) may.
      const retryable = !(error instanceof ConnectorError && !error.retryable);
      await unit.settle?.({ ok: false, reason: describe(error), retryable });
      throw error;
    }
    countMetrics(id, counts);
    await unit.settle?.({ ok: true, ...counts });
    return counts;
  }

  /**
   * Stores cases mapped already (a quarantine retry) in one transaction that also releases their
   * entries, including those kept under `alsoRelease` keys (content hashes); the stored count.
   */
  async function storeMapped(
    target: UnitTarget,
    mapped: { cases: CanonicalCase[]; removals: Removal[] },
    alsoRelease: string[],
  ): Promise<number> {
    const { id } = target.settings;
    const counts = { stored: mapped.cases.length, quarantined: 0 };
    await deps.db.transaction(async (tx) => {
      await writeIn(tx, target, { ...mapped, failed: [] }, alsoRelease);
      await deps.syncStore.countIn(tx, id, counts);
    });
    countMetrics(id, counts);
    return counts.stored;
  }

  return { map, process, storeMapped };
}

export type UnitProcessor = ReturnType<typeof createUnitProcessor>;
