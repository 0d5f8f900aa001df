import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp } from '../test/support/app.js';
import { fixtureCases, PNR_MAJA } from '../test/support/fixtures.js';
import { pageClient } from '../test/support/page-client.js';

type Ctx = Awaited<ReturnType<typeof testApp>>;
let t: Ctx;
let cases: ReturnType<typeof fixtureCases>;
const CALLBACK = '070-174 06 55';
const DIGITS = PNR_MAJA.replace(/\D/g, '');

beforeAll(async () => {
  t = await testApp();
  cases = fixtureCases(t.personRefs);
  await t.store.upsertMany(Object.values(cases));
});
afterAll(async () => t.drop());

async function agent(persona = 'infocenter') {
  const browser = pageClient(t.app);
  await browser.signIn(persona);
  return browser;
}

/** Opens the form (from a case page when given) and posts it with `fields` over sensible defaults. */
async function register(
  browser: Awaited<ReturnType<typeof agent>>,
  fields: Record<string, string>,
  caseId?: string,
) {
  await browser.get(`/staff/fragor/ny${caseId ? `?arende=${caseId}` : ''}`);
  return browser.post('/staff/fragor?lang=sv', {
    channel: 'phone',
    language: 'sv',
    municipality: '2480',
    topic: 'bygglov',
    question: 'När kommer beslutet om garaget?',
    answer: '',
    outcome: 'callback_promised',
    callbackNumber: '',
    personnummer: '',
    ...(caseId ? { arende: caseId } : {}),
    ...fields,
  });
}

const idFrom = (location: string | null) =>
  /\/staff\/fragor\/([0-9a-f-]{36})\?/.exec(location ?? '')?.[1] as string;

