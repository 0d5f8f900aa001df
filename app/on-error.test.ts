/** One onError for the API and the pages: problem+json for API clients, a page for browsers. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp } from '../test/support/app.js';

type Ctx = Awaited<ReturnType<typeof testApp>>;
let t: Ctx;
beforeAll(async () => {
  t = await testApp();
});
afterAll(async () => t.drop());

const html = { headers: { accept: 'text/html,application/xhtml+xml' } };

describe('errors answer in the form the caller reads', () => {
  it('gives a browser a page in Swedish for an unknown address, and an API client problem+json', async () => {
    const page = await t.app.request('/ingenstans', html);
    expect(page.status).toBe(404);
    expect(page.headers.get('content-type')).toContain('text/html');
    expect(await page.text()).toContain('Sidan eller ärendet finns inte');

    const api = await t.app.request('/ingenstans');
    expect(api.status).toBe(404);
    expect(api.headers.get('content-type')).toBe('application/problem+json');
  });

  it('keeps the API in problem+json even when a browser asks for HTML', async () => {
    const res = await t.app.request('/api/v1/ingenstans', html);
    expect(res.status).toBe(404);
    expect(res.headers.get('content-type')).toBe('application/problem+json');
    expect(await res.json()).toMatchObject({ type: 'https://arendenav.se/problems/not-found' });
  });

  it('refuses a personnummer in a page address with a page that does not repeat it', async () => {
    const res = await t.app.request('/staff/arenden/19900321-2389', html);
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toContain('text/html');
    const body = await res.text();
    expect(body).not.toMatch(/19900321|900321|2389/);
  });
});
