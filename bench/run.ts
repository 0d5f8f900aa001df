/** `npm run bench`: loads a million realistic cases into PostgreSQL, then measures the API against the Foundation targets. */

import { cpus, loadavg, totalmem } from 'node:os';
import { createPersonRefHasher } from '../person/person-ref.js';
import { loadPolicy } from '../policy/load-policy.js';
import { searchIndexRule } from '../policy/protected-identity.js';
import { createCaseIdMinter } from '../schemas/case-id.js';
import { createCaseStore } from '../store/case-store.js';
import { connectPostgres, type Db } from '../store/db.js';
import { migrate } from '../store/migrate.js';
import { benchDatabaseName, ensureDatabase, ensurePostgres, ensureRabbitmq } from './database.js';
import { BENCH_CASE_ID_KEY, BENCH_PERSON_REF_KEY, createCaseGenerator } from './generate-cases.js';
import { ingestBench } from './ingest.js';
import { type LoadResult, loadCases } from './load.js';
import { measureMappingThroughput } from './mapping-throughput.js';
import { type Measurement, measure } from './measure.js';
import { type BenchOptions, parseBenchOptions } from './options.js';
import { resultsTable } from './report.js';
import { buildScenarios, type Scenario, verifyScenarios } from './scenarios.js';
import { type ServerChild, startServerChild } from './server-process.js';
import { SERVER_LOG_LEVEL } from './server-protocol.js';

