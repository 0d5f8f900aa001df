/// <reference lib="dom" />
/**
 * The staff console in a real browser against the real demo, keyboard only, in Swedish, English and
 * Arabic, with axe on every step: a personnummer search that keeps whom it was for (masked) and never
 * puts the number in an address; the result table's pages, a column order and a filter; and the case
 * page whose answer block is above the fold at 1280×800.
 */
import { mkdirSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser } from '../support/browser.js';
import { type DemoHub, startDemoHub } from '../support/demo-hub.js';
import { expectAccessible, press, tabTo } from '../support/keyboard.js';

const SHOTS = new URL(
  process.env.ARENDENAV_UPDATE_SCREENSHOTS === '1' ? '../../docs/screenshots/' : '../../.tmp/screenshots/',
  import.meta.url,
).pathname;
const LANGS = ['sv', 'en', 'ar'] as const;
type Lang = (typeof LANGS)[number];
/** The demo citizen (Skatteverket test series, demo/personas.ts). */
const MAJA = '19900321-2389';
/** A word the demo's building permits share: more cases than one page holds. */
const MANY = 'bygglov';
const LOCALES: Record<Lang, string> = { sv: 'sv-SE', en: 'en-GB', ar: 'ar' };
const number = (n: number, lang: Lang) => new Intl.NumberFormat(LOCALES[lang]).format(n);
const PAGE_OF: Record<Lang, (page: number, pages: number) => string> = {
  sv: (p, n) => `Sida ${number(p, 'sv')} av ${number(n, 'sv')}`,
  en: (p, n) => `Page ${number(p, 'en')} of ${number(n, 'en')}`,
  ar: (p, n) => `الصفحة ${number(p, 'ar')} من ${number(n, 'ar')}`,
};
/** Arabic-Indic digits as ASCII ones, to read a number off an Arabic page. */
const asciiDigits = (text: string) => text.replace(/[٠-٩]/g, (d) => String('٠١٢٣٤٥٦٧٨٩'.indexOf(d)));

let hub: DemoHub;
let browser: Browser;

beforeAll(async () => {
  [hub, browser] = await Promise.all([startDemoHub(), launchBrowser()]);
}, 150_000);
afterAll(async () => {
  await browser?.close();
  await hub?.stop();
});

async function screenshot(page: Page, name: string, lang: Lang, fullPage: boolean): Promise<void> {
  if (lang === 'en') return;
  mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: `${SHOTS}${name}-${lang}.png`, fullPage });
}

/** Signed in as the information-center agent with the keyboard, on the console. */
async function agent(lang: Lang): Promise<{ page: Page; addresses: string[] }> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  const addresses: string[] = [];
  page.on('request', (request) => addresses.push(request.url()));
  await page.goto(`${hub.url}/logga-in?next=/staff&lang=${lang}`);
  await press(page, 'form:has(input[value="infocenter"]) button', (p) => p === '/staff');
  return { page, addresses };
}

/** Types a search into the box with the keyboard and sends it with Enter. */
async function searchFor(page: Page, text: string): Promise<void> {
  await tabTo(page, '#search');
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.type(text);
  await Promise.all([page.waitForEvent('load'), page.keyboard.press('Enter')]);
  expect(new URL(page.url()).pathname).toBe('/staff/sok');
}

const rowCount = (page: Page) => page.locator('.case-table tbody tr').count();
const references = (page: Page) => page.locator('.case-table a.case-link').allTextContents();

