/** Compiles one declarative rule into an evaluator, once, so mapping a record does no parsing. */
import jsonata from 'jsonata';
import type { FieldClass } from '../../schemas/case.js';
import { coerce } from './coerce.js';
import { compileConcat, compileEach, compileSelect } from './compile-lists.js';
import { compileIdentityNumber } from './compile-refs.js';
import { isValidZone, parseDate } from './dates.js';
import { compileFast } from './expr-fast.js';
import { RULE_KINDS, type Rule, type RuleKind } from './mapping-schema.js';
import {
  ABSENT,
  type CompiledRule,
  type CompileEnv,
  type Evaluator,
  EXPR_FAILED,
  type ExprFailure,
  type Inner,
  NO_VALUE,
  safeParsePath,
} from './rule-context.js';
import { isMissing, PathError, readPath } from './source-path.js';

export {
  type CompiledRule,
  type CompileEnv,
  type CompileIssue,
  type EvalContext,
  type Evaluator,
  EXPR_FAILED,
  type ExprFailure,
  type MappingProblem,
  type TraceEntry,
} from './rule-context.js';

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
  // Fields and object parts classed secret never get here; anywhere else the class would drop nothing.
  if (rule.class === 'secret')
    env.issues.push({
      path: at,
      message: 'only a field or a part of an object may be secret (here nothing would be dropped)',
    });
  const inner = compileKind(kind, rule, at, env, cls);
  const { optional = false, type } = rule;
  const evaluate: Evaluator = (scope, ctx, field) => {
    const known = ctx.problems.length;
    let value = inner.evaluate(scope, ctx, field);
    if (type && !isMissing(value)) value = coerce(value, type, ctx, field);
    if (isMissing(value)) {
      // One problem per field: a reason already given (bad date, unknown code) says it best. (`each` and
      // `concat` always give a list, so an empty list is never "required but absent".)
      if (!optional && ctx.problems.length === known) {
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

function isExprFailure(value: unknown): value is ExprFailure {
  return value !== null && typeof value === 'object' && EXPR_FAILED in value;
}

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
      const options = (rule.firstOf as Rule[]).map((r, i) =>
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
      const parts = (rule.join as Rule[]).map((r, i) =>
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
          return values.join(separator); // no part at all gives empty text, which is no value
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
      // Where its value will be; an expression that does not parse is a compile issue, so no mapper is built.
      const index = env.exprs.length;
      try {
        const expression = jsonata(text);
        env.exprs.push({ expression, fast: compileFast(expression) });
      } catch (error) {
        env.issues.push({ path: [...at, 'expr'], message: `JSONata: ${(error as Error).message}` });
      }
      return {
        describe: `expr ${text}`,
        evaluate: (_scope, ctx, field) => {
          const value = ctx.exprValues[index];
          if (!isExprFailure(value)) return value;
          // The expression's own error, under its field, rather than a value that fits nothing.
          ctx.problems.push({
            field,
            message: `JSONata failed: ${value[EXPR_FAILED]} (expr ${text})`,
          });
          return NO_VALUE;
        },
      };
    }
    case 'personnummer':
    case 'organisationsnummer':
    case 'personOrOrganisation':
      return compileIdentityNumber(kind, rule, at, env);
    case 'object': {
      const parts = Object.entries(rule.object ?? {});
      // A secret part is never compiled, so nothing of it (not even a JSONata expression) is evaluated.
      const secretKeys = parts.filter(([, r]) => r.class === 'secret').map(([key]) => key);
      const entries = parts
        .filter(([, r]) => r.class !== 'secret')
        .map(
          ([key, r]) =>
            [key, compileRule(r, [...at, 'object', key], { ...env, refSlot: key === 'ref' }, cls)] as const,
        );
      for (const [key, sub] of entries)
        if (key === 'ref' && sub.kind !== 'personOrOrganisation')
          env.issues.push({
            path: [...at, 'object', key],
            message: '"ref" holds a personOrOrganisation rule (it gives personRef or orgRef)',
          });
      return {
        describe: 'object',
        evaluate: (scope, ctx, field) => {
          const out: Record<string, unknown> = {};
          // Problems of the parts are held back: an optional object that is wholly absent is fine.
          const outer = ctx.problems;
          ctx.problems = [];
          for (const key of secretKeys) ctx.dropped.push(`${field}.${key}`);
          for (const [key, sub] of entries) {
            const subField = `${field}.${key}`;
            const value = sub.evaluate(scope, ctx, subField);
            if (sub.kind === 'personOrOrganisation') {
              // Sets personRef or orgRef, whichever the number is, rather than a key of its own.
              const ref = (value ?? {}) as Record<string, string>;
              Object.assign(out, ref);
              for (const [name, v] of Object.entries(ref))
                ctx.trace?.push({
                  field: `${field}.${name}`,
                  value: v,
                  class: sub.class ?? 'public',
                  rule: sub.describe,
                });
              continue;
            }
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
    case 'each':
      return compileEach(rule, at, env, cls);
    case 'select':
      return compileSelect(rule, at, env, cls);
  }
}
