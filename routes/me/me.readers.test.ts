/**
 * "Who read my case?" through the API: a citizen is told which organisations' staff read their own
 * case (municipality, office, role, time), names only when the policy says so, and nothing of others.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadPolicy } from '../../policy/load-policy.js';
import { bearer, jsonPost, testApp } from '../../test/support/app.js';
import { fixtureCases } from '../../test/support/fixtures.js';

type Ctx = Awaited<ReturnType<typeof testApp>>;
let t: Ctx;
let cases: ReturnType<typeof fixtureCases>;
let maja: string;

type Reader = { at: string; role: string; municipality: unknown; office: string | null; name?: string };
const readersOf = async (token: string, id: string, query = '') => {
  const res = await t.app.request(`/api/v1/me/cases/${id}/readers${query}`, bearer(token));
  return { status: res.status, body: (await res.json()) as { items: Reader[]; more: boolean } };
};

beforeAll(async () => {
  t = await testApp();
  cases = fixtureCases(t.personRefs);
  await t.store.upsertMany(Object.values(cases));
  maja = await t.tokenFor('medborgare');
});
afterAll(async () => t.drop());

describe('who read my case', () => {
  it('lists the Umeå building-permit officer’s read with municipality and office, and no name by default', async () => {
    const officer = await t.tokenFor('bygglov');
    expect((await t.app.request(`/api/v1/cases/${cases.garage.id}`, bearer(officer))).status).toBe(200);
    const { status, body } = await readersOf(maja, cases.garage.id);
    expect(status).toBe(200);
    expect(body.more).toBe(false);
    expect(body.items).toEqual([
      {
        at: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
        role: 'officer',
        municipality: { code: '2480', name: 'Umeå' },
        office: 'BN',
      },
    ]);
    // Regression: the staff subject must not reach the citizen unless the policy says so.
    expect(JSON.stringify(body)).not.toContain('demo:bygglov');
  });

  it('leaves out the citizen’s own reads, searches that listed the case and refused attempts', async () => {
    await t.app.request(`/api/v1/me/cases/${cases.garage.id}`, bearer(maja));
    const kc = await t.tokenFor('infocenter');
    await t.app.request('/api/v1/cases/search', jsonPost(kc, { reference: cases.garage.reference }));
    await t.app.request(`/api/v1/me/cases/${cases.garage.id}`, bearer(kc)); // 403
    const { body } = await readersOf(maja, cases.garage.id);
    expect(body.items.map((r) => r.role)).toEqual(['officer']);
  });

  it('lists newest first, capped by limit, and says when there are more', async () => {
    const kc = await t.tokenFor('infocenter');
    expect((await t.app.request(`/api/v1/cases/${cases.garage.id}`, bearer(kc))).status).toBe(200);
    const { body } = await readersOf(maja, cases.garage.id, '?limit=1');
    expect(body.items.map((r) => [r.role, r.office])).toEqual([['infocenter', 'KC']]);
    expect(body.more).toBe(true);
    const all = await readersOf(maja, cases.garage.id);
    expect(all.body.items.map((r) => r.role)).toEqual(['infocenter', 'officer']);
    expect(all.body.more).toBe(false);
  });

  it('never lists reads of another person’s case: their case answers 404 like a missing one', async () => {
    const officer = await t.tokenFor('bygglov');
    expect((await t.app.request(`/api/v1/cases/${cases.other.id}`, bearer(officer))).status).toBe(200);
    const other = await readersOf(maja, cases.other.id);
    const missing = await readersOf(maja, '00000000-0000-5000-8000-000000000000');
    expect(other.status).toBe(404);
    expect(missing.status).toBe(404);
    // The protected citizen is no party to Maja's case either.
    const skyddad = await t.tokenFor('skyddad');
    expect((await readersOf(skyddad, cases.garage.id)).status).toBe(404);
    // Maja's own list is untouched by reads of the other case.
    const mine = await readersOf(maja, cases.garage.id);
    expect(mine.body.items).toHaveLength(2);
  });

  it('records the citizen’s look at the list as their own read, and refuses staff (403)', async () => {
    const { rows } = await t.db.query<{ action: string; subject: string; case_id: string; role: string }>(
      "SELECT action, subject, case_id::text, role FROM audit_log WHERE action = 'me.readers' ORDER BY id",
    );
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.every((r) => r.role === 'citizen' && r.case_id === cases.garage.id)).toBe(true);
    const officer = await t.tokenFor('bygglov');
    const res = await t.app.request(`/api/v1/me/cases/${cases.garage.id}/readers`, bearer(officer));
    expect(res.status).toBe(403);
  });

  it('keeps the reader’s municipality and office in the audit entry of every staff read', async () => {
    const { rows } = await t.db.query<{ municipality: string | null; office: string | null }>(
      "SELECT municipality, office FROM audit_log WHERE action = 'case.read' AND subject = 'demo:bygglov'",
    );
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.every((r) => r.municipality === '2480' && r.office === 'BN')).toBe(true);
  });
});

describe('with the policy’s citizenAudit.showStaffNames on', () => {
  let named: Ctx;
  beforeAll(async () => {
    named = await testApp('pglite', {
      policy: { ...loadPolicy(), citizenAudit: { showStaffNames: true } },
    });
    await named.store.upsertMany([fixtureCases(named.personRefs).garage]);
  });
  afterAll(async () => named.drop());

  it('tells the citizen the staff member’s name', async () => {
    const officer = await named.tokenFor('bygglov');
    await named.app.request(`/api/v1/cases/${cases.garage.id}`, bearer(officer));
    const res = await named.app.request(
      `/api/v1/me/cases/${cases.garage.id}/readers`,
      bearer(await named.tokenFor('medborgare')),
    );
    expect((await res.json()).items).toEqual([
      expect.objectContaining({ role: 'officer', office: 'BN', name: 'demo:bygglov' }),
    ]);
  });
});
