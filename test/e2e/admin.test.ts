/// <reference lib="dom" />
/**
 * The admin console in a real browser against the real demo, keyboard only, in Swedish, English and
 * Arabic: the admin lands on /admin after signing in, resyncs the social-services export source and
 * finds the record its mapping refused in the quarantine (reasons, no contents), retries it and
 * dry-runs the mapping on it, looks up who read a case in the audit log, and registers a webhook whose
 * signing secret is shown once; axe (WCAG 2.1 A/AA) on every page on the way.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Language, t } from '../../pages/i18n.js';
import { createOmsorgData } from '../../simulators/case-data/index.js';
import { writeOmsorgExport } from '../../simulators/omsorg/export-file.js';
import { launchBrowser } from '../support/browser.js';
import { type DemoHub, startDemoHub } from '../support/demo-hub.js';
import { expectAccessible, press, tabTo } from '../support/keyboard.js';
import { needs } from '../support/requirements.js';

const SHOTS = new URL(
  process.env.ARENDENAV_UPDATE_SCREENSHOTS === '1' ? '../../docs/screenshots/' : '../../.tmp/screenshots/',
  import.meta.url,
).pathname;
const LANGS = ['sv', 'en', 'ar'] as const;
const SOURCE = 'umea-omsorg-export';

describe.runIf(needs('chromium', import.meta.url))('the admin console in the browser', () => {
  let hub: DemoHub;
  let browser: Browser;
  /** One refused record per language, so each run retries its own. */
  const refused: Partial<Record<Language, string>> = {};
  let caseId: string;

  beforeAll(async () => {
    [hub, browser] = await Promise.all([startDemoHub(), launchBrowser()]);
    // A night's export in which three cases carry a status code the mapping does not know.
    const data = createOmsorgData({ seed: 16, cases: 5, firstNumber: 9000 });
    for (const [i, lang] of LANGS.entries()) {
      const id = data.list()[i]?.['@id'] as string;
      data.injectUnknownStatus({ id });
      refused[lang] = id;
    }
    await writeOmsorgExport(join(hub.dataDir, 'omsorg-inbox'), data.list());
    // An information-center read of a case, for the audit search to find.
    const staff = await hub.token('infocenter');
    const found = await fetch(`${hub.url}/api/v1/cases/search`, {
      method: 'POST',
      headers: { authorization: `Bearer ${staff}`, 'content-type': 'application/json' },
      body: JSON.stringify({ reference: hub.sampleReference }),
    });
    caseId = ((await found.json()) as { items: { id: string }[] }).items[0]?.id as string;
    expect(
      (await fetch(`${hub.url}/api/v1/cases/${caseId}`, { headers: { authorization: `Bearer ${staff}` } }))
        .status,
    ).toBe(200);
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

  const status = async (page: Page) => (await page.getByRole('status').first().textContent())?.trim();

  it.each(LANGS)(
    'sources, quarantine, retry, dry run, audit by case and a webhook, keyboard only (%s)',
    async (lang) => {
      const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
      const page = await context.newPage();
      const record = refused[lang] as string;

      // Signing in lands on the console.
      await page.goto(`${hub.url}/logga-in?lang=${lang}`);
      await press(page, 'form:has(input[value="admin"]) button', (p) => p === '/admin');
      expect(await page.locator('h1').textContent()).toBe(t('adminTitle', lang));
      expect(await page.locator(`#source-${SOURCE}`).count()).toBe(1);
      // Only Umeå's sources: Vännäs's ByggR is another municipality's.
      expect(await page.locator('#source-vannas-byggr').count()).toBe(0);
      await expectAccessible(page, `admin console (${lang})`);

      // Resync the export source: the night's file is read and the unknown statuses quarantined.
      await press(page, `form[action^="/admin/kallor/${SOURCE}/synka"] button`, (p) => p.endsWith('/synka'));
      expect(await status(page)).toContain(SOURCE);
      await screenshot(page, 'admin-sources', lang);

      await press(page, `a[href^="/admin/kallor/${SOURCE}/karantan"]`, (p) => p.endsWith('/karantan'));
      const row = page.locator('tr', { has: page.locator(`th:text-is("${record}")`) });
      expect(await row.locator('td').first().textContent()).toContain('status');
      await expectAccessible(page, `quarantine (${lang})`);

      // Retry: the mapping still refuses it, and says so.
      await press(
        page,
        `form[action^="/admin/kallor/${SOURCE}/forsok-igen"]:has(input[value="${record}"]) button`,
        (p) => p.endsWith('/forsok-igen'),
      );
      expect(await status(page)).toBe(t('retryRefused', lang, { record }));
      await screenshot(page, 'admin-quarantine', lang);
      await expectAccessible(page, `quarantine after a retry (${lang})`);

      // Dry run: field names, classes and masked values, and why it is refused.
      await press(
        page,
        `form[action^="/admin/kallor/${SOURCE}/provkor"]:has(input[value="${record}"]) button`,
        (p) => p.endsWith('/provkor'),
      );
      expect(await page.locator('#dry-run-result').textContent()).toBe(t('dryRunRefused', lang));
      expect(await page.locator('table.dry-run tbody tr').count()).toBeGreaterThan(5);
      await expectAccessible(page, `dry run (${lang})`);

      // The audit log: who read the case.
      await press(page, '.staff-nav a[href^="/admin/logg?"]', (p) => p === '/admin/logg');
      await tabTo(page, '#audit-arende');
      await page.keyboard.type(caseId);
      await press(page, '#audit-arende-submit', (p) => p === '/admin/logg/arende');
      const entries = page.locator('table.audit-entries tbody tr');
      expect(await entries.count()).toBeGreaterThan(0);
      expect(await page.locator('table.audit-entries').textContent()).toContain('case.read');
      await screenshot(page, 'admin-audit', lang);
      await expectAccessible(page, `audit by case (${lang})`);

      // A webhook: its secret is shown once.
      await press(page, '.staff-nav a[href^="/admin/webhooks?"]', (p) => p === '/admin/webhooks');
      await tabTo(page, '#webhook-url');
      await page.keyboard.type(`https://arende.umea.example/hooks/${lang}`);
      await tabTo(page, '#webhook-description');
      await page.keyboard.type('Ärendesystemet');
      await press(page, '#webhook-register', (p) => p === '/admin/webhooks');
      const secret = await page.locator('#webhook-secret').inputValue();
      expect(secret.length).toBeGreaterThan(20);
      await screenshot(page, 'admin-webhook', lang);
      await expectAccessible(page, `webhook registered (${lang})`);
      await press(page, '.staff-nav a[href^="/admin/webhooks?"]', (p) => p === '/admin/webhooks');
      expect(await page.locator('#webhook-secret').count()).toBe(0);
      expect(await page.content()).not.toContain(secret);
      expect(await page.locator('table.admin-webhooks').textContent()).toContain(
        `https://arende.umea.example/hooks/${lang}`,
      );
      await context.close();
    },
    120_000,
  );
});