describe('registering a question from the staff console', () => {
  it('is for the information center: an officer is refused, a visitor is sent to sign in', async () => {
    const officer = await agent('bygglov');
    expect((await officer.get('/staff/fragor/ny')).res.status).toBe(403);
    expect((await officer.get('/staff/fragor')).res.status).toBe(403);
    const { res } = await pageClient(t.app).get('/staff/fragor?lang=en');
    expect(res.headers.get('location')).toBe('/logga-in?next=%2Fstaff%2Ffragor&lang=en&behov=1');
  });

  it('offers "register a question about this case" on the case page, to the information center only', async () => {
    const kim = await agent();
    const { html } = await kim.get(`/staff/arenden/${cases.garage.id}`);
    expect(html).toContain(`href="/staff/fragor/ny?arende=${cases.garage.id}&amp;lang=sv"`);
    expect(html).toContain('Registrera en fråga om detta ärende');
    const officer = await agent('bygglov');
    expect((await officer.get(`/staff/arenden/${cases.garage.id}`)).html).not.toContain('/staff/fragor/ny');
  });

  it('opens the form with the case linked, the agent’s one municipality chosen and its topics in the page language', async () => {
    const kim = await agent();
    const { res, html } = await kim.get(`/staff/fragor/ny?arende=${cases.garage.id}&lang=en`);
    expect(res.status).toBe(200);
    expect(html).toContain(`<input type="hidden" name="arende" value="${cases.garage.id}"/>`);
    expect(html).toContain('<span class="reference">BN 2026-000123</span>');
    expect(html).toMatch(/<option value="2480" selected="">Umeå<\/option>/);
    expect(html).toMatch(/<option value="phone" selected="">Phone<\/option>/);
    expect(html).toContain('<option value="bygglov">Building permits and notifications</option>');
    // Only Umeå's list: Nordmaling's "water and sewage" is not the agent's.
    expect(html).not.toContain('vatten');
    expect(html).toContain('<title>Register a question – Ärendenav</title>');
  });

  it('does not link a case the agent may not see: the form answers not found', async () => {
    const kim = await agent();
    expect((await kim.get(`/staff/fragor/ny?arende=${cases.social.id}`)).res.status).toBe(404);
  });

  it('saves a callback promise with the person and number, and never shows either again', async () => {
    const kim = await agent();
    const { res } = await register(
      kim,
      { personnummer: PNR_MAJA, callbackNumber: CALLBACK },
      cases.garage.id,
    );
    expect(res.status).toBe(303);
    const location = res.headers.get('location') ?? '';
    expect(location).toMatch(/^\/staff\/fragor\/[0-9a-f-]{36}\?lang=sv&klart=sparad$/);
    const id = idFrom(location);
    const { html } = await kim.get(location);
    expect(html).toContain('Frågan är registrerad.');
    expect(html).toContain('Kopplad (som nyckelreferens, utan personnummer)');
    expect(html).toContain('Nummer sparat. Det tas bort när frågan avslutas.');
    expect(html).toContain(`href="/staff/arenden/${cases.garage.id}?lang=sv"`);
    expect(html).toContain('<title>Fråga: Bygglov och anmälan – Ärendenav</title>');
    expect(html.replace(/\D/g, '')).not.toContain(DIGITS.slice(2));
    expect(html.replace(/\D/g, '')).not.toContain('0701740655');
    const row = (
      await t.db.query<{ person_ref: string }>('SELECT person_ref FROM contacts WHERE id = $1::uuid', [id])
    ).rows[0];
    expect(row?.person_ref).toBe(t.personRefs.fromInput(PNR_MAJA));
    const [read] = await t.audit.find({ subject: 'demo:infocenter', limit: 1 });
    expect(read).toMatchObject({ action: 'contact.read' });

    // Nor is either written to the log, in any spelling.
    expect(t.logLines.some((line) => line.includes('/staff/fragor'))).toBe(true);
    const log = t.logLines.join('\n').replace(/[\s-]/g, '');
    expect(log).not.toContain(DIGITS.slice(2));
    expect(log).not.toContain('0701740655');

    const mine = await kim.get('/staff/fragor');
    expect(mine.html).toContain(`href="/staff/fragor/${id}?lang=sv"`);
    expect(mine.html).toContain('När kommer beslutet om garaget?');
    // That a callback is due, never the number.
    expect(mine.html).toContain('· Återuppringning');
  });

  it('closes a question answered during the call at once: it is not left in my follow-ups', async () => {
    const kim = await agent();
    const { res } = await register(kim, {
      outcome: 'answered_directly',
      question: 'Hur lång är handläggningstiden?',
      answer: 'Tio veckor från komplett ansökan.',
    });
    const id = idFrom(res.headers.get('location'));
    const { html } = await kim.get(res.headers.get('location') as string);
    expect(html).toContain('Avslutad · Besvarad direkt');
    expect(html).toContain('Tio veckor från komplett ansökan.');
    expect(html).toContain('Öppna frågan igen');
    expect((await kim.get('/staff/fragor')).html).not.toContain(id);
  });

  it('shows what is wrong next to each field, and keeps a valid personnummer only masked', async () => {
    const kim = await agent();
    const { res, html } = await register(kim, {
      topic: '',
      question: `Gäller ${PNR_MAJA}`,
      outcome: 'answered_directly',
      personnummer: PNR_MAJA,
      callbackNumber: 'ring mig',
    });
    expect(res.status).toBe(400);
    expect(html).toContain('<title>Det finns ett problem: Registrera fråga – Ärendenav</title>');
    expect(html).toContain('<a href="#contact-topic">Välj ett ämne ur kommunens lista.</a>');
    expect(html).toContain('aria-describedby="contact-topic-error" aria-invalid="true"');
    expect(html).toContain('id="contact-answer-error"');
    expect(html).toContain('aria-describedby="contact-callbackNumber-hint contact-callbackNumber-error"');
    expect(html).toContain('Du angav 19900321-••••. Skriv in det igen för att koppla personen.');
    expect(html).toContain('Gäller [personnummer]');
    expect(html.replace(/\D/g, '')).not.toContain(DIGITS.slice(8));
    const count = await t.db.query<{ n: number }>("SELECT count(*)::int AS n FROM contacts WHERE topic = ''");
    expect(count.rows[0]?.n).toBe(0);
  });

  it('refuses an invalid personnummer without echoing any of it', async () => {
    const kim = await agent();
    const { res, html } = await register(kim, { personnummer: '19900321-2388' });
    expect(res.status).toBe(400);
    expect(html).toContain('<a href="#contact-personnummer">Personnumret är inte giltigt.');
    expect(html).not.toContain('19900321');
  });

  it('refuses a topic from another municipality’s list', async () => {
    const kim = await agent();
    const { res, html } = await register(kim, { topic: 'vatten' });
    expect(res.status).toBe(400);
    expect(html).toContain('Välj ett ämne ur kommunens lista.');
  });

  it('refuses a form without its CSRF token', async () => {
    const kim = await agent();
    const { res, html } = await register(kim, { _csrf: 'forged' });
    expect(res.status).toBe(403);
    expect(html).toContain('Formuläret har gått ut.');
  });
});

