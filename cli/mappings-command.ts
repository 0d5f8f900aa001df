/** `arendenav mappings validate|test|explain <file>`: the tools a system owner uses on a mapping file. */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { listExamples, mapExample, runExamples } from '../mappings/engine/examples.js';
import { loadMapping, type Mapper, MappingFileError } from '../mappings/engine/index.js';
import { SCHEMA_FILES, schemaText } from '../mappings/engine/json-schema.js';

const USAGE = `Usage:
  arendenav mappings validate <mapping.yaml>...         check files; exit 1 on any problem
  arendenav mappings test <mapping.yaml>... [--update]  run the example vectors beside each mapping
  arendenav mappings explain <mapping.yaml> <payload.json> [--now <iso>]
                                                        show each canonical field, its value, class and rule
  arendenav mappings schema <dir>                       write mapping.schema.json and override.schema.json
`;

type Out = { out: (s: string) => void; err: (s: string) => void };

function load(file: string, io: Out): Mapper | undefined {
  try {
    return loadMapping(file);
  } catch (error) {
    if (error instanceof MappingFileError) {
      io.err(`${error.message}\n`);
      return undefined;
    }
    throw error;
  }
}

/** Runs the subcommand; returns the exit code. */
export async function mappingsCommand(args: string[], io: Out): Promise<number> {
  const [sub, ...rest] = args;
  const { values, positionals } = parseArgs({
    args: rest,
    allowPositionals: true,
    options: { update: { type: 'boolean' }, now: { type: 'string' } },
  });
  if (!sub || positionals.length === 0) {
    io.err(USAGE);
    return 2;
  }
  if (sub === 'schema') {
    for (const name of Object.keys(SCHEMA_FILES) as (keyof typeof SCHEMA_FILES)[]) {
      writeFileSync(join(positionals[0] as string, name), schemaText(name));
      io.out(`wrote ${join(positionals[0] as string, name)}\n`);
    }
    return 0;
  }
  if (sub === 'validate') {
    let failed = 0;
    for (const file of positionals) {
      const mapper = load(file, io);
      if (mapper) io.out(`ok  ${file}  (${mapper.id} ${mapper.version})\n`);
      else failed++;
    }
    return failed > 0 ? 1 : 0;
  }
  if (sub === 'test') {
    let failed = 0;
    for (const file of positionals) {
      const mapper = load(file, io);
      if (!mapper) {
        failed++;
        continue;
      }
      if (listExamples(file).length === 0) {
        io.err(`${file}: no example vectors found (add examples/*.json beside it)\n`);
        failed++;
        continue;
      }
      for (const outcome of await runExamples(mapper, file, { update: values.update ?? false })) {
        io.out(
          `${outcome.updated ? 'updated' : outcome.passed ? 'pass' : 'FAIL'}  ${outcome.file}  ${outcome.description}\n`,
        );
        if (!outcome.passed && !outcome.updated) {
          failed++;
          io.out(
            `  expected: ${JSON.stringify(outcome.expected)}\n  actual:   ${JSON.stringify(outcome.actual)}\n`,
          );
        }
      }
    }
    return failed > 0 ? 1 : 0;
  }
  if (sub === 'explain') {
    const [file, payloadFile] = positionals;
    if (!file || !payloadFile) {
      io.err(USAGE);
      return 2;
    }
    const mapper = load(file, io);
    if (!mapper) return 1;
    let payload: { source?: unknown; now?: string };
    try {
      payload = JSON.parse(readFileSync(payloadFile, 'utf8'));
    } catch (error) {
      io.err(`${payloadFile}: not readable JSON (${(error as Error).message})\n`);
      return 1;
    }
    const vector =
      'source' in payload
        ? {
            description: '',
            now: values.now ?? payload.now ?? new Date().toISOString(),
            source: payload.source,
          }
        : { description: '', now: values.now ?? new Date().toISOString(), source: payload };
    const result = await mapExample(mapper, vector, true);
    io.out(`${mapper.id} ${mapper.version}\n\n`);
    const rows = (result.trace ?? []).map((t) => [t.field, JSON.stringify(t.value) ?? '—', t.class, t.rule]);
    const widths = [0, 1, 2].map((i) => Math.min(48, Math.max(...rows.map((r) => (r[i] ?? '').length), 5)));
    io.out(`${['field', 'value', 'class'].map((h, i) => h.padEnd(widths[i] ?? 0)).join('  ')}  rule\n`);
    for (const r of rows) {
      const cells = [0, 1, 2].map((i) => {
        const cell = r[i] ?? '';
        return (cell.length > (widths[i] ?? 0) ? `${cell.slice(0, (widths[i] ?? 1) - 1)}…` : cell).padEnd(
          widths[i] ?? 0,
        );
      });
      io.out(`${cells.join('  ')}  ${r[3]}\n`);
    }
    if (result.warnings.length > 0)
      io.out(
        `\nleft out, the rest of the case kept:\n${result.warnings.map((w) => `  ${w.field}: ${w.message}`).join('\n')}\n`,
      );
    if (result.ok === 'deleted') {
      io.out(`\nresult: the source removed this case (as of ${result.at}); the hub removes it too\n`);
      return 0;
    }
    if (result.ok) {
      if (result.dropped.length > 0)
        io.out(`\nsecret, dropped before storage: ${result.dropped.join(', ')}\n`);
      io.out(`\nresult: a valid canonical case (id ${result.case.id})\n`);
      return 0;
    }
    io.out(`\nresult: REJECTED\n${result.errors.map((e) => `  ${e.field}: ${e.message}`).join('\n')}\n`);
    return 1;
  }
  io.err(`arendenav mappings: unknown subcommand "${sub}"\n\n${USAGE}`);
  return 2;
}
