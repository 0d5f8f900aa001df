import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { soapConnector } from '../../connectors/soap/index.js';
import { type ByggrV8Simulator, startByggrV8Simulator } from '../../simulators/byggr-v8/index.js';
import { createEngineOn } from '../../sync/create-engine.js';
import { bearer, testApp } from '../support/app.js';
import { freshDatabase } from '../support/databases.js';
import { pageClient } from '../support/page-client.js';
import { v8Config } from '../support/soap-v8.js';
import { engineOn, mapperFor, settings } from '../support/sync.js';

const mapper = mapperFor('byggr-arendeexport/bygglov');
let sim: ByggrV8Simulator;

beforeAll(async () => {
  sim = await startByggrV8Simulator({ cases: 20, seed: 61, municipalities: ['2480'] });
});
afterAll(async () => sim.close());

const connector = () => soapConnector.create(v8Config({ wsdlUrl: sim.wsdlUrl }));

describe('staff case view of a stale case', () => {
  it('fetches a fresh copy from the source within the time limit, else shows the stored one with its age', async () => {
    const database = await freshDatabase('pglite');
    try {
      // Synced long ago (the clock of that run said 1 March).
      const before = engineOn(database.db);
      const { engine: oldClock } = createEngineOn({
        ...before.parts,
        now: () => new Date('2026-03-01T08:00:00Z'),
      });
      await oldClock.add(settings('umea-byggr', { municipality: '2480' }), connector(), mapper);
      // Thinned or voided cases are removed, not stored.
      const held = sim.data.list().filter((a) => a.status !== 'Gallrat' && a.status !== 'Makulerat');
      expect(await oldClock.runOnce('umea-byggr')).toMatchObject({ outcome: 'ok', stored: held.length });

      const live = engineOn(database.db);
      await live.engine.add(settings('umea-byggr', { municipality: '2480' }), connector(), mapper);
      // The first call also reads the WSDL, so this view gets a generous limit.
      const t = await testApp('pglite', {
        database,
        sources: live.engine,
        now: () => new Date(),
        refreshTimeoutMs: 10_000,
      });
      const staff = await t.tokenFor('infocenter');
      const [first] = (await t.store.search({ by: 'text', value: 'bygglov' }, { limit: 1 })).items;
      if (!first) throw new Error('no case stored');

      const view = await (await t.app.request(`/api/v1/cases/${first.id}`, bearer(staff))).json();
      expect(view.freshness).toEqual({ ageSeconds: expect.any(Number), stale: false });
      expect(view.freshness.ageSeconds).toBeLessThan(60);

      // The source hangs: after the short wait the stored (now fresh) copy is served; none lost.
      sim.faults.add('hang', 1);
      const slowT = await testApp('pglite', {
        database,
        sources: live.engine,
        now: () => new Date(Date.now() + 7 * 86_400_000),
      });
      const started = Date.now();
      const stale = await (
        await slowT.app.request(`/api/v1/cases/${first.id}`, bearer(await slowT.tokenFor('infocenter')))
      ).json();
      expect(Date.now() - started).toBeLessThan(4_000);
      expect(stale.reference).toBe(first.reference);
      expect(stale.freshness.stale).toBe(true);

      // Each source's own limit decides: with freshnessSeconds 60, ten minutes is already stale
      // (the app-wide default of 3600 s would call it fresh).
      const strict = engineOn(database.db);
      await strict.engine.add(
        settings('umea-byggr', { municipality: '2480', freshnessSeconds: 60 }),
        connector(),
        mapper,
      );
      sim.faults.add('hang', 1);
      const tenMinutes = await testApp('pglite', {
        database,
        sources: strict.engine,
        now: () => new Date(Date.now() + 600_000),
      });
      const viewed = await (
        await tenMinutes.app.request(
          `/api/v1/cases/${first.id}`,
          bearer(await tenMinutes.tokenFor('infocenter')),
        )
      ).json();
      expect(viewed.freshness.ageSeconds).toBeLessThan(3600);
      expect(viewed.freshness.stale).toBe(true);
      expect(stale.freshness.ageSeconds).toBeGreaterThan(6 * 86_400);
    } finally {
      sim.faults.clear();
      await database.drop();
    }
  });

  it('offers staff a refresh on the case page when the source can fetch one case, and does it', async () => {
    const database = await freshDatabase('pglite');
    try {
      const live = engineOn(database.db);
      await live.engine.add(settings('umea-byggr', { municipality: '2480' }), connector(), mapper);
      expect(await live.engine.runOnce('umea-byggr')).toMatchObject({ outcome: 'ok' });
      const t = await testApp('pglite', {
        database,
        sources: live.engine,
        now: () => new Date(),
        refreshTimeoutMs: 10_000,
      });
      const [first] = (await t.store.search({ by: 'text', value: 'bygglov' }, { limit: 1 })).items;
      if (!first) throw new Error('no case stored');
      const browser = pageClient(t.app);
      await browser.signIn('infocenter');
      const staffConsole = await browser.get('/staff');
      expect(staffConsole.html).toContain('umea-byggr');
      expect(staffConsole.html).toContain('health-ok');
      const page = await browser.get(`/staff/arenden/${first.id}`);
      expect(page.html).toContain(`action="/staff/arenden/${first.id}/uppdatera?lang=sv"`);
      const refreshed = await browser.post(`/staff/arenden/${first.id}/uppdatera?lang=sv`, {});
      expect(refreshed.res.headers.get('location')).toBe(`/staff/arenden/${first.id}?lang=sv&uppdaterat=ok`);
      expect((await browser.get(`/staff/arenden/${first.id}?uppdaterat=ok`)).html).toContain(
        'Ärendet är hämtat på nytt från källsystemet.',
      );
    } finally {
      await database.drop();
    }
  });
});
