/**
 * Ingest benchmarks (issue "Connectors and sync engine"): a nightly XML export through parse → map →
 * upsert against raw batched INSERT … ON CONFLICT of the same rows, peak memory for a large file, and
 * AMQP events end to end against bare publish + consume.
 */

import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import amqp from 'amqplib';
import { createLogger } from '../app/logger.js';
import { amqpConnector } from '../connectors/amqp/index.js';
import { shippedMappingsDir } from '../mappings/location.js';
import { loadMappingRegistry } from '../mappings/registry.js';
import { createPersonRefHasher } from '../person/person-ref.js';
import type { CanonicalCase } from '../schemas/case.js';
import { createCaseIdMinter } from '../schemas/case-id.js';
import { streamOmsorgRecords } from '../simulators/case-data/index.js';
import { writeOmsorgExport } from '../simulators/omsorg/export-file.js';
import { omsorgEventMessage } from '../simulators/omsorg/publish.js';
import { connectPostgres, type Db } from '../store/db.js';
import { referenceKey } from '../store/keys.js';
import { migrate } from '../store/migrate.js';
import { createEngineOn } from '../sync/create-engine.js';
import { BENCH_CASE_ID_KEY, BENCH_PERSON_REF_KEY } from './generate-cases.js';
import { HUB_NODE_OPTIONS } from './hub-node-options.js';
import type { Judged } from './targets.js';

const run = promisify(execFile);
const CHILD = new URL('./ingest-child.js', import.meta.url).pathname;
const mapper = () => {
  const m = loadMappingRegistry(shippedMappingsDir()).get('omsorg-xml/socialtjanst', '2480');
  if (!m) throw new Error('no omsorg mapping');
  return m;
};

async function emptyCases(db: Db): Promise<void> {
  await migrate(db);
  await db.query(
    'TRUNCATE cases, case_status_history, case_events, event_deliveries, quarantine, sync_runs, sync_sources',
  );
  await db.query('DROP TABLE IF EXISTS raw_cases');
  await db.query('CREATE TABLE raw_cases (LIKE cases INCLUDING ALL)');
}

/** The hub's way: a child process reads the file through the connector, maps and upserts it. */
async function hubIngest(url: string, count: number, dir: string) {
  const file = await writeOmsorgExport(dir, streamOmsorgRecords({ cases: count, seed: 77 }), {
    fileName: `export-${count}.xml`,
  });
  const { stdout } = await run(process.execPath, [...HUB_NODE_OPTIONS, CHILD, url, file.path], {
    maxBuffer: 1 << 20,
    timeout: 3_600_000,
  });
  const result = JSON.parse(stdout.trim()) as {
    stored: number;
    seconds: number;
    maxRssKb: number;
    outcome: string;
  };
  if (result.outcome !== 'ok' || result.stored !== count)
    throw new Error(`ingest stored ${result.stored} of ${count} (${result.outcome})`);
  return { ...result, bytes: file.bytes };
}

