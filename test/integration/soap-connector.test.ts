import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { soapConnector } from '../../connectors/soap/index.js';
import { byggrArendeExportConfig } from '../../demo/simulated-sources.js';
import { type ByggrSoapSimulator, startByggrSoapSimulator } from '../../simulators/byggr-soap/server.js';
import type { Db } from '../../store/db.js';
import { freshDatabase } from '../support/databases.js';
import { addSource, engineOn, mapperFor, storedStatuses } from '../support/sync.js';

const mapper = mapperFor('byggr-arendeexport/bygglov');
const STATUS = mapper.mapping.tables.status as Record<string, string>;

let sim: ByggrSoapSimulator;
let db: Db;
let drop: () => Promise<void>;

beforeAll(async () => {
  sim = await startByggrSoapSimulator({ cases: 120, seed: 41, maxBatchSize: 25 });
});
afterAll(async () => sim.close());
beforeEach(async () => {
  ({ db, drop } = await freshDatabase('pglite'));
  sim.faults.clear();
});
afterEach(async () => drop());

function connector(callTimeoutMs = 1_000) {
  return soapConnector.create(byggrArendeExportConfig(sim.url, { callTimeoutMs }));
}

/** What the store must hold: every simulated case with its mapped status. */
const expectedStatuses = () => Object.fromEntries(sim.data.list().map((r) => [r.dnr, STATUS[r.status]]));

describe('soap connector against the ByggR ArendeExport simulator', () => {
  it('syncs every case in batches, then only what changed, ending with exactly the source’s states', async () => {
    const { engine } = engineOn(db);
    await addSource(engine, 'umea-byggr', connector(), mapper);
    const first = await engine.runOnce('umea-byggr');
    expect(first).toMatchObject({ outcome: 'ok', stored: 120, quarantined: 0, units: 5 });
    expect(await storedStatuses(db)).toEqual(expectedStatuses());

    const changed = sim.data.advance(new Date(sim.data.now().getTime() + 3 * 86_400_000));
    const second = await engine.runOnce('umea-byggr');
    expect(second).toMatchObject({ outcome: 'ok', stored: changed.length });
    expect(await storedStatuses(db)).toEqual(expectedStatuses());
  });

  it('rides out a SOAP fault with a retry', async () => {
    const { engine } = engineOn(db);
    await addSource(engine, 'umea-byggr', connector(), mapper);
    sim.faults.faultNext(1);
    expect(await engine.runOnce('umea-byggr')).toMatchObject({ outcome: 'ok', stored: sim.data.count() });
    expect(await storedStatuses(db)).toEqual(expectedStatuses());
  });

  it('gives up on a hanging service at the timeout, keeps the store as it was, and opens the circuit', async () => {
    const { engine } = engineOn(db);
    await addSource(engine, 'umea-byggr', connector(300), mapper, {
      callTimeoutMs: 300,
      retry: { maxAttempts: 1, initialDelayMs: 10, maxDelayMs: 20 },
      breaker: { consecutiveFailures: 2, halfOpenAfterMs: 60_000 },
    });
    sim.faults.hangNext(4);
    const started = Date.now();
    const run = await engine.runOnce('umea-byggr');
    expect(run.outcome).toBe('failed');
    expect(run.error).toMatch(/timeout/);
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(await storedStatuses(db)).toEqual({});
    await engine.runOnce('umea-byggr');
    expect(await engine.runOnce('umea-byggr')).toMatchObject({ outcome: 'circuit-open' });
    const [status] = await engine.status();
    expect(status).toMatchObject({ circuit: 'open', consecutiveFailures: 3, lastSuccessAt: null });
  });

  it('refreshes one case on demand with GetArende', async () => {
    const { engine } = engineOn(db);
    await addSource(engine, 'umea-byggr', connector(), mapper);
    const one = sim.data.list()[5];
    if (!one) throw new Error('no case');
    expect(await engine.refreshOne('umea-byggr', one.dnr, 2_000)).toBe(true);
    expect(await storedStatuses(db)).toEqual({ [one.dnr]: STATUS[one.status] });
  });
});
