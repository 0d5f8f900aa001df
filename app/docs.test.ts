/**
 * /docs over HTTP: the viewer comes from our own origin under a CSP that trusts no other host and runs
 * no inline script. Regression: the page loaded its viewer from a CDN, blank without internet.
 */
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp } from '../test/support/app.js';
import { viewerPackage } from './docs-viewer.js';

type Ctx = Awaited<ReturnType<typeof testApp>>;
let t: Ctx;
const { version } = viewerPackage();
const base = `/docs/assets/${version}`;

beforeAll(async () => {
  t = await testApp();
});
afterAll(async () => t.drop());

function directives(csp: string): Map<string, string[]> {
  return new Map(
    csp
      .split(';')
      .map((d) => d.trim().split(/\s+/))
      .filter((parts) => parts[0])
      .map(([name, ...values]) => [name as string, values]),
  );
}

describe('/docs', () => {
  it('runs only our own external scripts, names no other host, and cannot be framed', async () => {
    const res = await t.app.request('/docs');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/html');
    const csp = directives(res.headers.get('content-security-policy') ?? '');
    expect(csp.get('default-src')).toEqual(["'none'"]);
    expect(csp.get('script-src')).toEqual(["'self'"]);
    expect(csp.get('style-src')).toEqual(["'self'"]);
    expect(csp.get('connect-src')).toEqual(["'self'"]);
    expect(csp.get('img-src')).toEqual(["'self'", 'data:']);
    expect(csp.get('frame-ancestors')).toEqual(["'none'"]);
    expect(csp.get('base-uri')).toEqual(["'none'"]);
    // No host, scheme wildcard, inline or eval allowance anywhere.
    for (const values of csp.values())
      for (const value of values) expect(value, value).toMatch(/^(?:'self'|'none'|data:)$/);
    expect(res.headers.get('referrer-policy')).toBe('no-referrer');

    const html = await res.text();
    const scripts = html.match(/<script[^>]*>[^<]*<\/script>/g) ?? [];
    expect(scripts).toEqual([
      `<script src="${base}/swagger-ui-bundle.js"></script>`,
      '<script src="/docs/init.js"></script>',
    ]);
    // Every address the page names is a path on this origin.
    const refs = [...html.matchAll(/(?:src|href)="([^"]+)"/g)].map((m) => m[1] as string);
    expect(refs.length).toBe(4);
    for (const ref of refs) expect(ref, ref).toMatch(/^\/docs\//);
    expect(html).toContain('<title>Ärendenav API – dokumentation / documentation</title>');
  });

  it('starts the viewer on our document without the public validator or a document named in the link', async () => {
    const res = await t.app.request('/docs/init.js');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/javascript');
    expect(res.headers.get('content-security-policy')).toContain("default-src 'none'");
    const script = await res.text();
    expect(script).toContain("url: '/openapi.json'");
    expect(script).toContain('validatorUrl: null');
    expect(script).toContain('queryConfigEnabled: false');
    expect(script).not.toMatch(/https?:/);
  });

  it('serves the viewer’s files from the package, cached for a year under its version, gzipped when asked', async () => {
    for (const [name, type] of [
      ['swagger-ui-bundle.js', 'text/javascript'],
      ['swagger-ui.css', 'text/css'],
      ['favicon-32x32.png', 'image/png'],
    ] as const) {
      const res = await t.app.request(`${base}/${name}`);
      expect(res.status, name).toBe(200);
      expect(res.headers.get('content-type')).toContain(type);
      expect(res.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      expect(res.headers.get('content-encoding')).toBeNull();
      expect((await res.arrayBuffer()).byteLength).toBeGreaterThan(500);
    }
    const plain = Buffer.from(await (await t.app.request(`${base}/swagger-ui.css`)).arrayBuffer());
    const zipped = await t.app.request(`${base}/swagger-ui.css`, {
      headers: { 'accept-encoding': 'gzip, br' },
    });
    expect(zipped.headers.get('content-encoding')).toBe('gzip');
    expect(zipped.headers.get('vary')).toBe('accept-encoding');
    const body = Buffer.from(await zipped.arrayBuffer());
    expect(body.length).toBeLessThan(plain.length / 3);
    expect(gunzipSync(body).equals(plain)).toBe(true);
  });

  it('serves no other file of the package, nor anything outside it, nor another version', async () => {
    for (const path of [
      `${base}/swagger-ui-bundle.js.map`,
      `${base}/package.json`,
      `${base}/index.html`,
      `${base}/swagger-ui-standalone-preset.js`,
      `${base}/..%2F..%2Fpackage.json`,
      `${base}/%2E%2E%2Fhono%2Fpackage.json`,
      '/docs/assets/0.0.1/swagger-ui-bundle.js',
    ]) {
      const res = await t.app.request(path);
      expect(res.status, path).toBe(404);
      expect(res.headers.get('content-type')).toContain('application/problem+json');
    }
  });
});
