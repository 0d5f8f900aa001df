/**
 * The list rule kinds: `each` (one output item per source item, filtered by `where`, an unreadable item
 * dropped with a warning if asked), `concat` (lists one after another) and `select` (one item, by
 * `where` and `pick`).
 */
import type { FieldClass } from '../../schemas/case.js';
import { compileRule } from './compile-rule.js';
import { parseDate } from './dates.js';
import type { Rule } from './mapping-schema.js';
import { type CompileEnv, type EvalContext, type Inner, NO_VALUE, safeParsePath } from './rule-context.js';
import { isMissing, PathError, readAll, readPath, type Step } from './source-path.js';
import { compileWhere, type ItemTest } from './where.js';

export function compileEach(
  rule: Rule,
  at: (string | number)[],
  env: CompileEnv,
  cls: FieldClass | undefined,
): Inner {
  const path = rule.each as string;
  const steps = safeParsePath(path, [...at, 'each'], env);
  const where = compileWhere(rule.where, [...at, 'where'], env);
  const item = compileRule(rule.item as Rule, [...at, 'item'], { ...env, insideEach: true }, cls);
  const dropBadItems = rule.onItemError === 'drop';
  return {
    describe: `each ${path}${where ? ` where ${where.describe}` : ''}${dropBadItems ? ' (unreadable items dropped)' : ''}`,
    evaluate: (scope, ctx, field) => {
      const list = filtered(readAll(scope, steps), where);
      const base = ctx.indexBase ?? 0;
      ctx.indexBase = undefined;
      const out: unknown[] = [];
      for (const [i, element] of list.entries()) {
        const itemField = `${field}[${base + i}]`;
        const value = dropBadItems
          ? evaluateOrDrop(element, ctx, itemField, item.evaluate, cls)
          : item.evaluate(element, ctx, itemField);
        if (!isMissing(value)) out.push(value);
      }
      return out;
    },
  };
}

/**
 * Evaluates one item; if it has a problem, the item is left out and its problems become warnings
 * (one unreadable party must not keep the whole case from the people who can be read).
 */
function evaluateOrDrop(
  element: unknown,
  ctx: EvalContext,
  field: string,
  evaluate: Inner['evaluate'],
  cls: FieldClass | undefined,
): unknown {
  const outer = ctx.problems;
  const traced = ctx.trace?.length ?? 0;
  ctx.problems = [];
  const value = evaluate(element, ctx, field);
  const problems = ctx.problems;
  ctx.problems = outer;
  if (problems.length === 0) return value;
  ctx.warnings.push(...problems.map((p) => ({ field: p.field, message: `${p.message}; ${field} left out` })));
  if (ctx.trace) {
    ctx.trace.length = traced; // what the dropped item gave is not shown, only that it was dropped
    ctx.trace.push({
      field,
      value: undefined,
      class: cls ?? 'public',
      rule: `left out: ${problems.map((p) => p.message).join('; ')}`,
    });
  }
  return NO_VALUE;
}

function filtered(list: unknown[], where: ItemTest | undefined): unknown[] {
  return where ? list.filter(where.test) : list;
}

export function compileConcat(
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

/** An item's `by` date: undefined when absent, a problem (and null) when unreadable. */
export function itemTime(
  item: unknown,
  by: Step[],
  byText: string,
  zone: string,
  ctx: EvalContext,
  field: string,
): { millis: number; iso: string } | undefined | null {
  let value: unknown;
  try {
    value = readPath(item, by);
  } catch (error) {
    if (!(error instanceof PathError)) throw error;
    ctx.problems.push({ field, message: `${error.message} (by ${byText})` });
    return null;
  }
  if (isMissing(value)) return undefined;
  const parsed = parseDate(value, 'iso', zone);
  if (parsed.ok) return { millis: parsed.millis, iso: parsed.iso };
  ctx.problems.push({ field, message: `${parsed.reason} (by ${byText})` });
  return null;
}

/**
 * The one item of a list that `pick` chooses among those `where` lets through: first or last in
 * source order, or earliest or latest by the date at `by` (ties go to the later item for latest,
 * the earlier for earliest). Items without a `by` date are not candidates.
 */
export function pickItem(
  list: unknown[],
  pick: NonNullable<Rule['pick']>,
  by: { steps: Step[]; text: string } | undefined,
  zone: string,
  ctx: EvalContext,
  field: string,
): { item: unknown; millis?: number } | undefined {
  if (pick === 'first') return list.length > 0 ? { item: list[0] } : undefined;
  if (pick === 'last') return list.length > 0 ? { item: list.at(-1) } : undefined;
  let best: { item: unknown; millis: number } | undefined;
  for (const item of list) {
    const time = itemTime(item, by?.steps ?? [], by?.text ?? '', zone, ctx, field);
    if (time === null) return undefined;
    if (time === undefined) continue;
    const { millis } = time;
    if (!best || (pick === 'latest' ? millis >= best.millis : millis < best.millis)) best = { item, millis };
  }
  return best;
}

export function compileSelect(
  rule: Rule,
  at: (string | number)[],
  env: CompileEnv,
  cls: FieldClass | undefined,
): Inner {
  const path = rule.select as string;
  const steps = safeParsePath(path, [...at, 'select'], env);
  const where = compileWhere(rule.where, [...at, 'where'], env);
  const pick = rule.pick ?? 'first';
  const by = rule.by ? { steps: safeParsePath(rule.by, [...at, 'by'], env), text: rule.by } : undefined;
  const value = rule.value
    ? compileRule({ ...rule.value, optional: true }, [...at, 'value'], { ...env, insideEach: true }, cls)
    : undefined;
  return {
    describe:
      `select ${path}${where ? ` where ${where.describe}` : ''}, ${pick}${by ? ` by ${by.text}` : ''}` +
      (value ? ` → ${value.describe}` : ''),
    evaluate: (scope, ctx, field) => {
      const chosen = pickItem(filtered(readAll(scope, steps), where), pick, by, env.zone, ctx, field);
      if (!chosen) return NO_VALUE;
      return value ? value.evaluate(chosen.item, ctx, field) : chosen.item;
    },
  };
}