describe('an e-mail that is a public record', () => {
  it('is registered with its arrival date and diarienummer, shown on the contact', async () => {
    const kim = await agent();
    const { res } = await register(kim, {
      channel: 'email',
      recordArrivedOn: '2026-03-02',
      recordDiarienummer: 'KS 2026/00123',
    });
    expect(res.status).toBe(303);
    const id = idFrom(res.headers.get('location'));
    const row = (
      await t.db.query<{ on: string; dnr: string }>(
        "SELECT to_char(record_arrived_on, 'YYYY-MM-DD') AS on, record_diarienummer AS dnr FROM contacts WHERE id = $1::uuid",
        [id],
      )
    ).rows[0];
    expect(row).toEqual({ on: '2026-03-02', dnr: 'KS 2026/00123' });
    const { html } = await kim.get(`/staff/fragor/${id}`);
    expect(html).toContain('Inkom 2026-03-02 · KS 2026/00123');
  });

  it('refuses a diarienummer without an arrival date, and a date after today, beside the date field', async () => {
    const kim = await agent();
    for (const fields of <Record<string, string>[]>[
      { recordDiarienummer: 'KS 2026/00124' },
      { recordArrivedOn: '2999-01-01' },
    ]) {
      const { res, html } = await register(kim, { channel: 'email', ...fields });
      expect(res.status).toBe(400);
      expect(html).toContain(
        '<a href="#contact-recordArrivedOn">Skriv dagen handlingen kom in, i dag eller tidigare.</a>',
      );
      expect(html).toContain('aria-describedby="contact-recordArrivedOn-error"');
    }
    const count = await t.db.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM contacts WHERE record_diarienummer = 'KS 2026/00124'",
    );
    expect(count.rows[0]?.n).toBe(0);
  });
});

