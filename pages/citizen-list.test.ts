/**
 * A resident with many cases (the demo once had one with ~94, a 15,400 px page): the list shows a page
 * of ongoing and a shorter page of closed cases, and "Visa fler" links (no script) page through the
 * rest, each case exactly once, newest change first.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp } from '../test/support/app.js';
import { makeCase } from '../test/support/cases.js';
import { PNR_MAJA } from '../test/support/fixtures.js';
import { pageClient } from '../test/support/page-client.js';

type Ctx = Awaited<ReturnType<typeof testApp>>;
let t: Ctx;
const ONGOING = 23;
const FINISHED = 7;

/** Case i: changed i hours after a fixed time, so newest first is i descending. */
function own(i: number, status: 'in_progress' | 'awaiting_applicant' | 'decided' | 'closed') {
  return makeCase({
    sourceId: `L-${i}`,
    reference: `BN 2026-${String(1000 + i)}`,
    status,
    domain: i % 3 === 0 ? 'school_placement' : 'building_permit',
    municipality: i % 2 === 0 ? { code: '2480', name: 'Umeå' } : { code: '2460', name: 'Vännäs' },
    updatedAt: new Date(Date.UTC(2026, 3, 1) + i * 3_600_000).toISOString(),
    parties: [
      { role: 'applicant', personRef: t.personRefs.fromInput(PNR_MAJA) as string, protectedIdentity: false },
    ],
  });
}

const ongoing = () =>
  Array.from({ length: ONGOING }, (_, i) => own(i, i % 2 ? 'in_progress' : 'awaiting_applicant'));
const finished = () =>
  Array.from({ length: FINISHED }, (_, i) => own(ONGOING + i, i % 2 ? 'decided' : 'closed'));
/** References newest change first, as the pages must give them. */
const newestFirst = (cases: ReturnType<typeof own>[]) =>
  [...cases]
    .sort((a, b) => b.source.sourceUpdatedAt.localeCompare(a.source.sourceUpdatedAt))
    .map((c) => c.reference);

beforeAll(async () => {
  t = await testApp();
  await t.store.upsertMany([...ongoing(), ...finished()]);
});
afterAll(async () => t.drop());

const refsIn = (html: string) =>
  [...html.matchAll(/<span class="reference">([^<]+)<\/span>/g)].map((m) => m[1] as string);
const part = (html: string, id: string) =>
  html.split(`<h2 id="${id}">`)[1]?.split(/<section class="cases-part"|<h2 id="kontakt">/)[0] ?? '';
const moreLink = (html: string, id: string) =>
  /<p class="more"><a href="([^"]+)">/.exec(part(html, id))?.[1]?.replaceAll('&amp;', '&');

describe('Mina ärenden with many cases', () => {
  it('shows ten ongoing and five closed at first, each part with its own "Visa fler"', async () => {
    const browser = pageClient(t.app);
    await browser.signIn('medborgare');
    const { html } = await browser.get('/mina-arenden');
    const first = refsIn(part(html, 'pagaende'));
    expect(first).toHaveLength(10);
    // Grouped on the page, but the ten are the ten newest.
    expect(new Set(first)).toEqual(new Set(newestFirst(ongoing()).slice(0, 10)));
    expect(new Set(refsIn(part(html, 'avslutade')))).toEqual(new Set(newestFirst(finished()).slice(0, 5)));
    expect(part(html, 'pagaende')).toContain('Visa fler pågående ärenden');
    expect(part(html, 'avslutade')).toContain('Visa fler avslutade ärenden');
    expect(moreLink(html, 'pagaende')).toMatch(
      /^\/mina-arenden\?visa=pagaende&fran=[\w%-]+&lang=sv#pagaende$/,
    );
  });

  it('pages through every ongoing case exactly once with plain links, then stops', async () => {
    const browser = pageClient(t.app);
    await browser.signIn('medborgare');
    let { html } = await browser.get('/mina-arenden?lang=en');
    const seen = refsIn(part(html, 'pagaende'));
    let next = moreLink(html, 'pagaende');
    let pages = 1;
    while (next) {
      ({ html } = await browser.get(next));
      pages += 1;
      // A later page is of one part only, with the way back to the start.
      expect(html).not.toContain('<h2 id="avslutade">');
      expect(html).toContain('href="/mina-arenden?lang=en">Back to the start of my cases</a>');
      seen.push(...refsIn(part(html, 'pagaende')));
      next = moreLink(html, 'pagaende');
    }
    expect(pages).toBe(3);
    expect(seen.sort()).toEqual(newestFirst(ongoing()).sort());
  });

  it('pages through the closed cases the same way', async () => {
    const browser = pageClient(t.app);
    await browser.signIn('medborgare');
    const { html } = await browser.get('/mina-arenden');
    const second = await browser.get(moreLink(html, 'avslutade') ?? '');
    expect(second.html).not.toContain('<h2 id="pagaende">');
    const rest = refsIn(part(second.html, 'avslutade'));
    expect(new Set(rest)).toEqual(new Set(newestFirst(finished()).slice(5)));
    expect(moreLink(second.html, 'avslutade')).toBeUndefined();
  });

  it('refuses a cursor it never issued as a bad request, not an error', async () => {
    const browser = pageClient(t.app);
    await browser.signIn('medborgare');
    const { res } = await browser.get('/mina-arenden?visa=pagaende&fran=not-a-cursor');
    expect(res.status).toBe(400);
  });
});
