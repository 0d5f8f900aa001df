import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, testApp } from '../test/support/app.js';
import { makeCase } from '../test/support/cases.js';
import { fixtureCases, PNR_MAJA } from '../test/support/fixtures.js';
import { pageClient } from '../test/support/page-client.js';
import { searchAttempts } from './staff-search.js';

type Ctx = Awaited<ReturnType<typeof testApp>>;
let t: Ctx;
let cases: ReturnType<typeof fixtureCases>;

beforeAll(async () => {
  t = await testApp();
  cases = fixtureCases(t.personRefs);
  await t.store.upsertMany([
    ...Object.values(cases),
    makeCase({
      sourceId: '130',
      reference: 'BN 2026-000130',
      title: 'Tillbyggnad av förråd',
      // NOW is 1 June: 20 days past the limit, in the third week.
      deadline: { dueAt: '2026-05-12', basis: 'PBL 9 kap. 27 §', extended: false },
    }),
  ]);
});
afterAll(async () => t.drop());

async function staff(persona = 'infocenter') {
  const browser = pageClient(t.app);
  await browser.signIn(persona);
  await browser.get('/staff');
  return browser;
}

const resultRefs = (html: string) =>
  [...html.matchAll(/class="reference case-link">([^<]+)<\/a>/g)].map((m) => m[1]);

