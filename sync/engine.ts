/**
 * The sync engine: owns scheduling, per-call timeouts, retries with backoff and jitter, a circuit
 * breaker per source, leases so one source syncs in one hub process at a time, and the rule that a
 * unit's data, quarantine entries and cursor commit together or not at all. It composes the parts
 * (unit-processor, quarantine-retry, source-run, scheduler, refresh-one) and keeps the status view.
 */
import { CircuitState } from 'cockatiel';
import type { Logger } from '../app/logger.js';
import type { Connector, PartyNumber } from '../connectors/contract.js';
import type { Mapper } from '../mappings/engine/index.js';
import type { PersonRefHasher } from '../person/person-ref.js';
import type { SealedBox } from '../person/sealed-box.js';
import type { CaseIdMinter } from '../schemas/case-id.js';
import type { MappingDryRun, QuarantineRetryOutcome, SourceStatus } from '../schemas/source-status.js';
import type { CaseStore } from '../store/case-store.js';
import type { Db } from '../store/db.js';
import { createBookkeeping } from './bookkeeping.js';
import { createPartyLookUp, type LookUpScope } from './party-look-up.js';
import { createQuarantineActions } from './quarantine-actions.js';
import { createQuarantineRetry } from './quarantine-retry.js';
import { type CaseOrigin, createRefreshOne, fetchingSourceFor, sourceFor } from './refresh-one.js';
import { createScheduler } from './scheduler.js';
import { createSource, type Source, type SourceSettings } from './source.js';
import { createSourceRun } from './source-run.js';
import type { SyncMetrics } from './sync-metrics.js';
import type { SourceState, SyncStore } from './sync-store.js';
import { createUnitProcessor } from './unit-processor.js';

export type { SourceStatus } from '../schemas/source-status.js';
export type { RunOutcome, SourceSettings } from './source.js';

export type SyncEngineDeps = {
  db: Db;
  store: CaseStore;
  syncStore: SyncStore;
  personRefs: PersonRefHasher;
  caseIds: CaseIdMinter;
  quarantineBox: SealedBox;
  logger: Logger;
  metrics: SyncMetrics;
  /** Identifies this hub process in leases and the run log. */
  owner: string;
  now?: () => Date;
};

function neverRun(sourceId: string): SourceState {
  return {
    sourceId,
    cursor: null,
    lastAttemptAt: null,
    lastSuccessAt: null,
    lastError: null,
    consecutiveFailures: 0,
    recordsIn: 0,
    recordsFailed: 0,
    quarantined: 0,
  };
}

function circuitOf(source: Source): SourceStatus['circuit'] {
  const { state } = source.breaker;
  if (state === CircuitState.Open || state === CircuitState.Isolated) return 'open';
  return state === CircuitState.HalfOpen ? 'half-open' : 'closed';
}

