/** Small fakes for the sync engine's parts: a counting mapper, units that record how they were settled, and the parts' deps. */

import { createLogger } from '../../app/logger.js';
import { createMetrics } from '../../app/metrics.js';
import type { Connector, PullUnit } from '../../connectors/contract.js';
import type { Mapper, Mapping } from '../../mappings/engine/index.js';
import { createPersonRefHasher } from '../../person/person-ref.js';
import { createSealedBox } from '../../person/sealed-box.js';
import { createCaseIdMinter } from '../../schemas/case-id.js';
import { createCaseStore } from '../../store/case-store.js';
import type { Db } from '../../store/db.js';
import { createSource, type Source } from '../../sync/source.js';
import { createSyncMetrics } from '../../sync/sync-metrics.js';
import { createSyncStore } from '../../sync/sync-store.js';
import { TEST_PERSON_REF_KEY } from './app.js';
import { makeCase, TEST_CASE_ID_KEY } from './cases.js';
import { capturingDestination } from './log-sink.js';
import { settings } from './sync.js';

/** A record the fake mapper understands; `bad` makes it fail mapping with that reason. */
export type FakeRecord = { id?: string; bad?: string; version?: number };

/** Maps `{ id }` to a case with that source id; counts every call in `calls`. */
export function fakeMapper(id = 'fake/mapping'): Mapper & { calls: FakeRecord[]; fixes: string[] } {
  const mapper = {
    id,
    version: '1.0.0',
    mapping: {} as Mapping,
    calls: [] as FakeRecord[],
    /** Reasons the mapping was fixed for (records failing with them map from then on). */
    fixes: [] as string[],
    async map(record: unknown) {
      const r = record as FakeRecord;
      mapper.calls.push(r);
      if (r.bad && !mapper.fixes.includes(r.bad)) {
        return {
          ok: false as const,
          ...(r.id ? { sourceId: r.id } : {}),
          errors: [{ field: 'status', message: r.bad }],
          warnings: [],
        };
      }
      const updatedAt = `2026-03-0${(r.version ?? 1) + 1}T09:15:00.000Z`;
      return {
        ok: true as const,
        case: makeCase({ sourceId: r.id ?? 'A-0', updatedAt }),
        dropped: [],
        warnings: [],
      };
    },
  };
  return mapper;
}

export type Settled = Parameters<NonNullable<PullUnit['settle']>>[0];

/** A unit of the given batches whose settle() calls land in `settled`. */
export function unitOf(batches: FakeRecord[][], cursor: string | null = null) {
  const settled: Settled[] = [];
  const unit: PullUnit = {
    batches,
    cursor,
    label: 'test unit',
    async settle(outcome) {
      settled.push(outcome);
    },
  };
  return { unit, settled };
}

/** The deps every part takes, over `db`, with quiet logs. */
export function partsOn(db: Db) {
  return {
    db,
    store: createCaseStore(db),
    syncStore: createSyncStore(db),
    personRefs: createPersonRefHasher(TEST_PERSON_REF_KEY),
    caseIds: createCaseIdMinter(TEST_CASE_ID_KEY),
    quarantineBox: createSealedBox(TEST_PERSON_REF_KEY, 'quarantine'),
    logger: createLogger({ level: 'info', destination: capturingDestination([]) }),
    metrics: createSyncMetrics(createMetrics({ defaultMetrics: false }).registry),
    owner: 'test-hub',
  };
}

/** A source over `connector` and `mapper`, registered in the database as add() would. */
export async function sourceOn(
  db: Db,
  id: string,
  connector: Connector,
  mapper: Mapper = fakeMapper(),
): Promise<Source> {
  await createSyncStore(db).ensureSource(id);
  return createSource(settings(id), connector, mapper);
}

/** Stored cases' source ids, sorted. */
export async function storedIds(db: Db): Promise<string[]> {
  const { rows } = await db.query<{ id: string }>(
    "SELECT doc->'source'->>'sourceId' AS id FROM cases ORDER BY 1",
  );
  return rows.map((r) => r.id);
}

/** Quarantine keys of a source, sorted. */
export async function quarantineKeys(db: Db, sourceId: string): Promise<string[]> {
  const { rows } = await db.query<{ k: string }>(
    'SELECT source_record_id AS k FROM quarantine WHERE source_id = $1 ORDER BY 1',
    [sourceId],
  );
  return rows.map((r) => r.k);
}
