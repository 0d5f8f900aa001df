/**
 * The sync engine: owns scheduling, per-call timeouts, retries with backoff and jitter, a circuit
 * breaker per source, leases so one source syncs in one hub process at a time, and the rule that a
 * unit's data, quarantine entries and cursor commit together or not at all.
 */
import { createHash } from 'node:crypto';
import { CircuitState, type circuitBreaker, type IPolicy } from 'cockatiel';
import type { Logger } from '../app/logger.js';
import { type Connector, ConnectorError, type PullUnit } from '../connectors/contract.js';
import type { Mapper } from '../mappings/engine/index.js';
import type { PersonRefHasher } from '../person/person-ref.js';
import { scrubPersonnummer } from '../person/scrub.js';
import type { SealedBox } from '../person/sealed-box.js';
import type { CanonicalCase } from '../schemas/case.js';
import type { CaseStore } from '../store/case-store.js';
import type { Db } from '../store/db.js';
import { groupDeliveries } from './push-groups.js';
import { describe, sourcePolicy, withTimeout } from './resilience.js';
import type { SyncMetrics } from './sync-metrics.js';
import type { SourceState, SyncStore } from './sync-store.js';

export type SourceSettings = {
  id: string;
  kind: string;
  municipality: string;
  mapping: string;
  everySeconds: number;
  callTimeoutMs: number;
  freshnessSeconds: number;
  retry: { maxAttempts: number; initialDelayMs: number; maxDelayMs: number };
  breaker: { consecutiveFailures: number; halfOpenAfterMs: number };
};

export type RunOutcome = {
  /** Units (files) the source made unreadable; set aside, not retried. */
  failedUnits?: number;
  outcome: 'ok' | 'failed' | 'leased-elsewhere' | 'circuit-open';
  stored: number;
  quarantined: number;
  units: number;
  error?: string;
};

export type SourceStatus = SourceState & {
  id: string;
  kind: string;
  municipality: string;
  mapping: string;
  circuit: 'closed' | 'open' | 'half-open';
  running: boolean;
  nextRunAt: string | null;
  lagSeconds: number | null;
  /** Cases older than this count as stale (the source's `freshnessSeconds`). */
  freshnessSeconds: number;
  canFetchOne: boolean;
};

type Runtime = {
  settings: SourceSettings;
  connector: Connector;
  mapper: Mapper;
  policy: IPolicy;
  breaker: ReturnType<typeof circuitBreaker>;
  timer?: NodeJS.Timeout;
  nextRunAt?: Date;
  running?: Promise<RunOutcome>;
  subscription?: { close(): Promise<void> };
  lastPushNote?: number;
};

export type SyncEngineDeps = {
  db: Db;
  store: CaseStore;
  syncStore: SyncStore;
  personRefs: PersonRefHasher;
  quarantineBox: SealedBox;
  logger: Logger;
  metrics: SyncMetrics;
  /** Identifies this hub process in leases and the run log. */
  owner: string;
  now?: () => Date;
};

type Quarantined = Parameters<SyncStore['quarantineIn']>[1];

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

