/**
 * The case status: the source's status code through `tables.status`, or derived from the event journal
 * by ordered rules (the newest event a rule matches decides), with the coarse status as fallback and
 * the status history the events give.
 */
import type { StatusCode, StatusEntry } from '../../schemas/case.js';
import { itemTime } from './compile-lists.js';
import { type CompiledRule, compileRule } from './compile-rule.js';
import type { Mapping, StatusEvents } from './mapping-schema.js';
import { type CompileEnv, type EvalContext, safeParsePath } from './rule-context.js';
import { isMissing, PathError, readAll, readPath, type Step } from './source-path.js';
import { compileWhere, type ItemTest } from './where.js';

export type StatusOutcome = { status?: StatusEntry; history?: StatusEntry[] };
type Read = { coarse: string | undefined; sinceValue: unknown; missing: boolean };
type Traced = (field: string, rule: CompiledRule) => unknown;

function compileEvents(events: StatusEvents, env: CompileEnv, table: Record<string, unknown>) {
  const at = ['fields', 'status', 'events'];
  for (const [i, code] of (events.forStatus ?? []).entries())
    if (!Object.hasOwn(table, code))
      env.issues.push({
        path: [...at, 'forStatus', i],
        message: `"${code}" is not in tables.status, so a record without matching events could not get a status`,
      });
  return {
    each: safeParsePath(events.each, [...at, 'each'], env),
    by: { steps: safeParsePath(events.by, [...at, 'by'], env), text: events.by },
    sourceCode: events.sourceCode.map((p, i) => safeParsePath(p, [...at, 'sourceCode', i], env)),
    forStatus: events.forStatus,
    rules: events.rules.map((r, i) => ({
      status: r.status,
      where: compileWhere(r.where, [...at, 'rules', i, 'where'], env) as ItemTest,
    })),
    describe: `newest event of ${events.each} matching a status rule`,
  };
}
type CompiledEvents = ReturnType<typeof compileEvents>;

function read(item: unknown, steps: Step[]): unknown {
  try {
    return readPath(item, steps);
  } catch (error) {
    if (error instanceof PathError) return undefined;
    throw error;
  }
}

/** The statuses the events give, oldest first, one entry each time the canonical status changes. */
function historyFromEvents(events: CompiledEvents, record: unknown, zone: string, ctx: EvalContext) {
  const dated: { millis: number; iso: string; code: StatusCode; sourceCode: string }[] = [];
  for (const event of readAll(record, events.each)) {
    const rule = events.rules.find((r) => r.where.test(event));
    if (!rule) continue; // not status-relevant
    const time = itemTime(event, events.by.steps, events.by.text, zone, ctx, 'status.since');
    if (!time) continue;
    const parts = events.sourceCode.map((s) => read(event, s)).filter((v) => !isMissing(v));
    dated.push({ ...time, code: rule.status, sourceCode: parts.map((v) => String(v).trim()).join('/') });
  }
  // Stable: events of the same instant keep their journal order.
  dated.sort((a, b) => a.millis - b.millis);
  const history: StatusEntry[] = [];
  for (const e of dated)
    if (history.at(-1)?.code !== e.code)
      history.push({ code: e.code, sourceCode: e.sourceCode.slice(0, 80) || e.code, since: e.iso });
  return history;
}

/** Compiles `fields.status`; `evaluate` gives the status (or adds a problem) and the history, if any. */
export function compileStatus(mapping: Mapping, env: CompileEnv) {
  const rules = mapping.fields.status;
  const table = mapping.tables.status ?? {};
  const from = compileRule(rules.from, ['fields', 'status', 'from'], env);
  const since = compileRule(rules.since, ['fields', 'status', 'since'], env);
  const events = rules.events && compileEvents(rules.events, env, table);
  return {
    class: rules.class,
    /** Reads the source status and its date, where the field order of messages and traces expects them. */
    read(ctx: EvalContext, traced: Traced): Read {
      const known = ctx.problems.length;
      const sourceStatus = traced('status.sourceCode', from);
      const sinceValue = traced('status.since', since);
      const coarse = sourceStatus === undefined ? undefined : String(sourceStatus).trim();
      return { coarse, sinceValue, missing: ctx.problems.length === known && coarse === undefined };
    },
    /** The status (or a problem) and the history the events give; after the fields, as messages always came. */
    resolve(record: unknown, ctx: EvalContext, { coarse, sinceValue, missing }: Read): StatusOutcome {
      const history = events ? historyFromEvents(events, record, mapping.timezone, ctx) : undefined;
      const eventsDecide =
        events && (!events.forStatus || (coarse !== undefined && events.forStatus.includes(coarse)));
      let status: StatusEntry | undefined;
      const fromEvents = Boolean(eventsDecide && history && history.length > 0);
      if (fromEvents) {
        status = history?.at(-1);
      } else if (coarse !== undefined) {
        if (Object.hasOwn(table, coarse)) {
          status = { code: table[coarse] as StatusCode, sourceCode: coarse, since: sinceValue as string };
          if (history && history.length > 0 && history.at(-1)?.code !== status.code && sinceValue)
            history.push(status);
        } else {
          const codes = Object.keys(table);
          ctx.problems.push({
            field: 'status',
            message: `source status "${coarse}" is not in tables.status (known: ${codes.join(', ')})`,
          });
        }
      } else if (missing) {
        // An optional `from` that found nothing: the record is refused, and says why.
        ctx.problems.push({
          field: 'status',
          message: events
            ? 'no event matches a status rule and the record has no status of its own'
            : `required, but the source record has no value (${from.describe})`,
        });
      }
      if (ctx.trace && events) {
        ctx.trace.push({
          field: 'status',
          value: status,
          class: rules.class,
          rule: fromEvents ? events.describe : 'tables.status ← status.sourceCode',
        });
        ctx.trace.push({
          field: 'statusHistory',
          value: history,
          class: rules.class,
          rule: 'events, oldest first',
        });
      }
      return { ...(status ? { status } : {}), ...(history && history.length > 0 ? { history } : {}) };
    },
  };
}
