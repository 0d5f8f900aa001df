/**
 * The staff console's result table: the true count, numbered pages, column orders and filters, all
 * over a sealed search handle, so a personnummer search pages without the number in a form, an
 * address or the page (only masked, with the name the policy shows).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp } from '../test/support/app.js';
import { makeCase } from '../test/support/cases.js';
import { fixtureCases, PNR_OTHER, PNR_PROTECTED } from '../test/support/fixtures.js';
import { pageClient } from '../test/support/page-client.js';

type Ctx = Awaited<ReturnType<typeof testApp>>;
let t: Ctx;

/** Nils Forsberg's 30 cases (his fixture case and 29 more): every third decided, the first ten past due. */
beforeAll(async () => {
  t = await testApp();
  const cases = fixtureCases(t.personRefs);
  const nils = cases.other.parties;
  await t.store.upsertMany([
    ...Object.values(cases),
    ...Array.from({ length: 29 }, (_, i) =>
      makeCase({
        sourceId: `${200 + i}`,
        title: `Ärende ${i}`,
        parties: nils,
        status: i % 3 === 0 ? 'decided' : 'in_progress',
        deadline: { dueAt: i < 10 ? '2026-05-01' : '2026-12-01', basis: 'PBL 9 kap. 27 §', extended: false },
        updatedAt: new Date(Date.UTC(2026, 4, 1, 8, i)).toISOString(),
      }),
    ),
  ]);
});
afterAll(async () => t.drop());

const rows = (html: string) =>
  [...html.matchAll(/class="reference case-link">([^<]+)<\/a>/g)].map((m) => m[1]);
const handleIn = (html: string) => /name="sokning" value="([^"]+)"/.exec(html)?.[1] ?? '';
const orderIn = (html: string) => /name="ordning" value="([^"]+)"/.exec(html)?.[1] ?? '';
const digits = PNR_OTHER.replace(/\D/g, '');

async function searched(q = PNR_OTHER) {
  const browser = pageClient(t.app);
  await browser.signIn('infocenter');
  await browser.get('/staff');
  const first = await browser.post('/staff/sok', { q });
  return { browser, first: first.html };
}

describe('the staff result table', () => {
  it('says how many there are in all and pages through them without the number', async () => {
    const { browser, first } = await searched();
    expect(first).toContain('<strong>30 ärenden</strong>');
    expect(first).toContain('Sida 1 av 2');
    expect(first).toContain('<bdi class="searched-value" dir="ltr">19981231-••••</bdi>');
    expect(first).toContain('<span class="person-name">Nils Forsberg</span>');
    expect(rows(first)).toHaveLength(25);
    const second = await browser.post('/staff/sok', {
      sokning: handleIn(first),
      ordning: orderIn(first),
      sida: '2',
    });
    expect(second.res.status).toBe(200);
    expect(second.html).toContain('Sida 2 av 2');
    expect(second.html).toContain('<bdi class="searched-value" dir="ltr">19981231-••••</bdi>');
    expect(new Set([...rows(first), ...rows(second.html)]).size).toBe(30);
    for (const html of [first, second.html]) expect(html.replace(/\D/g, '')).not.toContain(digits.slice(2));
    // Each page is a search of its own in the audit log, for the same person.
    const [entry] = await t.audit.find({ subject: 'demo:infocenter', limit: 1 });
    expect(entry).toMatchObject({ action: 'case.search', queryKind: 'personRef', resultCount: 5 });
  });

  it('orders by a column header, and again the other way round', async () => {
    const { browser, first } = await searched();
    const up = await browser.post('/staff/sok', { sokning: handleIn(first), sortera: 'reference-asc' });
    const refs = rows(up.html);
    expect(refs).toEqual([...refs].sort());
    expect(up.html).toMatch(/<th scope="col" aria-sort="ascending"><button[^>]*value="reference-desc"/);
    const down = await browser.post('/staff/sok', { sokning: handleIn(up.html), sortera: 'reference-desc' });
    expect(rows(down.html)[0]).toBe('BN 2026-000228');
  });

  it('filters overdue, closed and by municipality, counting within the filter', async () => {
    const { browser, first } = await searched();
    const overdue = await browser.post('/staff/sok', { sokning: handleIn(first), forsenade: '1' });
    // 0–9 are past due; 0, 3, 6 and 9 are decided.
    expect(overdue.html).toContain('<strong>6 ärenden</strong>');
    expect(overdue.html).toMatch(/id="f-forsenade" name="forsenade" value="1" checked/);
    const closed = await browser.post('/staff/sok', { sokning: handleIn(first), lage: 'closed' });
    expect(closed.html).toContain('<strong>10 ärenden</strong>');
    const elsewhere = await browser.post('/staff/sok', { sokning: handleIn(first), kommun: '1480' });
    expect(elsewhere.html).toContain('Inga ärenden hittades');
  });

  it('shows no name for a person with protected identity', async () => {
    const { first } = await searched(PNR_PROTECTED);
    expect(first).toContain('<bdi class="searched-value" dir="ltr">19900604-••••</bdi>');
    expect(first).not.toContain('person-name');
    expect(first).not.toContain('Sekretess Person');
  });

  it('refuses a handle from another browser or one that was changed, as an expired search', async () => {
    const { first } = await searched();
    const other = pageClient(t.app);
    await other.signIn('infocenter');
    await other.get('/staff');
    const stolen = await other.post('/staff/sok', { sokning: handleIn(first) });
    expect(stolen.res.status).toBe(400);
    expect(stolen.html).toContain('Sökningen har gått ut');
    expect(rows(stolen.html)).toEqual([]);
    const handle = handleIn(first);
    const changed = `${handle.slice(0, -2)}${handle.endsWith('A') ? 'B' : 'A'}${handle.at(-1)}`;
    const { browser } = await searched();
    expect((await browser.post('/staff/sok', { sokning: changed })).res.status).toBe(400);
  });
});