export function createSyncEngine(deps: SyncEngineDeps) {
  const now = deps.now ?? (() => new Date());
  const sources = new Map<string, Source>();
  const processor = createUnitProcessor(deps);
  const retryQuarantine = createQuarantineRetry({ ...deps, processor });
  const quarantine = createQuarantineActions({ ...deps, processor });
  const bookkeeping = createBookkeeping(deps.logger);
  // The run asks the scheduler whether the hub is stopping; it is only called after both exist.
  const run = createSourceRun({
    ...deps,
    processor,
    retryQuarantine,
    bookkeeping,
    stopped: () => scheduler.stopped(),
  });
  const scheduler = createScheduler({ ...deps, sources, run, processor });
  const refresh = createRefreshOne({ processor, logger: deps.logger });
  const lookUp = createPartyLookUp({ processor, logger: deps.logger, metrics: deps.metrics });

  const refreshOne = (id: string, sourceId: string, timeoutMs: number): Promise<boolean> =>
    refresh(sources.get(id), sourceId, timeoutMs);

  return {
    async add(settings: SourceSettings, connector: Connector, mapper: Mapper): Promise<void> {
      sources.set(settings.id, createSource(settings, connector, mapper));
      await deps.syncStore.ensureSource(settings.id);
    },

    /** Runs a source now; a run already under way is joined, not doubled. */
    runOnce: scheduler.runOnce,
    /** Starts the named sources' schedules (and push subscriptions), else every source's. */
    start: scheduler.start,
    stop: scheduler.stop,

    async status(): Promise<SourceStatus[]> {
      // A run that ended while the store was away is written now, so the view shows it.
      await bookkeeping.flush();
      const states = new Map((await deps.syncStore.states()).map((s) => [s.sourceId, s]));
      return [...sources.values()].map((source) => {
        const { settings } = source;
        // add() registers every source in the database, so a missing row only means a race with add().
        const state = states.get(settings.id) ?? neverRun(settings.id);
        const lastSuccess = state.lastSuccessAt ? Date.parse(state.lastSuccessAt) : undefined;
        return {
          ...state,
          id: settings.id,
          kind: settings.kind,
          municipality: settings.municipality,
          mapping: `${source.mapper.id} ${source.mapper.version}`,
          domain: source.mapper.mapping.domain,
          circuit: circuitOf(source),
          running: scheduler.running(settings.id),
          connected: scheduler.connected(settings.id),
          nextRunAt: scheduler.nextRunAt(settings.id)?.toISOString() ?? null,
          lagSeconds:
            lastSuccess === undefined
              ? null
              : Math.max(0, Math.round((now().getTime() - lastSuccess) / 1000)),
          freshnessSeconds: settings.freshnessSeconds,
          canFetchOne: Boolean(source.connector.fetchOne),
        };
      });
    },

    has: (id: string) => sources.has(id),

    /** Fetches and stores one record now, within `timeoutMs`; false when the source cannot or did not answer. */
    refreshOne,

    /**
     * Refreshes one stored case from its source when that source can fetch one record, within
     * `timeoutMs`; false when no source can or it did not answer in time.
     */
    async refreshCase(key: CaseOrigin & { sourceId: string }, timeoutMs: number): Promise<boolean> {
      const source = fetchingSourceFor(sources.values(), key);
      return source ? refreshOne(source.settings.id, key.sourceId, timeoutMs) : false;
    },

    /** Asks every source that can list cases by person for this one's, within `timeoutMs`; the number stored. */
    lookUpParty: (party: PartyNumber, timeoutMs: number, within: LookUpScope = 'all'): Promise<number> =>
      lookUp(sources.values(), party, timeoutMs, within),

    /** What the sources a case comes from allow, from memory: freshness limit, fetch-one or not. */
    sourceFor: (key: CaseOrigin) => sourceFor(sources.values(), key),

    /**
     * Removes (or, dry, counts) what the sources' connectors keep past its retention (sealed export
     * files); a source that fails is logged by id and error code only, and the others still run.
     */
    async pruneKept(options: { dryRun: boolean }): Promise<{ removed: number; failed: number }> {
      let removed = 0;
      let failed = 0;
      for (const source of sources.values()) {
        if (!source.connector.prune) continue;
        try {
          removed += (await source.connector.prune(options)).removed;
        } catch (error) {
          failed++;
          // An fs error's message names the path, and a file name may say more than a date: code only.
          const code = (error as { code?: unknown }).code;
          deps.logger.warn(
            { source: source.settings.id, code: typeof code === 'string' ? code : 'unknown' },
            'retention: kept files could not be pruned',
          );
        }
      }
      return { removed, failed };
    },

    quarantined: (id: string) => deps.syncStore.quarantined(id),

    /** An admin's retry of one quarantined record with the source's mapping loaded now. */
    async retryQuarantined(id: string, recordId: string): Promise<QuarantineRetryOutcome> {
      const source = sources.get(id);
      return source ? quarantine.retry(source, recordId) : { outcome: 'not-found' };
    },
    /** An admin lets one quarantined record go (entry and sealed payload removed). */
    releaseQuarantined: (id: string, recordId: string): Promise<boolean> => quarantine.release(id, recordId),
    /** The source's mapping tried on one quarantined record, storing nothing and showing no value. */
    async dryRunQuarantined(id: string, recordId: string): Promise<MappingDryRun> {
      const source = sources.get(id);
      return source ? quarantine.dryRun(source.mapper, id, recordId) : { outcome: 'not-found' };
    },
    settingsOf: (id: string) => sources.get(id)?.settings,
  };
}

export type SyncEngine = ReturnType<typeof createSyncEngine>;
