/** Owned until answered in the console: forward from the contact page, the office answers, the agent sees it. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findPersona, type Persona } from '../demo/personas.js';
import { NOW, testApp } from '../test/support/app.js';
import { PNR_MAJA } from '../test/support/fixtures.js';
import { pageClient } from '../test/support/page-client.js';

let t: Awaited<ReturnType<typeof testApp>>;
let clock = NOW;
const DIGITS = PNR_MAJA.replace(/\D/g, '');
/** Every address and page the tests saw: none may hold the personnummer. */
const seen: string[] = [];

beforeAll(async () => {
  t = await testApp('pglite', { now: () => clock });
});
afterAll(async () => t.drop());

type Browser = ReturnType<typeof pageClient>;

function recording(browser: Browser): Browser {
  const get = browser.get;
  const post = browser.post;
  browser.get = async (path, headers) => {
    const out = await get(path, headers);
    seen.push(path, out.res.headers.get('location') ?? '', out.html);
    return out;
  };
  browser.post = async (path, fields, headers) => {
    const out = await post(path, fields, headers);
    seen.push(path, out.res.headers.get('location') ?? '', out.html);
    return out;
  };
  return browser;
}

async function as(persona: string): Promise<Browser> {
  const browser = recording(pageClient(t.app));
  await browser.signIn(persona);
  return browser;
}

/** An officer of another office of Umeå (the demo has one officer only): a token of their own. */
async function officerOf(office: string): Promise<Browser> {
  const browser = recording(pageClient(t.app));
  const persona = { ...(findPersona('bygglov') as Persona), id: `officer-${office}`, office };
  browser.jar.set('arendenav_session', await t.identity.issue(persona));
  return browser;
}

async function registerOpen(kim: Browser, question: string): Promise<string> {
  await kim.get('/staff/fragor/ny');
  const { res } = await kim.post('/staff/fragor?lang=sv', {
    channel: 'phone',
    language: 'sv',
    municipality: '2480',
    topic: 'bygglov',
    question,
    answer: '',
    outcome: 'callback_promised',
    callbackNumber: '',
    personnummer: PNR_MAJA,
  });
  expect(res.status).toBe(303);
  return /\/staff\/fragor\/([0-9a-f-]{36})\?/.exec(res.headers.get('location') ?? '')?.[1] as string;
}

const forwardPath = (id: string) => `/staff/fragor/${id}/vidarebefordra?lang=sv`;
const taskIdIn = (html: string) => /href="\/staff\/uppgifter\/([0-9a-f-]{36})\?lang=sv"/.exec(html)?.[1];

