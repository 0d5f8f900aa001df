/** Command-line options of `npm run bench`, parsed once with node:util (the bench reads no environment). */
import { parseArgs } from 'node:util';

export type BenchOptions = {
  rows: number;
  duration: number;
  warmup: number;
  /** Seconds per fixed arrival rate (open model). */
  openDuration: number;
  connections: number;
  batch: number;
  loadConcurrency: number;
  sample: number;
  /** Which parts to run: the API against PostgreSQL, mapping throughput. */
  parts: ('api' | 'mappings' | 'ingest')[];
  /** Only these API rows (scenario keys, e.g. pnr, pnr.bare-audit, expected-date); all when absent. */
  scenarios?: string[];
  mappingRecords: number;
  ingestRecords: number;
  ingestLarge: number;
  amqpEvents: number;
};

export const DEFAULT_ROWS = 1_000_000;
// The generator places the searched people's cases across the whole id range; below this it cannot.
const MIN_ROWS = 2_000;

const USAGE = `Usage: npm run bench -- [options]
  --rows N              cases to load (default ${DEFAULT_ROWS}; at least ${MIN_ROWS})
  --duration S          seconds per measured scenario (default 10)
  --warmup S            unmeasured seconds before each scenario (default 2)
  --open-duration S     seconds per fixed arrival rate (default 10)
  --connections N       concurrent HTTP connections (default 50)
  --batch N             cases per upsertMany call while loading (default 2000)
  --load-concurrency N  upsertMany calls in flight while loading (default 2)
  --sample N            existing ids/references to rotate through (default 4000)
  --parts LIST          comma-separated: api, mappings, ingest (default all)
  --scenarios LIST      comma-separated API row keys, e.g. pnr,pnr.bare-audit (default all); only
                        the targets whose rows all ran are judged
  --mapping-records N   records per mapping for the mapping throughput (default 100000)
  --ingest-records N    cases in the XML export ingest (default 100000)
  --ingest-large N      cases in the large export for peak memory (default 1000000; 0 skips)
  --amqp-events N       events for the AMQP ingest (default 10000; 0 skips)`;

function positiveInt(name: string, raw: string | undefined, fallback: number, min = 1): number {
  if (raw === undefined) return fallback;
  const value = Number(raw.replace(/_/g, ''));
  if (!Number.isInteger(value) || value < min) {
    throw new Error(`--${name} must be an integer ≥ ${min}, got "${raw}"\n${USAGE}`);
  }
  return value;
}

function parseParts(raw: string | undefined): BenchOptions['parts'] {
  if (raw === undefined) return ['api', 'mappings', 'ingest'];
  const parts = raw.split(',').map((p) => p.trim());
  for (const part of parts) {
    if (part !== 'api' && part !== 'mappings' && part !== 'ingest')
      throw new Error(`--parts takes api, mappings, ingest; got "${part}"\n${USAGE}`);
  }
  return parts as BenchOptions['parts'];
}

function parseScenarios(raw: string): string[] {
  const keys = raw
    .split(',')
    .map((k) => k.trim())
    .filter((k) => k !== '');
  if (keys.length === 0) throw new Error(`--scenarios takes at least one row key\n${USAGE}`);
  return keys;
}

/** Parses `argv` (without node and script); prints usage and exits on --help. */
export function parseBenchOptions(argv: string[]): BenchOptions {
  const { values } = parseArgs({
    args: argv,
    options: {
      rows: { type: 'string' },
      duration: { type: 'string' },
      warmup: { type: 'string' },
      'open-duration': { type: 'string' },
      connections: { type: 'string' },
      batch: { type: 'string' },
      'load-concurrency': { type: 'string' },
      sample: { type: 'string' },
      parts: { type: 'string' },
      scenarios: { type: 'string' },
      'mapping-records': { type: 'string' },
      'ingest-records': { type: 'string' },
      'ingest-large': { type: 'string' },
      'amqp-events': { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
    strict: true,
  });
  if (values.help) {
    console.log(USAGE);
    process.exit(0);
  }
  return {
    rows: positiveInt('rows', values.rows, DEFAULT_ROWS, MIN_ROWS),
    duration: positiveInt('duration', values.duration, 10),
    warmup: positiveInt('warmup', values.warmup, 2, 0),
    openDuration: positiveInt('open-duration', values['open-duration'], 10),
    connections: positiveInt('connections', values.connections, 50),
    batch: positiveInt('batch', values.batch, 2000),
    loadConcurrency: positiveInt('load-concurrency', values['load-concurrency'], 2),
    sample: positiveInt('sample', values.sample, 4000, 10),
    parts: parseParts(values.parts),
    ...(values.scenarios === undefined ? {} : { scenarios: parseScenarios(values.scenarios) }),
    mappingRecords: positiveInt('mapping-records', values['mapping-records'], 100_000, 1000),
    ingestRecords: positiveInt('ingest-records', values['ingest-records'], 100_000, 100),
    ingestLarge: positiveInt('ingest-large', values['ingest-large'], 1_000_000, 0),
    amqpEvents: positiveInt('amqp-events', values['amqp-events'], 10_000, 0),
  };
}
