/** Evaluates a mapping's JSONata expressions over one record, before the synchronous pass of its rules. */
import type jsonata from 'jsonata';
import { type CompileEnv, EXPR_FAILED, type ExprFailure } from './rule-context.js';

/**
 * Runs the mapping's JSONata expressions over the record; a failing one becomes a problem of its field.
 * Synchronous when every expression stays within the fast subset (see expr-fast.ts), so a record
 * pays for no promise; any other expression is evaluated by JSONata.
 */
export function evaluateExprs(
  exprs: CompileEnv['exprs'],
  record: unknown,
  now: Date,
): unknown[] | Promise<unknown[]> {
  const values: unknown[] = new Array(exprs.length);
  const slow: Promise<void>[] = [];
  for (const [i, { expression, fast }] of exprs.entries()) {
    if (fast) {
      try {
        values[i] = fast(record, now);
        continue;
      } catch {
        // Outside the subset for this record: JSONata decides, with its own value or error.
      }
    }
    const pending = evaluateSlowly(expression, record, now).then((v) => {
      values[i] = v;
    });
    slow.push(pending);
  }
  return slow.length > 0 ? Promise.all(slow).then(() => values) : values;
}

async function evaluateSlowly(expression: jsonata.Expression, record: unknown, now: Date): Promise<unknown> {
  try {
    return await expression.evaluate(record, { now: () => now.toISOString() });
  } catch (error) {
    // Reported by the rule itself, under its field's name, when the synchronous pass reaches it.
    return { [EXPR_FAILED]: (error as Error).message } satisfies ExprFailure;
  }
}