describe.each(LANGS)('the staff console in %s, keyboard only', (lang) => {
  it('finds a person’s cases, keeps whom they were for masked, and never puts the number in an address', async () => {
    const { page, addresses } = await agent(lang);
    await expectAccessible(page, `staff console (${lang})`);
    await searchFor(page, MAJA);
    expect(await page.locator('.searched-value').textContent()).toBe('19900321-••••');
    expect(await page.locator('.person-name').textContent()).toMatch(/\S/);
    // The count is the true one, and the table shows that many (they fit on one page).
    const rows = await rowCount(page);
    expect(rows).toBeGreaterThan(0);
    expect(await page.locator('.results-summary strong').textContent()).toContain(
      rows.toLocaleString(lang === 'ar' ? 'ar' : lang),
    );
    expect(await page.locator('#search').inputValue()).toBe('');
    await expectAccessible(page, `staff results by personnummer (${lang})`);
    await screenshot(page, 'staff-results', lang, true);
    await press(page, '.case-table a.case-link', (p) => p.startsWith('/staff/arenden/'));
    expect(await page.locator('.answer').isVisible()).toBe(true);
    const digits = MAJA.replace(/\D/g, '');
    for (const address of addresses) expect(address.replace(/\D/g, '')).not.toContain(digits.slice(2));
    expect((await page.content()).replace(/\D/g, '')).not.toContain(digits.slice(2));
    await page.context().close();
  }, 120_000);

  it('pages through many results, orders by a column header and filters the overdue', async () => {
    const { page } = await agent(lang);
    await searchFor(page, MANY);
    const pager = page.locator('.pager span');
    const [, , pages] = /(\d+)\D+(\d+)/.exec(asciiDigits((await pager.textContent()) ?? '')) ?? [];
    expect(Number(pages)).toBeGreaterThan(1);
    expect(await rowCount(page)).toBe(25);
    expect(await pager.textContent()).toBe(PAGE_OF[lang](1, Number(pages)));
    const first = await references(page);
    await press(page, '.pager button[value="2"]', (p) => p === '/staff/sok');
    expect(await pager.textContent()).toBe(PAGE_OF[lang](2, Number(pages)));
    const second = await references(page);
    expect(second.filter((r) => first.includes(r))).toEqual([]);
    await expectAccessible(page, `staff results, page 2 (${lang})`);

    await press(page, 'th button[value="reference-asc"]', (p) => p === '/staff/sok');
    expect(await page.locator('th[aria-sort="ascending"] button').getAttribute('value')).toBe(
      'reference-desc',
    );
    const ascending = await references(page);
    expect(ascending).toEqual([...ascending].sort());
    // A new order starts at its first page.
    expect(await pager.textContent()).toBe(PAGE_OF[lang](1, Number(pages)));

    await tabTo(page, '#f-forsenade');
    await page.keyboard.press('Space');
    await press(page, '.result-filters button[type="submit"]', (p) => p === '/staff/sok');
    expect(await page.locator('#f-forsenade').isChecked()).toBe(true);
    const overdue = await rowCount(page);
    expect(overdue).toBeGreaterThan(0);
    expect(await page.locator('.case-table tbody tr .badge-overdue').count()).toBe(overdue);
    // The order chosen is kept under the filter.
    expect(await page.locator('th[aria-sort="ascending"] button').getAttribute('value')).toBe(
      'reference-desc',
    );
    await expectAccessible(page, `staff results, overdue only (${lang})`);
    await page.context().close();
  }, 120_000);

  it('opens a case whose answer block is above the fold at 1280×800', async () => {
    const { page } = await agent(lang);
    await searchFor(page, MANY);
    await press(page, '.case-table a.case-link', (p) => p.startsWith('/staff/arenden/'));
    const answer = page.locator('section.answer');
    const box = await answer.boundingBox();
    expect(box).not.toBeNull();
    expect((box?.y ?? 0) + (box?.height ?? 0)).toBeLessThanOrEqual(800);
    // What a caller asks first, all inside it: status, who holds the ball, deadline, handler, last event.
    expect(await answer.locator('.status strong').isVisible()).toBe(true);
    expect(await answer.locator('dt').count()).toBeGreaterThanOrEqual(4);
    expect(await answer.locator('dd.handler').isVisible()).toBe(true);
    await expectAccessible(page, `staff case page (${lang})`);
    await screenshot(page, 'staff-case', lang, true);
    await page.context().close();
  }, 120_000);
});
