import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, testApp } from '../../test/support/app.js';
import { fixtureCases } from '../../test/support/fixtures.js';

type Ctx = Awaited<ReturnType<typeof testApp>>;
let t: Ctx;
let cases: ReturnType<typeof fixtureCases>;
let maja: string;

beforeAll(async () => {
  t = await testApp();
  cases = fixtureCases(t.personRefs);
  await t.store.upsertMany(Object.values(cases));
  maja = await t.tokenFor('medborgare');
});
afterAll(async () => t.drop());

describe('a citizen’s own cases', () => {
  it('lists every own case across offices and domains, social services included', async () => {
    const res = await t.app.request('/api/v1/me/cases', bearer(maja));
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body.items.map((i: { reference: string }) => i.reference)).toEqual([
      'SN 2026/0457',
      'BN 2026-000123',
    ]);
  });

  it('opens an own case', async () => {
    const view = await (await t.app.request(`/api/v1/me/cases/${cases.social.id}`, bearer(maja))).json();
    expect(view.reference).toBe('SN 2026/0457');
    expect(view.parties[0].displayName).toBe('Maja Testberg');
  });

  it('answers 404 for someone else’s case exactly as for a case that does not exist', async () => {
    const other = await t.app.request(`/api/v1/me/cases/${cases.other.id}`, bearer(maja));
    const missing = await t.app.request(
      '/api/v1/me/cases/00000000-0000-5000-8000-000000000000',
      bearer(maja),
    );
    expect(other.status).toBe(404);
    expect(missing.status).toBe(404);
    const strip = (b: Record<string, unknown>) => ({ ...b, requestId: undefined });
    expect(strip(await other.json())).toEqual(strip(await missing.json()));
  });

  it('shows a citizen with protected identity their own name and property', async () => {
    const token = await t.tokenFor('skyddad');
    const view = await (await t.app.request(`/api/v1/me/cases/${cases.protected.id}`, bearer(token))).json();
    expect(view.parties[0].displayName).toBe('Sekretess Person');
    expect(view.property.designation).toBe('Umeå Granen 7');
    expect(view.confidentiality.masked).toEqual([]);
  });

  it('refuses staff on the citizen routes (403) and rejects unknown query parameters (400)', async () => {
    const staff = await t.tokenFor('infocenter');
    expect((await t.app.request('/api/v1/me/cases', bearer(staff))).status).toBe(403);
    const res = await t.app.request('/api/v1/me/cases?owner=someone', bearer(maja));
    expect(res.status).toBe(400);
    expect((await res.json()).errors).toEqual([{ field: 'owner', message: 'Unknown field' }]);
  });
});
