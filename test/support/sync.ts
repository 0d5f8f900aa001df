/** A sync engine over a fresh test database, with quiet logs and sensible test timings. */
import { createLogger } from '../../app/logger.js';
import { createMetrics } from '../../app/metrics.js';
import type { Connector } from '../../connectors/contract.js';
import type { Mapper } from '../../mappings/engine/index.js';
import { shippedMappingsDir } from '../../mappings/location.js';
import { loadMappingRegistry } from '../../mappings/registry.js';
import { createPersonRefHasher } from '../../person/person-ref.js';
import { createSealedBox } from '../../person/sealed-box.js';
import { createCaseStore } from '../../store/case-store.js';
import type { Db } from '../../store/db.js';
import { createSyncEngine, type SourceSettings } from '../../sync/engine.js';
import { createSyncMetrics } from '../../sync/sync-metrics.js';
import { createSyncStore } from '../../sync/sync-store.js';
import { TEST_PERSON_REF_KEY } from './app.js';
import { capturingDestination } from './log-sink.js';

export const registry = loadMappingRegistry(shippedMappingsDir());

export function mapperFor(id: string, municipality = '2480'): Mapper {
  const mapper = registry.get(id, municipality);
  if (!mapper) throw new Error(`no mapping ${id}@${municipality}`);
  return mapper;
}

export function settings(id: string, overrides: Partial<SourceSettings> = {}): SourceSettings {
  return {
    id,
    kind: 'test',
    municipality: '2480',
    mapping: 'test',
    everySeconds: 3600,
    callTimeoutMs: 2_000,
    freshnessSeconds: 3600,
    retry: { maxAttempts: 2, initialDelayMs: 10, maxDelayMs: 50 },
    breaker: { consecutiveFailures: 3, halfOpenAfterMs: 60_000 },
    ...overrides,
  };
}

/** An engine on `db`; `owner` distinguishes simulated hub processes. */
export function engineOn(db: Db, owner = 'test-hub') {
  const store = createCaseStore(db);
  const syncStore = createSyncStore(db);
  const personRefs = createPersonRefHasher(TEST_PERSON_REF_KEY);
  const deps = {
    db,
    store,
    syncStore,
    personRefs,
    quarantineBox: createSealedBox(TEST_PERSON_REF_KEY, 'quarantine'),
    // Sync logs go to the scanned test output: what the engine logs must be free of personal data too.
    logger: createLogger({ level: 'info', destination: capturingDestination([]) }),
    metrics: createSyncMetrics(createMetrics({ defaultMetrics: false }).registry),
    owner,
  };
  return { engine: createSyncEngine(deps), deps, store, syncStore, personRefs };
}

export async function addSource(
  engine: ReturnType<typeof engineOn>['engine'],
  id: string,
  connector: Connector,
  mapper: Mapper,
  overrides: Partial<SourceSettings> = {},
) {
  await engine.add(settings(id, overrides), connector, mapper);
}

/** Stored cases as `reference → status code`, for exact assertions on final store contents. */
export async function storedStatuses(db: Db): Promise<Record<string, string>> {
  const { rows } = await db.query<{ reference: string; status_code: string }>(
    'SELECT reference, status_code FROM cases ORDER BY reference',
  );
  return Object.fromEntries(rows.map((r) => [r.reference, r.status_code]));
}
