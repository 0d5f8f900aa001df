import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findPersona, type Persona } from '../../demo/personas.js';
import { loadPolicy, regionExamplePolicyFile } from '../../policy/load-policy.js';
import type { Policy } from '../../policy/policy-schema.js';
import { bearer, testApp } from '../../test/support/app.js';
import { seedContacts, testClock, VANNAS_AGENT } from '../../test/support/contact-stats-seed.js';
import { backends } from '../../test/support/databases.js';

const UMEA_ADMIN: Persona = {
  id: 'admin-umea',
  role: 'admin',
  label: 'Test',
  description: { sv: 'Test', en: 'Test', ar: 'Test' },
  municipality: '2480',
};

const put = (token: string, body: unknown) => ({
  method: 'PUT',
  headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
  body: JSON.stringify(body),
});

/** One contact in Umeå, one in Vännäs and one in Bjurholm, all in March 2026. */
const SEED = [
  { at: '2026-03-10T09:00:00Z', channel: 'phone', topic: 'bygglov' },
  { at: '2026-03-11T09:00:00Z', municipality: '2460', channel: 'phone', topic: 'skola' },
  { at: '2026-03-12T09:00:00Z', municipality: '2403', channel: 'visit', topic: 'skola' },
] as const;

describe.each(backends(import.meta.url))('who may read which statistics, on %s', (backend) => {
  const setUp = async (policy?: Policy) => {
    const clock = testClock();
    const t = await testApp(backend, { now: clock.now, ...(policy ? { policy } : {}) });
    await seedContacts(
      t,
      clock,
      {
        '2480': await t.tokenFor('infocenter'),
        '2460': await t.identity.issue(VANNAS_AGENT),
        '2403': await t.tokenFor('kc-bjurholm'),
      },
      SEED,
    );
    clock.set('2026-06-01T10:00:00Z');
    return t;
  };
  const figures = async (t: Awaited<ReturnType<typeof testApp>>, token: string, query = '') => {
    const res = await t.app.request(`/api/v1/stats?from=2026-03-01&to=2026-03-31${query}`, bearer(token));
    return { status: res.status, body: await res.json() };
  };

  describe('under the default policy', () => {
    let t: Awaited<ReturnType<typeof testApp>>;
    beforeAll(async () => {
      t = await setUp();
    });
    afterAll(async () => t.drop());

    it('gives Umeå’s staff Umeå’s figures only, and refuses them Vännäs’s', async () => {
      const umea = await t.tokenFor('infocenter');
      const own = await figures(t, umea);
      expect(own.body.municipalities).toEqual(['2480']);
      expect(own.body.cells.map((c: { municipality: string }) => c.municipality)).toEqual(['2480']);
      const other = await figures(t, umea, '&municipality=2460');
      expect(other.status).toBe(403);
      expect(JSON.stringify(other.body)).not.toContain('skola');
      const csv = await t.app.request('/api/v1/stats.csv?from=2026-03-01&to=2026-03-31', bearer(umea));
      expect(await csv.text()).not.toContain('2460');
    });

    it('gives Vännäs’s staff their own and nothing of Umeå’s', async () => {
      const vannas = await figures(t, await t.identity.issue(VANNAS_AGENT));
      expect(vannas.body.municipalities).toEqual(['2460']);
      expect(vannas.body.totals).toMatchObject([{ municipality: '2460', contacts: 1 }]);
    });

    it('gives a regional center without a contacts agreement only its own municipality', async () => {
      const region = await figures(t, await t.tokenFor('kc-bjurholm'));
      expect(region.body.municipalities).toEqual(['2403']);
    });

    it('refuses officers and citizens the statistics (403), and an admin without a municipality sees none', async () => {
      for (const persona of ['bygglov', 'medborgare'])
        expect((await figures(t, await t.tokenFor(persona))).status).toBe(403);
      const { municipality: _none, ...nowhere } = findPersona('admin') as Persona;
      const admin = await figures(t, await t.identity.issue({ ...nowhere, id: 'admin-nowhere' }));
      expect(admin.body).toMatchObject({ municipalities: [], cells: [], summary: [] });
    });

    it('lets Umeå’s admin and center record Umeå’s month totals, not Vännäs’s', async () => {
      const admin = await t.identity.issue(UMEA_ADMIN);
      const path = '/api/v1/stats/volumes/2480/2026-03';
      expect((await t.app.request(path, put(admin, { total: 40 }))).status).toBe(204);
      const agent = await t.tokenFor('infocenter');
      expect((await t.app.request(path, put(agent, { total: 41 }))).status).toBe(204);
      const other = '/api/v1/stats/volumes/2460/2026-03';
      expect((await t.app.request(other, put(agent, { total: 5 }))).status).toBe(403);
      expect((await t.app.request(other, put(admin, { total: 5 }))).status).toBe(403);
      const { rows } = await t.db.query('SELECT municipality, total, recorded_by FROM contact_volumes');
      expect(rows).toEqual([{ municipality: '2480', total: 41, recorded_by: 'demo:infocenter' }]);
    });

    it('audits each read and each recorded total, with no personal data', async () => {
      const agent = await t.tokenFor('infocenter');
      await figures(t, agent);
      const path = '/api/v1/stats/volumes/2480/2026-04';
      await t.app.request(path, put(agent, { total: 12 }));
      const { rows } = await t.db.query<Record<string, unknown>>(
        `SELECT action, subject, shown, result_count, person_refs FROM audit_log
          WHERE action LIKE 'stats.%' AND subject = 'demo:infocenter' ORDER BY id DESC LIMIT 2`,
      );
      expect(rows).toEqual([
        {
          action: 'stats.volume',
          subject: 'demo:infocenter',
          shown: ['2480/2026-04'],
          result_count: 12,
          person_refs: [],
        },
        {
          action: 'stats.read',
          subject: 'demo:infocenter',
          shown: ['2480'],
          result_count: 1,
          person_refs: [],
        },
      ]);
    });
  });

  describe('when the region’s agreement covers contacts', () => {
    let t: Awaited<ReturnType<typeof testApp>>;
    beforeAll(async () => {
      const region = loadPolicy(regionExamplePolicyFile());
      t = await setUp({
        ...region,
        agreements: region.agreements.map((a) => ({ ...a, domains: [...a.domains, 'contacts'] })),
      });
    });
    afterAll(async () => t.drop());

    it('gives the regional center the municipalities it serves, while Umeå’s own center still sees Umeå only', async () => {
      const region = await figures(t, await t.tokenFor('kc-bjurholm'));
      expect(region.body.municipalities).toEqual(['2401', '2403', '2460', '2480']);
      expect(region.body.totals.map((r: { municipality: string }) => r.municipality)).toEqual([
        '2403',
        '2460',
        '2480',
      ]);
      const umea = await figures(t, await t.tokenFor('infocenter'));
      expect(umea.body.municipalities).toEqual(['2480']);
    });
  });
});
