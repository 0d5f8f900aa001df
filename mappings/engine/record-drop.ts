/**
 * The `drop` step: list items (secret or voided events, voided documents) removed from a record before
 * any rule or expression reads it, together with everything inside them (an event's documents), so no
 * field rule can forget to filter them and no trace can show them.
 */
import type { Drop } from './mapping-schema.js';
import type { CompileIssue } from './rule-context.js';
import { safeParsePath } from './rule-context.js';
import type { Step } from './source-path.js';
import { compileWhere, type ItemTest } from './where.js';

export type CompiledDrop = { describe: string; apply(record: unknown): { record: unknown; removed: number } };

/** Returns `node` with matching items at `steps` removed; untouched branches are shared, not copied. */
function prune(node: unknown, steps: readonly Step[], where: ItemTest, count: { n: number }): unknown {
  if (node === null || typeof node !== 'object') return node;
  if (Array.isArray(node)) {
    // Lists before a name are looked through, as paths do.
    const next = node.map((item) => prune(item, steps, where, count));
    return next.some((item, i) => item !== node[i]) ? next : node;
  }
  const [step, ...rest] = steps;
  if (step === undefined) return node;
  if (typeof step === 'number') return node; // an index is not a list to filter; validate refuses it
  const record = node as Record<string, unknown>;
  if (!(step in record)) return node;
  const value = record[step];
  let next: unknown;
  if (rest.length > 0) next = prune(value, rest, where, count);
  else if (Array.isArray(value)) {
    next = value.filter((item) => !where.test(item));
    count.n += value.length - (next as unknown[]).length;
    if ((next as unknown[]).length === value.length) next = value;
  } else if (value !== null && typeof value === 'object' && where.test(value)) {
    count.n += 1;
    next = undefined; // a single item, as parsers give a one-element list
  } else next = value;
  if (next === value) return node;
  const copy = { ...record };
  if (next === undefined) delete copy[step];
  else copy[step] = next;
  return copy;
}

export function compileDrops(drops: readonly Drop[] | undefined, issues: CompileIssue[]): CompiledDrop[] {
  return (drops ?? []).map((drop, i) => {
    const at = ['drop', i];
    const steps = safeParsePath(drop.each, [...at, 'each'], { issues });
    if (steps.some((s) => typeof s === 'number'))
      issues.push({ path: [...at, 'each'], message: 'drop works on whole lists: leave out [n]' });
    const where = compileWhere(drop.where, [...at, 'where'], { issues }) as ItemTest;
    return {
      describe: `drop each ${drop.each} where ${where.describe}`,
      apply(record) {
        const count = { n: 0 };
        return { record: prune(record, steps, where, count), removed: count.n };
      },
    };
  });
}

/** Applies every drop in order; returns the pruned record and how many items each removed. */
export function applyDrops(
  drops: readonly CompiledDrop[],
  record: unknown,
): { record: unknown; removed: number[] } {
  let current = record;
  const removed: number[] = [];
  for (const drop of drops) {
    const result = drop.apply(current);
    current = result.record;
    removed.push(result.removed);
  }
  return { record: current, removed };
}
