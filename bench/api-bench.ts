/**
 * The API part of `npm run bench`: loads (or reuses) a million cases, starts the hub in a child
 * process with the bare ceiling routes beside it, and measures every scenario closed-loop and at
 * fixed arrival rates.
 */
import { createPersonRefHasher } from '../person/person-ref.js';
import { loadPolicy } from '../policy/load-policy.js';
import { searchIndexRule } from '../policy/protected-identity.js';
import { createCaseIdMinter } from '../schemas/case-id.js';
import { createCaseStore } from '../store/case-store.js';
import { connectPostgres, type Db } from '../store/db.js';
import { migrate } from '../store/migrate.js';
import { benchDatabaseName, ensureDatabase, ensurePostgres } from './database.js';
import { measureExpectedDate } from './expected-date.js';
import { BENCH_CASE_ID_KEY, BENCH_NOW, BENCH_PERSON_REF_KEY, createCaseGenerator } from './generate-cases.js';
import { type LoadResult, loadCases } from './load.js';
import { type Measurement, measure } from './measure.js';
import { measureOpen } from './open-model.js';
import type { BenchOptions } from './options.js';
import { measurementsTable } from './report.js';
import { buildScenarios, type Scenario, verifyScenarios } from './scenarios.js';
import { describePauses, type Pauses } from './server-pauses.js';
import { type ServerChild, startServerChild } from './server-process.js';
import { SERVER_LOG_LEVEL } from './server-protocol.js';
import { type Judged, judgeApi, NOT_MEASURED, OPEN_RATES } from './targets.js';

type Log = (line: string) => void;
const mb = (kb: number | undefined) => (kb === undefined ? '?' : `${Math.round(kb / 1024)} MB`);

async function describeDatabase(db: Db): Promise<string> {
  const { rows } = await db.query<{ version: string; size: string }>(
    `SELECT current_setting('server_version') AS version,
            pg_size_pretty(pg_database_size(current_database())) AS size`,
  );
  return `PostgreSQL ${rows[0]?.version}, database ${rows[0]?.size}`;
}

/** Loads (or reuses) the data and picks the scenarios' inputs from it. */
async function prepare(
  options: BenchOptions,
  log: Log,
): Promise<{ url: string; load: LoadResult; scenarios: Scenario[]; dbInfo: string }> {
  const name = benchDatabaseName(options.rows);
  const url = await ensureDatabase(ensurePostgres(), name);
  log(`database ${name} on ${new URL(url).host}`);
  const db = await connectPostgres(url, { max: options.loadConcurrency + 1 });
  try {
    await migrate(db);
    const gen = createCaseGenerator(
      options.rows,
      createPersonRefHasher(BENCH_PERSON_REF_KEY),
      createCaseIdMinter(BENCH_CASE_ID_KEY),
    );
    const store = createCaseStore(db, { searchIndex: searchIndexRule(loadPolicy()) });
    const load = await loadCases(db, store, gen, {
      batch: options.batch,
      concurrency: options.loadConcurrency,
      log,
    });
    if (!load.skipped) {
      log(
        `loaded ${load.loaded} cases in ${load.seconds.toFixed(1)} s = ${Math.round(load.rowsPerSecond)} rows/s ` +
          `(upsertMany, batches of ${options.batch}, ${options.loadConcurrency} in flight); ` +
          `VACUUM ANALYZE ${load.vacuumSeconds.toFixed(1)} s`,
      );
    }
    const scenarios = chosen(await buildScenarios(db, options.sample), options.scenarios);
    return { url, load, scenarios, dbInfo: await describeDatabase(db) };
  } finally {
    await db.close();
  }
}

/** The expected-date row is measured apart from the scenarios, after the server has stopped. */
const EXPECTED_DATE = 'expected-date';

/** The scenarios `--scenarios` names (all without it); an unknown key is refused, not skipped. */
function chosen(scenarios: Scenario[], keys: string[] | undefined): Scenario[] {
  if (!keys) return scenarios;
  const known = new Set([...scenarios.map((s) => s.key), EXPECTED_DATE]);
  const unknown = keys.filter((k) => !known.has(k));
  if (unknown.length > 0)
    throw new Error(`--scenarios: no row ${unknown.join(', ')}; rows: ${[...known].join(', ')}`);
  return scenarios.filter((s) => keys.includes(s.key));
}

/**
 * Waits until the bench database runs no queries: a scenario that overloaded the store (its
 * requests timed out, its queries did not) must not slow down the next one.
 */
