/**
 * `where` conditions on list items: equality, `in`, `exists` and `not`, each on a path inside the item.
 * Used by `each`, `select`, `drop` and the status rules, so "which items count" is said one way.
 */
import { z } from 'zod';
import { asBoolean, asNumber } from './coerce.js';
import { type CompileIssue, safeParsePath } from './rule-context.js';
import { isMissing, readAll, type Step } from './source-path.js';

type Scalar = string | number | boolean;
export type Condition = Scalar | { in: Scalar[] } | { exists: boolean } | { not: Condition };
/** Path inside the item → condition; every condition must hold. */
export type Where = Record<string, Condition>;

const ScalarSchema = z.union([z.string(), z.number(), z.boolean()]);
export const ConditionSchema: z.ZodType<Condition> = z.lazy(() =>
  z
    .union([
      ScalarSchema.describe('Equal to this value (true/false also match 1/0, ja/nej)'),
      z
        .object({ in: z.array(ScalarSchema).min(1) })
        .strict()
        .describe('Equal to one of these'),
      z.object({ exists: z.boolean() }).strict().describe('Has a value (true) or has none (false)'),
      z.object({ not: ConditionSchema }).strict().describe('The condition does not hold'),
    ])
    .meta({ id: 'Condition' }),
);

export const WhereSchema = z
  .record(z.string().regex(/^[\p{L}\p{N}_@#$.:[\]-]+$/u, 'a path inside the item'), ConditionSchema)
  .refine((w) => Object.keys(w).length > 0, 'a where needs at least one condition')
  .describe(
    'Conditions on paths inside each item; all must hold. A path through a list matches if any value does',
  );

export type ItemTest = { test: (item: unknown) => boolean; describe: string };

function equals(value: unknown, expected: Scalar): boolean {
  if (typeof expected === 'boolean') return asBoolean(value) === expected;
  if (typeof expected === 'number') return asNumber(value) === expected;
  return typeof value !== 'object' && String(value).trim() === expected;
}

function holds(values: unknown[], condition: Condition): boolean {
  if (condition !== null && typeof condition === 'object') {
    if ('in' in condition) return values.some((v) => condition.in.some((e) => equals(v, e)));
    if ('exists' in condition) return values.some((v) => !isMissing(v)) === condition.exists;
    return !holds(values, condition.not);
  }
  return values.some((v) => equals(v, condition));
}

function describeCondition(condition: Condition): string {
  if (condition !== null && typeof condition === 'object') {
    if ('in' in condition) return `in [${condition.in.map((v) => JSON.stringify(v)).join(', ')}]`;
    if ('exists' in condition) return condition.exists ? 'exists' : 'is absent';
    return `not ${describeCondition(condition.not)}`;
  }
  return `= ${JSON.stringify(condition)}`;
}

/** Compiles a `where`; absent, it lets every item through. */
export function compileWhere(
  where: Where | undefined,
  at: (string | number)[],
  env: { issues: CompileIssue[] },
): ItemTest | undefined {
  if (!where) return undefined;
  const parts: { steps: Step[]; condition: Condition }[] = Object.entries(where).map(([path, condition]) => ({
    steps: safeParsePath(path, [...at, path], env),
    condition,
  }));
  return {
    describe: Object.entries(where)
      .map(([path, c]) => `${path} ${describeCondition(c)}`)
      .join(' and '),
    test: (item) => parts.every(({ steps, condition }) => holds(readAll(item, steps), condition)),
  };
}