describe('following a question up', () => {
  it('shows the callback number only when the agent asks (a POST with the form token), and audits the read', async () => {
    const kim = await agent();
    const { res } = await register(kim, { callbackNumber: CALLBACK });
    const id = idFrom(res.headers.get('location'));
    const page = await kim.get(`/staff/fragor/${id}`);
    expect(page.html).toContain(`action="/staff/fragor/${id}/visa-nummer?lang=sv"`);
    expect(page.html.replace(/\D/g, '')).not.toContain('0701740655');
    const forged = await kim.post(`/staff/fragor/${id}/visa-nummer?lang=sv`, { _csrf: 'forged' });
    expect(forged.res.status).toBe(403);
    expect(forged.html.replace(/\D/g, '')).not.toContain('0701740655');
    const shown = await kim.post(`/staff/fragor/${id}/visa-nummer?lang=sv`, {});
    expect(shown.res.status).toBe(200);
    expect(shown.html).toContain(`<span class="callback-number" dir="ltr">${CALLBACK}</span>`);
    expect(shown.html).toContain('Att du visade det är loggat.');
    const [read] = await t.audit.find({ subject: 'demo:infocenter', limit: 1 });
    expect(read).toMatchObject({ action: 'contact.read' });
    expect(read?.shown).toContain('callbackNumber');
    // Closed, the number is gone: nothing to show, and no button.
    await kim.post(`/staff/fragor/${id}/avsluta?lang=sv`, { outcome: 'callback_promised' });
    const closed = await kim.post(`/staff/fragor/${id}/visa-nummer?lang=sv`, {});
    expect(closed.html).not.toContain('callback-number');
    expect(closed.html).not.toContain('visa-nummer');
  });

  it('answers, closes (the callback number goes) and reopens, each step in the history', async () => {
    const kim = await agent();
    const { res } = await register(kim, { callbackNumber: CALLBACK });
    const id = idFrom(res.headers.get('location'));
    await kim.get(`/staff/fragor/${id}`);
    const empty = await kim.post(`/staff/fragor/${id}/svara?lang=sv`, { answer: '   ' });
    expect(empty.res.status).toBe(400);
    expect(empty.html).toContain('<a href="#contact-answer">Skriv svaret.</a>');
    const answered = await kim.post(`/staff/fragor/${id}/svara?lang=sv`, {
      answer: 'Beslut väntas vecka 24.',
    });
    expect(answered.res.headers.get('location')).toBe(`/staff/fragor/${id}?lang=sv&klart=besvarad`);
    const closed = await kim.post(`/staff/fragor/${id}/avsluta?lang=sv`, { outcome: 'callback_promised' });
    expect(closed.res.headers.get('location')).toBe(`/staff/fragor/${id}?lang=sv&klart=avslutad`);
    const page = await kim.get(`/staff/fragor/${id}?klart=avslutad`);
    expect(page.html).toContain('Frågan är avslutad.');
    expect(page.html).toContain('Inget nummer sparat.');
    expect(page.html).toMatch(/Registrerad.*Besvarad.*Avslutad \(Återkoppling utlovad\)/s);
    expect((await kim.get('/staff/fragor')).html).not.toContain(id);
    // Closed twice (another tab): said on the page, nothing changes.
    const again = await kim.post(`/staff/fragor/${id}/avsluta?lang=sv`, { outcome: 'answered_directly' });
    expect(again.res.headers.get('location')).toBe(`/staff/fragor/${id}?lang=sv&klart=andrad`);
    await kim.get(`/staff/fragor/${id}`);
    const reopened = await kim.post(`/staff/fragor/${id}/oppna?lang=sv`, {});
    expect(reopened.res.headers.get('location')).toBe(`/staff/fragor/${id}?lang=sv&klart=oppnad`);
    expect((await kim.get('/staff/fragor')).html).toContain(id);
  });

  it('answers another center’s agent with not found, and audits the refusal', async () => {
    const kim = await agent();
    const id = idFrom((await register(kim, {})).res.headers.get('location'));
    const robin = await agent('kc-bjurholm');
    const { res } = await robin.get(`/staff/fragor/${id}`);
    expect(res.status).toBe(404);
    const [denied] = await t.audit.find({ subject: 'demo:kc-bjurholm', limit: 1 });
    expect(denied).toMatchObject({ action: 'contact.denied' });
    expect((await robin.get('/staff/fragor')).html).not.toContain(id);
  });

  it('renders in Arabic right to left, with the topic labels in Arabic', async () => {
    const kim = await agent();
    const { html } = await kim.get('/staff/fragor/ny?lang=ar');
    expect(html).toContain('<html lang="ar" dir="rtl">');
    expect(html).toContain('تصاريح البناء والإخطارات');
    expect(html).toContain('aria-current="page">تسجيل سؤال</a>');
  });
});
