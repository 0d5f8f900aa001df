import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp } from '../test/support/app.js';
import { makeCase } from '../test/support/cases.js';
import { fixtureCases, PNR_MAJA, PNR_PROTECTED } from '../test/support/fixtures.js';
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
    statusSince: '2026-04-02T10:00:00.000Z',
    // The source's journal, oldest first: the page must tell it in this order.
    statusHistory: [
      { code: 'received', sourceCode: 'ANSÖKAN', since: '2026-02-01T09:00:00.000Z' },
      { code: 'in_progress', sourceCode: 'GRANHO', since: '2026-03-01T09:00:00.000Z' },
      { code: 'decided', sourceCode: 'BESLUT', since: '2026-04-02T10:00:00.000Z' },
    ],
    deadline: {
      dueAt: '2026-04-12',
      basis: 'PBL 9 kap. 27 §: beslut inom 10 veckor',
      basisText: {
        sv: 'PBL 9 kap. 27 §: beslut inom 10 veckor',
        en: 'Planning and Building Act, ch. 9 s. 27: a decision within 10 weeks',
        ar: 'قانون التخطيط والبناء، الفصل 9 المادة 27: القرار خلال 10 أسابيع',
      },
      extended: false,
    },
    decision: {
      outcome: 'bifall',
      label: { sv: 'Ansökan beviljas', en: 'Application granted', ar: 'تمت الموافقة على الطلب' },
      at: '2026-04-02T10:00:00.000Z',
    },
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

/** Maja's case in a second municipality, so her page must show two. */
const inVannas = () =>
  makeCase({
    sourceId: '460',
    municipality: { code: '2460', name: 'Vännäs' },
    reference: 'VMB 2026-0460',
    title: 'Bygglov för förråd',
    office: { code: 'MBN', name: 'Miljö- och byggnämnden', contact: { phone: '0935-140 00' } },
    parties: [
      {
        role: 'applicant',
        personRef: t.personRefs.fromInput(PNR_MAJA) as string,
        protectedIdentity: false,
      },
    ],
  });

/** A case from a municipality the deployment's file does not describe. */
const inVindeln = () =>
  makeCase({
    sourceId: '404',
    municipality: { code: '2404', name: 'Vindeln' },
    reference: 'VIN 2026-0404',
    parties: [
      {
        role: 'applicant',
        personRef: t.personRefs.fromInput(PNR_PROTECTED) as string,
        protectedIdentity: false,
      },
    ],
  });

beforeAll(async () => {
  t = await testApp();
  cases = fixtureCases(t.personRefs);
  await t.store.upsertMany([...Object.values(cases), decided(), inVannas(), inVindeln()]);
});
afterAll(async () => t.drop());

/** One part of the list ("pagaende", "avslutade"), up to the next part or the contact section. */
function part(html: string, id: 'pagaende' | 'avslutade'): string {
  return html.split(`<h2 id="${id}">`)[1]?.split(/<section class="cases-part"|<h2 id="kontakt">/)[0] ?? '';
}

/** A part's outline: municipality headings, domain headings ("- ") under them, cases ("-- ") under those. */
function outline(html: string): string[] {
  return [
    ...html.matchAll(
      /<h3 id="[^"]+">([^<]+)<\/h3>|<h4 id="[^"]+">([^<]+)<\/h4>|<span class="reference">([^<]+)<\/span>/g,
    ),
  ].map(([, m, d, r]) => (m ? m : d ? `- ${d}` : `-- ${r}`));
}

/** The contact section's blocks, by their heading. */
function contacts(html: string): Record<string, string> {
  const section = html.split('<h2 id="kontakt">')[1] ?? '';
  return Object.fromEntries(
    section
      .split('<div class="municipality-contact">')
      .slice(1)
      .map((block) => [/<h3 id="kontakt-\d{4}">([^<]+)<\/h3>/.exec(block)?.[1] ?? '?', block]),
  );
}

