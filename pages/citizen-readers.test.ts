/** "Who read my case" on the Mina ärenden case page: organisations, offices, roles and times, in sv/en/ar. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, testApp } from '../test/support/app.js';
import { fixtureCases } from '../test/support/fixtures.js';
import { pageClient } from '../test/support/page-client.js';

type Ctx = Awaited<ReturnType<typeof testApp>>;
let t: Ctx;
let cases: ReturnType<typeof fixtureCases>;

/** The readers panel of a case page. */
const panel = (html: string) => html.split('id="readers-heading"')[1]?.split('</section>')[0] ?? '';
const rows = (html: string) => panel(html).split('<tr>').slice(2);

beforeAll(async () => {
  t = await testApp();
  cases = fixtureCases(t.personRefs);
  await t.store.upsertMany(Object.values(cases));
});
afterAll(async () => t.drop());

describe('who read my case, on the case page', () => {
  it('says no staff have read a case nobody opened', async () => {
    const browser = pageClient(t.app);
    await browser.signIn('medborgare');
    const { res, html } = await browser.get(`/mina-arenden/arenden/${cases.garage.id}`);
    expect(res.status).toBe(200);
    expect(panel(html)).toContain('Ingen personal har läst ärendet här.');
  });

  it('shows the Umeå building-permit officer’s read: municipality, office, role and time, no name', async () => {
    const officer = await t.tokenFor('bygglov');
    await t.app.request(`/api/v1/cases/${cases.garage.id}`, bearer(officer));
    // A read of someone else's case never shows up on Maja's page.
    await t.app.request(`/api/v1/cases/${cases.other.id}`, bearer(officer));
    const browser = pageClient(t.app);
    await browser.signIn('medborgare');
    const { html } = await browser.get(`/mina-arenden/arenden/${cases.garage.id}`);
    expect(panel(html)).toContain('Vem har läst ärendet?');
    const [row = '', ...others] = rows(html);
    expect(others).toEqual([]);
    expect(row).toContain('Umeå kommun');
    expect(row).toContain('<td class="reader-office">BN</td>');
    expect(row).toContain('handläggare');
    expect(row).toMatch(/<time datetime="\d{4}-/);
    expect(html).not.toContain('demo:bygglov');
    expect(html).not.toContain('reader-name');
    const en = (await browser.get(`/mina-arenden/arenden/${cases.garage.id}?lang=en`)).html;
    expect(panel(en)).toContain('Who has read this case?');
    expect(panel(en)).toContain('Umeå Municipality');
    const ar = (await browser.get(`/mina-arenden/arenden/${cases.garage.id}?lang=ar`)).html;
    expect(panel(ar)).toContain('من اطّلع على هذه القضية؟');
    expect(panel(ar)).toContain('بلدية Umeå');
  });

  it('shows ten at first and the rest behind "Visa fler"', async () => {
    const kc = await t.tokenFor('infocenter');
    for (let i = 0; i < 10; i++) await t.app.request(`/api/v1/cases/${cases.garage.id}`, bearer(kc));
    const browser = pageClient(t.app);
    await browser.signIn('medborgare');
    const first = (await browser.get(`/mina-arenden/arenden/${cases.garage.id}`)).html;
    expect(rows(first)).toHaveLength(10);
    // Newest first: the officer's older read is past the first ten.
    expect(first.match(/reader-office">BN</g)).toBeNull();
    const more = /<a href="([^"]+lasare=fler[^"]*)">Visa fler<\/a>/.exec(panel(first))?.[1];
    expect(more).toBeDefined();
    const all = (await browser.get((more as string).replaceAll('&amp;', '&'))).html;
    expect(rows(all)).toHaveLength(11);
    expect(rows(all)[10]).toContain('reader-office">BN<');
    expect(panel(all)).not.toContain('Visa fler');
  });

  it('answers another citizen’s case as not found, with no readers shown', async () => {
    const browser = pageClient(t.app);
    await browser.signIn('medborgare');
    const { res, html } = await browser.get(`/mina-arenden/arenden/${cases.other.id}`);
    expect(res.status).toBe(404);
    expect(html).not.toContain('readers-heading');
  });
});
