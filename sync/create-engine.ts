/** Builds a sync engine over one database with the hub's standard parts (store, quarantine box, metrics). */
import type { Logger } from '../app/logger.js';
import { createMetrics } from '../app/metrics.js';
import { createPersonRefHasher } from '../person/person-ref.js';
import { createSealedBox } from '../person/sealed-box.js';
import type { CaseIdMinter } from '../schemas/case-id.js';
import { createCaseStore, type SearchIndexRule } from '../store/case-store.js';
import type { Db } from '../store/db.js';
import { createSyncEngine } from './engine.js';
import { createSyncMetrics } from './sync-metrics.js';
import { createSyncStore } from './sync-store.js';

export type EngineParts = {
  db: Db;
  /** PERSON_REF_KEY: keys person references and (derived) the quarantine box. */
  key: string;
  /** PERSON_REF_KEY_PREVIOUS: keys being rotated out, still used to find and open what they made. */
  previousKeys?: readonly string[];
  /** Mints case ids under CASE_ID_KEY (built once by the composition root). */
  caseIds: CaseIdMinter;
  logger: Logger;
  /** Identifies this process in leases and the run log. */
  owner: string;
  registry?: ReturnType<typeof createMetrics>['registry'];
  /** What of each case staff may find it by (the access policy's rule); only the reference without it. */
  searchIndex?: SearchIndexRule;
  now?: () => Date;
};

/**
 * @example
 * const engine = createEngineOn({ db, key: env.PERSON_REF_KEY, caseIds, logger, owner: `${hostname()}:${process.pid}` });
 */
export function createEngineOn(parts: EngineParts) {
  const store = createCaseStore(parts.db, parts.searchIndex ? { searchIndex: parts.searchIndex } : {});
  const personRefs = createPersonRefHasher(parts.key, parts.previousKeys);
  const engine = createSyncEngine({
    db: parts.db,
    store,
    syncStore: createSyncStore(parts.db),
    personRefs,
    caseIds: parts.caseIds,
    quarantineBox: createSealedBox(parts.key, 'quarantine', parts.previousKeys),
    logger: parts.logger,
    metrics: createSyncMetrics(parts.registry ?? createMetrics({ defaultMetrics: false }).registry),
    owner: parts.owner,
    ...(parts.now ? { now: parts.now } : {}),
  });
  return { engine, store, personRefs };
}