const log = (line: string) => console.log(`bench: ${line}`);
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
): Promise<{ url: string; load: LoadResult; scenarios: Scenario[]; dbInfo: string }> {
  const serverUrl = ensurePostgres();
  const name = benchDatabaseName(options.rows);
  const url = await ensureDatabase(serverUrl, name);
  log(`database ${name} on ${new URL(url).host}`);
  const db = await connectPostgres(url, { max: options.loadConcurrency + 1 });
  try {
    await migrate(db);
    const gen = createCaseGenerator(
      options.rows,
      createPersonRefHasher(BENCH_PERSON_REF_KEY),
      createCaseIdMinter(BENCH_CASE_ID_KEY),
    );
    const load = await loadCases(
      db,
      createCaseStore(db, { searchIndex: searchIndexRule(loadPolicy()) }),
      gen,
      {
        batch: options.batch,
        concurrency: options.loadConcurrency,
        log,
      },
    );
    if (!load.skipped) {
      log(
        `loaded ${load.loaded} cases in ${load.seconds.toFixed(1)} s = ${Math.round(load.rowsPerSecond)} rows/s ` +
          `(upsertMany, batches of ${options.batch}, ${options.loadConcurrency} in flight); ` +
          `VACUUM ANALYZE ${load.vacuumSeconds.toFixed(1)} s`,
      );
    }
    const scenarios = await buildScenarios(db, options.sample);
    return { url, load, scenarios, dbInfo: await describeDatabase(db) };
  } finally {
    await db.close();
  }
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

async function measureAll(url: string, server: ServerChild, scenarios: Scenario[], options: BenchOptions) {
  const baseUrl = `http://127.0.0.1:${server.port}`;
  for (const line of await verifyScenarios(baseUrl, server.token, scenarios)) log(`verified ${line}`);
  const common = { baseUrl, token: server.token, connections: options.connections };
  const results: Measurement[] = [];
  for (const scenario of scenarios) {
    // Unmeasured warm-up: JIT, the pg pool and PostgreSQL's caches settle before the clock starts.
    if (options.warmup > 0) await measure(scenario, { ...common, duration: options.warmup });
    const m = await measure(scenario, { ...common, duration: options.duration });
    log(
      `(${scenario.key}) ${Math.round(m.requestsPerSecond)} req/s, p50 ${m.p50Ms.toFixed(2)} ms, ` +
        `p99 ${m.p99Ms.toFixed(2)} ms, ${m.total} requests, ${m.non2xx} non-2xx${m.failures ? ` (${m.failures})` : ''}, ${m.errors} errors`,
    );
    results.push(m);
    await waitForIdle(url);
  }
  return results;
}

async function main(): Promise<void> {
  const options = parseBenchOptions(process.argv.slice(2));
  const cpu = cpus();
  const machine =
    `${cpu.length} cores (${cpu[0]?.model.trim() ?? 'unknown cpu'}), ${Math.round(totalmem() / 2 ** 30)} GB RAM, ` +
    `Node ${process.version}, ${process.platform}/${process.arch}`;
  // Other work on the machine skews every number; say how busy it was before the bench added its own.
  const busy = `load average ${loadavg()[0]?.toFixed(2)} (1 min) when the bench started`;
  log(`${machine}; ${busy}`);
  if (options.parts.includes('api')) await apiBench(options, machine, busy);
  if (options.parts.includes('mappings')) await mappingBench(options);
  if (options.parts.includes('ingest')) {
    const lines = await ingestBench(
      ensurePostgres(),
      options.amqpEvents > 0 ? ensureRabbitmq() : undefined,
      { records: options.ingestRecords, largeRecords: options.ingestLarge, events: options.amqpEvents },
      log,
    );
    console.log('');
    console.log('Ingest');
    for (const line of lines) console.log(`  ${line}`);
  }
}

/** Issue "Declarative mappings": engine vs hand-written baseline, 100 000 records each, one core. */
async function mappingBench(options: BenchOptions): Promise<void> {
  const rows = await measureMappingThroughput(options.mappingRecords, log);
  console.log('');
  console.log(
    `Mapping throughput — ${options.mappingRecords.toLocaleString('en')} records per mapping, one thread`,
  );
  console.log(
    'mapping                               engine rec/s   hand-written rec/s   ratio   target ≥ 0.50',
  );
  for (const r of rows) {
    console.log(
      `${r.mapping.padEnd(38)}${String(Math.round(r.engine)).padStart(12)}   ${String(Math.round(r.handwritten)).padStart(18)}   ${r.ratio.toFixed(2).padStart(5)}   ${r.ratio >= 0.5 ? 'met' : 'MISSED'}`,
    );
  }
}

async function apiBench(options: BenchOptions, machine: string, busy: string): Promise<void> {
  const { url, load, scenarios, dbInfo } = await prepare(options);

  const server = await startServerChild(url);
  log(`API server child pid ${server.pid} on 127.0.0.1:${server.port}, log level '${SERVER_LOG_LEVEL}'`);
  let results: Measurement[];
  let serverRssKb: number | undefined;
  try {
    results = await measureAll(url, server, scenarios, options);
  } finally {
    serverRssKb = await server.stop();
  }

  const { text, missed } = resultsTable(results);
  console.log('');
  console.log(`Ärendenav bench — ${options.rows.toLocaleString('en')} cases`);
  console.log(`machine:  ${machine}; ${busy}`);
  console.log(`store:    ${dbInfo}`);
  console.log(
    load.skipped
      ? `load:     skipped, the database already held this data set; it was loaded ${load.previous ?? '(rate not recorded)'}`
      : `load:     ${load.loaded} cases via store.upsertMany in ${load.seconds.toFixed(1)} s = ${Math.round(load.rowsPerSecond)} rows/s`,
  );
  console.log(
    `run:      ${options.connections} connections, closed loop, ${options.duration} s per scenario after ${options.warmup} s warm-up; ` +
      `server in a child process, request logs off (log level '${SERVER_LOG_LEVEL}')`,
  );
  console.log(
    'latency:  exact percentiles of 2xx responses; (b)–(e) carry an infocenter bearer token (ES256 JWT), (f) the same token as the page session cookie',
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
  console.log(text);
  console.log('');
  console.log(
    missed === 0 ? 'All targets met.' : `MISSED: ${missed} target(s) not met (see "result" column).`,
  );
}

main().catch((error: unknown) => {
  console.error('');
  console.error('BENCH FAILED:', error instanceof Error ? (error.stack ?? error.message) : error);
  process.exitCode = 1;
});
