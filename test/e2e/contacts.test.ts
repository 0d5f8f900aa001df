/// <reference lib="dom" />
/**
 * The contact register's console pages in a real browser against the real demo, keyboard only, in
 * Swedish, English and Arabic: an agent on a call registers a question from the case page, finds it
 * in "Mina uppföljningar", answers and closes it; axe (WCAG 2.1 A/AA) on every page on the way, and
 * no personnummer or callback number in any address the browser asked for.
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
/** The demo citizen (Skatteverket test series, demo/personas.ts). */
const MAJA = '19900321-2389';
const CALLBACK = '070-174 06 55';

describe.runIf(needs('chromium', import.meta.url))('the contact register in the browser', () => {
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
    'an agent registers a question during a call, follows it up and closes it, keyboard only (%s)',
    async (lang) => {
      const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
      const page = await context.newPage();
      const addresses: string[] = [];
      page.on('request', (request) => addresses.push(request.url()));
      await page.goto(`${hub.url}/logga-in?lang=${lang}&next=/staff`);
      await press(page, 'form:has(input[value="infocenter"]) button', (p) => p === '/staff');

      // During the call: find the caller's case and register the question from its page.
      await tabTo(page, '#search');
      await page.keyboard.type(hub.sampleReference);
      await Promise.all([
        page.waitForURL((url) => url.pathname === '/staff/sok'),
        page.keyboard.press('Enter'),
      ]);
      await press(page, '.case-table a.case-link', (p) => p.startsWith('/staff/arenden/'));
      await press(page, 'main a[href*="arende="]', (p) => p === '/staff/fragor/ny');
      expect(await page.locator('.contact-form .reference').textContent()).toBe(hub.sampleReference);
      await expectAccessible(page, `contact form (${lang})`);

      // Saved too early: each problem is named in the summary and beside its field.
      await press(page, '#contact-save', (p) => p === '/staff/fragor');
      expect(await page.locator('.error-summary').isVisible()).toBe(true);
      expect(await page.locator('#contact-question').getAttribute('aria-invalid')).toBe('true');
      await expectAccessible(page, `contact form with errors (${lang})`);

      await tabTo(page, '#contact-topic');
      await page.keyboard.press('ArrowDown');
      expect(await page.locator('#contact-topic').inputValue()).toBe('bygglov');
      await tabTo(page, '#contact-question');
      await page.keyboard.type('När kommer beslutet om garaget?');
      // The checked radio takes focus; the arrow moves the choice to "callback promised".
      await tabTo(page, 'input[name="outcome"]:checked');
      await page.keyboard.press('ArrowDown');
      expect(await page.locator('input[name="outcome"]:checked').getAttribute('value')).toBe(
        'callback_promised',
      );
      await tabTo(page, '#contact-callbackNumber');
      await page.keyboard.type(CALLBACK);
      await tabTo(page, '#contact-personnummer');
      await page.keyboard.type(MAJA);
      await screenshot(page, 'contact-form', lang);
      await press(page, '#contact-save', (p) => /^\/staff\/fragor\/[0-9a-f-]{36}$/.test(p));
      const contactPath = new URL(page.url()).pathname;
      expect(await page.getByRole('status').first().textContent()).toBe(t('contactSaved', lang));
      expect(await page.locator('main').textContent()).toContain(t('contactCallbackSaved', lang));
      expect(await page.locator('main').textContent()).toContain(t('contactPersonKnown', lang));
      await expectAccessible(page, `contact page (${lang})`);

      // Later: the question is in my follow-ups.
      await press(page, '.staff-nav a[href^="/staff/fragor?"]', (p) => p === '/staff/fragor');
      expect(await page.locator(`a[href^="${contactPath}?"]`).count()).toBe(1);
      await expectAccessible(page, `my follow-ups (${lang})`);
      await screenshot(page, 'my-follow-ups', lang);
      await press(page, `a[href^="${contactPath}?"]`, (p) => p === contactPath);

      await tabTo(page, '#contact-answer');
      await page.keyboard.type('Beslut väntas vecka 24; ringde tillbaka.');
      await press(page, 'form[action*="/svara"] button', (p) => p === contactPath);
      expect(await page.getByRole('status').first().textContent()).toBe(t('contactAnsweredNotice', lang));
      await tabTo(page, 'input[name="outcome"]:checked');
      await page.keyboard.press('ArrowDown');
      await press(page, 'form[action*="/avsluta"] button', (p) => p === contactPath);
      expect(await page.getByRole('status').first().textContent()).toBe(t('contactClosedNotice', lang));
      const facts = await page.locator('.facts').textContent();
      expect(facts).toContain(t('contactClosedState', lang));
      expect(facts).toContain(t('outcomeCallbackPromised', lang));
      expect(facts).toContain(t('contactCallbackNone', lang));
      await expectAccessible(page, `closed contact (${lang})`);
      await screenshot(page, 'contact-closed', lang);

      await press(page, '.staff-nav a[href^="/staff/fragor?"]', (p) => p === '/staff/fragor');
      expect(await page.locator(`a[href^="${contactPath}?"]`).count()).toBe(0);

      for (const address of addresses) {
        const digits = address.replace(/\D/g, '');
        expect(digits).not.toContain(MAJA.replace(/\D/g, '').slice(2));
        expect(digits).not.toContain(CALLBACK.replace(/\D/g, ''));
      }
      await context.close();
    },
    120_000,
  );
});
