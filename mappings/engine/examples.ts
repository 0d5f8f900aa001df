/** Example vectors beside a mapping: a source payload and the exact canonical output (or errors) it must give. */
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { createPersonRefHasher } from '../../person/person-ref.js';
import { createCaseIdMinter } from '../../schemas/case-id.js';
import type { Mapper, MapResult } from './compile-mapping.js';
import type { MappingProblem } from './compile-rule.js';

/** A published, non-secret key so example outputs (person references) are reproducible anywhere. */
export const EXAMPLE_PERSON_REF_KEY = 'example-person-ref-key-not-secret-0000';
/** Likewise for case ids: example outputs carry ids minted with this published key, never the hub's. */
export const EXAMPLE_CASE_ID_KEY = 'example-case-id-key-not-secret-00000000';

export type ExampleVector = {
  description: string;
  now: string;
  source: unknown;
  expected?: unknown;
  expectedErrors?: MappingProblem[];
  /** The record says its source removed the case: which record, and as of when. */
  expectedDeletion?: { sourceId: string; at: string };
  /** Parts left out of the case (an unreadable party), each with its reason; absent means none. */
  expectedWarnings?: MappingProblem[];
};

export type ExampleOutcome = {
  file: string;
  description: string;
  passed: boolean;
  /** Rewritten from the current output (with --update). */
  updated: boolean;
  actual: unknown;
  expected: unknown;
};

/** The examples folder of a mapping file: `examples/` beside it, or `<name>.examples/` for an override. */
export function examplesDir(mappingFile: string): string {
  const own = join(dirname(mappingFile), `${basename(mappingFile).replace(/\.ya?ml$/, '')}.examples`);
  return existsSync(own) ? own : join(dirname(mappingFile), 'examples');
}

export function listExamples(mappingFile: string): string[] {
  const dir = examplesDir(mappingFile);
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => join(dir, f));
}

export function readExample(file: string): ExampleVector {
  return JSON.parse(readFileSync(file, 'utf8')) as ExampleVector;
}

export async function mapExample(mapper: Mapper, vector: ExampleVector, trace = false): Promise<MapResult> {
  return mapper.map(vector.source, {
    personRefs: createPersonRefHasher(EXAMPLE_PERSON_REF_KEY),
    caseIds: createCaseIdMinter(EXAMPLE_CASE_ID_KEY),
    now: new Date(vector.now),
    trace,
  });
}

type Comparable = {
  expected?: unknown;
  expectedErrors?: MappingProblem[];
  expectedDeletion?: { sourceId: string; at: string };
  expectedWarnings?: MappingProblem[];
};

function comparable(result: MapResult): Comparable {
  const warnings = result.warnings.length > 0 ? { expectedWarnings: result.warnings } : {};
  if (result.ok === 'deleted')
    return { expectedDeletion: { sourceId: result.sourceId, at: result.at }, ...warnings };
  return result.ok ? { expected: result.case, ...warnings } : { expectedErrors: result.errors, ...warnings };
}

/**
 * Runs every vector of a mapping; with `update`, rewrites each vector's expectation from the
 * current output (for authors, after reviewing the diff).
 */
export async function runExamples(
  mapper: Mapper,
  mappingFile: string,
  options: { update?: boolean } = {},
): Promise<ExampleOutcome[]> {
  const outcomes: ExampleOutcome[] = [];
  for (const file of listExamples(mappingFile)) {
    const vector = readExample(file);
    const actual = comparable(await mapExample(mapper, vector));
    const expected: Comparable = {
      ...(vector.expectedErrors
        ? { expectedErrors: vector.expectedErrors }
        : vector.expectedDeletion
          ? { expectedDeletion: vector.expectedDeletion }
          : { expected: vector.expected }),
      ...(vector.expectedWarnings ? { expectedWarnings: vector.expectedWarnings } : {}),
    };
    const passed = isDeepStrictEqual(JSON.parse(JSON.stringify(actual)), expected);
    if (options.update && !passed) {
      const {
        expected: _e,
        expectedErrors: _ee,
        expectedDeletion: _ed,
        expectedWarnings: _ew,
        ...rest
      } = vector;
      writeFileSync(file, `${JSON.stringify({ ...rest, ...actual }, null, 2)}\n`);
    }
    outcomes.push({
      file,
      description: vector.description,
      passed,
      updated: Boolean(options.update) && !passed,
      actual,
      expected,
    });
  }
  return outcomes;
}
