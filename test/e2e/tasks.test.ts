/// <reference lib="dom" />
/**
 * Owned until answered in a real browser against the real demo, keyboard only, in Swedish, English and
 * Arabic: an agent registers a callback promise and forwards it to the building committee, the office's
 * officer finds it under "Mina uppgifter" and answers it, and the agent sees the answer and closes the
 * question; axe (WCAG 2.1 A/AA) on every page on the way, and no personnummer in any address asked for.
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

describe.runIf(needs('chromium', import.meta.url))('forwarded questions in the browser', () => {
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

  async function signIn(page: Page, persona: string, next: string, lang: Language): Promise<void> {
    await page.goto(`${hub.url}/logga-in?lang=${lang}&next=${next}`);
    await press(page, `form:has(input[value="${persona}"]) button`, (p) => p === next);
  }

  const status = async (page: Page) => (await page.getByRole('status').first().textContent())?.trim();

  it.each(LANGS)(
    'an agent forwards a question, the office answers it, the agent closes it, keyboard only (%s)',
    async (lang) => {
      const agentContext = await browser.newContext({ viewport: { width: 1280, height: 900 } });
      const officerContext = await browser.newContext({ viewport: { width: 1280, height: 900 } });
      const addresses: string[] = [];
      agentContext.on('request', (request) => addresses.push(request.url()));
      officerContext.on('request', (request) => addresses.push(request.url()));
      const agent = await agentContext.newPage();
      const officer = await officerContext.newPage();

      // A question the agent cannot answer during the call: a callback promise.
      await signIn(agent, 'infocenter', '/staff/fragor/ny', lang);
      await tabTo(agent, '#contact-topic');
      await agent.keyboard.press('ArrowDown');
      await tabTo(agent, '#contact-question');
      await agent.keyboard.type('Behöver jag bygglov för en altan?');
      await tabTo(agent, 'input[name="outcome"]:checked');
      await agent.keyboard.press('ArrowDown');
      await tabTo(agent, '#contact-personnummer');
      await agent.keyboard.type(MAJA);
      await press(agent, '#contact-save', (p) => /^\/staff\/fragor\/[0-9a-f-]{36}$/.test(p));
      const contactPath = new URL(agent.url()).pathname;

      // Forwarded too early: each problem in the summary and beside its field.
      await press(agent, '#forward-heading ~ form button[type="submit"]', (p) => p.startsWith(contactPath));
      expect(await agent.locator('.error-summary').isVisible()).toBe(true);
      expect(await agent.locator('#forward-office').getAttribute('aria-invalid')).toBe('true');
      expect(await agent.locator('#forward-note').getAttribute('aria-invalid')).toBe('true');
      await expectAccessible(agent, `forward form with errors (${lang})`);

      await tabTo(agent, '#forward-office');
      await agent.keyboard.press('ArrowDown');
      expect(await agent.locator('#forward-office').inputValue()).toBe('BN');
      await tabTo(agent, '#forward-note');
      await agent.keyboard.type('Är en altan på 20 m² bygglovspliktig i detaljplanen?');
      await screenshot(agent, 'contact-forward', lang);
      await press(agent, '#forward-heading ~ form button[type="submit"]', (p) => p === contactPath);
      expect(await status(agent)).toBe(t('forwardedNotice', lang));
      expect(await agent.locator('#tasks-heading ~ ol').textContent()).toContain(t('taskOpen', lang));
      await expectAccessible(agent, `forwarded contact (${lang})`);

      // The office: "Mina uppgifter", open tasks first, so the newest open one leads.
      await signIn(officer, 'bygglov', '/staff/uppgifter', lang);
      await expectAccessible(officer, `my tasks (${lang})`);
      await screenshot(officer, 'my-tasks', lang);
      await press(officer, '.case-list a', (p) => /^\/staff\/uppgifter\/[0-9a-f-]{36}$/.test(p));
      expect(await officer.locator('main').textContent()).toContain('Behöver jag bygglov för en altan?');
      await expectAccessible(officer, `task page (${lang})`);
      await tabTo(officer, '#task-answer');
      await officer.keyboard.type('Nej, en altan under 1,8 m höjd behöver inget lov i planen.');
      await screenshot(officer, 'task-answer', lang);
      await press(officer, 'form[action*="/svara"] button', (p) => p === '/staff/uppgifter');
      expect(await status(officer)).toBe(t('taskAnsweredNotice', lang));
      await expectAccessible(officer, `my tasks after answering (${lang})`);

      // Back at the centre: the answer is on the contact; the agent calls back and closes it as forwarded.
      await press(agent, '.staff-nav a[href^="/staff/fragor?"]', (p) => p === '/staff/fragor');
      await press(agent, `a[href^="${contactPath}?"]`, (p) => p === contactPath);
      const tasks = await agent.locator('#tasks-heading ~ ol').textContent();
      expect(tasks).toContain('Nej, en altan under 1,8 m höjd behöver inget lov i planen.');
      expect(tasks).toContain(t('taskAnswered', lang));
      await expectAccessible(agent, `contact with the office's answer (${lang})`);
      await screenshot(agent, 'contact-task-answered', lang);
      expect(await agent.locator('input[name="outcome"]:checked').getAttribute('value')).toBe('forwarded');
      await press(agent, 'form[action*="/avsluta"] button', (p) => p === contactPath);
      expect(await status(agent)).toBe(t('contactClosedNotice', lang));
      expect(await agent.locator('#contact-facts-heading ~ .facts').textContent()).toContain(
        t('outcomeForwarded', lang),
      );
      await expectAccessible(agent, `closed forwarded contact (${lang})`);

      for (const address of addresses) {
        expect(address.replace(/\D/g, '')).not.toContain(MAJA.replace(/\D/g, '').slice(2));
      }
      await agentContext.close();
      await officerContext.close();
    },
    120_000,
  );
});
