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
import type { CaseStore } from '../store/case-store.js';
import type { Db, Queryable } from '../store/db.js';
import { describe } from './resilience.js';
import type { SyncMetrics } from './sync-metrics.js';
import type { SyncStore } from './sync-store.js';

export type UnitProcessorDeps = {
  db: Db;
  store: Pick<CaseStore, 'upsertManyIn'>;
  syncStore: SyncStore;
  personRefs: PersonRefHasher;
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

/** The key of a record the mapping could not name: a hash of its content, so a resend finds the same entry. */
export function contentKey(record: unknown): string {
  return `sha256:${createHash('sha256').update(JSON.stringify(record)).digest('hex').slice(0, 32)}`;
}

export function createUnitProcessor(deps: UnitProcessorDeps) {
  const now = deps.now ?? (() => new Date());

  const map = (mapper: Mapper, record: unknown): Promise<MapResult> =>
    mapper.map(record, { personRefs: deps.personRefs, now: now() });

  function quarantineEntry(
    target: UnitTarget,
    record: unknown,
    result: Extract<MapResult, { ok: false }>,
  ): Quarantined {
    return {
      sourceId: target.settings.id,
      sourceRecordId: result.sourceId ?? contentKey(record),
      // Reasons may quote a source value (a date that did not parse): never a personnummer.
      reasons: result.errors.map((e) => ({ ...e, message: scrubPersonnummer(e.message) as string })),
      payload: deps.quarantineBox.seal(record),
      mappingId: target.mapper.id,
      mappingVersion: target.mapper.version,
    };
  }

  /** Writes inside `tx`: entries for records that failed, the cases, and releases what now maps. */
  async function writeIn(
    tx: Queryable,
    id: string,
    cases: CanonicalCase[],
    failed: Quarantined[],
    alsoRelease: string[] = [],
  ): Promise<void> {
    for (const q of failed) await deps.syncStore.quarantineIn(tx, q);
    if (cases.length === 0) return;
    await deps.store.upsertManyIn(tx, cases, { validated: true, syncSource: id });
    await deps.syncStore.releaseQuarantinedIn(tx, id, [
      ...new Set([...cases.map((c) => c.source.sourceId), ...alsoRelease]),
    ]);
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

  /** Maps and stores one unit in one transaction with its cursor; then lets the connector settle it. */
  async function process(target: UnitTarget, unit: PullUnit): Promise<UnitCounts> {
    const { id } = target.settings;
    const counts = { stored: 0, quarantined: 0 };
    try {
      await deps.db.transaction(async (tx) => {
        // Pipelined: while the store writes one batch, the next is read and mapped, so the hub's
        // CPU work and the database's overlap instead of taking turns.
        let writing: Promise<void> | undefined;
        try {
          for await (const batch of unit.batches) {
            const cases: CanonicalCase[] = [];
            const failed: Quarantined[] = [];
            for (const record of batch) {
              const result = await map(target.mapper, record);
              if (result.ok) {
                cases.push(result.case);
                if (result.warnings.length > 0) noteLeftOut(id, result.case.source.sourceId, result.warnings);
              } else failed.push(quarantineEntry(target, record, result));
            }
            await writing;
            writing = writeIn(tx, id, cases, failed);
            counts.stored += cases.length;
            counts.quarantined += failed.length;
          }
        } finally {
          // Never leave a write running into a rollback.
          await writing?.catch(() => {});
        }
        await writing;
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
    cases: CanonicalCase[],
    alsoRelease: string[],
  ): Promise<number> {
    const { id } = target.settings;
    const counts = { stored: cases.length, quarantined: 0 };
    await deps.db.transaction(async (tx) => {
      await writeIn(tx, id, cases, [], alsoRelease);
      await deps.syncStore.countIn(tx, id, counts);
    });
    countMetrics(id, counts);
    return counts.stored;
  }

  return { map, process, storeMapped };
}

export type UnitProcessor = ReturnType<typeof createUnitProcessor>;
