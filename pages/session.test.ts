import { Hono } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppEnv } from '../app/context.js';
import { testApp } from '../test/support/app.js';
import { csrfIn, pageClient } from '../test/support/page-client.js';
import { pageSession } from './session.js';

type Ctx = Awaited<ReturnType<typeof testApp>>;
let t: Ctx;

beforeAll(async () => {
  t = await testApp();
});
afterAll(async () => t.drop());

describe('demo sign-in on the pages', () => {
  it('offers every persona and signs in with an HttpOnly, SameSite=Strict session cookie', async () => {
    const browser = pageClient(t.app);
    const { html } = await browser.get('/logga-in?next=/staff');
    for (const name of ['Maja Testberg', 'Kim Kontaktcenter', 'Bo Byggare', 'Alex Systemförvaltare'])
      expect(html).toContain(`Logga in som ${name}`);
    const { res } = await browser.post('/logga-in', { persona: 'infocenter', next: '/staff' });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/staff?lang=sv');
    const cookie = res.headers.getSetCookie().find((c) => c.startsWith('arendenav_session='));
    expect(cookie).toMatch(/HttpOnly/);
    // The CSRF secret is no credential: Lax, so a link from elsewhere does not replace it.
    const csrfCookie = (await pageClient(t.app).get('/logga-in')).res.headers
      .getSetCookie()
      .find((c) => c.startsWith('arendenav_csrf='));
    expect(csrfCookie).toMatch(/HttpOnly/);
    expect(csrfCookie).toMatch(/SameSite=Lax/);
    expect(cookie).toMatch(/SameSite=Strict/);
    expect(cookie).toMatch(/Max-Age=3600/);
    const staff = await browser.get('/staff');
    expect(staff.res.status).toBe(200);
    expect(staff.res.headers.get('content-security-policy')).toContain("form-action 'self'");
    expect(staff.res.headers.get('cache-control')).toBe('no-store');
    expect(staff.html).toContain('Inloggad som kontaktcenter');
  });

  it('keeps the page language through form posts, also when a form is refused', async () => {
    const browser = pageClient(t.app);
    const { html } = await browser.get('/logga-in?lang=ar');
    expect(html).toContain('action="/logga-in?lang=ar"');
    const refused = await browser.post('/logga-in?lang=ar', { persona: 'admin', _csrf: 'forged' });
    expect(refused.res.status).toBe(403);
    expect(refused.html).toContain('<html lang="ar" dir="rtl">');
  });

  it('lands each role in its own section, whatever page the sign-in was asked for from', async () => {
    const browser = pageClient(t.app);
    await browser.get('/logga-in');
    const staff = await browser.post('/logga-in', { persona: 'infocenter', next: '/mina-arenden' });
    expect(staff.res.headers.get('location')).toBe('/staff?lang=sv');
    await browser.get('/logga-in');
    const citizen = await browser.post('/logga-in', {
      persona: 'medborgare',
      next: '/mina-arenden/arenden/x-1',
    });
    expect(citizen.res.headers.get('location')).toBe('/mina-arenden/arenden/x-1?lang=sv');
  });

  it('sends a citizen to their cases and never to an address from elsewhere', async () => {
    const browser = pageClient(t.app);
    await browser.get('/logga-in');
    const { res } = await browser.post('/logga-in', {
      persona: 'medborgare',
      next: 'https://evil.example/x',
    });
    expect(res.headers.get('location')).toBe('/mina-arenden?lang=sv');
    await browser.get('/logga-in');
    const other = await browser.post('/logga-in', { persona: 'medborgare', next: '//evil.example' });
    expect(other.res.headers.get('location')).toBe('/mina-arenden?lang=sv');
  });

  it('refuses a form post without the CSRF token, with a foreign token, or from another origin', async () => {
    const browser = pageClient(t.app);
    await browser.get('/logga-in');
    const missing = await browser.post('/logga-in', { persona: 'admin', _csrf: '' });
    expect(missing.res.status).toBe(403);
    expect(missing.html).toContain('Formuläret har gått ut');
    expect(missing.res.headers.getSetCookie().some((c) => c.startsWith('arendenav_session='))).toBe(false);

    // A token taken from another browser's page is bound to that browser's secret.
    const stranger = pageClient(t.app);
    const foreign = csrfIn((await stranger.get('/logga-in')).html);
    expect((await browser.post('/logga-in', { persona: 'admin', _csrf: foreign })).res.status).toBe(403);

    await browser.get('/logga-in');
    const crossSite = await browser.post(
      '/logga-in',
      { persona: 'admin' },
      { origin: 'https://evil.example' },
    );
    expect(crossSite.res.status).toBe(403);
  });

  it('signs out with a form post and forgets the session', async () => {
    const browser = pageClient(t.app);
    await browser.signIn('medborgare');
    const page = await browser.get('/mina-arenden');
    expect(page.html).toContain('Logga ut');
    const out = await browser.post('/logga-ut?lang=en', {});
    expect(out.res.status).toBe(303);
    expect(out.res.headers.get('location')).toBe('/?lang=en');
    const after = await browser.get('/mina-arenden');
    expect(after.res.status).toBe(303);
    expect(after.res.headers.get('location')).toBe('/logga-in?next=%2Fmina-arenden&lang=sv&behov=1');
  });

  it('treats a forged or expired session cookie as no session', async () => {
    const browser = pageClient(t.app);
    browser.jar.set('arendenav_session', 'eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4Iiwicm9sZSI6ImFkbWluIn0.');
    const { res } = await browser.get('/staff');
    expect(res.status).toBe(303);
    expect(browser.jar.has('arendenav_session')).toBe(false);
  });

  it('does not accept the page session on the API: the API takes bearer tokens only', async () => {
    const browser = pageClient(t.app);
    await browser.signIn('infocenter');
    const res = await t.app.request('/api/v1/cases/search', {
      method: 'POST',
      headers: {
        cookie: [...browser.jar].map(([k, v]) => `${k}=${v}`).join('; '),
        'content-type': 'application/json',
      },
      body: JSON.stringify({ reference: 'BN 2026-000123' }),
    });
    expect(res.status).toBe(401);
  });

  it('limits sign-in attempts per address and says so on a page', async () => {
    const browser = pageClient(t.app);
    const statuses: number[] = [];
    let last = { res: new Response(), html: '' };
    for (let i = 0; i < 31; i++) {
      await browser.get('/logga-in');
      last = await browser.post('/logga-in', { persona: 'infocenter' });
      statuses.push(last.res.status);
    }
    // 30 per minute from one address, counting this file's earlier sign-ins.
    const firstRefusal = statuses.indexOf(429);
    expect(firstRefusal).toBeGreaterThan(0);
    expect(statuses.slice(0, firstRefusal).every((s) => s === 303)).toBe(true);
    expect(statuses.slice(firstRefusal).every((s) => s === 429)).toBe(true);
    expect(last.res.headers.get('retry-after')).toBe('60');
    expect(last.html).toContain('För många försök. Vänta en minut och försök igen.');
  });
});

describe('the same-origin check behind a TLS-ending proxy', () => {
  it('accepts the public https origin although the hub sees http, and nothing else', async () => {
    const session = pageSession({
      verifier: { verify: async () => ({ kind: 'staff', subject: 's', role: 'infocenter' }) },
      csrfKey: Buffer.alloc(32, 7),
      secureCookies: false,
      publicOrigin: 'https://arendenav.example',
    });
    const app = new Hono<AppEnv>();
    app.use('*', session.middleware);
    app.get('/form', (c) => c.text(session.csrfToken(c)));
    app.post('/form', session.verifyForm, (c) => c.text('ok'));
    app.onError((e, c) => c.text('refused', e instanceof HTTPException ? e.status : 500));
    const page = await app.request('http://internal:3000/form');
    const token = await page.text();
    const secret = page.headers.getSetCookie()[0]?.split(';')[0] ?? '';
    const post = (origin: string) =>
      app.request('http://internal:3000/form', {
        method: 'POST',
        headers: { origin, cookie: secret, 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ _csrf: token }).toString(),
      });
    expect((await post('https://arendenav.example')).status).toBe(200);
    expect((await post('https://evil.example')).status).toBe(403);
  });
});
