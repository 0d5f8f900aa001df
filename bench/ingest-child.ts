/**
 * One ingest run in its own process, so its peak memory is its own: an export file through the
 * xml-file connector, the mapping and the store into PostgreSQL. Prints one JSON line. bench/ingest.ts
 * starts it with the V8 heap options of the hub's image (bench/hub-node-options.ts), so the peak it
 * reports is the hub's as deployed.
 */

import { mkdirSync, renameSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { createLogger } from '../app/logger.js';
import { xmlFileConnector } from '../connectors/xml-file/index.js';
import { shippedMappingsDir } from '../mappings/location.js';
import { loadMappingRegistry } from '../mappings/registry.js';
import { createCaseIdMinter } from '../schemas/case-id.js';
import { connectPostgres } from '../store/db.js';
import { createEngineOn } from '../sync/create-engine.js';
import { BENCH_CASE_ID_KEY, BENCH_PERSON_REF_KEY } from './generate-cases.js';

const [databaseUrl, file, batch] = process.argv.slice(2);
if (!databaseUrl || !file) throw new Error('usage: ingest-child <database-url> <export-file> [batch]');

const inbox = join(dirname(file), `inbox-${process.pid}`);
mkdirSync(inbox, { recursive: true });
renameSync(file, join(inbox, 'export.xml'));
const db = await connectPostgres(databaseUrl, { max: 2 });
const { engine } = createEngineOn({
  db,
  key: BENCH_PERSON_REF_KEY,
  caseIds: createCaseIdMinter(BENCH_CASE_ID_KEY),
  logger: createLogger({ level: 'warn' }),
  owner: `bench-${process.pid}`,
});
const mapper = loadMappingRegistry(shippedMappingsDir()).get('omsorg-xml/socialtjanst', '2480');
if (!mapper) throw new Error('no omsorg mapping');
await engine.add(
  {
    id: `bench-ingest-${process.pid}`,
    kind: 'xml-file',
    municipality: '2480',
    mapping: mapper.id,
    everySeconds: 3600,
    callTimeoutMs: 3_600_000,
    freshnessSeconds: 3600,
    retry: { maxAttempts: 0, initialDelayMs: 10, maxDelayMs: 10 },
    breaker: { consecutiveFailures: 5, halfOpenAfterMs: 1000 },
  },
  xmlFileConnector.create(
    xmlFileConnector.configSchema.parse({ inboxDir: inbox, batchSize: Number(batch ?? 1000) }),
  ),
  mapper,
);
const started = performance.now();
const outcome = await engine.runOnce(`bench-ingest-${process.pid}`);
const seconds = (performance.now() - started) / 1000;
await db.close();
process.stdout.write(
  `${JSON.stringify({ ...outcome, seconds, maxRssKb: process.resourceUsage().maxRSS })}\n`,
);
