import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp } from '../test/support/app.js';

type Ctx = Awaited<ReturnType<typeof testApp>>;
let t: Ctx;

beforeAll(async () => {
  t = await testApp();
});
afterAll(async () => t.drop());

describe('/docs', () => {
  it('runs only scripts carrying this response’s nonce, loads a pinned viewer, and cannot be framed', async () => {
    const res = await t.app.request('/docs');
    expect(res.status).toBe(200);
    const csp = res.headers.get('content-security-policy') ?? '';
    const nonce = /script-src 'nonce-([^']+)'/.exec(csp)?.[1];
    expect(nonce).toBeTruthy();
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toMatch(/script-src 'nonce-[^']+';/);
    const scripts = (await res.text()).match(/<script[^>]*>/g) ?? [];
    expect(scripts.length).toBeGreaterThan(0);
    for (const tag of scripts) expect(tag, tag).toContain(`nonce="${nonce}"`);
    const sources = scripts.flatMap((tag) => /src="([^"]+)"/.exec(tag)?.[1] ?? []);
    expect(sources).toEqual(['https://cdn.jsdelivr.net/npm/@scalar/api-reference@1.72.1']);
    const again = await t.app.request('/docs');
    expect(again.headers.get('content-security-policy')).not.toContain(nonce);
  });
});
