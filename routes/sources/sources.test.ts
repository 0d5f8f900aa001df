import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NO_CASE_SOURCES } from '../../cases/source-lookup.js';
import { bearer, jsonPost, testApp } from '../../test/support/app.js';
import type { RouteServices } from '../shared.js';

type Ctx = Awaited<ReturnType<typeof testApp>>;
let t: Ctx;
const runs: string[] = [];

const sources = {
  ...NO_CASE_SOURCES,
  status: async () => [
    {
      id: 'umea-byggr',
      sourceId: 'umea-byggr',
      cursor: 'internal-cursor',
      kind: 'soap',
      municipality: '2480',
      mapping: 'byggr-arendeexport/bygglov 1.0.0',
      circuit: 'closed',
      running: false,
      lastAttemptAt: '2026-06-01T09:59:00.000Z',
      lastSuccessAt: '2026-06-01T09:59:00.000Z',
      lagSeconds: 60,
      nextRunAt: '2026-06-01T10:04:00.000Z',
      lastError: null,
      consecutiveFailures: 0,
      recordsIn: 120,
      recordsFailed: 1,
      quarantined: 1,
      freshnessSeconds: 900,
      canFetchOne: true,
    },
  ],
  has: (id) => id === 'umea-byggr',
  runOnce: async (id) => {
    runs.push(id);
    return { outcome: 'ok', stored: 3, quarantined: 0, units: 1 };
  },
  quarantined: async () => [
    {
      sourceRecordId: 'BN 2026-000999',
      reasons: [{ field: 'status', message: 'source status "PAUS" is not in tables.status' }],
      mappingId: 'byggr-arendeexport/bygglov',
      mappingVersion: '1.0.0',
      attempts: 2,
      firstSeenAt: '2026-06-01T08:00:00.000Z',
      lastSeenAt: '2026-06-01T09:00:00.000Z',
    },
  ],
} satisfies RouteServices['sources'];

beforeAll(async () => {
  t = await testApp('pglite', { sources });
});
afterAll(async () => t.drop());

describe('sources API', () => {
  it('shows sync health to admins and information-center staff, without internal cursors', async () => {
    for (const persona of ['admin', 'infocenter', 'bygglov']) {
      const res = await t.app.request('/api/v1/sources', bearer(await t.tokenFor(persona)));
      expect(res.status).toBe(200);
      const body = await res.json();
      expect(body.items[0]).toMatchObject({
        id: 'umea-byggr',
        circuit: 'closed',
        lagSeconds: 60,
        quarantined: 1,
      });
      expect(JSON.stringify(body)).not.toContain('internal-cursor');
    }
    expect((await t.app.request('/api/v1/sources', bearer(await t.tokenFor('medborgare')))).status).toBe(403);
  });

  it('lets only admins trigger a run or read the quarantine', async () => {
    const admin = await t.tokenFor('admin');
    const res = await t.app.request('/api/v1/sources/umea-byggr/sync', jsonPost(admin, {}));
    expect(await res.json()).toEqual({ outcome: 'ok', stored: 3, quarantined: 0, units: 1 });
    expect(runs).toEqual(['umea-byggr']);
    const q = await (await t.app.request('/api/v1/sources/umea-byggr/quarantine', bearer(admin))).json();
    expect(q.items[0].reasons[0].message).toContain('PAUS');
    const staff = await t.tokenFor('infocenter');
    expect((await t.app.request('/api/v1/sources/umea-byggr/sync', jsonPost(staff, {}))).status).toBe(403);
    expect((await t.app.request('/api/v1/sources/umea-byggr/quarantine', bearer(staff))).status).toBe(403);
    expect(runs).toEqual(['umea-byggr']);
  });

  it('answers 404 for an unknown source', async () => {
    const admin = await t.tokenFor('admin');
    expect((await t.app.request('/api/v1/sources/nowhere/sync', jsonPost(admin, {}))).status).toBe(404);
  });
});