/** The baseline: the same cases, already mapped (untimed), in plain 1000-row INSERT … ON CONFLICT into an identical table. */
async function rawInsert(db: Db, count: number) {
  const m = mapper();
  const personRefs = createPersonRefHasher(BENCH_PERSON_REF_KEY);
  const now = new Date();
  const cases: CanonicalCase[] = [];
  for (const record of streamOmsorgRecords({ cases: count, seed: 77 })) {
    const r = await m.map(record, { personRefs, caseIds: createCaseIdMinter(BENCH_CASE_ID_KEY), now });
    if (r.ok === true) cases.push(r.case);
  }
  const started = performance.now();
  for (let i = 0; i < cases.length; i += 1000) {
    const rows = cases.slice(i, i + 1000).map((c) => ({
      id: c.id,
      municipality_code: c.municipality.code,
      domain: c.domain,
      office_code: c.office.code,
      reference: c.reference,
      reference_key: referenceKey(c.reference),
      person_refs: c.parties.map((p) => p.personRef),
      status_code: c.status.code,
      status_since: c.status.since,
      source_system: c.source.system,
      source_id: c.source.sourceId,
      source_updated_at: c.source.sourceUpdatedAt,
      fetched_at: c.source.fetchedAt,
      search_text: `${c.reference} ${c.title}`,
      doc: c,
    }));
    await db.query(
      `INSERT INTO raw_cases (id, municipality_code, domain, office_code, reference, reference_key, person_refs, status_code,
                              status_since, source_system, source_id, source_updated_at, fetched_at, content_hash, search, doc)
       SELECT x.id, x.municipality_code, x.domain, x.office_code, x.reference, x.reference_key,
              ARRAY(SELECT jsonb_array_elements_text(x.person_refs)), x.status_code, x.status_since, x.source_system,
              x.source_id, x.source_updated_at, x.fetched_at, '', to_tsvector('swedish', x.search_text), x.doc
         FROM jsonb_to_recordset($1::jsonb) AS x(id uuid, municipality_code text, domain text, office_code text, reference text,
              reference_key text, person_refs jsonb, status_code text, status_since timestamptz, source_system text,
              source_id text, source_updated_at timestamptz, fetched_at timestamptz, search_text text, doc jsonb)
       ON CONFLICT (id) DO UPDATE SET doc = excluded.doc, status_code = excluded.status_code,
              source_updated_at = excluded.source_updated_at`,
      [JSON.stringify(rows)],
    );
  }
  return { rows: cases.length, seconds: (performance.now() - started) / 1000 };
}

