import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, jsonPost, testApp } from '../../test/support/app.js';
import { fixtureCases, PNR_MAJA, PNR_PROTECTED } from '../../test/support/fixtures.js';

type Ctx = Awaited<ReturnType<typeof testApp>>;
let t: Ctx;
let cases: ReturnType<typeof fixtureCases>;
let staff: string;

beforeAll(async () => {
  t = await testApp();
  cases = fixtureCases(t.personRefs);
  await t.store.upsertMany(Object.values(cases));
  staff = await t.tokenFor('infocenter');
});
afterAll(async () => t.drop());

const search = (body: unknown, token = staff) => t.app.request('/api/v1/cases/search', jsonPost(token, body));

describe('staff search (happy paths)', () => {
  it('finds a case by the reference printed on the letter, typed loosely', async () => {
    const res = await search({ reference: 'bn 2026-123' });
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body.items.map((i: { reference: string }) => i.reference)).toEqual(['BN 2026-000123']);
    expect(body.items[0].status.label.sv).toBe('Under behandling');
    expect(body.nextCursor).toBeNull();
  });

  it('finds cases by personnummer in any accepted form, without social services for the info center', async () => {
    for (const form of [
      PNR_MAJA,
      PNR_MAJA.replace('-', ''),
      PNR_MAJA.slice(2),
      PNR_MAJA.slice(2).replace('-', ''),
    ]) {
      const body = await (await search({ personnummer: form })).json();
      expect(body.items.map((i: { reference: string }) => i.reference)).toEqual(['BN 2026-000123']);
    }
  });

  it('shows social-services cases only to officers of the office handling them (OSL 26 kap.)', async () => {
    const bygg = await t.tokenFor('bygglov');
    const other = await (await search({ personnummer: PNR_MAJA }, bygg)).json();
    expect(other.items.map((i: { reference: string }) => i.reference)).toEqual(['BN 2026-000123']);
    const sn = await t.identity.issue({
      id: 'sn-officer',
      role: 'officer',
      label: 'Socialsekreterare',
      description: { sv: 'Socialsekreterare', en: 'Social worker', ar: 'أخصائي اجتماعي' },
      office: 'SN',
      municipality: '2480',
    });
    const own = await (await search({ personnummer: PNR_MAJA }, sn)).json();
    // Officers see their own office's domains only (offices in the policy): the SN officer's search
    // lists the social-services case and not Maja's building permit.
    expect(own.items.map((i: { reference: string }) => i.reference)).toEqual(['SN 2026/0457']);
    const view = await (await t.app.request(`/api/v1/cases/${cases.social.id}`, bearer(sn))).json();
    expect(view.confidentiality.masked).toEqual([]);
    expect((await t.app.request(`/api/v1/cases/${cases.social.id}`, bearer(bygg))).status).toBe(404);
  });

  it('finds by property designation and by free text, and filters by status', async () => {
    const byProperty = await (await search({ property: 'Tallen 4' })).json();
    expect(byProperty.items.map((i: { reference: string }) => i.reference)).toEqual(['BN 2026-000123']);
    const byText = await (await search({ q: 'garage' })).json();
    expect(byText.items.map((i: { reference: string }) => i.reference)).toEqual(['BN 2026-000123']);
    const filtered = await (await search({ q: 'garage', filters: { status: ['decided'] } })).json();
    expect(filtered.items).toEqual([]);
  });

  it('pages through results with the cursor', async () => {
    const first = await (await search({ reference: 'BN 2026', limit: 2 })).json();
    expect(first.items).toHaveLength(2);
    expect(first.nextCursor).toEqual(expect.any(String));
    const second = await (await search({ reference: 'BN 2026', limit: 2, cursor: first.nextCursor })).json();
    const refs = [...first.items, ...second.items].map((i: { reference: string }) => i.reference);
    expect(refs).toEqual(['BN 2026-000125', 'BN 2026-000124', 'BN 2026-000123']);
    expect(second.nextCursor).toBeNull();
  });

  it('says how many there are in all, within the filters, on every page', async () => {
    const first = await (await search({ reference: 'BN 2026', limit: 2 })).json();
    expect(first.total).toBe(3);
    expect(first.totalCapped).toBe(false);
    const second = await (await search({ reference: 'BN 2026', limit: 2, cursor: first.nextCursor })).json();
    expect(second.total).toBe(3);
    const closed = await (await search({ reference: 'BN 2026', filters: { state: 'closed' } })).json();
    expect(closed).toMatchObject({ items: [], total: 0 });
    const open = await (await search({ reference: 'BN 2026', filters: { state: 'open' } })).json();
    expect(open.total).toBe(3);
    const waiting = await (
      await search({ reference: 'BN 2026', filters: { awaiting: ['applicant'] } })
    ).json();
    expect(waiting.total).toBe(0);
    // The garage case was due 2026-05-20 and is still in progress: overdue (the test clock is past it).
    const overdue = await (await search({ reference: 'BN 2026', filters: { overdue: true } })).json();
    expect(overdue.items.map((i: { reference: string }) => i.reference)).toEqual(['BN 2026-000123']);
    expect(overdue.total).toBe(1);
  });
});

describe('case by id', () => {
  it('answers status, history, deadline with weeks overdue, and freshness', async () => {
    const res = await t.app.request(`/api/v1/cases/${cases.garage.id}`, bearer(staff));
    expect(res.status).toBe(200);
    const view = await res.json();
    expect(view.reference).toBe('BN 2026-000123');
    expect(view.status.history).toEqual([
      { code: 'in_progress', sourceCode: 'IN_PROGRESS', since: '2026-05-10T08:00:00.000Z' },
    ]);
    // Due 2026-05-20, "now" is 2026-06-01: 12 days late, two started weeks.
    expect(view.deadline).toMatchObject({ overdue: true, daysOverdue: 12, weeksOverdue: 2 });
    expect(view.freshness.stale).toBe(true);
    expect(view.parties).toEqual([
      { role: 'applicant', displayName: 'Maja Testberg', protectedIdentity: false },
    ]);
    expect(JSON.stringify(view)).not.toContain('pr1_');
  });

  it('masks name and property of a person with protected identity for staff, and says so', async () => {
    const view = await (await t.app.request(`/api/v1/cases/${cases.protected.id}`, bearer(staff))).json();
    expect(view.parties).toEqual([{ role: 'applicant', protectedIdentity: true }]);
    expect(view.property).toBeUndefined();
    expect(view.confidentiality.masked).toEqual(['parties.displayName', 'property']);
    expect(JSON.stringify(view)).not.toMatch(/Sekretess Person|Granen|Hemligvägen/);
  });

  it('does not let staff find a person with protected identity by property or name', async () => {
    expect((await (await search({ property: 'Granen 7' })).json()).items).toEqual([]);
    expect((await (await search({ q: 'Sekretess' })).json()).items).toEqual([]);
    // By personnummer the case is found (staff may need to help), but masked in the list too.
    const byPnr = await (await search({ personnummer: PNR_PROTECTED })).json();
    expect(byPnr.items).toHaveLength(1);
    expect(byPnr.items[0].property).toBeUndefined();
  });
});
