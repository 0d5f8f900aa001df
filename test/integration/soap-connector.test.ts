/**
 * The soap connector in the sync engine against the ByggR ArendeExportWS v8 simulator, through the
 * shipped bygglov mapping: batches by BatchEnd, faults, hangs and the one-case refresh.
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { soapConnector } from '../../connectors/soap/index.js';
import { EXAMPLE_CASE_ID_KEY, EXAMPLE_PERSON_REF_KEY } from '../../mappings/engine/examples.js';
import { createPersonRefHasher } from '../../person/person-ref.js';
import { createCaseIdMinter } from '../../schemas/case-id.js';
import { type ByggrV8Simulator, startByggrV8Simulator } from '../../simulators/byggr-v8/index.js';
import type { Db } from '../../store/db.js';
import { freshDatabase } from '../support/databases.js';
import { signal, v8Config } from '../support/soap-v8.js';
import { addSource, engineOn, mapperFor, storedStatuses } from '../support/sync.js';

const mapper = mapperFor('byggr-arendeexport/bygglov');
const refs = createPersonRefHasher(EXAMPLE_PERSON_REF_KEY);

let sim: ByggrV8Simulator;
let db: Db;
let drop: () => Promise<void>;

beforeAll(async () => {
  sim = await startByggrV8Simulator({ cases: 120, seed: 41, maxBatchSize: 25, municipalities: ['2480'] });
});
afterAll(async () => sim.close());
beforeEach(async () => {
  ({ db, drop } = await freshDatabase('pglite'));
  sim.faults.clear();
});
afterEach(async () => drop());

function connector(callTimeoutMs = 1_000) {
  return soapConnector.create(v8Config({ wsdlUrl: sim.wsdlUrl }, { callTimeoutMs }));
}

/** A case ByggR still holds (a thinned or voided one is removed from the hub, not stored). */
const live = (a: { status: string }) => a.status !== 'Gallrat' && a.status !== 'Makulerat';

/** What the store must hold: every live case the simulator has now, read one by one and mapped. */
async function expectedStatuses(): Promise<Record<string, string>> {
  const one = connector(2_000);
  const out: Record<string, string> = {};
  for (const a of sim.data.list()) {
    const result = await mapper.map(await one.fetchOne?.(a.dnr, { signal: signal() }), {
      personRefs: refs,
      caseIds: createCaseIdMinter(EXAMPLE_CASE_ID_KEY),
      now: new Date(),
    });
    if (result.ok === 'deleted') continue;
    if (result.ok !== true) throw new Error(`${a.dnr} does not map: ${JSON.stringify(result)}`);
    out[a.dnr] = result.case.status.code;
  }
  await one.close?.();
  return out;
}

describe('soap connector against the ByggR ArendeExportWS v8 simulator', () => {
  it('syncs every case in batches, then only what changed, ending with exactly the source’s states', async () => {
    const { engine } = engineOn(db);
    await addSource(engine, 'umea-byggr', connector(), mapper);
    const first = await engine.runOnce('umea-byggr');
    expect(first).toMatchObject({
      outcome: 'ok',
      stored: sim.data.list().filter(live).length,
      quarantined: 0,
      units: 5,
    });
    expect(await storedStatuses(db)).toEqual(await expectedStatuses());

    const changed = sim.data.advance(new Date(sim.data.now().getTime() + 3 * 86_400_000));
    const second = await engine.runOnce('umea-byggr');
    expect(second).toMatchObject({ outcome: 'ok', stored: changed.filter(live).length, quarantined: 0 });
    expect(await storedStatuses(db)).toEqual(await expectedStatuses());
  });

  it('rides out a SOAP fault with a retry', async () => {
    const { engine } = engineOn(db);
    await addSource(engine, 'umea-byggr', connector(), mapper);
    sim.faults.add('fault', 1);
    expect(await engine.runOnce('umea-byggr')).toMatchObject({
      outcome: 'ok',
      stored: sim.data.list().filter(live).length,
    });
    expect(await storedStatuses(db)).toEqual(await expectedStatuses());
  });

  it('gives up on a hanging service at the timeout, keeps the store as it was, and opens the circuit', async () => {
    const { engine } = engineOn(db);
    await addSource(engine, 'umea-byggr', connector(300), mapper, {
      callTimeoutMs: 300,
      retry: { maxAttempts: 1, initialDelayMs: 10, maxDelayMs: 20 },
      breaker: { consecutiveFailures: 2, halfOpenAfterMs: 60_000 },
    });
    sim.faults.add('hang', 4);
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

  it('cuts off an answer above maxResponseBytes and fails the run with that reason', async () => {
    const { engine } = engineOn(db);
    const capped = soapConnector.create(
      v8Config({ wsdlUrl: sim.wsdlUrl }, { callTimeoutMs: 2_000, maxResponseBytes: 4096 }),
    );
    await addSource(engine, 'umea-byggr', capped, mapper, {
      retry: { maxAttempts: 2, initialDelayMs: 10, maxDelayMs: 20 },
    });
    const run = await engine.runOnce('umea-byggr');
    expect(run).toMatchObject({ outcome: 'failed', stored: 0, quarantined: 0 });
    expect(run.error).toMatch(/^bad_data: .*: the answer is larger than 4096 bytes$/);
    expect(await storedStatuses(db)).toEqual({});
  });

  it('refreshes one case on demand with GetArende', async () => {
    const { engine } = engineOn(db);
    await addSource(engine, 'umea-byggr', connector(), mapper);
    const one = sim.data.list().filter((a) => a.status === 'Pågående')[5];
    if (!one) throw new Error('no ongoing case');
    expect(await engine.refreshOne('umea-byggr', one.dnr, 2_000)).toBe(true);
    const expected = await expectedStatuses();
    expect(await storedStatuses(db)).toEqual({ [one.dnr]: expected[one.dnr] });
  });
});