async function until(check: () => Promise<boolean>, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Events end to end: publish, consume, map, store, ack after commit. */
async function amqpHub(db: Db, amqpUrl: string, count: number) {
  const suffix = `${process.pid}-${Date.now()}`;
  const config = amqpConnector.configSchema.parse({
    url: amqpUrl,
    exchange: `bench.${suffix}`,
    queue: `bench.${suffix}`,
  });
  const { engine } = createEngineOn({
    db,
    key: BENCH_PERSON_REF_KEY,
    caseIds: createCaseIdMinter(BENCH_CASE_ID_KEY),
    logger: createLogger({ level: 'warn' }),
    owner: 'bench',
  });
  const m = mapper();
  await engine.add(
    {
      id: 'bench-amqp',
      kind: 'amqp',
      municipality: '2480',
      mapping: m.id,
      everySeconds: 3600,
      callTimeoutMs: 10_000,
      freshnessSeconds: 3600,
      retry: { maxAttempts: 0, initialDelayMs: 10, maxDelayMs: 10 },
      breaker: { consecutiveFailures: 5, halfOpenAfterMs: 1000 },
    },
    amqpConnector.create(config),
    m,
  );
  await engine.start();
  const records = [...streamOmsorgRecords({ cases: count, seed: 78 })];
  const conn = await amqp.connect(amqpUrl);
  const ch = await conn.createConfirmChannel();
  const started = performance.now();
  for (const record of records) {
    const message = omsorgEventMessage(record);
    ch.publish(config.exchange, message.routingKey, message.content, message.options);
  }
  await ch.waitForConfirms();
  await until(async () => {
    const { rows } = await db.query<{ n: string }>(
      "SELECT count(*)::text AS n FROM cases WHERE domain = 'social_services'",
    );
    return Number(rows[0]?.n) >= count;
  }, 600_000);
  const seconds = (performance.now() - started) / 1000;
  await engine.stop();
  await ch.deleteExchange(config.exchange).catch(() => {});
  await conn.close();
  return { count, seconds };
}

/** The baseline: the same messages published and consumed with acks, no processing. */
async function amqpBare(amqpUrl: string, count: number) {
  const conn = await amqp.connect(amqpUrl);
  const ch = await conn.createConfirmChannel();
  const queue = `bench.bare.${process.pid}.${Date.now()}`;
  await ch.assertQueue(queue, { durable: true });
  const messages = [...streamOmsorgRecords({ cases: count, seed: 78 })].map(omsorgEventMessage);
  let consumed = 0;
  const done = new Promise<void>((resolve) => {
    void ch.prefetch(50).then(() =>
      ch.consume(queue, (msg) => {
        if (!msg) return;
        ch.ack(msg);
        if (++consumed === count) resolve();
      }),
    );
  });
  const started = performance.now();
  for (const m of messages) ch.sendToQueue(queue, m.content, m.options);
  await ch.waitForConfirms();
  await done;
  const seconds = (performance.now() - started) / 1000;
  await ch.deleteQueue(queue);
  await conn.close();
  return { count, seconds };
}

export async function ingestBench(
  serverUrl: string,
  amqpUrl: string | undefined,
  options: { records: number; largeRecords: number; events: number },
  log: (line: string) => void,
): Promise<Judged[]> {
  const url = new URL(serverUrl);
  url.pathname = '/arendenav_bench_ingest';
  const admin = await connectPostgres(serverUrl, { max: 1 });
  const exists = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [
    'arendenav_bench_ingest',
  ]);
  if (exists.rows.length === 0) await admin.query('CREATE DATABASE arendenav_bench_ingest');
  await admin.close();
  const db = await connectPostgres(url.toString(), { max: 4 });
  const dir = mkdtempSync(join(tmpdir(), 'arendenav-ingest-'));
  const judged: Judged[] = [];
  // Each figure is printed as soon as it is measured: the large file can take many minutes.
  const report = (j: Judged) => {
    judged.push(j);
    log(`RESULT ${j.row}: ${j.measured}; target ${j.target}: ${j.met ? 'MET' : 'MISSED'}`);
  };
  try {
    await emptyCases(db);
    log(`ingest: ${options.records} records through the hub…`);
    const hub = await hubIngest(url.toString(), options.records, dir);
    log(`ingest: the same rows as raw INSERT … ON CONFLICT…`);
    const raw = await rawInsert(db, options.records);
    const hubRate = hub.stored / hub.seconds;
    const rawRate = raw.rows / raw.seconds;
    const ratio = hubRate / rawRate;
    report({
      row: `XML export ${options.records.toLocaleString('en')} cases (${Math.round(hub.bytes / 2 ** 20)} MB)`,
      target: '≥ 1.00× raw batched INSERT … ON CONFLICT (moonshot 2.00×)',
      measured:
        `${ratio.toFixed(2)}×: hub ${Math.round(hubRate)} cases/s (parse → map → upsert with history and outbox, ` +
        `peak RSS ${Math.round(hub.maxRssKb / 1024)} MB), raw ${Math.round(rawRate)} rows/s${ratio >= 2 ? ', moonshot' : ''}`,
      met: ratio >= 1,
    });
    if (options.largeRecords > 0) {
      await emptyCases(db);
      log(`ingest: ${options.largeRecords} records through the hub for peak memory…`);
      const large = await hubIngest(url.toString(), options.largeRecords, dir);
      const rss = Math.round(large.maxRssKb / 1024);
      report({
        row: `XML export ${options.largeRecords.toLocaleString('en')} cases (${Math.round(large.bytes / 2 ** 20)} MB)`,
        target: 'peak RSS < 300 MB',
        measured: `peak RSS ${rss} MB, ${Math.round(large.stored / large.seconds)} cases/s`,
        met: rss < 300,
      });
    }
    if (amqpUrl && options.events > 0) {
      await emptyCases(db);
      log(`ingest: ${options.events} AMQP events end to end…`);
      const hub2 = await amqpHub(db, amqpUrl, options.events);
      const bare = await amqpBare(amqpUrl, options.events);
      const a = hub2.count / hub2.seconds;
      const b = bare.count / bare.seconds;
      report({
        row: `AMQP ${options.events.toLocaleString('en')} events end to end`,
        target: '≥ 0.50× bare amqplib publish + consume',
        measured: `${(a / b).toFixed(2)}×: hub ${Math.round(a)} events/s (ack after commit), bare ${Math.round(b)} msg/s`,
        met: a / b >= 0.5,
      });
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
    await db.close();
  }
  return judged;
}
