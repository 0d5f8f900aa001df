/**
 * One run of a pull source: take its lease, retry its quarantine, pull and process unit after unit
 * (re-checking the lease after each), judge how much was quarantined, release the lease, and write
 * the run log (later, if the store is away meanwhile).
 */
import { CircuitState } from 'cockatiel';
import type { Logger } from '../app/logger.js';
import { ConnectorError } from '../connectors/contract.js';
import { type Bookkeeping, createBookkeeping } from './bookkeeping.js';
import {
  createQuarantineWindow,
  DEFAULT_QUARANTINE_LIMIT,
  QuarantineLimitError,
} from './quarantine-limit.js';
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
  /** Keeps the run's outcome, error and count while the store is away (see bookkeeping.ts); default: its own. */
  bookkeeping?: Bookkeeping;
};

type Totals = { stored: number; quarantined: number; units: number; failedUnits: number };

/** A run as the run log knows it: its row (once the store gave one) and when it began. */
type RunRecord = { id?: number; startedAt: Date };

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
 * const run = createSourceRun({ syncStore, processor, retryQuarantine, logger, metrics, owner, stopped, bookkeeping });
 * const outcome = await run(source);
 */
export function createSourceRun(deps: SourceRunDeps) {
  const books = deps.bookkeeping ?? createBookkeeping(deps.logger);
  const quarantine = createQuarantineWindow();
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
        try {
          const counts = await deps.processor.process(source, next.value);
          totals.stored += counts.stored;
          totals.quarantined += counts.quarantined;
          totals.units++;
        } catch (error) {
          // A unit the source made unreadable (a corrupt file) is set aside by settle(); the rest go on.
          if (!(error instanceof ConnectorError && error.code === 'bad_data' && !error.retryable))
            throw error;
          deps.logger.warn({ source: id, unit: next.value.label, reason: describe(error) }, 'unit refused');
          totals.failedUnits++;
        }
        // Renewed after a refused unit too: a long run of bad files must not outlast the lease.
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

  /** The end of a run in the books: through `bookkeeping`, so a store that is away only delays it. */
  async function recordEnd(
    source: Source,
    run: RunRecord,
    result: RunOutcome,
    totals: Totals,
  ): Promise<void> {
    const { id } = source.settings;
    const finishedAt = new Date();
    const outcome = result.error ?? result.outcome;
    if (result.outcome === 'ok') await books.write(id, 'success', () => deps.syncStore.noteSuccess(id));
    else if (result.error) {
      const reason = result.error;
      await books.write(id, 'failure', () => deps.syncStore.noteFailure(id, reason));
    }
    const runId = run.id;
    if (runId === undefined)
      await books.write(id, 'run', () =>
        deps.syncStore.recordRun(id, deps.owner, { startedAt: run.startedAt, finishedAt }, outcome),
      );
    else await books.write(id, 'run', () => deps.syncStore.finishRun(runId, outcome, totals, finishedAt));
  }

  /** The source is reported failing (metric, and an error-level alert when it turns so), or well again. */
  function noteHealth(source: Source, result: RunOutcome, wasOpen: boolean, error: unknown): void {
    const { id } = source.settings;
    const failing = result.outcome === 'failed' || result.outcome === 'circuit-open';
    deps.metrics.failing.set({ source: id }, failing ? 1 : 0);
    const open = source.breaker.state === CircuitState.Open;
    deps.metrics.circuitOpen.set({ source: id }, open ? 1 : 0);
    // Counts and the source's name only: the alert goes to whoever watches the logs.
    if (error instanceof QuarantineLimitError)
      deps.logger.error(
        { source: id, alert: 'source-failing', ...error.counts },
        'source failing: too many records quarantined',
      );
    if (open && !wasOpen)
      deps.logger.error(
        {
          source: id,
          alert: 'source-failing',
          consecutiveFailures: source.settings.breaker.consecutiveFailures,
        },
        'source failing: circuit opened',
      );
  }

  return async function run(source: Source): Promise<RunOutcome> {
    const { id } = source.settings;
    const totals: Totals = { stored: 0, quarantined: 0, units: 0, failedUnits: 0 };
    const record: RunRecord = { startedAt: new Date() };
    try {
      // What an earlier run could not write (the store was away) goes first, in order.
      await books.flush(id);
      if (!(await deps.syncStore.acquireLease(id, deps.owner, leaseMs(source)))) {
        deps.metrics.runs.inc({ source: id, outcome: 'leased-elsewhere' });
        return { outcome: 'leased-elsewhere', ...totals };
      }
      record.id = await deps.syncStore.startRun(id, deps.owner);
      await deps.syncStore.noteAttempt(id);
    } catch (error) {
      // The store itself is away: nothing can be synced; the next scheduled run tries again.
      deps.logger.warn({ source: id, reason: describe(error) }, 'sync run could not start');
      deps.metrics.runs.inc({ source: id, outcome: 'failed' });
      const result: RunOutcome = { outcome: 'failed', ...totals, error: 'the case store is not reachable' };
      await books.write(id, 'attempt', () => deps.syncStore.noteAttempt(id, record.startedAt));
      await recordEnd(source, record, result, totals);
      deps.metrics.failing.set({ source: id }, 1);
      return result;
    }
    let result: RunOutcome;
    let failure: unknown;
    const wasOpen = source.breaker.state === CircuitState.Open;
    const limit = source.settings.quarantine ?? DEFAULT_QUARANTINE_LIMIT;
    try {
      await deps.retryQuarantine(source);
      await source.policy.execute(async () => {
        await pullAll(source, totals);
        // Inside the policy: a run that mostly quarantined counts against the circuit like any failure.
        const judged = quarantine.check(id, limit, totals);
        deps.metrics.quarantinedShare.set({ source: id }, judged.share);
        if (judged.error) throw judged.error;
      });
      deps.metrics.lastSuccess.set({ source: id }, Date.now() / 1000);
      result = { outcome: 'ok', ...totals };
    } catch (error) {
      failure = error;
      const reason = describe(error);
      deps.logger.warn({ source: id, reason }, 'sync run failed');
      result = { outcome: reason === 'circuit open' ? 'circuit-open' : 'failed', ...totals, error: reason };
    } finally {
      await deps.syncStore.releaseLease(id, deps.owner).catch(() => {});
    }
    noteHealth(source, result, wasOpen, failure);
    deps.metrics.runs.inc({ source: id, outcome: result.outcome });
    await recordEnd(source, record, result, totals);
    return result;
  };
}

export type SourceRun = ReturnType<typeof createSourceRun>;
