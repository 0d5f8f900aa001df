import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, testApp } from '../test/support/app.js';
import { parseEnv } from './env.js';
import { bearerMatches, type MetricsListener, startMetricsListener } from './metrics-listener.js';

const TOKEN = 'metrics-token-0123456789abcdef-0123456789';
type Ctx = Awaited<ReturnType<typeof testApp>>;
let t: Ctx;
let main: ReturnType<typeof serve>;
let mainUrl: string;
let listener: MetricsListener;

beforeAll(async () => {
  t = await testApp('pglite', { metricsToken: TOKEN });
  main = await new Promise((ready) => {
    const s = serve({ fetch: t.app.fetch, port: 0, hostname: '127.0.0.1' }, () => ready(s));
  });
  mainUrl = `http://127.0.0.1:${(main.address() as AddressInfo).port}`;
  // Port 0 here is the OS's choice (tests only); in the environment 0 means off.
  listener = await startMetricsListener(t.metrics, { port: 0 });
});
afterAll(async () => {
  await listener?.close();
  await new Promise((done) => main?.close(done));
  await t.drop();
});

describe('the metrics listener', () => {
  it('listens on loopback by default and serves only /metrics, labelled by route pattern', async () => {
    expect(listener.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    await fetch(`${mainUrl}/api/v1/cases/00000000-0000-5000-8000-000000000000`);
    const res = await fetch(`${listener.url}/metrics`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/plain');
    const text = await res.text();
    expect(text).toContain(
      'arendenav_http_requests_total{method="GET",route="/api/v1/cases/:id",status="401"} 1',
    );
    expect(text).not.toContain('00000000-0000-5000-8000-000000000000');
    expect((await fetch(`${listener.url}/healthz`)).status).toBe(404);
    expect((await fetch(`${listener.url}/api/v1/sources`)).status).toBe(404);
  });
});

describe('/metrics on the main listener', () => {
  it('answers 401 without the metrics token, with a wrong one, and with a staff sign-in', async () => {
    expect((await fetch(`${mainUrl}/metrics`)).status).toBe(401);
    expect((await fetch(`${mainUrl}/metrics`, bearer(`${TOKEN}x`))).status).toBe(401);
    expect((await fetch(`${mainUrl}/metrics`, bearer(TOKEN.slice(0, -1)))).status).toBe(401);
    expect((await fetch(`${mainUrl}/metrics`, bearer(await t.tokenFor('admin')))).status).toBe(401);
    expect((await fetch(`${mainUrl}/metrics`, { headers: { authorization: TOKEN } })).status).toBe(401);
  });

  it('serves the metrics to the scraper holding the token', async () => {
    const res = await fetch(`${mainUrl}/metrics`, bearer(TOKEN));
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('arendenav_http_requests_total');
  });

  it('compares the token as a whole, never a prefix or an empty header', () => {
    expect(bearerMatches(`Bearer ${TOKEN}`, TOKEN)).toBe(true);
    expect(bearerMatches(undefined, TOKEN)).toBe(false);
    expect(bearerMatches('Bearer ', '')).toBe(false);
    expect(bearerMatches(`Bearer ${TOKEN.slice(0, 8)}`, TOKEN)).toBe(false);
  });
});

describe('the metrics settings', () => {
  it('default to port 9464 on 127.0.0.1; 0 and off turn the listener off', () => {
    const env = parseEnv({}, 'demo');
    expect([env.ARENDENAV_METRICS_PORT, env.ARENDENAV_METRICS_HOST]).toEqual([9464, '127.0.0.1']);
    expect(parseEnv({ ARENDENAV_METRICS_PORT: 'off' }, 'demo').ARENDENAV_METRICS_PORT).toBeUndefined();
    expect(parseEnv({ ARENDENAV_METRICS_PORT: '0' }, 'demo').ARENDENAV_METRICS_PORT).toBeUndefined();
    expect(parseEnv({ ARENDENAV_METRICS_PORT: '9100' }, 'demo').ARENDENAV_METRICS_PORT).toBe(9100);
    expect(() => parseEnv({ ARENDENAV_METRICS_PORT: '70000' }, 'demo')).toThrow(/ARENDENAV_METRICS_PORT/);
    expect(() => parseEnv({ ARENDENAV_METRICS_PORT: 'yes' }, 'demo')).toThrow(/ARENDENAV_METRICS_PORT/);
    expect(() => parseEnv({ ARENDENAV_METRICS_TOKEN: 'short' }, 'demo')).toThrow(/32 characters/);
  });
});
