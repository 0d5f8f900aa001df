/// <reference lib="dom" />
/**
 * Production sign-in on the pages: a real OpenID Provider on loopback, the authorization code flow
 * with PKCE driven by a real browser, and the refusals a forged or replayed callback must meet.
 */

import { serve } from '@hono/node-server';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../app/create-app.js';
import { parseEnv } from '../../app/env.js';
import { createLogger } from '../../app/logger.js';
import { createMetrics } from '../../app/metrics.js';
import { acceptedAcrs, LOA3 } from '../../app/oidc-sweden.js';
import { oidcVerifier } from '../../app/oidc-verifier.js';
import { contactDepsOn } from '../../contacts/contact-deps.js';
import { loadTopics } from '../../contacts/load-topics.js';
import { subscriptionDepsOn } from '../../events/subscriptions.js';
import { createOidcSignIn } from '../../pages/oidc-sign-in.js';
import { createPersonRefHasher } from '../../person/person-ref.js';
import { loadPolicy } from '../../policy/load-policy.js';
import { searchIndexRule } from '../../policy/protected-identity.js';
import { CASE_DOMAINS } from '../../schemas/case.js';
import { createAuditLog } from '../../store/audit-log.js';
import { createCaseStore } from '../../store/case-store.js';
import { NOW, TEST_PERSON_REF_KEY } from '../support/app.js';
import { launchBrowser } from '../support/browser.js';
import { TEST_CASE_ID_KEY } from '../support/cases.js';
import { freshDatabase } from '../support/databases.js';
import { fixtureCases, PNR_MAJA } from '../support/fixtures.js';
import { freePort } from '../support/free-port.js';
import { capturingDestination } from '../support/log-sink.js';
import {
  HUB_AUDIENCE,
  HUB_RESOURCE,
  type OidcProviderHandle,
  PAGES_CLIENT_ID,
  startOidcProvider,
} from '../support/oidc-provider.js';

let idp: OidcProviderHandle;
let hubUrl: string;
let server: ReturnType<typeof serve>;
let browser: Browser;
let drop: () => Promise<void>;
const logLines: string[] = [];

beforeAll(async () => {
  const port = await freePort();
  hubUrl = `http://127.0.0.1:${port}`;
  idp = await startOidcProvider({ pagesRedirectUri: `${hubUrl}/logga-in/klar` });
  const env = parseEnv(
    {
      DATABASE_URL: 'postgres://hub@db.invalid/arendenav',
      OIDC_ISSUER: idp.issuer,
      OIDC_AUDIENCE: HUB_AUDIENCE,
      PERSON_REF_KEY: TEST_PERSON_REF_KEY,
      CASE_ID_KEY: TEST_CASE_ID_KEY,
    },
    'production',
  );
  const personRefs = createPersonRefHasher(TEST_PERSON_REF_KEY);
  const database = await freshDatabase('pglite');
  drop = database.drop;
  const store = createCaseStore(database.db, { searchIndex: searchIndexRule(loadPolicy()) });
  await store.upsertMany(Object.values(fixtureCases(personRefs)));
  const app = createApp({
    contacts: contactDepsOn(database.db, { secret: TEST_PERSON_REF_KEY, topics: loadTopics() }),
    subscriptions: subscriptionDepsOn(database.db, {
      secret: TEST_PERSON_REF_KEY,
      rules: { allowHttp: false, allowPrivate: false },
    }),
    audit: createAuditLog(database.db),
    store,
    personRefs,
    now: () => NOW,
    staleAfterSeconds: 3600,
    domains: CASE_DOMAINS,
    logger: createLogger({ level: 'info', destination: capturingDestination(logLines) }),
    metrics: createMetrics({ defaultMetrics: false }),
    verifier: await oidcVerifier(env, personRefs),
    pages: {
      oidcSignIn: createOidcSignIn({
        issuer: idp.issuer,
        clientId: PAGES_CLIENT_ID,
        clientSecret: idp.pagesClientSecret,
        publicUrl: hubUrl,
        scope: 'openid cases',
        resource: HUB_RESOURCE,
        // As app/hub.ts does from OIDC_CITIZEN_MIN_ACR (default LoA3).
        acrValues: acceptedAcrs(env.OIDC_CITIZEN_MIN_ACR as string),
        allowInsecure: true,
        secureCookies: false,
      }),
    },
  });
  server = serve({ fetch: app.fetch, port, hostname: '127.0.0.1' });
  browser = await launchBrowser();
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await new Promise<void>((done) => (server ? server.close(() => done()) : done()));
  await idp?.close();
  await drop?.();
});