async function waitForIdle(url: string): Promise<void> {
  const db = await connectPostgres(url, { max: 1 });
  try {
    for (let tries = 0; tries < 600; tries++) {
      const { rows } = await db.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM pg_stat_activity
          WHERE datname = current_database() AND state = 'active' AND pid <> pg_backend_pid()`,
      );
      if ((rows[0]?.n ?? 0) === 0) return;
      await new Promise((r) => setTimeout(r, 100));
    }
  } finally {
    await db.close();
  }
}

const summary = (m: Measurement) =>
  `(${m.key}, ${m.model}) ${Math.round(m.requestsPerSecond)} req/s, p50 ${m.p50Ms.toFixed(2)} ms, ` +
  `p99 ${m.p99Ms.toFixed(2)} ms, max ${m.maxMs.toFixed(1)} ms, ${m.total} requests, ${m.non2xx} non-2xx` +
  `${m.failures ? ` (${m.failures})` : ''}, ${m.errors} errors`;

/** The server's event-loop delay and GC pauses since the last call (bench/server-pauses.ts). */
async function serverPauses(baseUrl: string): Promise<Pauses> {
  return (await (await fetch(`${baseUrl}/bench/pauses`)).json()) as Pauses;
}

async function measureAll(
  url: string,
  server: ServerChild,
  scenarios: Scenario[],
  options: BenchOptions,
  log: Log,
): Promise<Measurement[]> {
  const baseUrl = `http://127.0.0.1:${server.port}`;
  for (const line of await verifyScenarios(baseUrl, server.token, scenarios)) log(`verified ${line}`);
  const common = { baseUrl, token: server.token, connections: options.connections };
  const results: Measurement[] = [];
  for (const scenario of scenarios) {
    // Unmeasured warm-up: JIT, the pg pool and PostgreSQL's caches settle before the clock starts.
    if (options.warmup > 0) await measure(scenario, { ...common, duration: options.warmup });
    await serverPauses(baseUrl);
    const m = await measure(scenario, { ...common, duration: options.duration });
    log(`${summary(m)}; server: ${describePauses(await serverPauses(baseUrl))}`);
    results.push(m);
    await waitForIdle(url);
    for (const rate of OPEN_RATES[scenario.key] ?? []) {
      await serverPauses(baseUrl);
      const open = await measureOpen(scenario, { ...common, rate, duration: options.openDuration });
      log(`${summary(open)}; server: ${describePauses(await serverPauses(baseUrl))}`);
      results.push(open);
      await waitForIdle(url);
    }
  }
  return results;
}

/** Runs the API part; prints its tables and returns its judged targets. */
export async function apiBench(options: BenchOptions, header: string[], log: Log): Promise<Judged[]> {
  const { url, load, scenarios, dbInfo } = await prepare(options, log);
  const server = await startServerChild(url);
  log(`API server child pid ${server.pid} on 127.0.0.1:${server.port}, log level '${SERVER_LOG_LEVEL}'`);
  let results: Measurement[];
  let serverRssKb: number | undefined;
  try {
    results = await measureAll(url, server, scenarios, options, log);
  } finally {
    serverRssKb = await server.stop();
  }
  if (!options.scenarios || options.scenarios.includes(EXPECTED_DATE)) {
    const expected = await measureExpectedDate(url, BENCH_NOW);
    log(summary(expected));
    results.push(expected);
  }

  console.log('');
  console.log(`API — ${options.rows.toLocaleString('en')} cases`);
  for (const line of header) console.log(line);
  console.log(`store:    ${dbInfo}`);
  console.log(
    load.skipped
      ? `load:     skipped, the database already held this data set; it was loaded ${load.previous ?? '(rate not recorded)'}`
      : `load:     ${load.loaded} cases via store.upsertMany in ${load.seconds.toFixed(1)} s = ${Math.round(load.rowsPerSecond)} rows/s`,
  );
  console.log(
    `run:      closed loop: ${options.connections} connections, ${options.duration} s per row after ${options.warmup} s warm-up; ` +
      `open model: ${options.openDuration} s per rate, latency from each request's scheduled start; ` +
      `server in a child process, request logs off (log level '${SERVER_LOG_LEVEL}')`,
  );
  console.log(
    'rows:     <key>.bare = a bare Hono route running the same store SQL; <key>.bare-audit = the same + one audit INSERT ' +
      'committed on its own; <key> = the hub (ES256 bearer token, policy, masking, audit); latency: exact percentiles of 2xx responses',
  );
  console.log(
    `memory:   peak RSS bench process ${mb(process.resourceUsage().maxRSS)}, server child ${mb(serverRssKb)}`,
  );
  if (server.log.lines > 0) {
    console.log(
      `server:   logged ${server.log.lines} line(s), ${server.log.errors} at error level; first: ${server.log.first[0]}`,
    );
  }
  console.log('');
  console.log(measurementsTable(results));
  // With --scenarios, a target whose rows did not run is left out rather than judged "not measured".
  const judged = judgeApi(results);
  return options.scenarios ? judged.filter((j) => j.measured !== NOT_MEASURED) : judged;
}
