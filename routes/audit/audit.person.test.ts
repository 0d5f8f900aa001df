/**
 * The audit log answers a citizen's questions: who searched for me (also when nothing was found),
 * who read my cases, who was refused, and why they read (a purpose from the policy's list).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, jsonPost, testApp } from '../../test/support/app.js';
import { fixtureCases, PNR_MAJA, PNR_OTHER } from '../../test/support/fixtures.js';

type Ctx = Awaited<ReturnType<typeof testApp>>;
let t: Ctx;
let cases: ReturnType<typeof fixtureCases>;
/** Nobody in the fixtures: a search for this number finds nothing. */
const PNR_NOBODY = '19121212-1212';

beforeAll(async () => {
  t = await testApp();
  cases = fixtureCases(t.personRefs);
  await t.store.upsertMany(Object.values(cases));
});
afterAll(async () => t.drop());

const whoLookedAt = async (personnummer: string) => {
  const admin = await t.tokenFor('admin');
  const res = await t.app.request('/api/v1/audit/person', jsonPost(admin, { personnummer }));
  expect(res.status).toBe(200);
  return (await res.json()).items as { action: string; subject: string; caseId: string | null }[];
};

/** Every stored audit row as text: the place a personnummer or a token must never appear. */
const wholeLog = async () => JSON.stringify((await t.db.query('SELECT * FROM audit_log')).rows);

describe('who searched for this person', () => {
  it('records a search by personnummer with the person’s references, even when it finds nothing', async () => {
    // Regression: a search that found nothing left no trace of whom it was for.
    const staff = await t.tokenFor('infocenter');
    const res = await t.app.request('/api/v1/cases/search', jsonPost(staff, { personnummer: PNR_NOBODY }));
    expect((await res.json()).items).toEqual([]);
    const entries = await whoLookedAt(PNR_NOBODY);
    expect(entries.map((e) => [e.action, e.subject])).toEqual([['case.search', 'demo:infocenter']]);
    // Another person's lookup does not see it.
    expect((await whoLookedAt(PNR_OTHER)).map((e) => e.action)).not.toContain('case.search');
  });

  it('answers reads of the person’s cases and searches that listed them', async () => {
    const staff = await t.tokenFor('infocenter');
    await t.app.request(`/api/v1/cases/${cases.garage.id}`, bearer(staff));
    await t.app.request('/api/v1/cases/search', jsonPost(staff, { reference: cases.garage.reference }));
    const entries = await whoLookedAt(PNR_MAJA);
    expect(entries).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ action: 'case.read', caseId: cases.garage.id }),
        expect.objectContaining({ action: 'case.search', subject: 'demo:infocenter' }),
      ]),
    );
  });

  it('keeps the number out of the log and the URL, and is for admins only', async () => {
    expect(await wholeLog()).not.toMatch(/19121212|121212-?1212|19900321|900321-?2389/);
    const staff = await t.tokenFor('infocenter');
    const refused = await t.app.request('/api/v1/audit/person', jsonPost(staff, { personnummer: PNR_MAJA }));
    expect(refused.status).toBe(403);
    const admin = await t.tokenFor('admin');
    const invalid = await t.app.request(
      '/api/v1/audit/person',
      jsonPost(admin, { personnummer: '19900321-2388' }),
    );
    expect(invalid.status).toBe(400);
    expect(await invalid.text()).not.toContain('2388');
  });

  it('records the question itself', async () => {
    await whoLookedAt(PNR_OTHER);
    const [entry] = await t.audit.find({ limit: 1 });
    expect([entry?.action, entry?.subject]).toEqual(['audit.person', 'demo:admin']);
  });
});

describe('refusals', () => {
  it('records a token that fails (401) without subject, token or address', async () => {
    const forged = 'eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0.c2lnbmF0dXJlLXRoYXQtZmFpbHM';
    const res = await t.app.request('/api/v1/cases/search', jsonPost(forged, { q: 'garage' }));
    expect(res.status).toBe(401);
    const [entry] = await t.audit.find({ limit: 1 });
    expect(entry).toMatchObject({
      action: 'auth.refused',
      subject: 'anonymous',
      role: 'none',
      route: '/api/v1/cases/search',
      requestId: res.headers.get('x-request-id'),
    });
    expect(await wholeLog()).not.toContain('c2lnbmF0dXJlLXRoYXQtZmFpbHM');
    // No token at all is not a refusal of anyone: the request log has it, the audit log does not.
    await t.app.request('/api/v1/cases/search', jsonPost(undefined, { q: 'garage' }));
    expect((await t.audit.find({ limit: 1 }))[0]?.requestId).toBe(entry?.requestId);
  });

  it('records a role refused an endpoint (403) with the subject', async () => {
    const citizen = await t.tokenFor('medborgare');
    const res = await t.app.request('/api/v1/cases/search', jsonPost(citizen, { q: 'garage' }));
    expect(res.status).toBe(403);
    const [entry] = await t.audit.find({ limit: 1 });
    expect(entry).toMatchObject({ action: 'access.refused', role: 'citizen', route: '/api/v1/cases/search' });
    expect(entry?.subject).toMatch(/^citizen:pr1_/);
  });
});

describe('purpose', () => {
  it('stores a purpose from the policy’s list with the read', async () => {
    const staff = await t.tokenFor('infocenter');
    const res = await t.app.request(`/api/v1/cases/${cases.garage.id}`, {
      headers: { authorization: `Bearer ${staff}`, 'x-arendenav-purpose': 'handlaggning' },
    });
    expect(res.status).toBe(200);
    expect((await t.audit.find({ limit: 1 }))[0]).toMatchObject({
      action: 'case.read',
      purpose: 'handlaggning',
    });
  });

  it('refuses any other purpose with 400 naming the header, before anything is read or recorded', async () => {
    const staff = await t.tokenFor('infocenter');
    const [before] = await t.audit.find({ limit: 1 });
    for (const purpose of ['Telefonsamtal', 'samtal, handlaggning', 'SAMTAL']) {
      const res = await t.app.request(`/api/v1/cases/${cases.garage.id}`, {
        headers: { authorization: `Bearer ${staff}`, 'x-arendenav-purpose': purpose },
      });
      expect(res.status).toBe(400);
      expect((await res.json()).errors[0].field).toBe('x-arendenav-purpose');
    }
    expect((await t.audit.find({ limit: 1 }))[0]?.id).toBe(before?.id);
  });
});
