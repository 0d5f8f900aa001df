/**
 * Refusals on the pages reach the audit log through the API's own path (`auditRefusals`): a role
 * refused a page (403) and a signed-out request for a case page (sent to sign in).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, jsonPost, testApp } from '../test/support/app.js';
import { fixtureCases, PNR_MAJA } from '../test/support/fixtures.js';
import { pageClient } from '../test/support/page-client.js';

type Ctx = Awaited<ReturnType<typeof testApp>>;
let t: Ctx;
let cases: ReturnType<typeof fixtureCases>;

type Entry = {
  action: string;
  subject: string;
  role: string;
  caseId: string | null;
  route: string | null;
  municipality: string | null;
  office: string | null;
};
const refusals = async () => {
  const { rows } = await t.db.query<Entry>(
    `SELECT action, subject, role, case_id::text AS "caseId", route, municipality, office
       FROM audit_log WHERE action IN ('access.refused', 'auth.refused') ORDER BY id`,
  );
  return rows;
};

beforeAll(async () => {
  t = await testApp();
  cases = fixtureCases(t.personRefs);
  await t.store.upsertMany(Object.values(cases));
});
afterAll(async () => t.drop());

describe('refusals on the pages', () => {
  it('records a citizen refused a staff case page (403), and the person audit answers it', async () => {
    const browser = pageClient(t.app);
    await browser.signIn('medborgare');
    const { res } = await browser.get(`/staff/arenden/${cases.garage.id}`);
    expect(res.status).toBe(403);
    const [entry, ...rest] = await refusals();
    expect(rest).toEqual([]);
    expect(entry).toEqual({
      action: 'access.refused',
      subject: `citizen:${t.personRefs.fromInput(PNR_MAJA)}`,
      role: 'citizen',
      caseId: cases.garage.id,
      route: '/staff/arenden/:id',
      municipality: null,
      office: null,
    });
    const admin = await t.tokenFor('admin');
    const person = await t.app.request('/api/v1/audit/person', jsonPost(admin, { personnummer: PNR_MAJA }));
    expect((await person.json()).items).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          action: 'access.refused',
          caseId: cases.garage.id,
          route: '/staff/arenden/:id',
        }),
      ]),
    );
    const byCase = await t.app.request(`/api/v1/audit?caseId=${cases.garage.id}`, bearer(admin));
    expect((await byCase.json()).items.map((e: Entry) => e.action)).toContain('access.refused');
  });

  it('records staff refused a citizen page with their municipality and office', async () => {
    const browser = pageClient(t.app);
    await browser.signIn('bygglov');
    const { res } = await browser.get(`/mina-arenden/arenden/${cases.garage.id}`);
    expect(res.status).toBe(403);
    expect((await refusals()).at(-1)).toEqual({
      action: 'access.refused',
      subject: 'demo:bygglov',
      role: 'officer',
      caseId: cases.garage.id,
      route: '/mina-arenden/arenden/:id',
      municipality: '2480',
      office: 'BN',
    });
  });

  it('records a signed-out probe of a case page, not a signed-out visit to a list', async () => {
    const before = (await refusals()).length;
    const browser = pageClient(t.app);
    expect((await browser.get('/mina-arenden')).res.status).toBe(303);
    expect((await browser.get('/staff')).res.status).toBe(303);
    expect(await refusals()).toHaveLength(before);
    const { res } = await browser.get(`/staff/arenden/${cases.other.id}`);
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toMatch(/^\/logga-in\?/);
    expect((await refusals()).at(-1)).toEqual({
      action: 'auth.refused',
      subject: 'anonymous',
      role: 'none',
      caseId: cases.other.id,
      route: '/staff/arenden/:id',
      municipality: null,
      office: null,
    });
  });

  it('keeps the API’s refusals as they were, now with the case id of a case address', async () => {
    const maja = await t.tokenFor('medborgare');
    expect((await t.app.request(`/api/v1/cases/${cases.garage.id}`, bearer(maja))).status).toBe(403);
    expect((await refusals()).at(-1)).toMatchObject({
      action: 'access.refused',
      role: 'citizen',
      caseId: cases.garage.id,
      route: '/api/v1/cases/:id',
    });
  });

  it('does not take an expired form for a role refusal', async () => {
    const before = (await refusals()).length;
    const browser = pageClient(t.app);
    await browser.signIn('infocenter');
    await browser.get('/staff');
    const { res } = await browser.post('/staff/sok', { q: 'BN 2026-000123', _csrf: 'x'.repeat(43) });
    expect(res.status).toBe(403);
    expect(await refusals()).toHaveLength(before);
  });
});
