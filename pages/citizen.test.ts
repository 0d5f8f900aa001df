import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp } from '../test/support/app.js';
import { makeCase } from '../test/support/cases.js';
import { fixtureCases, PNR_MAJA } from '../test/support/fixtures.js';
import { pageClient } from '../test/support/page-client.js';

type Ctx = Awaited<ReturnType<typeof testApp>>;
let t: Ctx;
let cases: ReturnType<typeof fixtureCases>;
const decided = () =>
  makeCase({
    sourceId: '99',
    reference: 'BN 2025-000099',
    title: 'Bygglov för altan',
    status: 'decided',
    decision: { outcome: 'Beviljat', at: '2026-04-02T10:00:00.000Z' },
    parties: [
      {
        role: 'applicant',
        displayName: 'Maja Testberg',
        personRef: t.personRefs.fromInput(PNR_MAJA) as string,
        protectedIdentity: false,
      },
      {
        role: 'neighbour',
        displayName: 'Nils Granne',
        personRef: t.personRefs.fromInput('19981231-2388') as string,
        protectedIdentity: false,
      },
    ],
  });

beforeAll(async () => {
  t = await testApp();
  cases = fixtureCases(t.personRefs);
  await t.store.upsertMany([...Object.values(cases), decided()]);
});
afterAll(async () => t.drop());

const refsIn = (html: string) =>
  [...html.matchAll(/<span class="reference">([^<]+)<\/span>/g)].map((m) => m[1]);

describe('Mina ärenden', () => {
  it('asks a visitor to sign in first', async () => {
    const { res } = await pageClient(t.app).get('/mina-arenden?lang=ar');
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/logga-in?next=%2Fmina-arenden&lang=ar&behov=1');
  });

  it('lists the citizen’s own cases across offices, ongoing apart from closed, and nobody else’s', async () => {
    const browser = pageClient(t.app);
    await browser.signIn('medborgare');
    const { res, html } = await browser.get('/mina-arenden');
    expect(res.status).toBe(200);
    const [ongoing = '', finished = ''] = html.split('<h2 id="finished-heading">');
    expect(refsIn(ongoing)).toEqual(['SN 2026/0457', 'BN 2026-000123']);
    expect(refsIn(finished)).toEqual(['BN 2025-000099']);
    expect(html).not.toContain('BN 2026-000125');
    expect(html).toContain('Individ- och familjenämnden');
  });

  it('opens an own case with the same plain answers, without other people’s names', async () => {
    const browser = pageClient(t.app);
    await browser.signIn('medborgare');
    const { res, html } = await browser.get(`/mina-arenden/arenden/${decided().id}?lang=en`);
    expect(res.status).toBe(200);
    expect(html).toContain('<strong>Decision made</strong>');
    expect(html).toContain('Beviljat');
    expect(html).toContain('Back to my cases');
    expect(html).not.toContain('Nils Granne');
    expect(html).not.toContain('Maja Testberg');
    expect(html).not.toContain('Refresh now');
  });

  it('answers someone else’s case exactly like a case that does not exist', async () => {
    const browser = pageClient(t.app);
    await browser.signIn('medborgare');
    const other = await browser.get(`/mina-arenden/arenden/${cases.other.id}`);
    const missing = await browser.get('/mina-arenden/arenden/00000000-0000-5000-8000-000000000000');
    expect(other.res.status).toBe(404);
    expect(missing.res.status).toBe(404);
    const same = (html: string) => html.replace(/arenden\/[0-9a-f-]{36}/g, 'arenden/ID');
    expect(same(other.html)).toBe(same(missing.html));
    expect(other.html).not.toContain('Rivning');
  });

  it('is for citizens: staff are told their role has no access', async () => {
    const browser = pageClient(t.app);
    await browser.signIn('bygglov');
    const { res, html } = await browser.get('/mina-arenden');
    expect(res.status).toBe(403);
    expect(html).toContain('Din roll har inte tillgång till den här sidan.');
  });

  it('shows the citizen with protected identity their own case in full', async () => {
    const browser = pageClient(t.app);
    await browser.signIn('skyddad');
    const { html } = await browser.get(`/mina-arenden/arenden/${cases.protected.id}`);
    expect(html).toContain('Tillbyggnad av fritidshus');
    expect(html).not.toContain('Dolda uppgifter');
  });
});
