/**
 * The scheduler: a timer per pull source, manual runs that join a run already under way instead of
 * doubling it, push subscriptions, and a stop that lets running work finish.
 */
import type { Logger } from '../app/logger.js';
import type { Connector } from '../connectors/contract.js';
import { groupDeliveries } from './push-groups.js';
import { describe } from './resilience.js';
import type { RunOutcome, Source } from './source.js';
import type { SyncMetrics } from './sync-metrics.js';
import type { SyncStore } from './sync-store.js';
import type { UnitProcessor } from './unit-processor.js';

export type SchedulerDeps = {
  sources: ReadonlyMap<string, Source>;
  /** One run of a pull source (see source-run.ts). */
  run: (source: Source) => Promise<RunOutcome>;
  processor: Pick<UnitProcessor, 'process'>;
  syncStore: Pick<SyncStore, 'noteSuccess'>;
  metrics: SyncMetrics;
  logger: Logger;
};

type Slot = {
  timer?: NodeJS.Timeout;
  nextRunAt?: Date;
  running?: Promise<RunOutcome>;
  subscription?: { close(): Promise<void> };
  lastPushNote?: number;
  /** A push source's connection (to its broker): undefined before the first, then as last reported. */
  connected?: boolean;
};

/** Push sources have no runs: a committed delivery is their sign of life, noted at most this often. */
const PUSH_NOTE_EVERY_MS = 10_000;

/**
 * @example
 * const scheduler = createScheduler({ sources, run, processor, syncStore, metrics, logger });
 * await scheduler.start(['umea-byggr']);
 */
export function createScheduler(deps: SchedulerDeps) {
  const slots = new Map<string, Slot>();
  let stopped = false;
  const slot = (id: string): Slot => {
    const s = slots.get(id) ?? {};
    slots.set(id, s);
    return s;
  };

  function sourceOf(id: string): Source {
    const source = deps.sources.get(id);
    if (!source) throw new Error(`unknown source ${id}`);
    return source;
  }

  /** Runs a source now; a run already under way is joined, not doubled. */
  function runOnce(id: string): Promise<RunOutcome> {
    const source = deps.sources.get(id);
    if (!source) return Promise.reject(new Error(`unknown source ${id}`));
    const s = slot(id);
    if (!s.running) {
      s.running = deps.run(source).finally(() => {
        s.running = undefined;
      });
    }
    return s.running;
  }

  function schedule(source: Source, delayMs: number): void {
    if (stopped) return;
    const { id, everySeconds } = source.settings;
    const s = slot(id);
    clearTimeout(s.timer);
    s.nextRunAt = new Date(Date.now() + delayMs);
    s.timer = setTimeout(() => {
      void runOnce(id)
        .catch((error: unknown) =>
          deps.logger.error({ source: id, reason: describe(error) }, 'sync run crashed'),
        )
        .finally(() => schedule(source, everySeconds * 1000));
    }, delayMs);
    s.timer.unref?.();
  }

  async function notePushSuccess(source: Source): Promise<void> {
    const s = slot(source.settings.id);
    const now = Date.now();
    if (now - (s.lastPushNote ?? 0) < PUSH_NOTE_EVERY_MS) return;
    s.lastPushNote = now;
    await deps.syncStore.noteSuccess(source.settings.id).catch(() => {});
    deps.metrics.lastSuccess.set({ source: source.settings.id }, now / 1000);
  }

  /**
   * A push source losing its connection is logged (warn) and shown as disconnected until it is back
   * (info); by source id only, never anything of the messages.
   */
  function noteConnection(source: Source, connected: boolean): void {
    const id = source.settings.id;
    const s = slot(id);
    const before = s.connected;
    s.connected = connected;
    deps.metrics.connected.set({ source: id }, connected ? 1 : 0);
    if (before === true && !connected) deps.logger.warn({ source: id }, 'lost the connection to the source');
    if (before === false && connected) deps.logger.info({ source: id }, 'connected to the source again');
  }

  /** Push deliveries are stored in groups (see push-groups.ts), each still settled on its own. */
  function subscribe(source: Source) {
    const connector = source.connector as Required<Pick<Connector, 'subscribe'>>;
    return connector.subscribe(
      groupDeliveries((unit) => deps.processor.process(source, unit).then(() => notePushSuccess(source))),
      {
        signal: new AbortController().signal,
        onConnection: (connected) => noteConnection(source, connected),
      },
    );
  }

  return {
    runOnce,

    /**
     * Starts the schedules (and push subscriptions) of the sources named, else of every source; each
     * runs on its own timer. An unknown id starts nothing.
     */
    async start(ids?: readonly string[]): Promise<void> {
      const chosen = ids ? ids.map(sourceOf) : [...deps.sources.values()];
      stopped = false;
      for (const source of chosen) {
        if (source.connector.subscribe) slot(source.settings.id).subscription = await subscribe(source);
        if (source.connector.pull) schedule(source, 0);
      }
    },

    /** Stops every timer and subscription, waits for runs under way, and closes the connectors. */
    async stop(): Promise<void> {
      stopped = true;
      for (const source of deps.sources.values()) {
        const s = slot(source.settings.id);
        clearTimeout(s.timer);
        s.nextRunAt = undefined;
        await s.subscription?.close().catch(() => {});
        await s.running?.catch(() => {});
        await source.connector.close?.().catch(() => {});
      }
    },

    /** True once stop() was called (until the next start): a run ends after its current unit. */
    stopped: () => stopped,
    running: (id: string) => Boolean(slots.get(id)?.running),
    /** A push source's connection as last reported; null for a pull source or before it connected. */
    connected: (id: string): boolean | null => slots.get(id)?.connected ?? null,
    nextRunAt: (id: string) => slots.get(id)?.nextRunAt,
  };
}

export type Scheduler = ReturnType<typeof createScheduler>;