describe('the staff console', () => {
  it('sends a visitor who is not signed in to the sign-in page and back', async () => {
    const { res } = await pageClient(t.app).get('/staff?lang=en');
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/logga-in?next=%2Fstaff&lang=en&behov=1');
  });

  it('is for information-center staff and officers, not for citizens or admins', async () => {
    for (const persona of ['medborgare', 'admin']) {
      const browser = pageClient(t.app);
      await browser.signIn(persona);
      const { res, html } = await browser.get('/staff');
      expect(res.status).toBe(403);
      expect(html).toContain('Din roll har inte tillgång till den här sidan.');
    }
  });

  it('finds a case by its reference number, in any spacing or case', async () => {
    const browser = await staff();
    const { res, html } = await browser.post('/staff/sok', { q: ' bn 2026-000123 ' });
    expect(res.status).toBe(200);
    expect(html).toContain('<strong>1 ärende</strong> · Sökt som diarienummer');
    expect(resultRefs(html)).toEqual(['BN 2026-000123']);
    expect(html).toContain(`href="/staff/arenden/${cases.garage.id}?lang=sv"`);
  });

  it('finds a person’s cases by personnummer sent in the form body, and never writes the number back', async () => {
    const browser = await staff();
    const { html } = await browser.post('/staff/sok', { q: PNR_MAJA });
    expect(html).toContain('Sökt som personnummer');
    // Social services are not for the information center, not even that they exist.
    expect(resultRefs(html)).toEqual(['BN 2026-000123']);
    expect(html).not.toContain(PNR_MAJA);
    expect(html).not.toContain(PNR_MAJA.replace('-', ''));
    // Whom the agent looked up stays on the page, masked, with the name the policy lets them see.
    expect(html).toContain('<bdi class="searched-value" dir="ltr">19900321-••••</bdi>');
    expect(html).toContain('<span class="person-name">Maja Testberg</span>');
    const audit = await t.audit.find({ subject: 'demo:infocenter', limit: 1 });
    expect(audit[0]).toMatchObject({ action: 'case.search', queryKind: 'personRef', resultCount: 1 });
    expect(JSON.stringify(audit)).not.toContain(PNR_MAJA.slice(2, 8));
  });

  it.each([
    ['with words around it', `pnr ${PNR_MAJA}`],
    ['with a name', 'Maja 900321-2389'],
    ['with spaces around the dash', '19900321 - 2389'],
    ['with an en dash, as pasted from a document', '19900321–2389'],
  ])('never writes a personnummer back into the page, written %s', async (_how, q) => {
    const browser = await staff();
    const { html } = await browser.post('/staff/sok', { q });
    expect(html.replace(/\D/g, '')).not.toContain('9003212389');
  });

  it('searches a personnummer however its separator was typed', async () => {
    const browser = await staff();
    for (const q of ['19900321 - 2389', '19900321–2389', '900321 2389']) {
      const { html } = await browser.post('/staff/sok', { q });
      expect(html).toContain('Sökt som personnummer');
      expect(resultRefs(html)).toEqual(['BN 2026-000123']);
    }
  });

  it('explains an invalid personnummer in an error summary without echoing it', async () => {
    const browser = await staff('infocenter');
    const { res, html } = await browser.post('/staff/sok', { q: '19900321-2388' });
    expect(res.status).toBe(400);
    expect(html).toContain('<div class="error-summary" role="alert"');
    expect(html).toContain('Personnumret är inte giltigt.');
    expect(html).toContain('aria-invalid="true"');
    expect(html).not.toContain('19900321-2388');
    expect(html).toContain('<title>Det finns ett problem: Handläggarvy – Ärendenav</title>');
  });

  it('finds by property designation and by name, and hides a person with protected identity from both', async () => {
    const browser = await staff();
    const byProperty = await browser.post('/staff/sok', { q: 'Tallen 4' });
    expect(byProperty.html).toContain('Sökt som fastighetsbeteckning');
    expect(resultRefs(byProperty.html)).toEqual(['BN 2026-000123']);
    const protectedProperty = await browser.post('/staff/sok', { q: 'Granen 7' });
    expect(resultRefs(protectedProperty.html)).toEqual([]);
    expect(protectedProperty.html).toContain('Inga ärenden hittades som du har behörighet att se.');
    const byName = await browser.post('/staff/sok', { q: 'Forsberg' });
    expect(byName.html).toContain('Sökt som fritext');
    expect(resultRefs(byName.html)).toEqual(['BN 2026-000125']);
    expect(resultRefs((await browser.post('/staff/sok', { q: 'Sekretess' })).html)).toEqual([]);
  });

  it('asks for a search term instead of searching for nothing', async () => {
    const browser = await staff();
    const { res, html } = await browser.post('/staff/sok', { q: '   ' });
    expect(res.status).toBe(400);
    expect(html).toContain('Skriv något att söka på.');
  });

  it('answers where the case stands: status, deadline and overdue in words, documents, contact, timeline', async () => {
    const browser = await staff();
    const { res, html } = await browser.get(`/staff/arenden/${cases.garage.id}`);
    expect(res.status).toBe(200);
    expect(html).toContain('<strong>Under behandling</strong>');
    expect(html).toContain('Beslut senast 20 maj 2026');
    // NOW is 1 June 2026: twelve days past the limit, said in words and not by colour alone.
    expect(html).toContain('Försenat: 12 dagar över tiden');
    expect(html).toContain('Byggnadsnämnden');
    expect(html).toContain('href="tel:090161000"');
    // The municipality's own channels and hours, so staff can tell a caller when to call.
    expect(html).toContain('<h3 id="municipality-contact-heading">Umeå kommun</h3>');
    expect(html).toContain('href="mailto:kontaktcenter@umea.example"');
    expect(html).toContain('Sommartid (juni–augusti) 08.00–16.00');
    expect(html).toContain('Sökande: Maja Testberg');
    expect(html).toContain('Umeå Tallen 4, Storgatan 12');
    expect(html).toContain('<h2 id="timeline-heading">Händelser</h2>');
    // The read is in the audit log before the page is shown.
    const audit = await t.audit.find({ caseId: cases.garage.id, limit: 100 });
    const read = audit.find((e) => e.action === 'case.read');
    expect(read).toMatchObject({ role: 'infocenter', subject: 'demo:infocenter' });
    expect(read?.shown).toContain('parties');
  });

  it('does not read a case for a request another site caused: it offers a link instead', async () => {
    const browser = await staff();
    const before = (await t.audit.find({ caseId: cases.garage.id, limit: 500 })).length;
    const { res, html } = await browser.get(`/staff/arenden/${cases.garage.id}`, {
      'sec-fetch-site': 'same-site',
    });
    expect(res.status).toBe(200);
    expect(html).toContain('Öppna sidan?');
    expect(html).toContain(
      `<a class="button" href="/staff/arenden/${cases.garage.id}?lang=sv">Öppna sidan</a>`,
    );
    expect(html).not.toContain('Nybyggnad av garage');
    expect((await t.audit.find({ caseId: cases.garage.id, limit: 500 })).length).toBe(before);
    const own = await browser.get(`/staff/arenden/${cases.garage.id}`, { 'sec-fetch-site': 'same-origin' });
    expect(own.html).toContain('Nybyggnad av garage');
  });

  it('counts overdue weeks as the API does: every started week (each one cuts the permit fee)', async () => {
    const browser = await staff();
    const id = makeCase({ sourceId: '130' }).id;
    const { html } = await browser.get(`/staff/arenden/${id}`);
    expect(html).toContain('Försenat: 3 veckor över tiden');
    const api = await t.app.request(`/api/v1/cases/${id}`, bearer(await t.tokenFor('infocenter')));
    expect((await api.json()).deadline.weeksOverdue).toBe(3);
  });

  it('shows a protected person’s name and property as hidden, with the reason', async () => {
    const browser = await staff();
    const { html } = await browser.get(`/staff/arenden/${cases.protected.id}`);
    expect(html).not.toContain('Sekretess Person');
    expect(html).not.toContain('Granen');
    expect(html).not.toContain('Hemligvägen');
    expect(html).toContain('Sökande: <span class="masked">Person med skyddade personuppgifter</span>');
    expect(html).toContain('Fastighet: skyddade personuppgifter');
  });

  it('answers a social-services case with the same not-found page as a missing case', async () => {
    const browser = await staff();
    const hidden = await browser.get(`/staff/arenden/${cases.social.id}`);
    const missing = await browser.get('/staff/arenden/00000000-0000-5000-8000-000000000000');
    expect(hidden.res.status).toBe(404);
    expect(missing.res.status).toBe(404);
    const body = (html: string) => html.replace(/arenden\/[0-9a-f-]{36}/g, 'arenden/ID');
    expect(body(hidden.html)).toBe(body(missing.html));
  });

  it('renders in Arabic right to left, with dates in Arabic', async () => {
    const browser = await staff();
    const { html } = await browser.get(`/staff/arenden/${cases.garage.id}?lang=ar`);
    expect(html).toContain('<html lang="ar" dir="rtl">');
    expect(html).toContain('أين وصلت القضية؟');
    expect(html).toContain('<h1 lang="sv">Nybyggnad av garage</h1>');
    expect(html).toContain(
      new Intl.DateTimeFormat('ar', { dateStyle: 'long', timeZone: 'Europe/Stockholm' }).format(
        new Date('2026-05-20T12:00:00Z'),
      ),
    );
  });
});

