/**
 * A source that reads the current state of its cases and gives only a date (ByggR v8's
 * ArendeExportWS, through the soap connector and the shipped bygglov mapping): a case read as
 * registered in the morning and decided in the afternoon of the same day ends decided whatever the
 * content hashes say, because the later read is the newer truth (docs/connectors.md §1.2); reading
 * it again unchanged writes nothing. On the real simulator, on every store backend.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { soapConnector } from '../../connectors/soap/index.js';
import type { MapResult } from '../../mappings/engine/index.js';
import type { CanonicalCase } from '../../schemas/case.js';
import { decide, mainDecision } from '../../simulators/byggr-v8/case-steps.js';
import { type ByggrV8Simulator, startByggrV8Simulator } from '../../simulators/byggr-v8/index.js';
import type { V8Arende } from '../../simulators/byggr-v8/model.js';
import { V8_MUNICIPALITIES } from '../../simulators/byggr-v8/municipalities.js';
import { createRandom } from '../../simulators/case-data/random.js';
import { contentHash } from '../../store/case-version.js';
import type { Db } from '../../store/db.js';
import { backends, freshDatabase } from '../support/databases.js';
import { signal, v8Config } from '../support/soap-v8.js';
import { addSource, allReadBetween, engineOn, mapperFor } from '../support/sync.js';

const SOURCE = 'umea-byggr';
const mapper = mapperFor('byggr-arendeexport/bygglov');

type Row = {
  status_code: string;
  content_hash: string;
  source_version: string | null;
  updated_at: string;
  history: string[];
};

async function stored(db: Db, id: string): Promise<Row | undefined> {
  const { rows } = await db.query<Row>(
    `SELECT c.status_code, c.content_hash, c.source_version::text AS source_version, c.updated_at::text AS updated_at,
            ARRAY(SELECT h.code FROM case_status_history h WHERE h.case_id = c.id ORDER BY h.seq) AS history
       FROM cases c WHERE c.id = $1`,
    [id],
  );
  return rows[0];
}

/** ByggR decides the case, as the simulator's own step does, with the change date left on the same day. */
function decideSameDay(a: V8Arende, seed: number): void {
  const rng = createRandom(seed);
  const m = V8_MUNICIPALITIES.find((x) => x.code === '2480');
  if (!m) throw new Error('no Umeå in the simulator');
  a.version += 1;
  a.handlaggare ??= rng.pick(m.officers);
  decide({ a, at: a.uppdateradDatum, officer: a.handlaggare, rng, m }, false);
}

/** Puts a simulated case back as it was (the simulator holds the live object). */
function restore(a: V8Arende, before: V8Arende): void {
  for (const key of Object.keys(a)) delete (a as Record<string, unknown>)[key];
  Object.assign(a, before);
}

describe.each(backends(import.meta.url))('two reads of a ByggR v8 case on the same day, on %s', (backend) => {
  let sim: ByggrV8Simulator;
  let db: Db;
  let drop: () => Promise<void>;
  let hub: ReturnType<typeof engineOn>;
  const connector = () => soapConnector.create(v8Config({ wsdlUrl: sim.wsdlUrl }));

  /** The case as the hub maps it from what the simulator serves now (the same keys as the engine's). */
  async function mappedNow(dnr: string): Promise<CanonicalCase> {
    const one = connector();
    const record = await one.fetchOne?.(dnr, { signal: signal() });
    await one.close?.();
    const result: MapResult = await mapper.map(record, {
      personRefs: hub.personRefs,
      caseIds: hub.parts.caseIds,
      now: new Date(),
    });
    if (result.ok !== true) throw new Error(`${dnr} does not map: ${JSON.stringify(result)}`);
    return result.case;
  }

  beforeAll(async () => {
    sim = await startByggrV8Simulator({ cases: 40, seed: 5, municipalities: ['2480'] });
    ({ db, drop } = await freshDatabase(backend));
    hub = engineOn(db);
    await addSource(hub.engine, SOURCE, connector(), mapper);
  });
  afterAll(async () => {
    await drop();
    await sim.close();
  });

  let decidedId = '';

  it('stores the afternoon decision over the morning read, though its content hash is the smaller', async () => {
    // The morning: the whole source read by the schedule, every case as it is now, stored as read then.
    const runStarted = Date.now();
    expect(await hub.engine.runOnce(SOURCE)).toMatchObject({ outcome: 'ok', quarantined: 0 });
    expect(await allReadBetween(db, runStarted)).toBe(true);

    // The afternoon: ByggR decides an undecided case; its change date stays the same day. Of the ways
    // the decision can read, one is taken whose content hash is smaller than the morning's, so that
    // the hash rule alone would keep the case undecided.
    const candidates = sim.data
      .list()
      .filter((a) => a.status === 'Pågående' && mainDecision(a) === undefined);
    let chosen: { a: V8Arende; morning: CanonicalCase; afternoon: CanonicalCase } | undefined;
    for (const a of candidates) {
      const morning = await mappedNow(a.dnr);
      if (['decided', 'closed'].includes(morning.status.code)) continue;
      for (let seed = 1; seed <= 8 && !chosen; seed++) {
        const before = structuredClone(a);
        decideSameDay(a, seed);
        const afternoon = await mappedNow(a.dnr);
        if (afternoon.status.code === 'decided' && contentHash(afternoon) < contentHash(morning))
          chosen = { a, morning, afternoon };
        else restore(a, before);
      }
      if (chosen) break;
    }
    if (!chosen) throw new Error('no undecided case whose decision hashes smaller');
    const { morning, afternoon } = chosen;
    decidedId = morning.id;
    expect(afternoon.source.sourceUpdatedAt).toBe(morning.source.sourceUpdatedAt);
    const before = await stored(db, morning.id);
    expect(before?.status_code).toBe(morning.status.code);
    expect(before?.content_hash).toBe(contentHash(morning));

    // The case read again, as a staff member's "refresh now" does: the afternoon read wins.
    expect(await hub.engine.refreshOne(SOURCE, chosen.a.dnr, 2_000)).toBe(true);
    const after = await stored(db, morning.id);
    expect(after?.status_code).toBe('decided');
    expect(after?.content_hash).toBe(contentHash(afternoon));
    expect(after?.history.at(-1)).toBe('decided');
    expect(Number(after?.source_version)).toBeGreaterThan(Number(before?.source_version));
    expect((await hub.store.get(morning.id))?.case.status.code).toBe('decided');
  });

  it('reads the decided case again unchanged: no history entry, no rewrite, only a later read time', async () => {
    const before = await stored(db, decidedId);
    expect(before?.status_code).toBe('decided');
    const run = await hub.engine.runOnce(SOURCE);
    expect(run.outcome).toBe('ok');
    const dnr = (await hub.store.get(decidedId))?.case.source.sourceId ?? '';
    expect(await hub.engine.refreshOne(SOURCE, dnr, 2_000)).toBe(true);
    const after = await stored(db, decidedId);
    expect(after).toMatchObject({
      status_code: 'decided',
      content_hash: before?.content_hash,
      updated_at: before?.updated_at,
      history: before?.history,
    });
    expect(Number(after?.source_version)).toBeGreaterThan(Number(before?.source_version));
  });
});
