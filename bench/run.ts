/**
 * `npm run bench` (scripts/bench.sh, on the project's Node 24): the API against ceilings measured in
 * the same run, mapping throughput, and ingest; every target printed with MET or MISSED.
 */

import { cpus, loadavg, totalmem } from 'node:os';
import { apiBench } from './api-bench.js';
import { ensurePostgres, ensureRabbitmq } from './database.js';
import { ingestBench } from './ingest.js';
import { measureMappingThroughput } from './mapping-throughput.js';
import { type BenchOptions, parseBenchOptions } from './options.js';
import { targetsTable } from './report.js';
import type { Judged } from './targets.js';

const log = (line: string) => console.log(`bench: ${line}`);

async function main(): Promise<void> {
  const options = parseBenchOptions(process.argv.slice(2));
  const cpu = cpus();
  const machine =
    `${cpu.length} cores (${cpu[0]?.model.trim() ?? 'unknown cpu'}), ${Math.round(totalmem() / 2 ** 30)} GB RAM, ` +
    `Node ${process.version}, ${process.platform}/${process.arch}`;
  // Other work on the machine skews every number; say how busy it was before the bench added its own.
  const busy = () =>
    `load average ${loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')} (1, 5, 15 min)`;
  const started = busy();
  log(`${machine}; ${started} when the bench started`);
  const header = [`machine:  ${machine}`, `busy:     ${started} when the bench started`];
  const judged: Judged[] = [];
  if (options.parts.includes('api')) {
    log(`API part starts at ${busy()}`);
    judged.push(...(await apiBench(options, header, log)));
  }
  if (options.parts.includes('mappings')) {
    log(`mapping part starts at ${busy()}`);
    judged.push(...(await mappingBench(options)));
  }
  if (options.parts.includes('ingest')) {
    log(`ingest part starts at ${busy()}`);
    judged.push(
      ...(await ingestBench(
        ensurePostgres(),
        options.amqpEvents > 0 ? ensureRabbitmq() : undefined,
        { records: options.ingestRecords, largeRecords: options.ingestLarge, events: options.amqpEvents },
        log,
      )),
    );
  }
  const missed = judged.filter((j) => !j.met).length;
  console.log('');
  console.log(`Targets — ${header[0]?.slice(10)}; ${started} when the bench started`);
  console.log(targetsTable(judged));
  console.log('');
  console.log(`${judged.length - missed} MET, ${missed} MISSED`);
}

/** Issue "Declarative mappings": engine vs hand-written baseline, one core. */
async function mappingBench(options: BenchOptions): Promise<Judged[]> {
  const rows = await measureMappingThroughput(options.mappingRecords, log);
  console.log('');
  console.log(
    `Mapping throughput — ${options.mappingRecords.toLocaleString('en')} records per mapping, one thread`,
  );
  for (const r of rows) {
    console.log(
      `  ${r.mapping.padEnd(38)} engine ${Math.round(r.engine)} rec/s, hand-written ${Math.round(r.handwritten)} rec/s`,
    );
  }
  return rows.map((r) => ({
    row: `mapping ${r.mapping}`,
    target: '≥ 0.50× hand-written',
    measured: `${r.ratio.toFixed(2)}× (${Math.round(r.engine)} vs ${Math.round(r.handwritten)} rec/s)`,
    met: r.ratio >= 0.5,
  }));
}

main().catch((error: unknown) => {
  console.error('');
  console.error('BENCH FAILED:', error instanceof Error ? (error.stack ?? error.message) : error);
  process.exitCode = 1;
});
