/** Compiles the `deadline` section: which rule applies, and the record values it needs (komplettering, extension). */
import type { CanonicalCase, FieldClass } from '../../schemas/case.js';
import { type CompiledRule, compileRule } from './compile-rule.js';
import { calendarDatePlusDays } from './dates.js';
import { computeDeadline, type DeadlineInputs } from './deadline-rules.js';
import type { Mapping } from './mapping-schema.js';
import type { CompileEnv, EvalContext } from './rule-context.js';
import { isMissing } from './source-path.js';

type Extension = { decided?: CompiledRule; weeks?: CompiledRule; dueAt?: CompiledRule; maxWeeks: number };

/** What the case's fields already gave: the deadline is computed from them. */
export type DeadlineFields = { caseTypeCode: string; receivedAt?: unknown; completeAt?: unknown };

export function compileDeadline(mapping: Mapping, env: CompileEnv) {
  const section = mapping.deadline;
  if (!section) return undefined;
  const at = (i: number, ...rest: string[]) => ['deadline', 'rules', i, ...rest];
  const optional = (rule: Mapping['fields'][string] | undefined, path: (string | number)[], extra = {}) =>
    rule ? compileRule({ ...rule, optional: true, ...extra }, path, env) : undefined;
  const requestedAt = section.rules.map((r, i) =>
    optional(r.restartOnCompletion?.requestedAt, at(i, 'restartOnCompletion', 'requestedAt')),
  );
  const extension: (Extension | undefined)[] = section.rules.map((r, i) =>
    r.extension
      ? {
          decided: optional(r.extension.decided, at(i, 'extension', 'decided')),
          weeks: optional(r.extension.weeks, at(i, 'extension', 'weeks'), { type: 'number' }),
          dueAt: optional(r.extension.dueAt, at(i, 'extension', 'dueAt')),
          maxWeeks: r.extension.maxWeeks,
        }
      : undefined,
  );
  const zone = mapping.timezone;

  /** Reads the extension the record shows, if any; a length the law does not allow is a problem. */
  function readExtension(ext: Extension, record: unknown, ctx: EvalContext, base: DeadlineInputs) {
    if (ext.decided && isMissing(ext.decided.evaluate(record, ctx, 'deadline.extensionDecided'))) return {};
    const known = ctx.problems.length;
    const weeks = ext.weeks?.evaluate(record, ctx, 'deadline.extensionWeeks');
    const dueAt = ext.dueAt?.evaluate(record, ctx, 'deadline.extensionDueAt');
    if (typeof dueAt === 'string') {
      const limit = computeDeadline(section?.rules ?? [], { ...base, extensionWeeks: ext.maxWeeks }, zone);
      const due = calendarDatePlusDays(dueAt, 0, zone);
      if (limit && due > limit.dueAt) {
        ctx.problems.push({
          field: 'deadline.extensionDueAt',
          message: `a new due date of ${due} is not possible: the law allows one extension of at most ${ext.maxWeeks} weeks (at the latest ${limit.dueAt})`,
        });
        return {};
      }
      return { extensionDueAt: dueAt };
    }
    if (typeof weeks === 'number') {
      if (weeks > ext.maxWeeks || weeks < 0 || !Number.isInteger(weeks)) {
        ctx.problems.push({
          field: 'deadline.extensionWeeks',
          message: `an extension of ${weeks} weeks is not possible: the law allows one extension of at most ${ext.maxWeeks} weeks`,
        });
        return {};
      }
      return { extensionWeeks: weeks };
    }
    if (ext.decided && ctx.problems.length === known)
      ctx.problems.push({
        field: 'deadline.extension',
        message: 'an extension was decided, but neither weeks nor dueAt gives its length',
      });
    return {};
  }

  return {
    class: section.class as FieldClass,
    evaluate(record: unknown, ctx: EvalContext, fields: DeadlineFields): CanonicalCase['deadline'] {
      const i = section.rules.findIndex((r) => r.caseTypes.includes(fields.caseTypeCode));
      const requested =
        i >= 0 ? requestedAt[i]?.evaluate(record, ctx, 'deadline.completionRequestedAt') : undefined;
      const inputs: DeadlineInputs = {
        caseTypeCode: fields.caseTypeCode,
        ...(typeof fields.receivedAt === 'string' ? { receivedAt: fields.receivedAt } : {}),
        ...(typeof fields.completeAt === 'string' ? { completeAt: fields.completeAt } : {}),
        ...(typeof requested === 'string' ? { completionRequestedAt: requested } : {}),
      };
      const ext = i >= 0 ? extension[i] : undefined;
      const extended = ext ? readExtension(ext, record, ctx, inputs) : {};
      const deadline = computeDeadline(section.rules, { ...inputs, ...extended }, zone);
      if (ctx.trace && deadline)
        ctx.trace.push({ field: 'deadline', value: deadline, class: section.class, rule: 'deadline rules' });
      return deadline;
    },
  };
}
