import { afterEach, describe, expect, it, vi } from 'vitest';
import { createLogger } from '../app/logger.js';
import { createMetrics } from '../app/metrics.js';
import type { Connector, PullUnit } from '../connectors/contract.js';
import { freshDatabase } from '../test/support/databases.js';
import { capturingDestination } from '../test/support/log-sink.js';
import { settings } from '../test/support/sync.js';
import { fakeMapper, partsOn, sourceOn, storedIds, unitOf } from '../test/support/sync-parts.js';
import { createQuarantineRetry } from './quarantine-retry.js';
import { createScheduler } from './scheduler.js';
import { createSource, type RunOutcome, type Source } from './source.js';
import { createSourceRun } from './source-run.js';
import { createSyncMetrics } from './sync-metrics.js';
import { createUnitProcessor } from './unit-processor.js';

const OK: RunOutcome = { outcome: 'ok', stored: 0, quarantined: 0, units: 0 };
const health = async () => ({ ok: true, detail: 'fake' });

/** A promise with its resolve, to hold a run or a pull open for as long as a test needs. */
function gate() {
  let open!: () => void;
  const opened = new Promise<void>((resolve) => {
    open = resolve;
  });
  return { open, opened };
}

/** A scheduler over sources built from `connectors`, whose runs are recorded (and held while `hold` is shut). */
function schedulerOver(connectors: Record<string, Connector>, hold?: Promise<void>) {
  const sources = new Map<string, Source>(
    Object.entries(connectors).map(([id, c]) => [id, createSource(settings(id), c, fakeMapper())]),
  );
  const ran: string[] = [];
  const processed: PullUnit[] = [];
  const noted: string[] = [];
  const scheduler = createScheduler({
    sources,
    run: async (source) => {
      ran.push(source.settings.id);
      await hold;
      return OK;
    },
    processor: {
      process: async (_source, unit) => {
        processed.push(unit);
        return { stored: 1, quarantined: 0 };
      },
    },
    syncStore: { noteSuccess: async (id) => void noted.push(id) },
    metrics: createSyncMetrics(createMetrics({ defaultMetrics: false }).registry),
    logger: createLogger({ level: 'info', destination: capturingDestination([]) }),
  });
  return { scheduler, ran, processed, noted };
}

let stopAfter: (() => Promise<void>) | undefined;
afterEach(async () => {
  await stopAfter?.();
  stopAfter = undefined;
});

describe('scheduler', () => {
  it('a run asked for while one is running returns the same outcome, and the connector is pulled once', async () => {
    const { db, drop } = await freshDatabase('pglite');
    try {
      const parts = partsOn(db);
      const pulled = gate();
      const release = gate();
      let pulls = 0;
      const connector: Connector = {
        health,
        async *pull() {
          pulls++;
          pulled.open();
          await release.opened;
          yield unitOf([[{ id: 'A-1' }]], 'page-1').unit;
        },
      };
      const sources = new Map([['s', await sourceOn(db, 's', connector)]]);
      const processor = createUnitProcessor(parts);
      const retryQuarantine = createQuarantineRetry({ ...parts, processor });
      const run = createSourceRun({ ...parts, processor, retryQuarantine, stopped: () => false });
      const scheduler = createScheduler({ ...parts, sources, run, processor });

      const first = scheduler.runOnce('s');
      await pulled.opened;
      const second = scheduler.runOnce('s');
      expect(scheduler.running('s')).toBe(true);
      release.open();
      const [a, b] = await Promise.all([first, second]);
      expect(a).toMatchObject({ outcome: 'ok', stored: 1, units: 1 });
      expect(b).toBe(a);
      expect(pulls).toBe(1);
      expect(await storedIds(db)).toEqual(['A-1']);
      expect(scheduler.running('s')).toBe(false);
    } finally {
      await drop();
    }
  });

  it('starts a new run once the previous one has finished', async () => {
    const { scheduler, ran } = schedulerOver({ s: { health, pull: async function* () {} } });
    await scheduler.runOnce('s');
    await scheduler.runOnce('s');
    expect(ran).toEqual(['s', 's']);
    await expect(scheduler.runOnce('nope')).rejects.toThrow('unknown source nope');
  });

  it('start(ids) starts only the sources named, and schedules the next run a period after the first', async () => {
    const pull = async function* () {};
    const { scheduler, ran } = schedulerOver({ a: { health, pull }, b: { health, pull } });
    stopAfter = scheduler.stop;
    await scheduler.start(['b']);
    await vi.waitFor(() => expect(ran).toEqual(['b']));
    await vi.waitFor(() => expect(scheduler.running('b')).toBe(false));
    const next = scheduler.nextRunAt('b')?.getTime() ?? 0;
    // settings() runs every 3600 s.
    expect(next - Date.now()).toBeGreaterThan(3_590_000);
    expect(scheduler.nextRunAt('a')).toBeUndefined();
  });

  it('start(ids) with an unknown id starts nothing', async () => {
    const pull = async function* () {};
    const { scheduler, ran } = schedulerOver({ a: { health, pull } });
    stopAfter = scheduler.stop;
    await expect(scheduler.start(['a', 'nope'])).rejects.toThrow('unknown source nope');
    expect(scheduler.nextRunAt('a')).toBeUndefined();
    expect(ran).toEqual([]);
  });

  it('start() subscribes push sources, stores their deliveries and notes them as a sign of life', async () => {
    let deliver: ((unit: PullUnit) => Promise<void>) | undefined;
    let closed = 0;
    const push: Connector = {
      health,
      async subscribe(d) {
        deliver = d;
        return { close: async () => void closed++ };
      },
    };
    const { scheduler, ran, processed, noted } = schedulerOver({ p: push });
    await scheduler.start();
    await deliver?.(unitOf([[{ id: 'A-1' }]]).unit);
    expect(processed).toHaveLength(1);
    expect(noted).toEqual(['p']);
    expect(ran).toEqual([]);
    await scheduler.stop();
    expect(closed).toBe(1);
  });

  it('stop waits for the run under way, closes the connectors and schedules nothing more', async () => {
    const held = gate();
    let closed = 0;
    const { scheduler, ran } = schedulerOver(
      { s: { health, pull: async function* () {}, close: async () => void closed++ } },
      held.opened,
    );
    await scheduler.start();
    await vi.waitFor(() => expect(scheduler.running('s')).toBe(true));
    let stopped = false;
    const stopping = scheduler.stop().then(() => {
      stopped = true;
    });
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(stopped).toBe(false);
    expect(scheduler.stopped()).toBe(true);
    held.open();
    await stopping;
    expect(closed).toBe(1);
    expect(scheduler.nextRunAt('s')).toBeUndefined();
    expect(ran).toEqual(['s']);
  });
});
