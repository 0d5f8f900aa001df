import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NO_CASE_SOURCES } from '../../cases/source-lookup.js';
import { findPersona, type Persona } from '../../demo/personas.js';
import { bearer, jsonPost, testApp } from '../../test/support/app.js';
import { pageClient } from '../../test/support/page-client.js';
import type { RouteServices } from '../shared.js';

type Ctx = Awaited<ReturnType<typeof testApp>>;
let t: Ctx;
const runs: string[] = [];

/** One status row per source: the municipality from its settings, the domain from its mapping. */
function statusOf(id: string, municipality: string, mapping: string, domain: string) {
  return {
    id,
    sourceId: id,
    cursor: 'internal-cursor',
    kind: 'soap',
    municipality,
    mapping,
    domain,
    circuit: 'closed' as const,
    running: false,
    connected: null,
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
  };
}

const ALL_SOURCES = [
  statusOf('umea-byggr', '2480', 'byggr-arendeexport/bygglov 1.0.0', 'building_permit'),
  statusOf('umea-social', '2480', 'treserva/socialtjanst 1.0.0', 'social_services'),
  statusOf('umea-skola', '2480', 'ss12000/skolplacering 1.0.0', 'school_placement'),
  statusOf('vannas-byggr', '2460', 'byggr-arendeexport/bygglov 1.0.0', 'building_permit'),
];

const sources = {
  ...NO_CASE_SOURCES,
  status: async () => ALL_SOURCES,
  has: (id) => ALL_SOURCES.some((s) => s.id === id),
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

/** A staff token for a persona the demo does not have. */
function staffToken(claims: Pick<Persona, 'role' | 'office' | 'municipality'>): Promise<string> {
  return t.identity.issue({
    id: 'test-staff',
    label: 'Test',
    description: { sv: 'Test', en: 'Test', ar: 'Test' },
    ...claims,
  });
}

beforeAll(async () => {
  t = await testApp('pglite', { sources });
});
afterAll(async () => t.drop());

describe('sources API', () => {
  it('shows sync health without internal cursors, and refuses citizens', async () => {
    const res = await t.app.request('/api/v1/sources', bearer(await t.tokenFor('admin')));
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body.items[0]).toMatchObject({
      id: 'umea-byggr',
      domain: 'building_permit',
      circuit: 'closed',
      lagSeconds: 60,
      quarantined: 1,
    });
    expect(JSON.stringify(body)).not.toContain('internal-cursor');
    expect((await t.app.request('/api/v1/sources', bearer(await t.tokenFor('medborgare')))).status).toBe(403);
  });

  it('shows each role only the sources of the municipalities and domains it may see; admins their own municipality’s', async () => {
    // Regression: every staff role saw every source, so the information center learnt the
    // social-services system's record counts and freshness (issue 12, item 4).
    const seen = async (token: string) =>
      ((await (await t.app.request('/api/v1/sources', bearer(token))).json()).items as { id: string }[]).map(
        (s) => s.id,
      );
    // Regression: any admin of the region was listed every municipality's sources.
    expect(await seen(await t.tokenFor('admin'))).toEqual(['umea-byggr', 'umea-social', 'umea-skola']);
    expect(await seen(await staffToken({ role: 'admin', municipality: '2460' }))).toEqual(['vannas-byggr']);
    expect(await seen(await staffToken({ role: 'admin' }))).toEqual([]);
    expect(await seen(await t.tokenFor('infocenter'))).toEqual(['umea-byggr', 'umea-skola']);
    // An officer of BN (Umeå): building permits, and only Umeå's.
    expect(await seen(await t.tokenFor('bygglov'))).toEqual(['umea-byggr']);
    // The social-services office sees its own source; a staff token without a municipality sees none.
    expect(await seen(await staffToken({ role: 'officer', office: 'SN', municipality: '2480' }))).toEqual([
      'umea-social',
    ]);
    expect(await seen(await staffToken({ role: 'infocenter', office: 'KC' }))).toEqual([]);
  });

  it('filters the sources panel of the staff console by the same rule', async () => {
    const panel = async (persona: string) => {
      const browser = pageClient(t.app);
      await browser.signIn(persona);
      const { html } = await browser.get('/staff');
      return html.slice(html.indexOf('id="sources-heading"'));
    };
    const infocenter = await panel('infocenter');
    expect(infocenter).toContain('umea-byggr');
    expect(infocenter).not.toContain('umea-social');
    expect(infocenter).not.toContain('vannas-byggr');
    const officer = await panel('bygglov');
    expect(officer).toContain('umea-byggr');
    expect(officer).not.toContain('umea-skola');
    expect(officer).not.toContain('umea-social');
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

  it("answers another municipality's source as not found to an admin, and an admin of no municipality likewise", async () => {
    // The demo admin administers Umeå (2480); vannas-byggr is Vännäs' (2460).
    const umea = await t.tokenFor('admin');
    const sync = await t.app.request('/api/v1/sources/vannas-byggr/sync', jsonPost(umea, {}));
    expect(sync.status).toBe(404);
    expect((await t.app.request('/api/v1/sources/vannas-byggr/quarantine', bearer(umea))).status).toBe(404);
    const { municipality: _, ...persona } = findPersona('admin') as Persona;
    const nowhere = await t.identity.issue({ ...persona, id: 'admin-without-municipality' });
    expect((await t.app.request('/api/v1/sources/umea-byggr/sync', jsonPost(nowhere, {}))).status).toBe(404);
    const vannas = await t.identity.issue({ ...persona, id: 'vannas-admin', municipality: '2460' });
    const own = await t.app.request('/api/v1/sources/vannas-byggr/quarantine', bearer(vannas));
    expect(own.status).toBe(200);
    expect(runs).not.toContain('vannas-byggr');
  });
});
