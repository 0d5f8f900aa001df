/** Suggestions while registering (with and without script), the answer taken from an entry, and a case page's entries. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadPolicy, regionExamplePolicyFile } from '../policy/load-policy.js';
import { jsonPost, testApp } from '../test/support/app.js';
import { fixtureCases, PNR_MAJA } from '../test/support/fixtures.js';
import { consoleAgent, publishedEntry, registerFields } from '../test/support/knowledge-pages.js';

let t: Awaited<ReturnType<typeof testApp>>;
let cases: ReturnType<typeof fixtureCases>;
let entry: string;
const DIGITS = PNR_MAJA.replace(/\D/g, '');
const CALLBACK = '070-174 06 55';

beforeAll(async () => {
  t = await testApp();
  cases = fixtureCases(t.personRefs);
  await t.store.upsertMany(Object.values(cases));
  entry = await publishedEntry(t, {
    question: { sv: 'Hur lång tid tar ett bygglov för garage?', ar: 'كم يستغرق ترخيص بناء مرآب؟' },
    answer: { sv: 'Beslut inom tio veckor från komplett ansökan.', ar: 'قرار خلال عشرة أسابيع.' },
    caseType: 'BL',
    caseStatus: 'in_progress',
  });
});
afterAll(async () => t.drop());

describe('suggestions while registering a question', () => {
  it('"Föreslå svar" brings the form back as typed, with matching entries and earlier answers, audited', async () => {
    const kim = await consoleAgent(t);
    const form = await kim.get('/staff/fragor/ny');
    expect(form.html).toContain('formaction="/staff/fragor/forslag?lang=sv"');
    expect(form.html).toContain('<div id="contact-suggestions" class="suggestions" aria-live="polite"');
    expect(form.html).toContain('<script type="module" src="/assets/suggest.js"></script>');
    // An earlier answered contact that matches.
    await kim.post(
      '/staff/fragor?lang=sv',
      registerFields({
        outcome: 'answered_directly',
        question: 'Garaget: hur lång tid tar bygglovet?',
        answer: 'Sa att det tar upp till tio veckor.',
      }),
    );
    await kim.get('/staff/fragor/ny');
    const typed = registerFields({
      question: 'Hur lång tid tar bygglov för garage?',
      callbackNumber: CALLBACK,
      personnummer: PNR_MAJA,
      channel: 'visit',
    });
    const { res, html } = await kim.post('/staff/fragor/forslag?lang=sv', typed);
    expect(res.status).toBe(200);
    expect(html).toContain('Hur lång tid tar bygglov för garage?</textarea>');
    expect(html).toContain(`value="${CALLBACK}"`);
    expect(html).toMatch(/<option value="visit" selected="">Besök<\/option>/);
    expect(html).toContain('Du angav 19900321-••••. Skriv in det igen för att koppla personen.');
    expect(html).toContain('Hur lång tid tar ett bygglov för garage?');
    expect(html).toContain(`name="kunskap" value="${entry}"`);
    expect(html).toContain('Tidigare besvarade frågor');
    expect(html).toContain('Sa att det tar upp till tio veckor.');
    expect(html).not.toContain('error-summary');
    expect(html.replace(/\D/g, '')).not.toContain(DIGITS.slice(8));
    const [audit] = await t.audit.find({ subject: 'demo:infocenter', limit: 1 });
    expect(audit).toMatchObject({ action: 'contact.suggest' });

    const short = await kim.post('/staff/fragor/forslag?lang=sv', registerFields({ question: 'a' }));
    expect(short.html).toContain('Skriv minst två tecken i frågan för att få förslag.');
  });

  it('"Använd svaret" fills the answer from the entry and the saved contact records it', async () => {
    const kim = await consoleAgent(t);
    await kim.get('/staff/fragor/ny');
    const used = await kim.post(
      '/staff/fragor/forslag?lang=sv',
      registerFields({ question: 'bygglov garage', language: 'ar', kunskap: entry }),
    );
    expect(used.res.status).toBe(200);
    // The contact is in Arabic and the entry has Arabic: that answer, marked as such.
    expect(used.html).toContain('قرار خلال عشرة أسابيع.</textarea>');
    expect(used.html).toContain(`name="knowledgeEntry" value="${entry}"`);
    expect(used.html).toContain('Svaret från kunskapsbanken är ifyllt.');
    const saved = await kim.post(
      '/staff/fragor?lang=sv',
      registerFields({
        question: 'bygglov garage',
        language: 'ar',
        answer: 'قرار خلال عشرة أسابيع.',
        outcome: 'answered_directly',
        knowledgeEntry: entry,
      }),
    );
    expect(saved.res.status).toBe(303);
    const id = /\/staff\/fragor\/([0-9a-f-]{36})\?/.exec(saved.res.headers.get('location') ?? '')?.[1];
    const row = await t.db.query<{ k: string }>(
      'SELECT knowledge_entry_id::text AS k FROM contacts WHERE id = $1::uuid',
      [id],
    );
    expect(row.rows[0]?.k).toBe(entry);
    const page = await kim.get(`/staff/fragor/${id}`);
    expect(page.html).toContain('Svaret kom från kunskapsbanken');
    expect(page.html).toContain(`href="/staff/kunskap/${entry}?lang=sv"`);
  });

  it('keeps what was typed when the entry was withdrawn meanwhile, and no longer records it', async () => {
    const gone = await publishedEntry(t, {
      question: { sv: 'Tillfällig fråga?' },
      answer: { sv: 'Tillfälligt svar.' },
    });
    const sam = await t.tokenFor('kc-umea-2');
    await t.app.request(`/api/v1/knowledge/${gone}/withdraw`, jsonPost(sam, {}));
    const kim = await consoleAgent(t);
    await kim.get('/staff/fragor/ny');
    const fields = { outcome: 'answered_directly', answer: 'Tillfälligt svar.', knowledgeEntry: gone };
    const { res, html } = await kim.post('/staff/fragor?lang=sv', registerFields(fields));
    expect(res.status).toBe(400);
    expect(html).toContain('<a href="#contact-answer">Kunskapsposten är inte längre publicerad.');
    expect(html).toContain('Tillfälligt svar.</textarea>');
    expect(html).toContain('name="knowledgeEntry" value=""');
  });

  it('answers the script with the list as a fragment, only with the form token', async () => {
    const kim = await consoleAgent(t);
    await kim.get('/staff/fragor/ny');
    const list = await kim.post('/staff/fragor/forslag/lista?lang=en', {
      question: 'garage bygglov',
      municipality: '2480',
      language: 'sv',
    });
    expect(list.res.status).toBe(200);
    expect(list.html.startsWith('<section')).toBe(true);
    expect(list.html).toContain('Use this answer');
    const forged = await kim.post('/staff/fragor/forslag/lista?lang=sv', {
      _csrf: 'forged',
      question: 'garage',
    });
    expect(forged.res.status).toBe(403);
    expect(forged.html).not.toContain(entry);
  });

  it('serves the script as our own file, allowed by the CSP; no page carries inline script', async () => {
    const res = await t.app.request('/assets/suggest.js');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(await res.text()).toContain('/staff/fragor/forslag/lista');
    expect((await t.app.request('/assets/..%2Fknowledge-routes.tsx')).status).toBe(404);
    const kim = await consoleAgent(t);
    const form = await kim.get('/staff/fragor/ny');
    const csp = form.res.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("connect-src 'self'");
    expect(csp).toContain("default-src 'none'");
    expect(form.html.match(/<script[^>]*>/g)).toEqual(['<script type="module" src="/assets/suggest.js">']);
  });
});

describe('a case page’s entries', () => {
  it('lists published entries for the case type and status to the center’s agents, and nothing to others', async () => {
    const kim = await consoleAgent(t);
    const { html } = await kim.get(`/staff/arenden/${cases.garage.id}`);
    expect(html).toContain('Kunskapsposter för ärendet');
    expect(html).toContain(`href="/staff/kunskap/${entry}?lang=sv"`);
    const ar = await kim.get(`/staff/arenden/${cases.garage.id}?lang=ar`);
    expect(ar.html).toContain('lang="ar" dir="auto">كم يستغرق ترخيص بناء مرآب؟</a>');
    const officer = await consoleAgent(t, 'bygglov');
    const seen = await officer.get(`/staff/arenden/${cases.garage.id}`);
    expect(seen.res.status).toBe(200);
    expect(seen.html).not.toContain('case-knowledge-heading');
  });
});

describe('a regional center that reads Umeå’s cases but does not handle its contacts', () => {
  let region: Awaited<ReturnType<typeof testApp>>;
  beforeAll(async () => {
    region = await testApp('pglite', { policy: loadPolicy(regionExamplePolicyFile()) });
    cases = fixtureCases(region.personRefs);
    await region.store.upsertMany(Object.values(cases));
    await publishedEntry(region, { question: { sv: 'Garage?' }, answer: { sv: 'Bygglov.' }, caseType: 'BL' });
  });
  afterAll(async () => region.drop());

  it('sees the case and no entries', async () => {
    const kim = await consoleAgent(region);
    expect((await kim.get(`/staff/arenden/${cases.garage.id}`)).html).toContain('case-knowledge-heading');
    const robin = await consoleAgent(region, 'kc-bjurholm');
    const { res, html } = await robin.get(`/staff/arenden/${cases.garage.id}`);
    expect(res.status).toBe(200);
    expect(html).not.toContain('case-knowledge-heading');
    expect(html).not.toContain('/staff/kunskap/');
  });
});
