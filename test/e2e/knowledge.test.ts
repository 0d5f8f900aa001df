import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Language, t } from '../../pages/i18n.js';
import { launchBrowser } from '../support/browser.js';
import { type DemoHub, startDemoHub } from '../support/demo-hub.js';
import { expectAccessible, press, tabTo } from '../support/keyboard.js';
import { needs } from '../support/requirements.js';

/** A word only this language's run uses, so each run finds its own entry. */
const WORDS: Record<Language, string> = { sv: 'carport', en: 'friggebod', ar: 'växthus' };

describe.runIf(needs('chromium', import.meta.url))('the knowledge base in the browser', () => {
  let hub: DemoHub;
  let browser: Browser;

  beforeAll(async () => {
    [hub, browser] = await Promise.all([startDemoHub(), launchBrowser()]);
  }, 150_000);
  afterAll(async () => {
    await browser?.close();
    await hub?.stop();
  });

  async function signIn(lang: Language, persona: string): Promise<Page> {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    await page.goto(`${hub.url}/logga-in?lang=${lang}&next=/staff`);
    await press(page, `form:has(input[value="${persona}"]) button`, (p) => p === '/staff');
    return page;
  }

  /** On "Registrera fråga": the first topic (building permits) and the question. */
  async function startQuestion(page: Page, question: string): Promise<void> {
    await press(page, '.staff-nav a[href^="/staff/fragor/ny?"]', (p) => p === '/staff/fragor/ny');
    await tabTo(page, '#contact-topic');
    await page.keyboard.press('ArrowDown');
    await tabTo(page, '#contact-question');
    await page.keyboard.type(question);
  }

  it.each(['sv', 'en', 'ar'] as const)(
    'an answer becomes a reviewed entry that a second agent finds and uses, keyboard only (%s)',
    async (lang) => {
      const word = WORDS[lang];
      // Kim answers a caller and proposes the answer as an entry.
      const kim = await signIn(lang, 'infocenter');
      await startQuestion(kim, `Behöver jag bygglov för en ${word}?`);
      await tabTo(kim, '#contact-answer');
      await kim.keyboard.type(`En ${word} kräver oftast bygglov; fråga byggnadsnämnden.`);
      await press(kim, '#contact-save', (p) => /^\/staff\/fragor\/[0-9a-f-]{36}$/.test(p));
      await expectAccessible(kim, `answered contact (${lang})`);
      await press(kim, 'form[action*="/kunskap?"] button', (p) =>
        /^\/staff\/kunskap\/[0-9a-f-]{36}$/.test(p),
      );
      const entryPath = new URL(kim.url()).pathname;
      expect(await kim.getByRole('status').first().textContent()).toBe(t('knowledgeDoneProposed', lang));
      await expectAccessible(kim, `draft entry (${lang})`);
      await press(kim, 'form[action*="/skicka?"] button', (p) => p === entryPath);
      expect(await kim.getByRole('status').first().textContent()).toBe(t('knowledgeDoneSubmitted', lang));
      // Four eyes: the author may not approve her own text.
      await press(kim, 'form[action*="/publicera?"] button', (p) => p.endsWith('/publicera'));
      expect(await kim.getByRole('alert').textContent()).toContain(t('knowledgeFourEyes', lang));
      await expectAccessible(kim, `four-eyes refusal (${lang})`);
      await kim.context().close();

      // Sam reviews and publishes it.
      const sam = await signIn(lang, 'kc-umea-2');
      await press(sam, '.staff-nav a[href^="/staff/kunskap?"]', (p) => p === '/staff/kunskap');
      await expectAccessible(sam, `knowledge base (${lang})`);
      await press(sam, 'main a[href^="/staff/kunskap/granska?"]', (p) => p === '/staff/kunskap/granska');
      await expectAccessible(sam, `review queue (${lang})`);
      await press(sam, `a[href^="${entryPath}?"]`, (p) => p === entryPath);
      await press(sam, 'form[action*="/publicera?"] button', (p) => p === entryPath);
      expect(await sam.getByRole('status').first().textContent()).toBe(t('knowledgeDonePublished', lang));

      // Later, another caller: Sam finds the entry by search...
      await press(sam, '.staff-nav a[href^="/staff/kunskap?"]', (p) => p === '/staff/kunskap');
      await tabTo(sam, '#knowledge-q');
      await sam.keyboard.type(word);
      await Promise.all([sam.waitForEvent('load'), sam.keyboard.press('Enter')]);
      expect(await sam.locator(`main a[href^="${entryPath}?"]`).count()).toBe(1);
      await expectAccessible(sam, `search results (${lang})`);
      await press(sam, `main a[href^="${entryPath}?"]`, (p) => p === entryPath);
      expect(await sam.locator('.knowledge-answer').getAttribute('lang')).toBe('sv');
      await expectAccessible(sam, `published entry (${lang})`);

      // ...and, registering the question, takes the answer from the suggestions shown while typing.
      await startQuestion(sam, `${word} bygglov`);
      const use = sam.locator('#contact-suggestions button.use-entry');
      await use.first().waitFor({ state: 'visible', timeout: 10_000 });
      await expectAccessible(sam, `form with suggestions (${lang})`);
      await tabTo(sam, '#contact-suggestions button.use-entry');
      await sam.keyboard.press('Enter');
      expect(await sam.evaluate(() => document.activeElement?.id)).toBe('contact-answer');
      expect(await sam.locator('#contact-answer').inputValue()).toContain(`En ${word} kräver oftast bygglov`);
      expect(await sam.locator('#contact-knowledgeEntry').inputValue()).toBe(entryPath.split('/').pop());
      await press(sam, '#contact-save', (p) => /^\/staff\/fragor\/[0-9a-f-]{36}$/.test(p));
      expect(await sam.locator('main').textContent()).toContain(t('knowledgeUsedOnContact', lang));
      await expectAccessible(sam, `contact answered from the knowledge base (${lang})`);
      await sam.context().close();
    },
    180_000,
  );
});
