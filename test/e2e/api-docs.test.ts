/// <reference lib="dom" />
/**
 * /docs in a real browser: Swagger UI renders every operation of our document with every request going
 * to the hub itself, and the page's CSP refuses nothing it needs. Regression: the viewer came from a
 * CDN, so /docs was blank without internet and told a third party who read our API documentation.
 */
import type { AddressInfo } from 'node:net';
import { type ServerType, serve } from '@hono/node-server';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp } from '../support/app.js';
import { launchBrowser } from '../support/browser.js';
import { needs } from '../support/requirements.js';

describe.runIf(needs('chromium', import.meta.url))('/docs in the browser', () => {
  let t: Awaited<ReturnType<typeof testApp>>;
  let server: ServerType;
  let origin: string;
  let browser: Browser;

  beforeAll(async () => {
    t = await testApp();
    await new Promise<void>((listening) => {
      server = serve({ fetch: t.app.fetch, port: 0, hostname: '127.0.0.1' }, () => listening());
    });
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    browser = await launchBrowser();
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await new Promise<void>((done) => (server ? server.close(() => done()) : done()));
    await t?.drop();
  });

  it('renders every operation with no request leaving the hub and no CSP refusal', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const requested: string[] = [];
    // Anything for another origin is recorded and refused, as it would be on a network without internet.
    await context.route('**/*', (route) => {
      requested.push(route.request().url());
      return new URL(route.request().url()).origin === origin ? route.continue() : route.abort();
    });
    const page = await context.newPage();
    const problems: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'error' || message.type() === 'warning') problems.push(message.text());
    });
    page.on('pageerror', (error) => problems.push(error.message));
    await page.addInitScript(() => {
      document.addEventListener('securitypolicyviolation', (e) => {
        console.error(`CSP refused ${e.violatedDirective}: ${e.blockedURI}`);
      });
    });

    await page.goto(`${origin}/docs`);
    const doc = (await (await fetch(`${origin}/openapi.json`)).json()) as {
      paths: Record<string, Record<string, { operationId: string }>>;
    };
    const operationIds = Object.values(doc.paths).flatMap((item) =>
      Object.values(item).map((op) => op.operationId),
    );
    const blocks = page.locator('.opblock');
    await expect.poll(() => blocks.count(), { timeout: 15_000 }).toBe(operationIds.length);
    expect(await page.locator('.info .title').textContent()).toContain('Ärendenav API');
    // displayOperationId: each operation shows the name a generated client calls it by.
    const shown = await page.locator('.opblock-summary-operation-id').allTextContents();
    expect(shown.sort()).toEqual([...operationIds].sort());
    expect(await page.title()).toBe('Ärendenav API – dokumentation / documentation');

    // Open one operation: its details render from the document (no validator badge, no remote call).
    await page.locator('#operations-cases-searchCases .opblock-summary-control').click();
    await expect
      .poll(() => page.locator('#operations-cases-searchCases .opblock-body').count())
      .toBeGreaterThan(0);
    expect(await page.locator('.validator-badge, img[src*="validator"]').count()).toBe(0);

    expect(requested.length).toBeGreaterThanOrEqual(4);
    for (const url of requested) expect(url.startsWith(`${origin}/`), url).toBe(true);
    expect(requested).toContain(`${origin}/openapi.json`);
    expect(problems).toEqual([]);
    await context.close();
  });
});