describe('owned until answered, in the console', () => {
  let contactId: string;
  let taskId: string;

  it('offers the municipality’s offices on an open contact, and shows each refused field beside it', async () => {
    clock = NOW;
    const kim = await as('infocenter');
    contactId = await registerOpen(kim, 'När kommer beslutet om garaget?');
    const page = await kim.get(`/staff/fragor/${contactId}`);
    expect(page.html).toContain('<h2 id="forward-heading">Vidarebefordra</h2>');
    expect(page.html).toContain('<option value="BN">BN – Byggnadsnämnden</option>');
    expect(page.html).toContain('<option value="SN">SN – Socialnämnden</option>');

    const unknown = await kim.post(forwardPath(contactId), { office: 'XYZ', officer: '', note: 'Läget?' });
    expect(unknown.res.status).toBe(400);
    expect(unknown.html).toContain('<a href="#forward-office">Välj ett av kommunens kontor.</a>');
    expect(unknown.html).toContain('aria-describedby="forward-office-error" aria-invalid="true"');
    expect(unknown.html).toContain('Läget?');

    const empty = await kim.post(forwardPath(contactId), { office: '', officer: '', note: ' ' });
    expect(empty.res.status).toBe(400);
    expect(empty.html).toContain('id="forward-office-error"');
    expect(empty.html).toContain('<a href="#forward-note">Skriv vad kontoret ska ta reda på.</a>');

    const long = await kim.post(forwardPath(contactId), {
      office: 'BN',
      officer: '',
      note: 'x'.repeat(4001),
    });
    expect(long.res.status).toBe(400);
    expect(long.html).toContain('id="forward-note-error"');
    expect(long.html).toContain('<option value="BN" selected="">');

    const pnr = await kim.post(forwardPath(contactId), {
      office: 'BN',
      officer: PNR_MAJA,
      note: `Ring ${PNR_MAJA}`,
    });
    expect(pnr.res.status).toBe(400);
    expect(pnr.html).toContain('id="forward-officer-error"');
    expect(pnr.html).toContain('Ring [personnummer]');
    const tasks = await t.db.query<{ n: number }>('SELECT count(*)::int AS n FROM contact_tasks');
    expect(tasks.rows[0]?.n).toBe(0);
  });

  it('forwards: the contact shows its task, and the form is gone while the task is open', async () => {
    const kim = await as('infocenter');
    const { res } = await kim.post(forwardPath(contactId), {
      office: 'BN',
      officer: '',
      note: `Har sökanden ${PNR_MAJA} kompletterat?`,
    });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe(`/staff/fragor/${contactId}?lang=sv&klart=vidarebefordrad`);
    const { html } = await kim.get(res.headers.get('location') as string);
    expect(html).toContain('Frågan är vidarebefordrad.');
    expect(html).toContain('<h2 id="tasks-heading">Uppgifter hos kontor</h2>');
    expect(html).toContain('BN – Byggnadsnämnden');
    expect(html).toContain('Väntar på svar');
    expect(html).toContain('Har sökanden [personnummer] kompletterat?');
    expect(html).not.toContain('id="forward-heading"');
    expect(html).not.toContain('Försenad');

    const again = await kim.post(forwardPath(contactId), { office: 'BN', officer: '', note: 'Igen' });
    expect(again.res.headers.get('location')).toBe(`/staff/fragor/${contactId}?lang=sv&klart=andrad`);
  });

  it('lists the task for the office’s officer, with a nav link, and opens it with the question', async () => {
    const officer = await as('bygglov');
    const { res, html } = await officer.get('/staff/uppgifter');
    expect(res.status).toBe(200);
    expect(html).toContain('<a href="/staff/uppgifter?lang=sv" aria-current="page">Mina uppgifter</a>');
    taskId = taskIdIn(html) as string;
    expect(taskId).toBeDefined();
    expect(html).toContain('Bygglov och anmälan');
    expect(html).toContain('När kommer beslutet om garaget?');
    const task = await officer.get(`/staff/uppgifter/${taskId}?lang=en`);
    expect(task.res.status).toBe(200);
    expect(task.html).toContain('<title>Task: Building permits and notifications – Ärendenav</title>');
    expect(task.html).toContain('Har sökanden [personnummer] kompletterat?');
    expect(task.html).toContain('Awaiting an answer');
    expect(task.html).toContain(`action="/staff/uppgifter/${taskId}/svara?lang=en"`);
    const [read] = await t.audit.find({ subject: 'demo:bygglov', limit: 1 });
    expect(read).toMatchObject({ action: 'task.read' });
  });

  it('marks an overdue task in both lists, in words and with a sign, overdue first in my follow-ups', async () => {
    clock = NOW;
    const kim = await as('infocenter');
    const later = await registerOpen(kim, 'En fråga utan uppgift');
    clock = new Date('2026-06-09T09:00:00Z');
    const mine = await kim.get('/staff/fragor');
    expect(mine.html).toContain('Vidarebefordrad till BN – Byggnadsnämnden');
    expect(mine.html).toMatch(
      /<strong class="badge badge-overdue"><span aria-hidden="true">⚠ <\/span>Försenad<\/strong>/,
    );
    // Older contacts come first, but an overdue task beats age: the forwarded one leads.
    expect(mine.html.indexOf(contactId)).toBeLessThan(mine.html.indexOf(later));
    const officer = await as('bygglov');
    const list = await officer.get('/staff/uppgifter?lang=ar');
    expect(list.html).toContain('<html lang="ar" dir="rtl">');
    expect(list.html).toContain('متأخرة');
    expect(list.html).toContain('aria-hidden="true">⚠ </span>');
  });

  it('refuses others: the centre is refused the officers’ page, another office’s officer gets not found', async () => {
    const kim = await as('infocenter');
    expect((await kim.get('/staff/uppgifter')).res.status).toBe(403);
    expect((await kim.get(`/staff/uppgifter/${taskId}`)).res.status).toBe(403);
    const school = await officerOf('BUN');
    const list = await school.get('/staff/uppgifter');
    expect(list.res.status).toBe(200);
    expect(list.html).toContain('Ert kontor har inga uppgifter.');
    expect((await school.get(`/staff/uppgifter/${taskId}`)).res.status).toBe(404);
    await school.get('/staff/uppgifter');
    const refused = await school.post(`/staff/uppgifter/${taskId}/svara?lang=sv`, { answer: 'Mitt svar' });
    expect(refused.res.status).toBe(404);
    const officer = await as('bygglov');
    await officer.get('/staff/uppgifter');
    expect((await officer.post(forwardPath(contactId), { office: 'BN', note: 'x' })).res.status).toBe(403);
    const visitor = pageClient(t.app);
    const { res } = await visitor.get('/staff/uppgifter?lang=en');
    expect(res.headers.get('location')).toBe('/logga-in?next=%2Fstaff%2Fuppgifter&lang=en&behov=1');
  });

  it('answers: an empty answer is refused beside the field, a real one returns to the list with a notice', async () => {
    const officer = await as('bygglov');
    await officer.get(`/staff/uppgifter/${taskId}`);
    const empty = await officer.post(`/staff/uppgifter/${taskId}/svara?lang=sv`, { answer: '  ' });
    expect(empty.res.status).toBe(400);
    expect(empty.html).toContain('<a href="#task-answer">Skriv ett svar (högst 4000 tecken).</a>');
    expect(empty.html).toContain('aria-describedby="task-answer-hint task-answer-error" aria-invalid="true"');
    const { res } = await officer.post(`/staff/uppgifter/${taskId}/svara?lang=sv`, {
      answer: `Beslut väntas vecka 25; sökanden ${PNR_MAJA} har kompletterat.`,
    });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/staff/uppgifter?lang=sv&klart=besvarad');
    const list = await officer.get(res.headers.get('location') as string);
    expect(list.html).toContain('Svaret är skickat till kontaktcenter.');
    expect(list.html).toContain('Besvarad');
    expect(list.html).not.toContain('Försenad');

    // Answered meanwhile (another tab, a colleague): a clear notice on the task, not an error.
    const twice = await officer.post(`/staff/uppgifter/${taskId}/svara?lang=sv`, { answer: 'Igen' });
    expect(twice.res.headers.get('location')).toBe(`/staff/uppgifter/${taskId}?lang=sv&klart=andrad`);
    const task = await officer.get(twice.res.headers.get('location') as string);
    expect(task.res.status).toBe(200);
    expect(task.html).toContain('Uppgiften var redan besvarad eller stängd');
    expect(task.html).not.toContain('id="task-answer"');
  });

  it('shows the office’s answer on the contact, and the agent closes it', async () => {
    const kim = await as('infocenter');
    const { html } = await kim.get(`/staff/fragor/${contactId}`);
    expect(html).toContain('Kontorets svar');
    expect(html).toContain('Beslut väntas vecka 25; sökanden [personnummer] har kompletterat.');
    expect(html).toContain('Besvarad');
    // Answered: the contact may be forwarded again.
    expect(html).toContain('id="forward-heading"');
    // Closing a forwarded question says so by default, so the statistics count it as forwarded.
    expect(html).toMatch(/id="close-outcome-forwarded" name="outcome" value="forwarded" checked=""/);
    const closed = await kim.post(`/staff/fragor/${contactId}/avsluta?lang=sv`, { outcome: 'forwarded' });
    expect(closed.res.headers.get('location')).toBe(`/staff/fragor/${contactId}?lang=sv&klart=avslutad`);
    expect((await kim.get(`/staff/fragor/${contactId}`)).html).not.toContain('id="forward-heading"');
  });

  it('says so when the contact was closed before the office answered', async () => {
    clock = NOW;
    const kim = await as('infocenter');
    const id = await registerOpen(kim, 'Får jag bygga en altan?');
    await kim.get(`/staff/fragor/${id}`);
    await kim.post(forwardPath(id), { office: 'BN', officer: 'demo:bygglov', note: 'Behövs lov?' });
    const officer = await as('bygglov');
    const list = await officer.get('/staff/uppgifter');
    const open = taskIdIn(list.html) as string;
    expect(list.html).toContain('Handläggare: demo:bygglov');
    await kim.get(`/staff/fragor/${id}`);
    await kim.post(`/staff/fragor/${id}/avsluta?lang=sv`, { outcome: 'answered_directly' });
    await officer.get(`/staff/uppgifter/${open}`);
    const late = await officer.post(`/staff/uppgifter/${open}/svara?lang=sv`, { answer: 'Nej.' });
    expect(late.res.headers.get('location')).toBe(`/staff/uppgifter/${open}?lang=sv&klart=andrad`);
    const page = await officer.get(late.res.headers.get('location') as string);
    expect(page.html).toContain('Stängd (frågan avslutades innan kontoret svarade)');
  });

  it('never put the personnummer into an address, a page or the log', () => {
    expect(seen.length).toBeGreaterThan(50);
    const pages = seen.join('\n').replace(/[\s-]/g, '');
    expect(pages).not.toContain(DIGITS.slice(2));
    expect(t.logLines.some((line) => line.includes('/staff/uppgifter'))).toBe(true);
    expect(t.logLines.join('\n').replace(/[\s-]/g, '')).not.toContain(DIGITS.slice(2));
  });
});
