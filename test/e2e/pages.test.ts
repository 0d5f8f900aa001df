/// <reference lib="dom" />
/**
 * The pages in a real browser against the real demo: staff and citizen flows, Arabic right to
 * left, keyboard only, axe (WCAG 2.1 A/AA) on every page in every language, and the screenshots
 * the README shows.
 */
import { mkdirSync } from 'node:fs';
import AxeBuilder from '@axe-core/playwright';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser } from '../support/browser.js';
import { type DemoHub, startDemoHub } from '../support/demo-hub.js';

// The README's screenshots are rewritten only on request (`npm run screenshots`), so a test run leaves
// the work tree as it found it; otherwise they go to .tmp/ for a look after the run.
const SHOTS = new URL(
  process.env.ARENDENAV_UPDATE_SCREENSHOTS === '1' ? '../../docs/screenshots/' : '../../.tmp/screenshots/',
  import.meta.url,
).pathname;
const LANGS = ['sv', 'en', 'ar'] as const;
type Lang = (typeof LANGS)[number];
/** The demo citizen (Skatteverket test series, demo/personas.ts). */
const MAJA = '19900321-2389';

let hub: DemoHub;
let browser: Browser;

beforeAll(async () => {
  [hub, browser] = await Promise.all([startDemoHub(), launchBrowser()]);
}, 150_000);
afterAll(async () => {
  await browser?.close();
  await hub?.stop();
});

async function newPage(): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  return context.newPage();
}

async function signIn(persona: string, lang: Lang = 'sv', next = ''): Promise<Page> {
  const page = await newPage();
  await page.goto(`${hub.url}/logga-in?lang=${lang}${next ? `&next=${next}` : ''}`);
  await page.locator(`form:has(input[name="persona"][value="${persona}"]) button`).click();
  return page;
}

async function search(page: Page, text: string): Promise<void> {
  await page.locator('#search').fill(text);
  await page.locator('.search-form button[type="submit"]').click();
  await page.waitForLoadState();
}

