import { SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_AUDIENCE, DEMO_ISSUER, loadDemoIdentity } from '../../demo/identity.js';
import { findPersona, type Persona } from '../../demo/personas.js';
import { bearer, jsonPost, testApp } from '../../test/support/app.js';
import { fixtureCases } from '../../test/support/fixtures.js';

type Ctx = Awaited<ReturnType<typeof testApp>>;
let t: Ctx;
let cases: ReturnType<typeof fixtureCases>;

beforeAll(async () => {
  t = await testApp();
  cases = fixtureCases(t.personRefs);
  await t.store.upsertMany(Object.values(cases));
});
afterAll(async () => t.drop());

describe('who may search and read', () => {
  it('shows a staff token without a municipality nothing: an empty search and 404, as for a missing case', async () => {
    // Fail closed: the policy gives staff their own municipality's cases, and this token names none.
    const { municipality: _, ...nowhere } = findPersona('infocenter') as Persona;
    const token = await t.identity.issue({ ...nowhere, id: 'infocenter-without-municipality' });
    const search = await t.app.request('/api/v1/cases/search', jsonPost(token, { reference: 'BN 2026' }));
    expect(search.status).toBe(200);
    expect((await search.json()).items).toEqual([]);
    expect((await t.app.request(`/api/v1/cases/${cases.garage.id}`, bearer(token))).status).toBe(404);
    // The same case for the same role with the municipality: found and readable.
    const umea = await t.tokenFor('infocenter');
    expect((await t.app.request(`/api/v1/cases/${cases.garage.id}`, bearer(umea))).status).toBe(200);
  });

  it('refuses a request without a token with 401', async () => {
    const res = await t.app.request('/api/v1/cases/search', jsonPost(undefined, { q: 'garage' }));
    expect(res.status).toBe(401);
  });

  it('refuses a token signed by another key with 401', async () => {
    const stranger = await loadDemoIdentity();
    const token = await stranger.issue(findPersona('infocenter') as Persona);
    expect((await t.app.request('/api/v1/cases/search', jsonPost(token, { q: 'garage' }))).status).toBe(401);
  });

  it('refuses an unsigned token (alg: none) with 401', async () => {
    const header = Buffer.from(JSON.stringify({ alg: 'none' })).toString('base64url');
    const payload = Buffer.from(
      JSON.stringify({
        sub: 'x',
        iss: DEMO_ISSUER,
        aud: DEMO_AUDIENCE,
        arendenav_role: 'infocenter',
        exp: 9_999_999_999,
      }),
    ).toString('base64url');
    const res = await t.app.request(
      '/api/v1/cases/search',
      jsonPost(`${header}.${payload}.`, { q: 'garage' }),
    );
    expect(res.status).toBe(401);
  });

  it('refuses an expired token with 401', async () => {
    const token = await t.identity.issue(findPersona('infocenter') as Persona, -120);
    const res = await t.app.request('/api/v1/cases/search', jsonPost(token, { q: 'garage' }));
    expect(res.status).toBe(401);
    expect((await res.json()).detail).toBe('The token has expired.');
  });

  it('refuses an HS256 token with 401', async () => {
    const token = await new SignJWT({ arendenav_role: 'infocenter' })
      .setProtectedHeader({ alg: 'HS256' })
      .setIssuer(DEMO_ISSUER)
      .setAudience(DEMO_AUDIENCE)
      .setSubject('x')
      .setExpirationTime('1h')
      .sign(new TextEncoder().encode('a-guessable-shared-secret-of-32-bytes!'));
    expect((await t.app.request('/api/v1/cases/search', jsonPost(token, { q: 'garage' }))).status).toBe(401);
  });

  it('gives citizens and admins 403 on staff search, and admins no case contents', async () => {
    for (const persona of ['medborgare', 'admin']) {
      const token = await t.tokenFor(persona);
      expect((await t.app.request('/api/v1/cases/search', jsonPost(token, { q: 'garage' }))).status).toBe(
        403,
      );
      expect((await t.app.request(`/api/v1/cases/${cases.garage.id}`, bearer(token))).status).toBe(403);
    }
  });

  it('hides a social-services case from the info center exactly like a missing one', async () => {
    const staff = await t.tokenFor('infocenter');
    const hidden = await t.app.request(`/api/v1/cases/${cases.social.id}`, bearer(staff));
    const missing = await t.app.request('/api/v1/cases/00000000-0000-5000-8000-000000000000', bearer(staff));
    expect(hidden.status).toBe(404);
    const strip = (b: Record<string, unknown>) => ({ ...b, requestId: undefined });
    expect(strip(await hidden.json())).toEqual(strip(await missing.json()));
  });

  it('refuses a personnummer in the URL with 400, in any form', async () => {
    const staff = await t.tokenFor('infocenter');
    for (const url of [
      '/api/v1/cases/search?personnummer=19900321-2389',
      '/api/v1/cases/199003212389',
      '/api/v1/me/cases?q=900321%2D2389',
      // One malformed escape must not leave the rest unchecked.
      '/api/v1/me/cases?a=%ZZ&b=19900321%2D2389',
      // Spaces (encoded or as +) and typographic dashes between the groups.
      '/api/v1/me/cases?q=900321%202389',
      '/api/v1/me/cases?q=19900321+2389',
      '/api/v1/me/cases?q=19900321%E2%80%932389',
    ]) {
      const res = await t.app.request(
        url,
        url.includes('search') ? jsonPost(staff, { q: 'garage' }) : bearer(staff),
      );
      expect(res.status).toBe(400);
      expect((await res.json()).type).toBe('https://arendenav.se/problems/personnummer-in-url');
    }
  });

  it('sends security headers on API responses', async () => {
    const res = await t.app.request('/api/v1/cases/search', jsonPost(undefined, { q: 'garage' }));
    expect(res.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
    expect(res.headers.get('strict-transport-security')).toContain('max-age=');
    expect(res.headers.get('referrer-policy')).toBe('no-referrer');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
  });
});

describe('case ids that look like personnummer', () => {
  it('are not mistaken for one in the URL', async () => {
    const staff = await t.tokenFor('infocenter');
    // The last group 807903191638 is a valid-looking personnummer (Luhn and date), yet part of an id.
    const res = await t.app.request('/api/v1/cases/929dd386-1acd-5f26-8117-807903191638', bearer(staff));
    expect(res.status).toBe(404);
  });
});

describe('search rate limits', () => {
  it('answers 429 problem+json with Retry-After once one principal searches too often, others unaffected', async () => {
    const limitedApp = await testApp('pglite', {
      rateLimits: { perPrincipal: 3, perAddress: 100, windowMs: 60_000 },
    });
    try {
      const staff = await limitedApp.tokenFor('infocenter');
      const statuses: number[] = [];
      for (let i = 0; i < 4; i++)
        statuses.push(
          (await limitedApp.app.request('/api/v1/cases/search', jsonPost(staff, { q: 'garage' }))).status,
        );
      expect(statuses).toEqual([200, 200, 200, 429]);
      const res = await limitedApp.app.request('/api/v1/cases/search', jsonPost(staff, { q: 'garage' }));
      expect(res.headers.get('retry-after')).toBe('60');
      expect((await res.json()).type).toBe('https://arendenav.se/problems/rate-limited');
      const officer = await limitedApp.tokenFor('bygglov');
      expect(
        (await limitedApp.app.request('/api/v1/cases/search', jsonPost(officer, { q: 'garage' }))).status,
      ).toBe(200);
      // Callers without a token share no per-principal bucket: they are told to sign in, not to wait.
      const anonymous: number[] = [];
      for (let i = 0; i < 5; i++)
        anonymous.push(
          (await limitedApp.app.request('/api/v1/cases/search', jsonPost(undefined, { q: 'garage' }))).status,
        );
      expect(anonymous).toEqual([401, 401, 401, 401, 401]);
    } finally {
      await limitedApp.drop();
    }
  });
});

describe('request ids', () => {
  it('keep a caller’s UUID but replace anything else, which could carry personal data', async () => {
    const own = '0f5364b9-026d-414e-884b-194610707392';
    expect(
      (await t.app.request('/healthz', { headers: { 'x-request-id': own } })).headers.get('x-request-id'),
    ).toBe(own);
    const replaced = (
      await t.app.request('/healthz', { headers: { 'x-request-id': '199003212389' } })
    ).headers.get('x-request-id');
    expect(replaced).toMatch(/^[0-9a-f-]{36}$/);
  });
});
