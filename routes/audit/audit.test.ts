import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, jsonPost, testApp } from '../../test/support/app.js';
import { fixtureCases, PNR_MAJA } from '../../test/support/fixtures.js';

type Ctx = Awaited<ReturnType<typeof testApp>>;
let t: Ctx;
let cases: ReturnType<typeof fixtureCases>;

beforeAll(async () => {
  t = await testApp();
  cases = fixtureCases(t.personRefs);
  await t.store.upsertMany(Object.values(cases));
});
afterAll(async () => t.drop());

const auditOf = async (caseId: string) => {
  const admin = await t.tokenFor('admin');
  return (await (await t.app.request(`/api/v1/audit?caseId=${caseId}`, bearer(admin))).json()).items;
};

describe('audit log', () => {
  it('records a staff read: who, role, case, fields shown and masked, request id, purpose', async () => {
    const staff = await t.tokenFor('infocenter');
    const res = await t.app.request(`/api/v1/cases/${cases.protected.id}`, {
      headers: { authorization: `Bearer ${staff}`, 'x-arendenav-purpose': 'samtal' },
    });
    expect(res.status).toBe(200);
    const [entry] = await auditOf(cases.protected.id);
    expect(entry).toMatchObject({
      subject: 'demo:infocenter',
      role: 'infocenter',
      action: 'case.read',
      caseId: cases.protected.id,
      masked: ['parties.displayName', 'property'],
      requestId: res.headers.get('x-request-id'),
      purpose: 'samtal',
    });
    expect(entry.shown).toEqual(expect.arrayContaining(['title', 'status', 'parties']));
    expect(entry.shown).not.toContain('property');
  });

  it('records a search by personnummer with the cases listed, never the number', async () => {
    const staff = await t.tokenFor('infocenter');
    await t.app.request('/api/v1/cases/search', jsonPost(staff, { personnummer: PNR_MAJA }));
    const [entry] = await auditOf(cases.garage.id);
    expect(entry).toMatchObject({
      action: 'case.search',
      queryKind: 'personRef',
      resultCount: 1,
      shown: [cases.garage.id],
    });
    const { rows } = await t.db.query('SELECT * FROM audit_log');
    expect(JSON.stringify(rows)).not.toMatch(/900321|19900321/);
  });

  it('names a citizen by person reference, never by a subject that may be the personnummer', async () => {
    await t.app.request(`/api/v1/me/cases/${cases.social.id}`, bearer(await t.tokenFor('medborgare')));
    const [entry] = await auditOf(cases.social.id);
    expect(entry.subject).toBe(`citizen:${t.personRefs.fromInput(PNR_MAJA)}`);
    expect(entry.action).toBe('me.read');
  });

  it('records reads that found nothing to show, alike for hidden and missing cases', async () => {
    const staff = await t.tokenFor('infocenter');
    const missing = '00000000-0000-5000-8000-00000000abcd';
    expect((await t.app.request(`/api/v1/cases/${cases.social.id}`, bearer(staff))).status).toBe(404);
    expect((await t.app.request(`/api/v1/cases/${missing}`, bearer(staff))).status).toBe(404);
    for (const id of [cases.social.id, missing]) {
      const [entry] = await auditOf(id);
      expect(entry).toMatchObject({
        subject: 'demo:infocenter',
        action: 'case.denied',
        caseId: id,
        shown: [],
      });
    }
  });

  it('records an admin reading the log: who watched, and which entries they saw', async () => {
    const first = await auditOf(cases.garage.id);
    const [watch] = await auditOf(cases.garage.id);
    expect(watch).toMatchObject({
      subject: 'demo:admin',
      role: 'admin',
      action: 'audit.read',
      caseId: cases.garage.id,
      resultCount: first.length,
    });
    expect(watch.shown).toEqual(first.map((e: { id: string }) => e.id));
  });

  it('lists newest first however many entries there are (ids compared as numbers, not text)', async () => {
    for (let i = 0; i < 12; i++) {
      await t.audit.write({
        subject: `order-test-${i}`,
        role: 'infocenter',
        action: 'case.search',
        shown: [],
        masked: [],
        requestId: `req-${i}`,
      });
    }
    const entries = await t.audit.find({ limit: 500 });
    const ids = entries.map((e) => Number(e.id));
    expect(ids.length).toBeGreaterThan(12);
    expect(ids).toEqual([...ids].sort((a, b) => b - a));
    expect(entries[0]?.subject).toBe('order-test-11');
  });

  // Failing closed (no audit entry, no data) for every kind of read: audit.fail-closed.test.ts.

  it('is append-only and readable by admins only, without case contents', async () => {
    await expect(t.db.query("UPDATE audit_log SET role = 'admin'")).rejects.toThrow(/append-only/);
    await expect(t.db.query('DELETE FROM audit_log')).rejects.toThrow(/append-only/);
    const staff = await t.tokenFor('infocenter');
    expect((await t.app.request('/api/v1/audit', bearer(staff))).status).toBe(403);
    const admin = await t.tokenFor('admin');
    const body = await (await t.app.request('/api/v1/audit?limit=500', bearer(admin))).text();
    expect(body).not.toMatch(/Maja|garage|Tallen|försörjningsstöd/i);
  });
});
