/// <reference lib="dom" />
/**
 * "Aviseringar" in a real browser against the real demo (with a loopback SMTP server, so e-mail is
 * offered), keyboard only, in Swedish, English and Arabic: the citizen goes from their case list to the
 * page, chooses e-mail with an address and the message's language, is told it is saved, and sees an
 * error beside the field when the address is missing; axe (WCAG 2.1 A/AA) on every page on the way.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Language, t } from '../../pages/i18n.js';
import { launchBrowser } from '../support/browser.js';
import { type DemoHub, startDemoHub } from '../support/demo-hub.js';
import { expectAccessible, press, tabTo } from '../support/keyboard.js';
import { needs } from '../support/requirements.js';
import { startSmtpSink } from '../support/smtp-sink.js';

const LANGS = ['sv', 'en', 'ar'] as const;
const PATH = '/mina-arenden/aviseringar';
/** The language each run chooses for its messages, and the arrow presses from the page's own language. */
const CHOICE: Record<Language, { language: Language; key: 'ArrowDown' | 'ArrowUp'; presses: number }> = {
  sv: { language: 'en', key: 'ArrowDown', presses: 1 },
  en: { language: 'ar', key: 'ArrowDown', presses: 1 },
  ar: { language: 'sv', key: 'ArrowUp', presses: 2 },
};

describe.runIf(needs('chromium', import.meta.url))('notification choice in the browser', () => {
  let hub: DemoHub;
  let browser: Browser;
  let smtp: Awaited<ReturnType<typeof startSmtpSink>>;

  beforeAll(async () => {
    smtp = await startSmtpSink();
    [hub, browser] = await Promise.all([startDemoHub({ env: { SMTP_URL: smtp.url } }), launchBrowser()]);
  }, 150_000);
  afterAll(async () => {
    await browser?.close();
    await hub?.stop();
    await smtp?.close();
  });

  const status = async (page: Page) => (await page.getByRole('status').first().textContent())?.trim();

  it.each(LANGS)('a citizen chooses e-mail and a language, keyboard only (%s)', async (lang) => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    await page.goto(`${hub.url}/logga-in?lang=${lang}&next=/mina-arenden`);
    await press(page, 'form:has(input[value="medborgare"]) button', (p) => p === '/mina-arenden');
    await press(page, `a[href="${PATH}?lang=${lang}"]`, (p) => p === PATH);
    expect(await page.locator('h1').textContent()).toBe(t('notifyTitle', lang));
    expect(await page.getAttribute('html', 'dir')).toBe(lang === 'ar' ? 'rtl' : 'ltr');
    await expectAccessible(page, `notifications (${lang})`);

    // E-mail without an address: the error stands beside the field and in the summary.
    await tabTo(page, '#notify-channel-email');
    await page.keyboard.press('Space');
    await tabTo(page, '#notify-email');
    await page.keyboard.press('Control+A');
    await page.keyboard.press('Delete');
    await press(page, 'form button[type="submit"]', (p) => p === PATH);
    expect(await page.locator('#notify-email-error').textContent()).toContain(
      t('errorNotifyEmailMissing', lang),
    );
    expect(await page.getAttribute('#notify-email', 'aria-invalid')).toBe('true');
    await expectAccessible(page, `notifications with an error (${lang})`);

    await tabTo(page, '#notify-email');
    await page.keyboard.type('maja.testberg@example.se');
    await tabTo(page, '#notify-language');
    const choice = CHOICE[lang];
    for (let i = 0; i < choice.presses; i++) await page.keyboard.press(choice.key);
    await press(page, 'form button[type="submit"]', (p) => p === PATH);
    expect(await status(page)).toBe(t('notifySaved', lang));
    expect(await page.isChecked('#notify-channel-email')).toBe(true);
    expect(await page.inputValue('#notify-email')).toBe('maja.testberg@example.se');
    expect(await page.inputValue('#notify-language')).toBe(choice.language);
    await expectAccessible(page, `notifications saved (${lang})`);
    // Choosing sends nothing by itself.
    expect(smtp.received).toHaveLength(0);
    await context.close();
  });
});