async function expectAccessible(page: Page, name: string): Promise<void> {
  const { violations } = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
    .analyze();
  const summary = violations.map(
    (v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`,
  );
  expect(summary, `${name} has accessibility violations`).toEqual([]);
}

async function screenshot(page: Page, name: string, lang: Lang): Promise<void> {
  if (lang === 'en') return;
  mkdirSync(SHOTS, { recursive: true });
  // Lists are shown by their top; a case page in full.
  await page.screenshot({ path: `${SHOTS}${name}-${lang}.png`, fullPage: name.endsWith('case') });
}

describe('staff in the browser', () => {
  it('searches by case number and opens the case', async () => {
    const page = await signIn('infocenter');
    expect(new URL(page.url()).pathname).toBe('/staff');
    await search(page, hub.sampleReference);
    await expect
      .poll(() => page.getByRole('status').first().textContent())
      .toContain('Sökt som diarienummer');
    await page.locator('.case-table a.case-link').first().click();
    expect(await page.locator('.meta .reference').textContent()).toBe(hub.sampleReference);
    expect(await page.getByRole('heading', { name: 'Var står ärendet?' }).isVisible()).toBe(true);
    expect(await page.getByRole('heading', { name: 'Händelser' }).isVisible()).toBe(true);
    await page.context().close();
  });

  it('searches by personnummer without the number ever appearing in an address', async () => {
    const page = await signIn('infocenter');
    const addresses: string[] = [];
    page.on('request', (request) => addresses.push(request.url()));
    await search(page, MAJA);
    expect(await page.getByRole('status').first().textContent()).toContain('Sökt som personnummer');
    expect(await page.locator('.case-table tbody tr').count()).toBeGreaterThan(0);
    expect(await page.locator('#search').inputValue()).toBe('');
    await page.locator('.case-table a.case-link').first().click();
    expect(await page.getByRole('heading', { level: 1 }).isVisible()).toBe(true);
    const digits = MAJA.replace(/\D/g, '');
    for (const address of addresses) {
      expect(address.replace(/\D/g, '')).not.toContain(digits.slice(2));
    }
    await page.context().close();
  });

  it('can be used with the keyboard alone, with focus always visible', async () => {
    const page = await newPage();
    await page.goto(`${hub.url}/logga-in?next=/staff`);
    const tabTo = async (selector: string) => {
      for (let i = 0; i < 40; i++) {
        await page.keyboard.press('Tab');
        if (await page.evaluate((sel) => document.activeElement?.matches(sel) ?? false, selector)) {
          const outline = await page.evaluate(
            () => getComputedStyle(document.activeElement as Element).outlineStyle,
          );
          expect(outline, `focus on ${selector} is visible`).not.toBe('none');
          return;
        }
      }
      throw new Error(`${selector} cannot be reached with Tab`);
    };
    await tabTo('form:has(input[value="infocenter"]) button');
    await page.keyboard.press('Enter');
    await page.waitForURL((url) => url.pathname === '/staff');
    // The skip link is the first stop and moves focus to the content.
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.className)).toBe('skip-link');
    await page.keyboard.press('Enter');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('main');
    await tabTo('#search');
    await page.keyboard.type(hub.sampleReference);
    await page.keyboard.press('Enter');
    await page.waitForURL((url) => url.pathname === '/staff/sok');
    await tabTo('.case-table a.case-link');
    await page.keyboard.press('Enter');
    await page.waitForURL((url) => url.pathname.startsWith('/staff/arenden/'));
    expect(await page.locator('.meta .reference').textContent()).toBe(hub.sampleReference);
    await page.context().close();
  });
});

// A resident's list and case page: test/e2e/mina-arenden.test.ts (keyboard only, every language, screenshots).

describe('languages', () => {
  it('switches to Arabic and renders right to left', async () => {
    const page = await newPage();
    await page.goto(hub.url);
    await page.getByRole('link', { name: 'العربية' }).click();
    expect(await page.locator('html').getAttribute('dir')).toBe('rtl');
    expect(await page.locator('html').getAttribute('lang')).toBe('ar');
    expect(await page.evaluate(() => getComputedStyle(document.body).direction)).toBe('rtl');
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Ärendenav');
    expect(await page.getByRole('link', { name: 'قضاياي' }).isVisible()).toBe(true);
    await page.context().close();
  });
});

describe('every page in every language', () => {
  it.each(LANGS)(
    'passes axe (WCAG 2.1 A and AA) in %s and is photographed',
    async (lang) => {
      const page = await newPage();
      await page.goto(`${hub.url}/?lang=${lang}`);
      await expectAccessible(page, `start page (${lang})`);
      await screenshot(page, 'start', lang);
      await page.goto(`${hub.url}/logga-in?lang=${lang}`);
      await expectAccessible(page, `sign-in (${lang})`);
      await screenshot(page, 'sign-in', lang);
      await page.context().close();

      const staff = await signIn('infocenter', lang);
      await expectAccessible(staff, `staff console (${lang})`);
      await search(staff, '19900321-2388');
      expect(await staff.locator('.error-summary').isVisible()).toBe(true);
      await expectAccessible(staff, `staff search error (${lang})`);
      await search(staff, MAJA);
      await expectAccessible(staff, `staff results (${lang})`);
      // The staff screenshots are taken by test/e2e/staff-console.test.ts, at 1280×800.
      await staff.locator('.case-table a.case-link').first().click();
      await expectAccessible(staff, `staff case page (${lang})`);
      await staff.context().close();

      const citizen = await signIn('medborgare', lang);
      await expectAccessible(citizen, `Mina ärenden (${lang})`);
      await citizen.locator('.case-list a').first().click();
      await expectAccessible(citizen, `citizen case page (${lang})`);
      await citizen.goto(`${hub.url}/mina-arenden/arenden/00000000-0000-5000-8000-000000000000?lang=${lang}`);
      await expectAccessible(citizen, `not-found page (${lang})`);
      await citizen.context().close();
    },
    120_000,
  );
});
