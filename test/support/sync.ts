/** A sync engine over a fresh test database, with quiet logs and sensible test timings. */

import { createLogger } from '../../app/logger.js';
import type { Connector } from '../../connectors/contract.js';
import type { Mapper } from '../../mappings/engine/index.js';
import { shippedMappingsDir } from '../../mappings/location.js';
import { loadMappingRegistry } from '../../mappings/registry.js';
import { loadPolicy } from '../../policy/load-policy.js';
import { searchIndexRule } from '../../policy/protected-identity.js';
import { createCaseIdMinter } from '../../schemas/case-id.js';
import type { Db } from '../../store/db.js';
import { createEngineOn } from '../../sync/create-engine.js';
import type { SourceSettings } from '../../sync/engine.js';
import { TEST_PERSON_REF_KEY } from './app.js';
import { TEST_CASE_ID_KEY } from './cases.js';
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
  // Sync logs go to the scanned test output: what the engine logs must be free of personal data too.
  const logger = createLogger({ level: 'info', destination: capturingDestination([]) });
  const parts = {
    db,
    key: TEST_PERSON_REF_KEY,
    caseIds: createCaseIdMinter(TEST_CASE_ID_KEY),
    logger,
    owner,
    searchIndex: searchIndexRule(loadPolicy()),
  };
  const { engine, store, personRefs } = createEngineOn(parts);
  return { engine, parts, store, personRefs };
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

/**
 * Whether every stored case carries a read time between `from` and now as its source version: what
 * a connector reading the current state gives its units (PullUnit.readAt).
 */
export async function allReadBetween(db: Db, from: number): Promise<boolean> {
  const to = Date.now();
  const { rows } = await db.query<{ v: string | null }>('SELECT source_version::text AS v FROM cases');
  return rows.length > 0 && rows.every((r) => r.v !== null && Number(r.v) >= from && Number(r.v) <= to);
}
