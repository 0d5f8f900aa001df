/** Reads mapping and override files, validates them, and reports every problem with file, line and reason. */
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { type Document, isMap, LineCounter, parseDocument } from 'yaml';
import type { z } from 'zod';
import { compileMapping, type Mapper, MappingCompileError } from './compile-mapping.js';
import { type Mapping, type MappingOverride, MappingSchema, OverrideSchema } from './mapping-schema.js';

export type MappingFileProblem = {
  file: string;
  line?: number;
  column?: number;
  path: string;
  message: string;
};

/** A mapping file that cannot be used; `problems` lists each with its location. */
export class MappingFileError extends Error {
  constructor(readonly problems: MappingFileProblem[]) {
    super(problems.map(formatProblem).join('\n'));
    this.name = 'MappingFileError';
  }
}

export function formatProblem(p: MappingFileProblem): string {
  const where = p.line ? `${p.file}:${p.line}:${p.column ?? 1}` : p.file;
  return `${where}: ${p.path ? `${p.path}: ` : ''}${p.message}`;
}

type Parsed = { file: string; doc: Document; lines: LineCounter; data: unknown };

function readYaml(file: string): Parsed {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new MappingFileError([
      {
        file,
        path: '',
        message: `cannot read the file (${(error as NodeJS.ErrnoException).code ?? 'error'})`,
      },
    ]);
  }
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true });
  if (doc.errors.length > 0) {
    throw new MappingFileError(
      doc.errors.map((e) => {
        const pos = lines.linePos(e.pos[0]);
        return {
          file,
          line: pos.line,
          column: pos.col,
          path: '',
          message: `YAML: ${e.message.split('\n')[0]}`,
        };
      }),
    );
  }
  return { file, doc, lines, data: doc.toJS() };
}

/** Finds the line of the deepest node that exists along `path`. */
function locate(parsed: Parsed, path: (string | number)[]): { line?: number; column?: number } {
  for (let n = path.length; n >= 0; n--) {
    const node = parsed.doc.getIn(path.slice(0, n), true) as { range?: [number, number, number] } | undefined;
    if (node?.range) {
      const pos = parsed.lines.linePos(node.range[0]);
      return { line: pos.line, column: pos.col };
    }
  }
  return {};
}

function validate<T>(parsed: Parsed, schema: z.ZodType<T>): T {
  const result = schema.safeParse(parsed.data);
  if (result.success) return result.data;
  throw new MappingFileError(
    result.error.issues.map((issue) => {
      const path = issue.path as (string | number)[];
      const keys = (issue as { keys?: string[] }).keys;
      const target = issue.code === 'unrecognized_keys' && keys?.[0] ? [...path, keys[0]] : path;
      return { file: parsed.file, ...locate(parsed, target), path: target.join('.'), message: issue.message };
    }),
  );
}

function compileLocated(parsed: Parsed, mapping: Mapping, overrideOf?: Parsed): Mapper {
  try {
    return compileMapping(mapping);
  } catch (error) {
    if (!(error instanceof MappingCompileError)) throw error;
    throw new MappingFileError(
      error.issues.map((issue) => {
        // An issue in a part the override replaced is reported in the override file.
        const source = overrideOf?.doc.hasIn(issue.path) ? overrideOf : parsed;
        return {
          file: source.file,
          ...locate(source, issue.path),
          path: issue.path.join('.'),
          message: issue.message,
        };
      }),
    );
  }
}

class OverrideConflict extends Error {
  constructor(
    readonly path: (string | number)[],
    message: string,
  ) {
    super(message);
  }
}

/** Applies an override: a new municipality, replaced office/handler, merged table entries and texts. */
export function applyOverride(base: Mapping, override: MappingOverride): Mapping {
  const tables = { ...base.tables };
  for (const [name, entries] of Object.entries(override.tables ?? {})) {
    // A misspelt table name would be accepted and never read: the codes it adds would quarantine cases.
    if (!Object.hasOwn(base.tables, name)) {
      throw new OverrideConflict(
        ['tables', name],
        `the shared mapping has no table "${name}" (it has: ${Object.keys(base.tables).join(', ')})`,
      );
    }
    for (const code of Object.keys(entries)) {
      if (Object.hasOwn(tables[name] ?? {}, code)) {
        throw new OverrideConflict(
          ['tables', name, code],
          `"${code}" is defined by the shared mapping; an override may add codes, not change shared ones`,
        );
      }
    }
    tables[name] = { ...(tables[name] ?? {}), ...entries };
  }
  for (const [name, rule] of Object.entries(override.fields ?? {})) {
    const shared = base.fields[name as keyof Mapping['fields']]?.class;
    if (rule.class !== undefined && rule.class !== shared) {
      throw new OverrideConflict(
        ['fields', name, 'class'],
        `the shared mapping classes ${name} as ${String(shared)}; an override cannot change a field's class`,
      );
    }
  }
  // The replaced field keeps the shared class: an override cannot make a field more visible.
  const fields = Object.fromEntries(
    Object.entries(override.fields ?? {}).map(([name, rule]) => [
      name,
      { class: base.fields[name as keyof Mapping['fields']]?.class, const: rule.const },
    ]),
  );
  return {
    ...base,
    municipality: override.municipality,
    fields: { ...base.fields, ...fields },
    tables,
    ...(base.statusTexts || override.statusTexts
      ? { statusTexts: { ...base.statusTexts, ...override.statusTexts } }
      : {}),
  };
}

/**
 * Loads, validates and compiles a mapping file or an override file (one with `extends`).
 * Throws MappingFileError naming file, line and reason for every problem found.
 *
 * @example
 * const mapper = loadMapping('mappings/byggr-arendeexport/bygglov.yaml');
 */
export function loadMapping(file: string): Mapper {
  const parsed = readYaml(resolve(file));
  parsed.file = file;
  if (isMap(parsed.doc.contents) && parsed.doc.has('extends')) {
    const override = validate(parsed, OverrideSchema);
    const baseFile = resolve(dirname(resolve(file)), override.extends);
    const baseParsed = readYaml(baseFile);
    baseParsed.file = baseFile;
    const base = validate(baseParsed, MappingSchema);
    let merged: Mapping;
    try {
      merged = applyOverride(base, override);
    } catch (error) {
      if (!(error instanceof OverrideConflict)) throw error;
      throw new MappingFileError([
        { file, ...locate(parsed, error.path), path: error.path.join('.'), message: error.message },
      ]);
    }
    return compileLocated(baseParsed, merged, parsed);
  }
  return compileLocated(parsed, validate(parsed, MappingSchema));
}
