/// <reference lib="dom" />
/**
 * The unit head's statistics in a real browser against the real demo, keyboard only, in Swedish,
 * English and Arabic: a question answered during a call is counted on the first screen ("answered by
 * the center itself"), each chart has its table beside it with the same figures, the CSV is offered
 * for download, and axe (WCAG 2.1 A/AA) finds nothing.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Language } from '../../pages/i18n.js';
import { st } from '../../pages/stats-texts.js';
import { launchBrowser } from '../support/browser.js';
import { type DemoHub, startDemoHub } from '../support/demo-hub.js';
import { expectAccessible, press, tabTo } from '../support/keyboard.js';
import { needs } from '../support/requirements.js';

describe.runIf(needs('chromium', import.meta.url))('the statistics page in the browser', () => {
  let hub: DemoHub;
  let browser: Browser;

  beforeAll(async () => {
    [hub, browser] = await Promise.all([startDemoHub(), launchBrowser()]);
  }, 150_000);
  afterAll(async () => {
    await browser?.close();
    await hub?.stop();
  });

  it.each(['sv', 'en', 'ar'] as const)(
    'counts a question answered during the call, keyboard only (%s)',
    async (lang: Language) => {
      const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
      const page = await context.newPage();
      await page.goto(`${hub.url}/logga-in?lang=${lang}&next=/staff`);
      await press(page, 'form:has(input[value="infocenter"]) button', (p) => p === '/staff');

      // A question answered during the call.
      await press(page, '.staff-nav a[href^="/staff/fragor/ny?"]', (p) => p === '/staff/fragor/ny');
      await tabTo(page, '#contact-topic');
      await page.keyboard.press('ArrowDown');
      await tabTo(page, '#contact-question');
      await page.keyboard.type('Hur lång är handläggningstiden för bygglov?');
      await tabTo(page, '#contact-answer');
      await page.keyboard.type('Tio veckor från komplett ansökan.');
      await press(page, '#contact-save', (p) => /^\/staff\/fragor\/[0-9a-f-]{36}$/.test(p));

      // The unit head's page, from the staff navigation.
      await press(page, '.staff-nav a[href^="/staff/statistik?"]', (p) => p === '/staff/statistik');
      expect(await page.locator('h1').textContent()).toBe(st('statsTitle', lang));
      const firstScreen = page.locator('dl.first-screen').first();
      expect(await firstScreen.textContent()).toContain(st('shareAnswered', lang));
      expect(await firstScreen.textContent()).toContain(st('shareHandled', lang));
      // Every chart is an image with a name, and the table beside it carries its figures.
      const charts = page.locator('svg[role="img"]');
      expect(await charts.count()).toBeGreaterThan(0);
      for (const chart of await charts.all()) expect(await chart.locator('title').count()).toBe(1);
      expect(await page.locator('table.chart-table').count()).toBe(await charts.count());
      expect(await page.locator('a[href^="/staff/statistik.csv?"]').getAttribute('download')).not.toBeNull();

      await expectAccessible(page, `statistics (${lang})`);

      // The filter works from the keyboard: weeks instead of months.
      await tabTo(page, '#period');
      await page.keyboard.press('ArrowDown');
      await press(page, 'form[action="/staff/statistik"] button', (p) => p === '/staff/statistik');
      expect(new URL(page.url()).searchParams.get('period')).toBe('week');
      await context.close();
    },
    90_000,
  );
});
