/** What compiled rules share: their evaluation context, the compile environment and the "no value" markers. */
import type jsonata from 'jsonata';
import type { PersonRefHasher } from '../../person/person-ref.js';
import type { FieldClass } from '../../schemas/case.js';
import type { FastExpr } from './expr-fast.js';
import type { RuleKind } from './mapping-schema.js';
import { parsePath, type Step } from './source-path.js';

export type MappingProblem = { field: string; message: string };
export type TraceEntry = { field: string; value: unknown; class: FieldClass; rule: string };

export type EvalContext = {
  problems: MappingProblem[];
  personRefs: PersonRefHasher;
  now: Date;
  trace: TraceEntry[] | undefined;
  /** Canonical fields dropped because they are classified `secret`. */
  dropped: string[];
  /** Parts left out of an otherwise good case (an unreadable party), each with its reason. */
  warnings: MappingProblem[];
  /** Results of the mapping's JSONata expressions for this record, computed before the synchronous pass. */
  exprValues: unknown[];
  /** Set by `concat` so the next `each` numbers its items after the earlier parts'. */
  indexBase?: number | undefined;
};

/**
 * Evaluates a compiled rule in `scope` (the record, or an item of `each`); `field` names the output
 * for messages. Synchronous: mapping is CPU work, and JSONata's asynchronous results are computed
 * once per record beforehand.
 */
export type Evaluator = (scope: unknown, ctx: EvalContext, field: string) => unknown;

export type CompiledRule = {
  evaluate: Evaluator;
  describe: string;
  class: FieldClass | undefined;
  kind: RuleKind;
};

/** The evaluator of one rule kind, before the common modifiers (optional, type) are applied. */
export type Inner = { evaluate: Evaluator; describe: string };

/** A problem found while compiling, located by its path in the mapping file. */
export type CompileIssue = { path: (string | number)[]; message: string };

export type CompileEnv = {
  tables: Record<string, Record<string, unknown>>;
  zone: string;
  issues: CompileIssue[];
  /** JSONata expressions of the mapping, evaluated over the whole record before the rules run. */
  exprs: { expression: jsonata.Expression; fast: FastExpr | undefined }[];
  /** Set while compiling the item rule of an `each`, where a whole-record expression makes no sense. */
  insideEach?: boolean;
  /** Set while compiling the `ref` part of an object, the one place a personOrOrganisation rule belongs. */
  refSlot?: boolean;
};

export const NO_VALUE = undefined;

/** "Required but absent" problems, which an optional object that is wholly absent may forgive. */
export const ABSENT = new WeakSet<MappingProblem>();

/** Marks the result of a JSONata expression that failed for this record. */
export const EXPR_FAILED: unique symbol = Symbol('expr failed');
export type ExprFailure = { [EXPR_FAILED]: string };

/** Parses a path at compile time; a bad one becomes a compile issue and matches nothing. */
export function safeParsePath(
  path: string,
  at: (string | number)[],
  env: Pick<CompileEnv, 'issues'>,
): Step[] {
  try {
    return parsePath(path);
  } catch (error) {
    env.issues.push({ path: at, message: (error as Error).message });
    return [];
  }
}
