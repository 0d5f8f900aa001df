/** Runs one scenario under autocannon and summarises throughput and exact latency percentiles. */
import autocannon from 'autocannon';
import { requestHeaders, type Scenario } from './scenarios.js';

export type Measurement = {
  scenario: Scenario;
  /** The row's key: the scenario's, with `@rate` for an open-model run. */
  key: string;
  /** "closed, 50 connections" or "open, 500 req/s". */
  model: string;
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
  total: number;
  non2xx: number;
  /** Non-2xx answers by status, e.g. "404×2", so a failing run says how it failed. */
  failures: string;
  errors: number;
  timeouts: number;
};

export type MeasureOptions = {
  baseUrl: string;
  token: string;
  connections: number;
  duration: number;
};

export function percentile(sorted: Float64Array, p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] as number;
}

/** The same variant rotation for both load models. */
export function variantAt(scenario: Scenario, n: number) {
  return scenario.variants[n % scenario.variants.length];
}

function requestsFor(scenario: Scenario, token: string): autocannon.Request[] {
  let n = 0;
  const base: autocannon.Request = { method: scenario.method, headers: requestHeaders(scenario, token) };
  // Every request takes the next variant, so the server cannot answer from one hot row or plan.
  const setupRequest = (req: autocannon.Request): autocannon.Request => {
    const v = variantAt(scenario, n++);
    if (!v) return req;
    return { ...req, path: v.path, ...(v.body === undefined ? {} : { body: v.body }) };
  };
  return [{ ...base, setupRequest }];
}

/**
 * Measures `scenario` for `options.duration` seconds. Latencies are taken from each 2xx response's
 * own timing (autocannon's histogram rounds to whole milliseconds, too coarse for a 5 ms target).
 */
export function measure(scenario: Scenario, options: MeasureOptions): Promise<Measurement> {
  return new Promise((resolve, reject) => {
    let latencies = new Float64Array(1 << 16);
    let count = 0;
    const instance = autocannon(
      {
        url: options.baseUrl,
        connections: options.connections,
        duration: options.duration,
        requests: requestsFor(scenario, options.token),
      },
      (error, result) => {
        if (error) return reject(error);
        const sorted = latencies.subarray(0, count).sort();
        resolve({
          scenario,
          key: scenario.key,
          model: `closed, ${options.connections} connections`,
          requestsPerSecond: result.requests.average,
          p50Ms: percentile(sorted, 50),
          p99Ms: percentile(sorted, 99),
          maxMs: sorted.length > 0 ? (sorted[sorted.length - 1] as number) : Number.NaN,
          total: result.requests.total,
          non2xx: result.non2xx,
          failures: Object.entries(result.statusCodeStats ?? {})
            .filter(([code]) => !code.startsWith('2'))
            .map(([code, stat]) => `${code}×${stat.count ?? 0}`)
            .join(' '),
          errors: result.errors,
          timeouts: result.timeouts,
        });
      },
    );
    instance.on('response', (_client, statusCode, _bytes, responseTime) => {
      if (statusCode < 200 || statusCode > 299) return;
      if (count === latencies.length) {
        const grown = new Float64Array(latencies.length * 2);
        grown.set(latencies);
        latencies = grown;
      }
      latencies[count++] = responseTime;
    });
  });
}
