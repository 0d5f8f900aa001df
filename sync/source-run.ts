/**
 * One run of a pull source: take its lease, retry its quarantine, pull and process unit after unit
 * (re-checking the lease after each), release the lease, and write the run log.
 */
import { CircuitState } from 'cockatiel';
import type { Logger } from '../app/logger.js';
import { ConnectorError } from '../connectors/contract.js';
import type { RetryQuarantine } from './quarantine-retry.js';
import { describe, withTimeout } from './resilience.js';
import type { RunOutcome, Source } from './source.js';
import type { SyncMetrics } from './sync-metrics.js';
import type { SyncStore } from './sync-store.js';
import type { UnitProcessor } from './unit-processor.js';

export type SourceRunDeps = {
  syncStore: SyncStore;
  processor: Pick<UnitProcessor, 'process'>;
  retryQuarantine: RetryQuarantine;
  logger: Logger;
  metrics: SyncMetrics;
  /** Identifies this hub process in leases and the run log. */
  owner: string;
  /** True once the hub is stopping: a run ends after the unit it is on. */
  stopped: () => boolean;
};

type Totals = { stored: number; quarantined: number; units: number; failedUnits: number };

/**
 * Long enough to outlast a slow call with its retries; renewed after every unit. A source may set it
 * shorter (at least two call timeouts), so another instance takes over sooner when one dies mid-run.
 */
export const leaseMs = (source: Source) =>
  source.settings.leaseSeconds !== undefined
    ? source.settings.leaseSeconds * 1000
    : Math.max(30_000, source.settings.callTimeoutMs * 4);

/**
 * @example
 * const run = createSourceRun({ syncStore, processor, retryQuarantine, logger, metrics, owner, stopped });
 * const outcome = await run(source);
 */
export function createSourceRun(deps: SourceRunDeps) {
  async function pullAll(source: Source, totals: Totals): Promise<void> {
    const pull = source.connector.pull;
    if (!pull) return;
    const { id, callTimeoutMs } = source.settings;
    const controller = new AbortController();
    const cursor = await deps.syncStore.cursor(id);
    const iterator = pull
      .call(source.connector, cursor, { signal: controller.signal })
      [Symbol.asyncIterator]();
    try {
      while (!deps.stopped()) {
        const next = await withTimeout(iterator.next(), callTimeoutMs, controller);
        if (next.done) break;
        let counts: { stored: number; quarantined: number };
        try {
          counts = await deps.processor.process(source, next.value);
        } catch (error) {
          // A unit the source made unreadable (a corrupt file) is set aside by settle(); the rest go on.
          if (error instanceof ConnectorError && error.code === 'bad_data' && !error.retryable) {
            deps.logger.warn({ source: id, unit: next.value.label, reason: describe(error) }, 'unit refused');
            totals.failedUnits++;
            continue;
          }
          throw error;
        }
        totals.stored += counts.stored;
        totals.quarantined += counts.quarantined;
        totals.units++;
        if (!(await deps.syncStore.acquireLease(id, deps.owner, leaseMs(source)))) {
          // Another process took the source over (our lease ran out): stop rather than sync it twice.
          throw new ConnectorError('unavailable', 'the lease on this source was lost', { retryable: false });
        }
      }
    } finally {
      controller.abort();
      await iterator.return?.().catch(() => {});
    }
  }

  return async function run(source: Source): Promise<RunOutcome> {
    const { id } = source.settings;
    const totals: Totals = { stored: 0, quarantined: 0, units: 0, failedUnits: 0 };
    let runId: number;
    try {
      if (!(await deps.syncStore.acquireLease(id, deps.owner, leaseMs(source)))) {
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
      await deps.retryQuarantine(source);
      await source.policy.execute(() => pullAll(source, totals));
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
      deps.metrics.circuitOpen.set({ source: id }, source.breaker.state === CircuitState.Open ? 1 : 0);
    }
    deps.metrics.runs.inc({ source: id, outcome: result.outcome });
    await deps.syncStore.finishRun(runId, result.error ?? result.outcome, totals).catch(() => {});
    return result;
  };
}

export type SourceRun = ReturnType<typeof createSourceRun>;
