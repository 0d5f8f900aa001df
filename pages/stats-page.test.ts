import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp } from '../test/support/app.js';
import { SEED, seedContacts, testClock } from '../test/support/contact-stats-seed.js';
import { backends } from '../test/support/databases.js';
import { pageClient } from '../test/support/page-client.js';

const PAGE = '/staff/statistik?period=month&from=2026-03-01&to=2026-04-30';

/** The numbers a chart's SVG writes beside its bars, and the numbers its table holds, in order. */
function chartFigures(html: string, id: string) {
  const figure = new RegExp(`<figure[^>]*aria-labelledby="${id}-caption"[^>]*>([\\s\\S]*?)</figure>`).exec(
    html,
  )?.[1];
  if (!figure) throw new Error(`no chart ${id}`);
  const svg = /<svg[\s\S]*<\/svg>/.exec(figure)?.[0] ?? '';
  const table = /<table[\s\S]*<\/table>/.exec(figure)?.[0] ?? '';
  return {
    svg,
    bars: [...svg.matchAll(/<text class="bar-value"[^>]*>([^<]*)<\/text>/g)].map((m) => m[1]),
    rows: [...table.matchAll(/<td>([^<]*)<\/td>/g)].map((m) => m[1]),
  };
}

describe.each(backends(import.meta.url))('the statistics page on %s', (backend) => {
  let t: Awaited<ReturnType<typeof testApp>>;
  const clock = testClock();
  beforeAll(async () => {
    t = await testApp(backend, { now: clock.now });
    // Umeå's contacts only: the page's figures are Umeå's.
    const umea = SEED.filter((s) => s.municipality === undefined);
    await seedContacts(t, clock, { '2480': await t.tokenFor('infocenter') }, umea);
    clock.set('2026-06-01T10:00:00Z');
  });
  afterAll(async () => t.drop());

  const signedIn = async (persona = 'infocenter') => {
    const browser = pageClient(t.app);
    await browser.signIn(persona);
    return browser;
  };

  it('sends a visitor who is not signed in to sign in, and refuses officers and citizens', async () => {
    const { res } = await pageClient(t.app).get(PAGE);
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toContain('/logga-in?next=%2Fstaff%2Fstatistik');
    for (const persona of ['bygglov', 'medborgare'])
      expect((await (await signedIn(persona)).get(PAGE)).res.status).toBe(403);
  });

  it('shows the two first-screen shares: handled unknown until the month totals are recorded', async () => {
    const browser = await signedIn();
    const before = (await browser.get(PAGE)).html;
    expect(before).toContain('<h1>Statistik över frågor</h1>');
    expect(before).toContain('Andel av kommunens kontakter som centret hanterade');
    expect(before).toContain(
      '<strong>Okänd</strong> Kommunens totala antal kontakter är inte registrerat för: 2026-03, 2026-04.',
    );
    // 3 of 8 answered directly (counted by hand from the seed).
    expect(before).toMatch(/<strong>37,5\s?%<\/strong> 3 av 8 frågor besvarade direkt/);
    const token = await t.tokenFor('infocenter');
    for (const [month, total] of [
      ['2026-03', 30],
      ['2026-04', 50],
    ])
      await t.app.request(`/api/v1/stats/volumes/2480/${month}`, {
        method: 'PUT',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ total }),
      });
    const after = (await browser.get(PAGE)).html;
    expect(after).toMatch(/<strong>10\s?%<\/strong> 8 av 80 kontakter/);
  });

  it('draws each chart as an SVG image with title and description, and the same numbers in its table', async () => {
    const { html } = await (await signedIn()).get(PAGE);
    const perMonth = chartFigures(html, 'm2480-contacts');
    expect(perMonth.bars).toEqual(['3', '5']);
    expect(perMonth.rows).toEqual(perMonth.bars);
    expect(perMonth.svg).toMatch(
      /^<svg role="img" aria-labelledby="m2480-contacts-title m2480-contacts-desc"/,
    );
    expect(perMonth.svg).toContain('<title id="m2480-contacts-title">Frågor per månad</title>');
    expect(perMonth.svg).toContain('<desc id="m2480-contacts-desc">');
    const direct = chartFigures(html, 'm2480-direct');
    expect(direct.bars).toHaveLength(2);
    expect(direct.rows).toEqual(direct.bars);
    const channels = chartFigures(html, 'm2480-channels');
    // Phone 5, e-mail 1, visit 1, letter 0, web 1 in March–April.
    expect(channels.bars).toEqual(['5', '1', '1', '0', '1']);
    expect(channels.rows).toEqual(channels.bars);
    // No script and no outside asset anywhere on the page.
    expect(html).not.toMatch(/<script|https?:\/\/(?!www\.w3\.org)/);
  });

  it('speaks English and Arabic (right to left) with the same figures', async () => {
    const browser = await signedIn();
    const en = (await browser.get(`${PAGE}&lang=en`)).html;
    expect(en).toContain('<h1>Contact statistics</h1>');
    expect(chartFigures(en, 'm2480-contacts').rows).toEqual(['3', '5']);
    const ar = (await browser.get(`${PAGE}&lang=ar`)).html;
    expect(ar).toContain('dir="rtl"');
    expect(ar).toContain('إحصاءات الاستفسارات');
    // Numbers as the Arabic locale writes them (CLDR: Latin digits for `ar`).
    expect(chartFigures(ar, 'm2480-contacts').rows).toEqual(['3', '5']);
  });

  it('offers the CSV download, which the signed-in session can fetch', async () => {
    const browser = await signedIn();
    const { html } = await browser.get(PAGE);
    expect(html).toContain('href="/staff/statistik.csv?period=month&amp;from=2026-03-01&amp;to=2026-04-30"');
    const { res, html: csv } = await browser.get(
      '/staff/statistik.csv?period=month&from=2026-03-01&to=2026-04-30',
    );
    expect(res.headers.get('content-disposition')).toBe('attachment; filename="kontaktstatistik-month.csv"');
    // The body's BOM is taken off by the decoder here (its bytes are checked at the API).
    expect(csv.startsWith('Period,Kommun,')).toBe(true);
    expect(csv).toContain('2026-04,2480,Telefon,Bygglov och anmälan,Informationscentret,3,');
  });

  it('answers a selection that cannot be counted with 422 and a page, not a stack trace', async () => {
    const { res, html } = await (await signedIn()).get('/staff/statistik?from=2026-05-01&to=2026-04-01');
    expect(res.status).toBe(422);
    expect(html).toContain('<html lang="sv"');
    expect(html).not.toContain('at ');
  });
});
