/** The knowledge base's console pages at HTTP level: search, one entry in the page language, review with four eyes, proposing from a contact. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp } from '../test/support/app.js';
import { PNR_MAJA } from '../test/support/fixtures.js';
import { consoleAgent, publishedEntry, registerFields } from '../test/support/knowledge-pages.js';

let t: Awaited<ReturnType<typeof testApp>>;
let garageEntry: string;
const DIGITS = PNR_MAJA.replace(/\D/g, '');

beforeAll(async () => {
  t = await testApp();
  garageEntry = await publishedEntry(t, {
    question: { sv: 'Behöver jag bygglov för ett garage?', en: 'Do I need a permit for a garage?' },
    answer: {
      sv: 'Ja, ett garage större än 30 kvadratmeter kräver bygglov.',
      en: 'Yes, a garage larger than 30 square metres needs a permit.',
    },
    caseType: 'BL',
  });
  await publishedEntry(t, {
    topic: 'skola',
    question: { sv: 'Hur söker jag skolplats?' },
    answer: { sv: 'Via kommunens e-tjänst för skolval.' },
  });
});
afterAll(async () => t.drop());

const idFrom = (location: string | null, kind: 'fragor' | 'kunskap') =>
  new RegExp(`/staff/${kind}/([0-9a-f-]{36})\\?`).exec(location ?? '')?.[1] as string;

describe('searching the knowledge base', () => {
  it('is linked from the staff nav for the information center; officers are refused', async () => {
    const kim = await consoleAgent(t);
    const { res, html } = await kim.get('/staff/kunskap');
    expect(res.status).toBe(200);
    expect(html).toContain('<a href="/staff/kunskap?lang=sv" aria-current="page">Kunskapsbank</a>');
    // Without words: every published entry of the agent's municipality.
    expect(html).toContain('Behöver jag bygglov för ett garage?');
    expect(html).toContain('Hur söker jag skolplats?');
    const officer = await consoleAgent(t, 'bygglov');
    expect((await officer.get('/staff/kunskap')).res.status).toBe(403);
    expect((await officer.get('/staff')).html).not.toContain('/staff/kunskap');
  });

  it('finds entries by the start of Swedish words and by topic, the query never in the address', async () => {
    const kim = await consoleAgent(t);
    await kim.get('/staff/kunskap');
    const found = await kim.post('/staff/kunskap?lang=sv', { q: 'garaget bygglo', topic: '' });
    expect(found.res.status).toBe(200);
    expect(found.html).toContain(`href="/staff/kunskap/${garageEntry}?lang=sv"`);
    expect(found.html).toContain('Poster: 1');
    expect(found.html).toContain('value="garaget bygglo"');
    const otherTopic = await kim.post('/staff/kunskap?lang=sv', { q: 'garage', topic: 'skola' });
    expect(otherTopic.html).toContain('Inga publicerade poster matchar.');
    const [audit] = await t.audit.find({ subject: 'demo:infocenter', limit: 1 });
    expect(audit).toMatchObject({ action: 'knowledge.list' });
  });
});

describe('one entry', () => {
  it('shows the page language when the entry has it, else Swedish marked lang="sv"', async () => {
    const kim = await consoleAgent(t);
    const en = await kim.get(`/staff/kunskap/${garageEntry}?lang=en`);
    expect(en.html).toContain(
      '<p class="contact-text" lang="en" dir="auto">Do I need a permit for a garage?</p>',
    );
    expect(en.html).not.toContain('This entry is only in Swedish.');
    const ar = await kim.get(`/staff/kunskap/${garageEntry}?lang=ar`);
    expect(ar.html).toContain('<html lang="ar" dir="rtl">');
    expect(ar.html).toContain(
      '<p class="contact-text" lang="sv" dir="auto">Behöver jag bygglov för ett garage?</p>',
    );
    expect(ar.html).toContain('هذا المدخل متوفر بالسويدية فقط.');
    // Published: no edit form; a reviewer may withdraw it.
    expect(ar.html).not.toContain('/andra?');
    expect(ar.html).toContain(`action="/staff/kunskap/${garageEntry}/dra-tillbaka?lang=ar"`);
  });

  it('answers not found for an id that is not an entry', async () => {
    const kim = await consoleAgent(t);
    expect((await kim.get('/staff/kunskap/00000000-0000-4000-8000-000000000000')).res.status).toBe(404);
    expect((await kim.get('/staff/kunskap/nope')).res.status).toBe(404);
  });
});

describe('from an answered question to a published entry', () => {
  it('proposes, refuses to publish what the author wrote (four eyes) and lets a colleague publish it', async () => {
    const kim = await consoleAgent(t);
    await kim.get('/staff/fragor/ny');
    const saved = await kim.post(
      '/staff/fragor?lang=sv',
      registerFields({
        outcome: 'answered_directly',
        question: 'Får jag bygga en altan utan bygglov?',
        answer: 'En altan lägre än 1,2 meter behöver oftast inget bygglov.',
      }),
    );
    const contactId = idFrom(saved.res.headers.get('location'), 'fragor');
    const contact = await kim.get(`/staff/fragor/${contactId}`);
    expect(contact.html).toContain(`action="/staff/fragor/${contactId}/kunskap?lang=sv"`);
    expect(contact.html).toContain('Föreslå som kunskapspost');

    const proposed = await kim.post(`/staff/fragor/${contactId}/kunskap?lang=sv`, {});
    expect(proposed.res.status).toBe(303);
    const location = proposed.res.headers.get('location') ?? '';
    expect(location).toMatch(/^\/staff\/kunskap\/[0-9a-f-]{36}\?lang=sv&klart=foreslagen$/);
    const id = idFrom(location, 'kunskap');
    const draft = await kim.get(location);
    expect(draft.html).toContain('Utkastet är skapat från frågan.');
    expect(draft.html).toContain('Utkast');
    expect(draft.html).toContain('En altan lägre än 1,2 meter');
    expect(draft.html).toContain('Du har skrivit eller ändrat posten.');

    const submitted = await kim.post(`/staff/kunskap/${id}/skicka?lang=sv`, {});
    expect(submitted.res.headers.get('location')).toBe(`/staff/kunskap/${id}?lang=sv&klart=skickad`);
    await kim.get(`/staff/kunskap/${id}`);
    const refused = await kim.post(`/staff/kunskap/${id}/publicera?lang=sv`, {});
    expect(refused.res.status).toBe(403);
    expect(refused.html).toContain('role="alert"');
    expect(refused.html).toContain('Du kan inte godkänna en post som du själv har skrivit eller ändrat.');
    expect(refused.html).toContain('Under granskning');

    const sam = await consoleAgent(t, 'kc-umea-2');
    const queue = await sam.get('/staff/kunskap/granska');
    expect(queue.html).toContain(`href="/staff/kunskap/${id}?lang=sv"`);
    await sam.get(`/staff/kunskap/${id}`);
    const published = await sam.post(`/staff/kunskap/${id}/publicera?lang=sv`, {});
    expect(published.res.headers.get('location')).toBe(`/staff/kunskap/${id}?lang=sv&klart=publicerad`);
    expect((await sam.get(`/staff/kunskap/${id}?lang=sv&klart=publicerad`)).html).toContain(
      'Posten är publicerad.',
    );
    // Publishing twice (another tab) is said on the page, not shown as an error.
    const again = await sam.post(`/staff/kunskap/${id}/publicera?lang=sv`, {});
    expect(again.res.headers.get('location')).toBe(`/staff/kunskap/${id}?lang=sv&klart=konflikt`);
  });

  it('keeps a personnummer out: masked from the contact, refused for review, refused in an edit and never echoed', async () => {
    const kim = await consoleAgent(t);
    await kim.get('/staff/fragor/ny');
    const saved = await kim.post(
      '/staff/fragor?lang=sv',
      registerFields({
        outcome: 'answered_directly',
        question: `Frågar för ${PNR_MAJA} om bygglov`,
        answer: 'Bygglov behövs för nybyggnad.',
      }),
    );
    const contactId = idFrom(saved.res.headers.get('location'), 'fragor');
    await kim.get(`/staff/fragor/${contactId}`);
    const proposed = await kim.post(`/staff/fragor/${contactId}/kunskap?lang=sv`, {});
    const id = idFrom(proposed.res.headers.get('location'), 'kunskap');
    const draft = await kim.get(`/staff/kunskap/${id}`);
    expect(draft.html).toContain('Frågar för [personnummer] om bygglov');
    const refused = await kim.post(`/staff/kunskap/${id}/skicka?lang=sv`, {});
    expect(refused.res.status).toBe(403);
    expect(refused.html).toContain('Texten nämner en person ([personnummer]).');

    const edit = await kim.post(`/staff/kunskap/${id}/andra?lang=sv`, {
      topic: 'bygglov',
      'question.sv': 'Behövs bygglov för nybyggnad?',
      'answer.sv': 'Ja.',
      'question.en': `For ${PNR_MAJA}`,
      'answer.en': '',
      'question.ar': '',
      'answer.ar': '',
    });
    expect(edit.res.status).toBe(400);
    expect(edit.html).toContain('aria-describedby="entry-question-en-error" aria-invalid="true"');
    expect(edit.html).toContain('<a href="#entry-question-en">');
    expect(edit.html.replace(/\D/g, '')).not.toContain(DIGITS.slice(2));

    const fixed = await kim.post(`/staff/kunskap/${id}/andra?lang=sv`, {
      topic: 'bygglov',
      'question.sv': 'Behövs bygglov för nybyggnad?',
      'answer.sv': 'Ja.',
    });
    expect(fixed.res.headers.get('location')).toBe(`/staff/kunskap/${id}?lang=sv&klart=andrad`);
    const shown = await kim.get(`/staff/kunskap/${id}`);
    expect(shown.html).toContain('Behövs bygglov för nybyggnad?');
    expect(shown.html).not.toContain('[personnummer]');
    expect((await kim.post(`/staff/kunskap/${id}/skicka?lang=sv`, {})).res.status).toBe(303);
  });

  it('does not offer a question without an answer, and nothing of a person reaches an address', async () => {
    const kim = await consoleAgent(t);
    await kim.get('/staff/fragor/ny');
    const saved = await kim.post('/staff/fragor?lang=sv', registerFields({ personnummer: PNR_MAJA }));
    const contactId = idFrom(saved.res.headers.get('location'), 'fragor');
    const page = await kim.get(`/staff/fragor/${contactId}`);
    expect(page.html).not.toContain(`${contactId}/kunskap`);
    const refused = await kim.post(`/staff/fragor/${contactId}/kunskap?lang=sv`, {});
    expect(refused.res.status).toBe(422);
    const log = t.logLines.join('\n').replace(/[\s-]/g, '');
    expect(log).not.toContain(DIGITS.slice(2));
  });
});
