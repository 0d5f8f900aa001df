/**
 * Latency at a fixed arrival rate (an open model): requests leave on a schedule whatever the server
 * does, as citizens and agents arrive, so a slow answer cannot hold back the next request the way it
 * does in a closed loop. Each latency runs from the request's scheduled start, not from when it was
 * actually sent, so a stall in the server (or here) counts against every request it delays.
 */
import http from 'node:http';
import { type Measurement, percentile, variantAt } from './measure.js';
import { requestHeaders, type Scenario } from './scenarios.js';

export type OpenOptions = { baseUrl: string; token: string; rate: number; duration: number };

/** A request that has not answered after this long counts as an error (and its latency is not a 2xx one). */
const REQUEST_TIMEOUT_MS = 10_000;

export function measureOpen(scenario: Scenario, options: OpenOptions): Promise<Measurement> {
  const url = new URL(options.baseUrl);
  // Enough sockets that a burst of slow answers never queues in the client instead of the server.
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1024 });
  const headers = requestHeaders(scenario, options.token);
  const total = Math.max(1, Math.round(options.rate * options.duration));
  const interval = 1000 / options.rate;
  const latencies = new Float64Array(total);
  const statuses = new Map<number, number>();
  let ok = 0;
  let errors = 0;
  let settled = 0;
  let sent = 0;
  const start = performance.now() + 50;
  return new Promise((resolve) => {
    const finish = () => {
      agent.destroy();
      const sorted = latencies.subarray(0, ok).sort();
      const lastAt = performance.now();
      const non2xx = [...statuses].filter(([code]) => code < 200 || code > 299);
      resolve({
        scenario,
        key: `${scenario.key}@${options.rate}`,
        model: `open, ${options.rate} req/s`,
        requestsPerSecond: (ok + non2xx.reduce((n, [, c]) => n + c, 0)) / ((lastAt - start) / 1000),
        p50Ms: percentile(sorted, 50),
        p99Ms: percentile(sorted, 99),
        maxMs: ok > 0 ? (sorted[ok - 1] as number) : Number.NaN,
        total: settled,
        non2xx: non2xx.reduce((n, [, c]) => n + c, 0),
        failures: non2xx.map(([code, c]) => `${code}×${c}`).join(' '),
        errors,
        timeouts: 0,
      });
    };
    const done = () => {
      if (++settled === total) finish();
    };
    const fire = (n: number) => {
      const scheduled = start + n * interval;
      // A response can end and its socket then fail: each request is counted once.
      let counted = false;
      const once = () => {
        if (counted) return;
        counted = true;
        done();
      };
      const v = variantAt(scenario, n);
      const req = http.request(
        {
          agent,
          host: url.hostname,
          port: url.port,
          method: scenario.method,
          path: v?.path ?? '/',
          headers: { ...headers, ...(v?.body ? { 'content-length': Buffer.byteLength(v.body) } : {}) },
          timeout: REQUEST_TIMEOUT_MS,
        },
        (res) => {
          res.resume();
          res.on('end', () => {
            const status = res.statusCode ?? 0;
            statuses.set(status, (statuses.get(status) ?? 0) + 1);
            if (status >= 200 && status <= 299) latencies[ok++] = performance.now() - scheduled;
            once();
          });
        },
      );
      req.on('timeout', () => req.destroy(new Error('timeout')));
      req.on('error', () => {
        if (counted) return;
        errors++;
        once();
      });
      req.end(v?.body);
    };
    const tick = () => {
      const now = performance.now();
      while (sent < total && start + sent * interval <= now) fire(sent++);
      if (sent < total) setTimeout(tick, Math.max(0, start + sent * interval - performance.now()));
    };
    setTimeout(tick, Math.max(0, start - performance.now()));
  });
}