describe('what the one search box tries', () => {
  it.each([
    ['19900321-2389', ['personRef']],
    ['9003212389', ['personRef']],
    // The third digit 2 or more, or "16" before twelve: only an organisationsnummer looks like that.
    ['212000-2411', ['orgRef']],
    ['2120002411', ['orgRef']],
    ['16212000-2411', ['orgRef']],
    ['162120002411', ['orgRef']],
    ['19121212-1212', ['personRef']],
    ['BN 2026-000123', ['reference', 'text']],
    ['Tallen 4', ['reference', 'property', 'text']],
    ['Umeå Björken 12:3', ['reference', 'property', 'text']],
    ['Lindqvist garage', ['text']],
  ])('%s → %j', (input, kinds) => {
    expect(searchAttempts(input)).toEqual(kinds);
  });
});

describe('stating a purpose on the console', () => {
  it('records the chosen purpose with the search and with the case opened from its results', async () => {
    const browser = await staff();
    const { html } = await browser.post('/staff/sok', { q: 'BN 2026-000123', syfte: 'samtal' });
    expect(html).toContain('<select id="purpose" name="syfte">');
    expect(html).toMatch(/<option value="samtal" selected/);
    const [search] = await t.audit.find({ subject: 'demo:infocenter', limit: 1 });
    expect(search).toMatchObject({ action: 'case.search', purpose: 'samtal' });
    // The result links carry the purpose, so opening the case records it too.
    const link = html.match(/href="(\/staff\/arenden\/[^"]+)"/)?.[1]?.replaceAll('&amp;', '&');
    expect(link).toContain('syfte=samtal');
    await browser.get(link as string);
    // The case page also lists the knowledge base's entries for the case (its own audited read, same purpose).
    const recent = await t.audit.find({ subject: 'demo:infocenter', limit: 2 });
    expect(recent.find((e) => e.action === 'case.read')).toMatchObject({ purpose: 'samtal' });
    expect(recent.find((e) => e.action === 'knowledge.list')).toMatchObject({ purpose: 'samtal' });
  });

  it('refuses a purpose that is not on the policy’s list, and records nothing under it', async () => {
    const browser = await staff();
    const { res } = await browser.post('/staff/sok', { q: 'BN 2026-000123', syfte: 'nyfikenhet' });
    expect(res.status).toBe(400);
    const [last] = await t.audit.find({ subject: 'demo:infocenter', limit: 1 });
    expect(last?.purpose).not.toBe('nyfikenhet');
  });
});