describe('signing in to the pages with the municipality’s e-ID (OpenID Connect)', () => {
  it('takes a citizen through the provider and back to their own cases', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    const addresses: string[] = [];
    page.on('request', (r) => addresses.push(r.url()));
    await page.goto(`${hubUrl}/mina-arenden?lang=en`);
    // Not signed in: the sign-in page offers the e-ID.
    expect(new URL(page.url()).pathname).toBe('/logga-in');
    await page.getByRole('link', { name: 'Sign in with e-ID' }).click();
    // At the provider: its own login and consent pages.
    await page
      .waitForURL((url) => url.href.startsWith(idp.issuer), { timeout: 5000 })
      .catch(async () => {
        throw new Error(`${page.url()} ${(await page.content()).slice(0, 3000)}`);
      });
    await page.locator('input[name="login"]').fill('citizen');
    await page.locator('input[name="password"]').fill('any');
    await page.locator('button[type="submit"]').click();
    await page.locator('button[type="submit"]').click();
    await page.waitForURL((url) => url.pathname === '/mina-arenden');
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('My cases');
    // Both of the citizen's cases (their order, ongoing first by municipality, is the citizen pages' own test).
    expect((await page.locator('.reference').allTextContents()).sort()).toEqual([
      'BN 2026-000123',
      'SN 2026/0457',
    ]);

    const cookies = await context.cookies(hubUrl);
    const session = cookies.find((c) => c.name === 'arendenav_session');
    expect(session).toMatchObject({ httpOnly: true, sameSite: 'Strict' });
    expect(cookies.some((c) => c.name === 'arendenav_signin')).toBe(false);
    // The personnummer travelled inside the signed token only, never in an address.
    const digits = PNR_MAJA.replace(/\D/g, '').slice(2);
    for (const address of addresses) expect(address.replace(/\D/g, '')).not.toContain(digits);
    await context.close();
  });

  it('signs out of the provider too, so the next person at the computer must sign in again', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    const signIn = async () => {
      await page.goto(`${hubUrl}/logga-in?next=/staff`);
      await page.getByRole('link', { name: 'Logga in med e-legitimation' }).click();
      await page.waitForURL((url) => url.href.startsWith(idp.issuer));
    };
    await signIn();
    await page.locator('input[name="login"]').fill('infocenter');
    await page.locator('input[name="password"]').fill('any');
    await page.locator('button[type="submit"]').click();
    await page.locator('button[type="submit"]').click();
    await page.waitForURL((url) => url.pathname === '/staff');
    await page.getByRole('button', { name: 'Logga ut' }).click();
    // The provider asks; yes takes the browser back to the hub's start page.
    await page.getByRole('button', { name: 'Yes, sign me out' }).click();
    await page.waitForURL((url) => url.href === `${hubUrl}/`);
    expect((await context.cookies(hubUrl)).some((c) => c.name === 'arendenav_session')).toBe(false);
    // No silent single sign-on: the provider shows its login form again.
    await signIn();
    expect(await page.locator('input[name="login"]').isVisible()).toBe(true);
    await context.close();
  });

  it('turns away a citizen whose e-ID is below the minimum assurance level, with no session', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(`${hubUrl}/logga-in?next=/mina-arenden&lang=en`);
    await page.getByRole('link', { name: 'Sign in with e-ID' }).click();
    await page.waitForURL((url) => url.href.startsWith(idp.issuer));
    await page.locator('input[name="login"]').fill('citizen-loa2');
    await page.locator('input[name="password"]').fill('any');
    await page.locator('button[type="submit"]').click();
    await page.locator('button[type="submit"]').click();
    await page.waitForURL((url) => url.pathname === '/logga-in/klar');
    expect(await page.getByRole('heading', { level: 1 }).textContent()).not.toBe('My cases');
    expect((await context.cookies(hubUrl)).some((c) => c.name === 'arendenav_session')).toBe(false);
    const entries = logLines.map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(entries.find((e) => e.msg === 'sign-in failed' && e.reason === 'acr_below_minimum')).toMatchObject(
      {
        acr: 'http://id.elegnamnden.se/loa/1.0/loa2',
        minimum: LOA3,
      },
    );
    await context.close();
  });

  it('sends staff to the staff console', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(`${hubUrl}/logga-in`);
    await page.getByRole('link', { name: 'Logga in med e-legitimation' }).click();
    await page.locator('input[name="login"]').fill('infocenter');
    await page.locator('input[name="password"]').fill('any');
    await page.locator('button[type="submit"]').click();
    await page.locator('button[type="submit"]').click();
    await page.waitForURL((url) => url.pathname === '/staff');
    expect(await page.getByText('Inloggad som kontaktcenter').isVisible()).toBe(true);
    await context.close();
  });

  it('never lets another site choose the page a sign-in lands on', async () => {
    const flowNext = async (headers: Record<string, string>) => {
      const res = await fetch(
        `${hubUrl}/logga-in/start?next=/staff/arenden/00000000-0000-5000-8000-000000000001`,
        {
          redirect: 'manual',
          headers,
        },
      );
      const cookie = res.headers.getSetCookie().find((c) => c.startsWith('arendenav_signin=')) ?? '';
      const value = cookie.split(';')[0]?.split('=')[1] ?? '';
      return (JSON.parse(Buffer.from(value, 'base64url').toString('utf8')) as { next: string }).next;
    };
    expect(await flowNext({ 'sec-fetch-site': 'cross-site' })).toBe('');
    expect(await flowNext({ 'sec-fetch-site': 'same-origin' })).toBe(
      '/staff/arenden/00000000-0000-5000-8000-000000000001',
    );
  });

  it('needs client id, secret and public address together, or none of them', () => {
    const base = {
      DATABASE_URL: 'postgres://hub@db.invalid/arendenav',
      OIDC_ISSUER: idp.issuer,
      OIDC_AUDIENCE: HUB_AUDIENCE,
      PERSON_REF_KEY: TEST_PERSON_REF_KEY,
      CASE_ID_KEY: TEST_CASE_ID_KEY,
    };
    expect(() => parseEnv({ ...base, OIDC_CLIENT_ID: PAGES_CLIENT_ID }, 'production')).toThrow(
      /OIDC_CLIENT_ID, OIDC_CLIENT_SECRET and ARENDENAV_PUBLIC_URL go together/,
    );
    const complete = parseEnv(
      {
        ...base,
        OIDC_CLIENT_ID: 'c',
        OIDC_CLIENT_SECRET: 's',
        ARENDENAV_PUBLIC_URL: 'https://arendenav.example',
      },
      'production',
    );
    expect(complete.OIDC_SCOPE).toBe('openid');
  });

  it('refuses a callback that this browser did not start, or whose state does not match', async () => {
    const stray = await fetch(`${hubUrl}/logga-in/klar?code=abc&state=xyz`, { redirect: 'manual' });
    expect(stray.status).toBe(403);
    expect(stray.headers.getSetCookie().some((c) => c.startsWith('arendenav_session='))).toBe(false);

    const start = await fetch(`${hubUrl}/logga-in/start?next=/mina-arenden`, { redirect: 'manual' });
    expect(start.status).toBe(302);
    const flowCookie = start.headers.getSetCookie().find((c) => c.startsWith('arendenav_signin='));
    expect(flowCookie).toMatch(/HttpOnly/);
    expect(flowCookie).toMatch(/SameSite=Lax/);
    const authorize = new URL(start.headers.get('location') as string);
    expect(authorize.searchParams.get('code_challenge_method')).toBe('S256');
    // The citizens' minimum assurance level, lowest sufficient first; weaker levels are not offered.
    const acrValues = authorize.searchParams.get('acr_values')?.split(' ') ?? [];
    expect(acrValues[0]).toBe(LOA3);
    expect(acrValues).toContain('http://id.elegnamnden.se/loa/1.0/loa4');
    expect(acrValues).not.toContain('http://id.elegnamnden.se/loa/1.0/loa2');
    expect(authorize.searchParams.get('client_id')).toBe(PAGES_CLIENT_ID);
    const forged = await fetch(`${hubUrl}/logga-in/klar?code=abc&state=not-the-state`, {
      redirect: 'manual',
      headers: { cookie: (flowCookie as string).split(';')[0] as string },
    });
    expect(forged.status).toBe(401);
    expect(await forged.text()).toContain('Inloggningen kunde inte slutföras.');
    expect(forged.headers.getSetCookie().some((c) => c.startsWith('arendenav_session='))).toBe(false);
  });
});
