/**
 * Where /metrics is served: on a listener of its own (loopback by default), and on the main listener
 * only to a scraper holding the metrics token. Per-source sync counters and freshness say which
 * municipality has which kind of case source and how busy it is, so they are not for the public port.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { type Handler, Hono } from 'hono';
import type { Metrics } from './metrics.js';

type Server = ReturnType<typeof serve>;

/** The Prometheus text of `metrics`. */
export function metricsHandler(metrics: Metrics): Handler {
  return async (c) => {
    c.header('content-type', metrics.registry.contentType);
    c.header('cache-control', 'no-store');
    return c.body(await metrics.registry.metrics());
  };
}

/**
 * Whether an Authorization header carries `token` as a bearer token. Both sides are hashed first, so
 * the comparison takes the same time whatever the length or the first wrong byte.
 *
 * @example
 * bearerMatches('Bearer s3cr3t…', 's3cr3t…'); // true
 */
export function bearerMatches(header: string | undefined, token: string): boolean {
  const given = /^Bearer (\S+)$/.exec(header ?? '')?.[1] ?? '';
  const digest = (text: string) => createHash('sha256').update(text).digest();
  // Evaluated in full either way: no early return on an empty header.
  const same = timingSafeEqual(digest(given), digest(token));
  return same && given.length > 0;
}

/** /metrics for the main listener: 401 without the right bearer token (never the hub's OIDC tokens). */
export function tokenMetricsHandler(metrics: Metrics, token: string): Handler {
  const serveMetrics = metricsHandler(metrics);
  return async (c, next) => {
    if (!bearerMatches(c.req.header('authorization'), token)) {
      c.header('www-authenticate', 'Bearer realm="metrics"');
      return c.text('Unauthorized', 401);
    }
    return serveMetrics(c, next);
  };
}

export type MetricsListener = { url: string; port: number; close(): Promise<void> };

/**
 * Starts the metrics listener: GET /metrics and nothing else, on `host` (127.0.0.1 unless the
 * operator says otherwise) and `port`.
 *
 * @example
 * const listener = await startMetricsListener(metrics, { port: 9464, host: '127.0.0.1' });
 */
export async function startMetricsListener(
  metrics: Metrics,
  options: { port: number; host?: string },
): Promise<MetricsListener> {
  const host = options.host ?? '127.0.0.1';
  const app = new Hono();
  app.get('/metrics', metricsHandler(metrics));
  app.notFound((c) => c.text('Not found', 404));
  const server = await new Promise<Server>((ready, fail) => {
    const s = serve({ fetch: app.fetch, port: options.port, hostname: host }, () => ready(s));
    s.once('error', fail);
  });
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://${host.includes(':') ? `[${host}]` : host}:${port}`,
    port,
    close: () => new Promise<void>((done) => server.close(() => done())),
  };
}
