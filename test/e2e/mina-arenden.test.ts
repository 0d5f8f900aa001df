/// <reference lib="dom" />
/**
 * A resident's own cases in a real browser against the real demo, keyboard only, in Swedish, English
 * and Arabic: the list (ongoing first, grouped under municipality and domain, a page at a time, "Visa
 * fler" without script) and a case page (history oldest first, no internal system names, the legal
 * basis in the page's language); axe (WCAG 2.1 A/AA) on every page, and the README's screenshots.
 */
import { mkdirSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Language, t } from '../../pages/i18n.js';
import { launchBrowser } from '../support/browser.js';
import { type DemoHub, startDemoHub } from '../support/demo-hub.js';
import { expectAccessible, press, tabTo } from '../support/keyboard.js';
import { needs } from '../support/requirements.js';

const SHOTS = new URL(
  process.env.ARENDENAV_UPDATE_SCREENSHOTS === '1' ? '../../docs/screenshots/' : '../../.tmp/screenshots/',
  import.meta.url,
).pathname;
const LANGS = ['sv', 'en', 'ar'] as const;
/** The legal basis of a building permit as the ByggR mapping gives it, per language. */
const BASIS: Record<Language, RegExp> = {
  sv: /^PBL 9 kap\. (27|45) §/,
  en: /^Planning and Building Act, ch\. 9 s\. (27|45)/,
  ar: /^قانون التخطيط والبناء، الفصل 9 المادة (27|45)/,
};

describe.runIf(needs('chromium', import.meta.url))('Mina ärenden in the browser', () => {
  let hub: DemoHub;
  let browser: Browser;

  beforeAll(async () => {
    [hub, browser] = await Promise.all([startDemoHub(), launchBrowser()]);
  }, 150_000);
  afterAll(async () => {
    await browser?.close();
    await hub?.stop();
  });

  async function screenshot(page: Page, name: string, lang: Language): Promise<void> {
    if (lang === 'en') return;
    mkdirSync(SHOTS, { recursive: true });
    await page.screenshot({ path: `${SHOTS}${name}-${lang}.png`, fullPage: true });
  }

  it.each(LANGS)(
    'a resident finds ongoing cases first and reads one, keyboard only (%s)',
    async (lang) => {
      const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
      const page = await context.newPage();
      await page.goto(`${hub.url}/logga-in?lang=${lang}&next=/mina-arenden`);
      await press(page, 'form:has(input[value="medborgare"]) button', (p) => p === '/mina-arenden');

      // The list: ongoing before closed, each under municipality (h3) and domain (h4) headings.
      const outline = await page.locator('main h2, main h3, main h4').allTextContents();
      const ongoingAt = outline.indexOf(t('ongoingCases', lang));
      expect(ongoingAt).toBeGreaterThanOrEqual(0);
      expect(ongoingAt).toBeLessThan(outline.indexOf(t('finishedCases', lang)));
      // The demo resident's cases may all be closed: then the ongoing part says so, and still comes first.
      const ongoingCards = await page.locator('#pagaende ~ section .case-card').count();
      if (ongoingCards === 0)
        expect(await page.locator('#pagaende + p').textContent()).toBe(t('noOngoing', lang));
      const firstGroup = page.locator('.cases-part section.municipality').first();
      expect(await firstGroup.locator('h3').textContent()).toMatch(
        lang === 'ar' ? /^بلدية / : lang === 'en' ? / Municipality$/ : / kommun$/,
      );
      expect(await firstGroup.locator('h4').count()).toBeGreaterThan(0);
      // A page, not everything: at most ten ongoing and five closed cards.
      expect(await page.locator('#pagaende ~ section .case-card').count()).toBeLessThanOrEqual(10);
      expect(await page.locator('#avslutade ~ section .case-card').count()).toBeLessThanOrEqual(5);
      const height = await page.evaluate(() => document.documentElement.scrollHeight);
      expect(height, 'the first page of Mina ärenden stays short').toBeLessThan(7_000);
      await expectAccessible(page, `Mina ärenden (${lang})`);
      await screenshot(page, 'mina-arenden', lang);

      // "Visa fler", when the resident has more, is a plain link to the next page of that part.
      if ((await page.locator('#pagaende ~ p.more a').count()) > 0) {
        await press(page, '#pagaende ~ p.more a', (p) => p === '/mina-arenden');
        expect(new URL(page.url()).searchParams.get('visa')).toBe('pagaende');
        expect(await page.locator('#avslutade').count()).toBe(0);
        await expectAccessible(page, `Mina ärenden, more ongoing (${lang})`);
        await press(page, `main a[href="/mina-arenden?lang=${lang}"]`, (p) => p === '/mina-arenden');
      }

      // A building permit: its history oldest first, the basis in the page's language.
      await press(page, '.cases-part h4[id$="-building_permit"] + ul a', (p) =>
        /^\/mina-arenden\/arenden\/[0-9a-f-]{36}$/.test(p),
      );
      const times = await page
        .locator('ol.timeline time')
        .evaluateAll((els) => els.map((e) => Date.parse(e.getAttribute('datetime') ?? '')));
      expect(times.length).toBeGreaterThan(0);
      expect(times).toEqual([...times].sort((a, b) => a - b));
      expect(await page.locator('ol.timeline[reversed]').count()).toBe(0);
      const main = (await page.locator('main').textContent()) ?? '';
      expect(main.toLowerCase()).not.toContain('byggr');
      expect(main).toContain(t('fetchedAgoCitizen', lang, { ago: '' }).split(' ').slice(0, 2).join(' '));
      const basis = page.locator('.basis');
      if ((await basis.count()) > 0) {
        expect(await basis.textContent()).toMatch(BASIS[lang]);
        expect(await basis.getAttribute('lang')).toBeNull();
      }
      expect(await page.locator('#status-heading').textContent()).toBe(t('statusHeading', lang));
      // Nothing about other people: no parties on a resident's page.
      expect(await page.locator('#parties-heading').count()).toBe(0);
      await expectAccessible(page, `a resident's case page (${lang})`);
      await screenshot(page, 'mina-arenden-case', lang);

      await tabTo(page, `main a[href="/mina-arenden?lang=${lang}"]`);
      await Promise.all([page.waitForEvent('load'), page.keyboard.press('Enter')]);
      expect(new URL(page.url()).pathname).toBe('/mina-arenden');
      await context.close();
    },
    120_000,
  );
});
