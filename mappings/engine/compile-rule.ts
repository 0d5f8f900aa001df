/** Compiles one declarative rule into an evaluator, once, so mapping a record does no parsing. */
import jsonata from 'jsonata';
import type { PersonRefHasher } from '../../person/person-ref.js';
import { parsePersonnummer } from '../../person/personnummer.js';
import type { FieldClass } from '../../schemas/case.js';
import { isValidZone, parseDate } from './dates.js';
import { RULE_KINDS, type Rule, type RuleKind } from './mapping-schema.js';
import { isMissing, PathError, parsePath, readAll, readPath } from './source-path.js';

export type MappingProblem = { field: string; message: string };
export type TraceEntry = { field: string; value: unknown; class: FieldClass; rule: string };

export type EvalContext = {
  problems: MappingProblem[];
  personRefs: PersonRefHasher;
  now: Date;
  trace: TraceEntry[] | undefined;
  /** Canonical fields dropped because they are classified `secret`. */
  dropped: string[];
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

/** A problem found while compiling, located by its path in the mapping file. */
export type CompileIssue = { path: (string | number)[]; message: string };

export type CompileEnv = {
  tables: Record<string, Record<string, unknown>>;
  zone: string;
  issues: CompileIssue[];
  /** JSONata expressions of the mapping, evaluated over the whole record before the rules run. */
  exprs: { expression: jsonata.Expression; at: string }[];
  /** Set while compiling the item rule of an `each`, where a whole-record expression makes no sense. */
  insideEach?: boolean;
};

const NO_VALUE = undefined;

/** "Required but absent" problems, which an optional object that is wholly absent may forgive. */
const ABSENT = new WeakSet<MappingProblem>();

/** Marks the result of a JSONata expression that failed for this record. */
export const EXPR_FAILED: unique symbol = Symbol('expr failed');
export type ExprFailure = { [EXPR_FAILED]: string };

/**
 * Compiles `rule` found at `at` in the mapping file. Problems with the rule itself (an unknown
 * table, a bad JSONata expression, an unknown time zone) are collected in `env.issues`.
 */
export function compileRule(
  rule: Rule,
  at: (string | number)[],
  env: CompileEnv,
  inherited?: FieldClass,
): CompiledRule {
  const kind = RULE_KINDS.find((k) => k in rule) as RuleKind;
  const cls = rule.class ?? inherited;
  const inner = compileKind(kind, rule, at, env, cls);
  const { optional = false, type } = rule;
  const evaluate: Evaluator = (scope, ctx, field) => {
    const known = ctx.problems.length;
    let value = inner.evaluate(scope, ctx, field);
    if (type && !isMissing(value)) value = coerce(value, type, ctx, field);
    if (isMissing(value)) {
      // One problem per field: a reason already given (bad date, unknown code) says it best.
      if (!optional && kind !== 'each' && kind !== 'concat' && ctx.problems.length === known) {
        const problem = {
          field,
          message: `required, but the source record has no value (${inner.describe})`,
        };
        ABSENT.add(problem);
        ctx.problems.push(problem);
      }
      return NO_VALUE;
    }
    return value;
  };
  return { evaluate, describe: inner.describe, class: cls, kind };
}

type Inner = { evaluate: Evaluator; describe: string };

function compileKind(
  kind: RuleKind,
  rule: Rule,
  at: (string | number)[],
  env: CompileEnv,
  cls: FieldClass | undefined,
): Inner {
  switch (kind) {
    case 'path': {
      const path = rule.path as string;
      const steps = safeParsePath(path, [...at, 'path'], env);
      return {
        describe: `path ${path}`,
        evaluate: (scope, ctx, field) => {
          try {
            return readPath(scope, steps);
          } catch (error) {
            if (error instanceof PathError)
              ctx.problems.push({ field, message: `${error.message} (path ${path})` });
            return NO_VALUE;
          }
        },
      };
    }
    case 'const':
      return { describe: `constant ${JSON.stringify(rule.const)}`, evaluate: () => rule.const };
    case 'firstOf': {
      const options = (rule.firstOf ?? []).map((r, i) =>
        compileRule({ ...r, optional: true }, [...at, 'firstOf', i], env),
      );
      return {
        describe: `first of (${options.map((o) => o.describe).join(' | ')})`,
        evaluate: (scope, ctx, field) => {
          for (const option of options) {
            const value = option.evaluate(scope, ctx, field);
            if (!isMissing(value)) return value;
          }
          return NO_VALUE;
        },
      };
    }
    case 'join': {
      const parts = (rule.join ?? []).map((r, i) =>
        compileRule({ ...r, optional: true }, [...at, 'join', i], env),
      );
      const separator = rule.separator ?? ' ';
      return {
        describe: `join "${separator}" (${parts.map((p) => p.describe).join(', ')})`,
        evaluate: (scope, ctx, field) => {
          const values: string[] = [];
          for (const part of parts) {
            const value = part.evaluate(scope, ctx, field);
            if (!isMissing(value)) values.push(String(value).trim());
          }
          return values.length > 0 ? values.join(separator) : NO_VALUE;
        },
      };
    }
    case 'date': {
      const source = compileRule({ ...(rule.date as Rule), optional: true }, [...at, 'date'], env);
      const format = rule.format as string;
      const zone = rule.zone ?? env.zone;
      if (!isValidZone(zone))
        env.issues.push({ path: [...at, 'zone'], message: `unknown time zone "${zone}"` });
      return {
        describe: `date ${format} ${zone} ← ${source.describe}`,
        evaluate: (scope, ctx, field) => {
          const value = source.evaluate(scope, ctx, field);
          if (isMissing(value)) return NO_VALUE;
          const parsed = parseDate(value, format, zone);
          if (parsed.ok) return parsed.iso;
          ctx.problems.push({ field, message: parsed.reason });
          return NO_VALUE;
        },
      };
    }
    case 'table': {
      const name = rule.table as string;
      const table = env.tables[name];
      if (!table)
        env.issues.push({ path: [...at, 'table'], message: `there is no table "${name}" under tables` });
      const source = compileRule({ ...(rule.from as Rule), optional: true }, [...at, 'from'], env);
      return {
        describe: `table ${name} ← ${source.describe}`,
        evaluate: (scope, ctx, field) => {
          const value = source.evaluate(scope, ctx, field);
          if (isMissing(value)) return NO_VALUE;
          const key = String(value).trim();
          if (table && Object.hasOwn(table, key)) return table[key];
          const known = Object.keys(table ?? {});
          ctx.problems.push({
            field,
            message: `source value "${key}" is not in table ${name} (known: ${known.slice(0, 12).join(', ')}${known.length > 12 ? ', …' : ''})`,
          });
          return NO_VALUE;
        },
      };
    }
    case 'expr': {
      const text = rule.expr as string;
      if (env.insideEach) {
        env.issues.push({
          path: [...at, 'expr'],
          message: 'expr is evaluated over the whole record and cannot be used inside each',
        });
      }
      let index = -1;
      try {
        index = env.exprs.push({ expression: jsonata(text), at: at.join('.') }) - 1;
      } catch (error) {
        env.issues.push({ path: [...at, 'expr'], message: `JSONata: ${(error as Error).message}` });
      }
      return {
        describe: `expr ${text}`,
        evaluate: (_scope, ctx) => (index >= 0 ? ctx.exprValues[index] : NO_VALUE),
      };
    }
    case 'personnummer': {
      const source = compileRule(
        { ...(rule.personnummer as Rule), optional: true },
        [...at, 'personnummer'],
        env,
      );
      return {
        describe: `personnummer → person reference ← ${source.describe}`,
        evaluate: (scope, ctx, field) => {
          const value = source.evaluate(scope, ctx, field);
          if (isMissing(value)) return NO_VALUE;
          const parsed = parsePersonnummer(String(value), { now: ctx.now });
          if (parsed.ok) return ctx.personRefs.fromParsed(parsed.value);
          // The value is personal data: the message names the field and the reason only.
          ctx.problems.push({ field, message: `not a valid personnummer (${parsed.reason})` });
          return NO_VALUE;
        },
      };
    }
    case 'object': {
      const entries = Object.entries(rule.object ?? {}).map(
        ([key, r]) => [key, compileRule(r, [...at, 'object', key], env, cls)] as const,
      );
      return {
        describe: 'object',
        evaluate: (scope, ctx, field) => {
          const out: Record<string, unknown> = {};
          // Problems of the parts are held back: an optional object that is wholly absent is fine.
          const outer = ctx.problems;
          ctx.problems = [];
          for (const [key, sub] of entries) {
            const subField = `${field}.${key}`;
            if (sub.class === 'secret') {
              ctx.dropped.push(subField);
              continue;
            }
            const value = sub.evaluate(scope, ctx, subField);
            if (!isMissing(value)) out[key] = value;
            if (ctx.trace && sub.kind !== 'object' && sub.kind !== 'each') {
              ctx.trace.push({ field: subField, value, class: sub.class ?? 'public', rule: sub.describe });
            }
          }
          const partProblems = ctx.problems;
          ctx.problems = outer;
          if (Object.keys(out).length === 0 && rule.optional) {
            // Wholly absent is fine; a value that is present but wrong (an unknown code) is not.
            outer.push(...partProblems.filter((p) => !ABSENT.has(p)));
            return NO_VALUE;
          }
          outer.push(...partProblems);
          return Object.keys(out).length > 0 ? out : NO_VALUE;
        },
      };
    }
    case 'concat':
      return compileConcat(rule, at, env, cls);
    case 'each': {
      const path = rule.each as string;
      const steps = safeParsePath(path, [...at, 'each'], env);
      const item = compileRule(rule.item as Rule, [...at, 'item'], { ...env, insideEach: true }, cls);
      return {
        describe: `each ${path}`,
        evaluate: (scope, ctx, field) => {
          const list = readAll(scope, steps);
          const base = ctx.indexBase ?? 0;
          ctx.indexBase = undefined;
          const out: unknown[] = [];
          for (const [i, element] of list.entries()) {
            const value = item.evaluate(element, ctx, `${field}[${base + i}]`);
            if (!isMissing(value)) out.push(value);
          }
          return out;
        },
      };
    }
  }
}

function compileConcat(
  rule: Rule,
  at: (string | number)[],
  env: CompileEnv,
  cls: FieldClass | undefined,
): Inner {
  const parts = (rule.concat ?? []).map((r, i) =>
    compileRule({ ...r, optional: true }, [...at, 'concat', i], env, cls),
  );
  return {
    describe: `concat (${parts.map((p) => p.describe).join(', ')})`,
    evaluate: (scope, ctx, field) => {
      const out: unknown[] = [];
      for (const part of parts) {
        ctx.indexBase = out.length; // positions in messages continue across the parts
        const value = part.evaluate(scope, ctx, field);
        if (Array.isArray(value)) out.push(...value);
        else if (!isMissing(value)) out.push(value);
      }
      return out;
    },
  };
}

function safeParsePath(path: string, at: (string | number)[], env: CompileEnv) {
  try {
    return parsePath(path);
  } catch (error) {
    env.issues.push({ path: at, message: (error as Error).message });
    return [];
  }
}

function coerce(
  value: unknown,
  type: 'string' | 'number' | 'boolean',
  ctx: EvalContext,
  field: string,
): unknown {
  if (type === 'string') {
    if (typeof value !== 'object') return String(value).trim();
    ctx.problems.push({
      field,
      message: `expected text, found ${Array.isArray(value) ? 'a list' : 'an object'}`,
    });
    return NO_VALUE;
  }
  if (type === 'number') {
    const n = typeof value === 'number' ? value : Number(String(value).trim().replace(',', '.'));
    if (Number.isFinite(n)) return n;
    ctx.problems.push({ field, message: 'not a number' });
    return NO_VALUE;
  }
  if (typeof value === 'boolean') return value;
  const text = String(value).trim().toLowerCase();
  if (['true', '1', 'ja', 'yes', 'j'].includes(text)) return true;
  if (['false', '0', 'nej', 'no', 'n'].includes(text)) return false;
  ctx.problems.push({ field, message: `"${text}" is not a boolean (true/false, 1/0, ja/nej)` });
  return NO_VALUE;
}