describe('Mina ärenden', () => {
  it('asks a visitor to sign in first', async () => {
    const { res } = await pageClient(t.app).get('/mina-arenden?lang=ar');
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/logga-in?next=%2Fmina-arenden&lang=ar&behov=1');
  });

  it('lists ongoing cases first, then closed ones, each under municipality and domain, and nobody else’s', async () => {
    const browser = pageClient(t.app);
    await browser.signIn('medborgare');
    const { res, html } = await browser.get('/mina-arenden');
    expect(res.status).toBe(200);
    expect(html.indexOf('<h2 id="pagaende">Pågående ärenden</h2>')).toBeGreaterThan(0);
    expect(html.indexOf('<h2 id="pagaende">')).toBeLessThan(html.indexOf('<h2 id="avslutade">'));
    // Municipalities alphabetically, domains alphabetically within each.
    expect(outline(part(html, 'pagaende'))).toEqual([
      'Umeå kommun',
      '- Bygglov och anmälan',
      '-- BN 2026-000123',
      '- Socialtjänst',
      '-- SN 2026/0457',
      'Vännäs kommun',
      '- Bygglov och anmälan',
      '-- VMB 2026-0460',
    ]);
    expect(outline(part(html, 'avslutade'))).toEqual([
      'Umeå kommun',
      '- Bygglov och anmälan',
      '-- BN 2025-000099',
    ]);
    expect(html).not.toContain('BN 2026-000125');
    expect(html).toContain('Individ- och familjenämnden');
    // Few cases: everything on the first page, no "Visa fler".
    expect(html).not.toContain('fran=');
  });

  it('gives each municipality on the page its own contact block, once', async () => {
    const browser = pageClient(t.app);
    await browser.signIn('medborgare');
    const { html } = await browser.get('/mina-arenden');
    const byName = contacts(html);
    // Alphabetical, and a municipality's details never under another's heading.
    expect(Object.keys(byName)).toEqual(['Kontakta Umeå kommun', 'Kontakta Vännäs kommun']);
    const { 'Kontakta Umeå kommun': umea = '', 'Kontakta Vännäs kommun': vannas = '' } = byName;
    expect(umea).toContain('href="mailto:kontaktcenter@umea.example"');
    expect(umea).toContain('href="tel:0701740610"');
    expect(umea).toContain('Måndag–fredag 08.00–17.00');
    expect(umea).not.toContain('vannas.example');
    expect(vannas).toContain('href="https://www.vannas.example/"');
    expect(vannas).toContain('Fredag 08.00–15.00');
    expect(vannas).not.toContain('umea.example');
  });

  it('gives the headings, municipality names and opening hours in the page’s language', async () => {
    const browser = pageClient(t.app);
    await browser.signIn('medborgare');
    const en = (await browser.get('/mina-arenden?lang=en')).html;
    expect(outline(part(en, 'pagaende')).filter((l) => !l.startsWith('--'))).toEqual([
      'Umeå Municipality',
      '- Building permits and notifications',
      '- Social services',
      'Vännäs Municipality',
      '- Building permits and notifications',
    ]);
    expect(en).toContain('<h2 id="avslutade">Closed cases</h2>');
    expect(Object.keys(contacts(en))).toEqual(['Contact Umeå Municipality', 'Contact Vännäs Municipality']);
    expect(en).toContain('Opening hours');
    expect(en).toContain('Monday–Thursday 08:00–16:30');
    const ar = (await browser.get('/mina-arenden?lang=ar')).html;
    expect(outline(part(ar, 'pagaende')).filter((l) => !l.startsWith('-'))).toEqual([
      'بلدية Umeå',
      'بلدية Vännäs',
    ]);
    expect(ar).toContain('<h2 id="pagaende">القضايا الجارية</h2>');
    expect(ar).toContain('ساعات العمل');
    expect(ar).toContain('من الاثنين إلى الخميس 08:00–16:30');
  });

  it('groups a case of a municipality the file does not describe under the source’s name, without contact', async () => {
    const browser = pageClient(t.app);
    await browser.signIn('skyddad');
    const { html } = await browser.get('/mina-arenden');
    expect(outline(part(html, 'pagaende'))).toEqual([
      'Umeå kommun',
      '- Bygglov och anmälan',
      '-- BN 2026-000124',
      'Vindeln kommun',
      '- Bygglov och anmälan',
      '-- VIN 2026-0404',
    ]);
    expect(html).toContain('Du har inga avslutade ärenden.');
    expect(Object.keys(contacts(html))).toEqual(['Kontakta Umeå kommun']);
  });

  it('shows the case’s municipality contact and opening hours on the case page, below the office', async () => {
    const browser = pageClient(t.app);
    await browser.signIn('medborgare');
    const { html } = await browser.get(`/mina-arenden/arenden/${inVannas().id}`);
    const contact = html.split('<h2 id="contact-heading">')[1] ?? '';
    expect(contact.indexOf('Miljö- och byggnämnden')).toBeLessThan(contact.indexOf('Vännäs kommun'));
    expect(contact).toContain('<h3 id="municipality-contact-heading">Vännäs kommun</h3>');
    expect(contact).toContain('href="mailto:kommun@vannas.example"');
    expect(contact).toContain('<h4>Öppettider</h4>');
    expect(contact).toContain('Måndag–torsdag 08.00–16.30');
  });

  it('opens an own case with the same plain answers, without other people’s names', async () => {
    const browser = pageClient(t.app);
    await browser.signIn('medborgare');
    const { res, html } = await browser.get(`/mina-arenden/arenden/${decided().id}?lang=en`);
    expect(res.status).toBe(200);
    expect(html).toContain('<strong>Decision made</strong>');
    expect(html).toContain('Back to my cases');
    expect(html).not.toContain('Nils Granne');
    expect(html).not.toContain('Maja Testberg');
    expect(html).not.toContain('Refresh now');
  });

  it('tells the case’s history in time order, oldest first, numbered from the start', async () => {
    const browser = pageClient(t.app);
    await browser.signIn('medborgare');
    const { html } = await browser.get(`/mina-arenden/arenden/${decided().id}`);
    const timeline = html.split('<h2 id="timeline-heading">')[1]?.split('</section>')[0] ?? '';
    expect(timeline).toContain('<ol class="timeline">');
    expect(timeline).not.toContain('reversed');
    const events = [...timeline.matchAll(/<span>([^<]+)<\/span><\/li>/g)].map((m) => m[1]);
    expect(events).toEqual(['Inskickat', 'Under behandling', 'Beslut fattat']);
  });

  it('never names the office’s internal system to the resident', async () => {
    const browser = pageClient(t.app);
    await browser.signIn('medborgare');
    for (const lang of ['sv', 'en', 'ar']) {
      const { html } = await browser.get(`/mina-arenden/arenden/${decided().id}?lang=${lang}`);
      expect(html.toLowerCase()).not.toContain('byggr');
    }
    const { html } = await browser.get(`/mina-arenden/arenden/${decided().id}`);
    expect(html).toContain('Uppdaterat från kontorets ärendesystem');
  });

  it('gives the legal basis and the decision in the resident’s language when the mapping does', async () => {
    const browser = pageClient(t.app);
    await browser.signIn('medborgare');
    const sv = (await browser.get(`/mina-arenden/arenden/${decided().id}`)).html;
    expect(sv).toContain('PBL 9 kap. 27 §: beslut inom 10 veckor');
    expect(sv).toContain('Ansökan beviljas');
    const en = (await browser.get(`/mina-arenden/arenden/${decided().id}?lang=en`)).html;
    expect(en).toContain(
      '<span class="basis">Planning and Building Act, ch. 9 s. 27: a decision within 10 weeks</span>',
    );
    expect(en).toContain('Application granted');
    expect(en).not.toContain('bifall');
    const ar = (await browser.get(`/mina-arenden/arenden/${decided().id}?lang=ar`)).html;
    expect(ar).toContain('قانون التخطيط والبناء، الفصل 9 المادة 27: القرار خلال 10 أسابيع');
    expect(ar).toContain('تمت الموافقة على الطلب');
  });

  it('shows a basis the mapping gives only in Swedish as Swedish, marked so', async () => {
    const browser = pageClient(t.app);
    await browser.signIn('medborgare');
    const { html } = await browser.get(`/mina-arenden/arenden/${cases.garage.id}?lang=en`);
    expect(html).toMatch(/<span class="basis" lang="sv">[^<]+<\/span>/);
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