export function createSyncEngine(deps: SyncEngineDeps) {
  const now = deps.now ?? (() => new Date());
  const sources = new Map<string, Runtime>();
  let stopped = false;

  /** Maps and stores one unit in one transaction with its cursor; then lets the connector settle it. */
  async function processUnit(rt: Runtime, unit: PullUnit): Promise<{ stored: number; quarantined: number }> {
    const { id } = rt.settings;
    const counts = { stored: 0, quarantined: 0 };
    try {
      await deps.db.transaction(async (tx) => {
        // Pipelined: while the store writes one batch, the next is read and mapped, so the hub's
        // CPU work and the database's overlap instead of taking turns.
        let writing: Promise<void> | undefined;
        const write = async (cases: CanonicalCase[], failed: Quarantined[]) => {
          for (const q of failed) await deps.syncStore.quarantineIn(tx, q);
          if (cases.length === 0) return;
          await deps.store.upsertManyIn(tx, cases, { validated: true });
          await deps.syncStore.releaseQuarantinedIn(
            tx,
            id,
            cases.map((c) => c.source.sourceId),
          );
        };
        try {
          for await (const batch of unit.batches) {
            const cases: CanonicalCase[] = [];
            const failed: Quarantined[] = [];
            for (const record of batch) {
              const result = await rt.mapper.map(record, { personRefs: deps.personRefs, now: now() });
              if (result.ok) {
                cases.push(result.case);
                continue;
              }
              failed.push({
                sourceId: id,
                sourceRecordId:
                  result.sourceId ??
                  `sha256:${createHash('sha256').update(JSON.stringify(record)).digest('hex').slice(0, 32)}`,
                // Reasons may quote a source value (a date that did not parse): never a personnummer.
                reasons: result.errors.map((e) => ({
                  ...e,
                  message: scrubPersonnummer(e.message) as string,
                })),
                payload: deps.quarantineBox.seal(record),
                mappingId: rt.mapper.id,
                mappingVersion: rt.mapper.version,
              });
            }
            await writing;
            writing = write(cases, failed);
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
    deps.metrics.records.inc({ source: id, outcome: 'stored' }, counts.stored);
    deps.metrics.records.inc({ source: id, outcome: 'quarantined' }, counts.quarantined);
    await unit.settle?.({ ok: true, ...counts });
    return counts;
  }

  /** Gives quarantined records another try with the mapping loaded now (e.g. after a fix). */
  async function retryQuarantine(rt: Runtime): Promise<number> {
    const waiting = await deps.syncStore.quarantinedPayloads(rt.settings.id);
    if (waiting.length === 0) return 0;
    const now = new Date();
    const mapsNow: { key: string; record: unknown }[] = [];
    for (const w of waiting) {
      let record: unknown;
      try {
        record = deps.quarantineBox.open(w.payload);
      } catch {
        // Sealed with a key no longer configured: it waits for the source to send it again.
        continue;
      }
      const result = await rt.mapper.map(record, { personRefs: deps.personRefs, now });
      if (result.ok) mapsNow.push({ key: w.sourceRecordId, record });
    }
    if (mapsNow.length === 0) return 0;
    const { stored } = await processUnit(rt, {
      batches: [mapsNow.map((m) => m.record)],
      cursor: null,
      label: 'quarantine retry',
    });
    // Entries kept under a content hash (no readable source id) are released by that key.
    await deps.db.transaction((tx) =>
      deps.syncStore.releaseQuarantinedIn(
        tx,
        rt.settings.id,
        mapsNow.map((m) => m.key),
      ),
    );
    return stored;
  }

  async function pullAll(
    rt: Runtime,
    totals: { stored: number; quarantined: number; units: number; failedUnits: number },
  ): Promise<void> {
    const pull = rt.connector.pull;
    if (!pull) return;
    const controller = new AbortController();
    const cursor = await deps.syncStore.cursor(rt.settings.id);
    const iterator = pull.call(rt.connector, cursor, { signal: controller.signal })[Symbol.asyncIterator]();
    try {
      while (!stopped) {
        const next = await withTimeout(iterator.next(), rt.settings.callTimeoutMs, controller);
        if (next.done) break;
        let counts: { stored: number; quarantined: number };
        try {
          counts = await processUnit(rt, next.value);
        } catch (error) {
          // A unit the source made unreadable (a corrupt file) is set aside by settle(); the rest go on.
          if (error instanceof ConnectorError && error.code === 'bad_data' && !error.retryable) {
            deps.logger.warn(
              { source: rt.settings.id, unit: next.value.label, reason: describe(error) },
              'unit refused',
            );
            totals.failedUnits++;
            continue;
          }
          throw error;
        }
        totals.stored += counts.stored;
        totals.quarantined += counts.quarantined;
        totals.units++;
        if (!(await deps.syncStore.acquireLease(rt.settings.id, deps.owner, leaseMs(rt)))) {
          // Another process took the source over (our lease ran out): stop rather than sync it twice.
          throw new ConnectorError('unavailable', 'the lease on this source was lost', { retryable: false });
        }
      }
    } finally {
      controller.abort();
      await iterator.return?.().catch(() => {});
    }
  }

  const leaseMs = (rt: Runtime) => Math.max(30_000, rt.settings.callTimeoutMs * 4);

  async function run(rt: Runtime): Promise<RunOutcome> {
    const { id } = rt.settings;
    const totals = { stored: 0, quarantined: 0, units: 0, failedUnits: 0 };
    let runId: number;
    try {
      if (!(await deps.syncStore.acquireLease(id, deps.owner, leaseMs(rt)))) {
        deps.metrics.runs.inc({ source: id, outcome: 'leased-elsewhere' });
        return { outcome: 'leased-elsewhere', ...totals };
      }
      runId = await deps.syncStore.startRun(id, deps.owner);
      await deps.syncStore.noteAttempt(id);
    } catch (error) {
      // The store itself is away: nothing can be synced; the next scheduled run tries again.
      deps.logger.warn({ source: id, reason: describe(error) }, 'sync run could not start');
      deps.metrics.runs.inc({ source: id, outcome: 'failed' });
      return { outcome: 'failed', ...totals, error: 'the case store is not reachable' };
    }
    let result: RunOutcome;
    try {
      await retryQuarantine(rt);
      await rt.policy.execute(() => pullAll(rt, totals));
      await deps.syncStore.noteSuccess(id);
      deps.metrics.lastSuccess.set({ source: id }, Date.now() / 1000);
      result = { outcome: 'ok', ...totals };
    } catch (error) {
      const reason = describe(error);
      await deps.syncStore.noteFailure(id, reason).catch(() => {});
      deps.logger.warn({ source: id, reason }, 'sync run failed');
      result = { outcome: reason === 'circuit open' ? 'circuit-open' : 'failed', ...totals, error: reason };
    } finally {
      await deps.syncStore.releaseLease(id, deps.owner).catch(() => {});
      deps.metrics.circuitOpen.set({ source: id }, rt.breaker.state === CircuitState.Open ? 1 : 0);
    }
    deps.metrics.runs.inc({ source: id, outcome: result.outcome });
    await deps.syncStore.finishRun(runId, result.error ?? result.outcome, totals).catch(() => {});
    return result;
  }

  /** Push deliveries are stored in groups (see push-groups.ts), each still settled on its own. */
  function subscribe(rt: Runtime) {
    const connector = rt.connector as Required<Pick<Connector, 'subscribe'>>;
    return connector.subscribe(
      groupDeliveries((unit) => processUnit(rt, unit).then(() => notePushSuccess(rt))),
      { signal: new AbortController().signal },
    );
  }

  /** Push sources have no runs: a committed delivery is their sign of life (noted at most every 10 s). */
  async function notePushSuccess(rt: Runtime): Promise<void> {
    const now = Date.now();
    if (now - (rt.lastPushNote ?? 0) < 10_000) return;
    rt.lastPushNote = now;
    await deps.syncStore.noteSuccess(rt.settings.id).catch(() => {});
    deps.metrics.lastSuccess.set({ source: rt.settings.id }, now / 1000);
  }

  function schedule(rt: Runtime, delayMs: number): void {
    if (stopped) return;
    clearTimeout(rt.timer);
    rt.nextRunAt = new Date(Date.now() + delayMs);
    rt.timer = setTimeout(() => {
      void runOnce(rt.settings.id)
        .catch((error: unknown) =>
          deps.logger.error({ source: rt.settings.id, reason: describe(error) }, 'sync run crashed'),
        )
        .finally(() => schedule(rt, rt.settings.everySeconds * 1000));
    }, delayMs);
    rt.timer.unref?.();
  }

  /** Runs a source now; a run already under way is joined, not doubled. */
  function runOnce(id: string): Promise<RunOutcome> {
    const rt = sources.get(id);
    if (!rt) return Promise.reject(new Error(`unknown source ${id}`));
    if (!rt.running) {
      rt.running = run(rt).finally(() => {
        rt.running = undefined;
      });
    }
    return rt.running;
  }

  return {
    async add(settings: SourceSettings, connector: Connector, mapper: Mapper): Promise<void> {
      const { breaker, policy } = sourcePolicy(settings);
      sources.set(settings.id, { settings, connector, mapper, breaker, policy });
      await deps.syncStore.ensureSource(settings.id);
    },

    runOnce,

    /** Starts every source's schedule (and push subscriptions); each source runs on its own timer. */
    async start(): Promise<void> {
      stopped = false;
      for (const rt of sources.values()) {
        if (rt.connector.subscribe) {
          rt.subscription = await subscribe(rt);
        }
        if (rt.connector.pull) schedule(rt, 0);
      }
    },

    /** Starts one source only (the `arendenav sync` command). */
    async startOnly(id: string): Promise<void> {
      stopped = false;
      const rt = sources.get(id);
      if (!rt) throw new Error(`unknown source ${id}`);
      if (rt.connector.subscribe) {
        rt.subscription = await subscribe(rt);
      }
      if (rt.connector.pull) schedule(rt, 0);
    },

    async stop(): Promise<void> {
      stopped = true;
      for (const rt of sources.values()) {
        clearTimeout(rt.timer);
        rt.nextRunAt = undefined;
        await rt.subscription?.close().catch(() => {});
        await rt.running?.catch(() => {});
        await rt.connector.close?.().catch(() => {});
      }
    },

    async status(): Promise<SourceStatus[]> {
      const states = new Map((await deps.syncStore.states()).map((s) => [s.sourceId, s]));
      return [...sources.values()].map((rt) => {
        // add() registers every source in the database, so a missing row only means a race with add().
        const state = states.get(rt.settings.id) ?? neverRun(rt.settings.id);
        const lastSuccess = state.lastSuccessAt ? Date.parse(state.lastSuccessAt) : undefined;
        return {
          ...state,
          id: rt.settings.id,
          kind: rt.settings.kind,
          municipality: rt.settings.municipality,
          mapping: `${rt.mapper.id} ${rt.mapper.version}`,
          circuit:
            rt.breaker.state === CircuitState.Open || rt.breaker.state === CircuitState.Isolated
              ? 'open'
              : rt.breaker.state === CircuitState.HalfOpen
                ? 'half-open'
                : 'closed',
          running: Boolean(rt.running),
          nextRunAt: rt.nextRunAt?.toISOString() ?? null,
          lagSeconds:
            lastSuccess === undefined
              ? null
              : Math.max(0, Math.round((now().getTime() - lastSuccess) / 1000)),
          freshnessSeconds: rt.settings.freshnessSeconds,
          canFetchOne: Boolean(rt.connector.fetchOne),
        };
      });
    },

    has: (id: string) => sources.has(id),

    /** Fetches and stores one record now, within `timeoutMs`; false when the source cannot or did not answer. */
    async refreshOne(id: string, sourceId: string, timeoutMs: number): Promise<boolean> {
      const rt = sources.get(id);
      if (!rt?.connector.fetchOne) return false;
      const controller = new AbortController();
      try {
        const record = await withTimeout(
          rt.connector.fetchOne(sourceId, { signal: controller.signal }),
          timeoutMs,
          controller,
        );
        if (record === undefined) return false;
        const counts = await processUnit(rt, { batches: [[record]], cursor: null, label: 'refresh one' });
        return counts.stored === 1;
      } catch (error) {
        deps.logger.info({ source: id, reason: describe(error) }, 'refresh of one case gave up');
        return false;
      }
    },

    /**
     * Refreshes one stored case from its source when that source can fetch one record, within
     * `timeoutMs`; false when no source can or it did not answer in time.
     */
    async refreshCase(
      key: { municipalityCode: string; mappingId: string; sourceId: string },
      timeoutMs: number,
    ): Promise<boolean> {
      for (const rt of sources.values()) {
        if (
          rt.settings.municipality === key.municipalityCode &&
          rt.mapper.id === key.mappingId &&
          rt.connector.fetchOne
        ) {
          return this.refreshOne(rt.settings.id, key.sourceId, timeoutMs);
        }
      }
      return false;
    },

    /**
     * What the sources a case comes from allow, from memory (no database round trip on a case read):
     * their freshness limit, and whether one of them can fetch a single record now.
     */
    sourceFor(key: {
      municipalityCode: string;
      mappingId: string;
    }): { freshnessSeconds: number; canFetchOne: boolean } | undefined {
      const matching = [...sources.values()].filter(
        (rt) => rt.settings.municipality === key.municipalityCode && rt.mapper.id === key.mappingId,
      );
      const [first] = matching;
      if (!first) return undefined;
      return {
        freshnessSeconds: first.settings.freshnessSeconds,
        canFetchOne: matching.some((rt) => rt.connector.fetchOne),
      };
    },

    quarantined: (id: string) => deps.syncStore.quarantined(id),
    settingsOf: (id: string) => sources.get(id)?.settings,
  };
}

export type SyncEngine = ReturnType<typeof createSyncEngine>;
