/** Compiles a validated mapping into a pure function from a source record to a canonical case or a list of problems. */
import type { PersonRefHasher } from '../../person/person-ref.js';
import {
  type CanonicalCase,
  CanonicalCaseSchema,
  type FieldClass,
  STATUS_CODES,
} from '../../schemas/case.js';
import type { CaseIdMinter } from '../../schemas/case-id.js';
import { STATUS_LABELS } from '../../schemas/status-labels.js';
import { asWholeNumber } from './coerce.js';
import { compileDeadline } from './compile-deadline.js';
import {
  type CompiledRule,
  type CompileEnv,
  type CompileIssue,
  compileRule,
  type EvalContext,
  type MappingProblem,
  type TraceEntry,
} from './compile-rule.js';
import { compileStatus } from './compile-status.js';
import { evaluateExprs } from './evaluate-exprs.js';
import { CANONICAL_FIELDS, nestedClasses } from './field-classes.js';
import type { Mapping } from './mapping-schema.js';
import { applyDrops, compileDrops } from './record-drop.js';
import { compileWhere } from './where.js';

/** `caseIds` mints the case's id (keyed by the hub's CASE_ID_KEY), `personRefs` its parties' references. */
export type MapOptions = { personRefs: PersonRefHasher; caseIds: CaseIdMinter; now: Date; trace?: boolean };

/**
 * `dropped` names the canonical fields classified secret; `warnings` the parts left out of a good case
 * (an unreadable party), each with its reason, so they can be shown and counted rather than lost.
 */
export type MapResult =
  | { ok: true; case: CanonicalCase; dropped: string[]; warnings: MappingProblem[]; trace?: TraceEntry[] }
  /** The record says the source removed the case (the mapping's `deleted.when`): remove it, as of `at`. */
  | {
      ok: 'deleted';
      caseId: string;
      sourceId: string;
      at: string;
      warnings: MappingProblem[];
      trace?: TraceEntry[];
    }
  | {
      ok: false;
      sourceId?: string;
      errors: MappingProblem[];
      warnings: MappingProblem[];
      trace?: TraceEntry[];
    };

export type Mapper = {
  id: string;
  version: string;
  mapping: Mapping;
  map(record: unknown, options: MapOptions): Promise<MapResult>;
};

export class MappingCompileError extends Error {
  constructor(readonly issues: CompileIssue[]) {
    super(issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('\n'));
    this.name = 'MappingCompileError';
  }
}

/** Compiles once; throws MappingCompileError listing every problem with the mapping itself. */
export function compileMapping(mapping: Mapping): Mapper {
  const env: CompileEnv = { tables: mapping.tables, zone: mapping.timezone, issues: [], exprs: [] };
  for (const [code, canonical] of Object.entries(mapping.tables.status ?? {})) {
    if (!(STATUS_CODES as readonly unknown[]).includes(canonical)) {
      env.issues.push({
        path: ['tables', 'status', code],
        message: `"${String(canonical)}" is not a canonical status (${STATUS_CODES.join(', ')})`,
      });
    }
  }
  const identity = {
    sourceId: compileRule(mapping.identity.sourceId, ['identity', 'sourceId'], env),
    reference: compileRule(mapping.identity.reference, ['identity', 'reference'], env),
    sourceUpdatedAt: compileRule(mapping.identity.sourceUpdatedAt, ['identity', 'sourceUpdatedAt'], env),
    sourceVersion:
      mapping.identity.sourceVersion &&
      compileRule(mapping.identity.sourceVersion, ['identity', 'sourceVersion'], env),
  };
  const drops = compileDrops(mapping.drop, env.issues);
  const deletedWhen = compileWhere(mapping.deleted?.when, ['deleted', 'when'], env);
  const { status: _status, ...plainFields } = mapping.fields;
  const status = compileStatus(mapping, env);
  const fields: [string, CompiledRule][] = [];
  const secretFields: string[] = [];
  const staticClasses: Record<string, FieldClass> = {};
  for (const [name, rule] of Object.entries(plainFields)) {
    if (rule.class !== 'secret') nestedClasses(rule, name, staticClasses);
    if (!rule.class)
      env.issues.push({
        path: ['fields', name],
        message: 'every field needs a class (public, internal, confidential or secret)',
      });
    if (!CANONICAL_FIELDS.has(name) && rule.class !== 'secret') {
      env.issues.push({
        path: ['fields', name],
        message: `"${name}" is not a canonical field; only a secret field may have another name`,
      });
    }
    // A secret field is never compiled, so it can never be evaluated (not even a JSONata expression).
    if (rule.class === 'secret') secretFields.push(name);
    else fields.push([name, compileRule(rule, ['fields', name], env)]);
  }
  const deadline = compileDeadline(mapping, env);
  if (env.issues.length > 0) throw new MappingCompileError(env.issues);

  /** A record of a case its source removed: only its identity and change time are read. */
  const removal = (
    record: unknown,
    sourceId: unknown,
    ctx: EvalContext,
    caseIds: CaseIdMinter,
    rule: string,
  ): MapResult => {
    ctx.trace?.push({ field: 'deleted', value: true, class: 'internal', rule });
    const at = identity.sourceUpdatedAt.evaluate(record, ctx, 'source.sourceUpdatedAt');
    if (ctx.problems.length > 0 || sourceId === undefined || typeof at !== 'string') {
      return {
        ok: false,
        ...(sourceId !== undefined ? { sourceId: String(sourceId) } : {}),
        errors:
          ctx.problems.length > 0
            ? ctx.problems
            : [{ field: 'source', message: 'a removed case needs its id and change time' }],
        warnings: ctx.warnings,
        ...(ctx.trace ? { trace: ctx.trace } : {}),
      };
    }
    const id = String(sourceId);
    return {
      ok: 'deleted',
      caseId: caseIds.mint({
        municipalityCode: mapping.municipality.code,
        sourceSystem: mapping.sourceSystem,
        sourceId: id,
      }),
      sourceId: id,
      at,
      warnings: ctx.warnings,
      ...(ctx.trace ? { trace: ctx.trace } : {}),
    };
  };

  return {
    id: mapping.id,
    version: mapping.version,
    mapping,
    async map(input, options) {
      const problems: MappingProblem[] = [];
      // Secret and voided items go first: no rule, expression or trace below ever sees them.
      const { record, removed } = applyDrops(drops, input);
      const values = evaluateExprs(env.exprs, record, options.now);
      const exprValues = Array.isArray(values) ? values : await values;
      const ctx: EvalContext = {
        problems,
        personRefs: options.personRefs,
        now: options.now,
        trace: options.trace ? [] : undefined,
        dropped: [],
        warnings: [],
        exprValues,
      };
      for (const [i, drop] of drops.entries())
        ctx.trace?.push({ field: `drop[${i}]`, value: removed[i], class: 'secret', rule: drop.describe });
      const traced = (field: string, rule: CompiledRule, cls: FieldClass) => {
        const value = rule.evaluate(record, ctx, field);
        if (ctx.trace && rule.kind !== 'object')
          ctx.trace.push({ field, value, class: cls, rule: rule.describe });
        return value;
      };
      const sourceId = traced('source.sourceId', identity.sourceId, 'internal');
      if (deletedWhen?.test(record))
        return removal(record, sourceId, ctx, options.caseIds, deletedWhen.describe);
      const reference = traced('reference', identity.reference, 'public');
      const sourceUpdatedAt = traced('source.sourceUpdatedAt', identity.sourceUpdatedAt, 'internal');
      const sourceVersion =
        identity.sourceVersion &&
        asWholeNumber(traced('source.sourceVersion', identity.sourceVersion, 'internal'));
      const statusRead = status.read(ctx, (field, rule) => traced(field, rule, status.class));
      const out: Record<string, unknown> = {};
      const fieldClasses: Record<string, FieldClass> = { status: status.class, ...staticClasses };
      ctx.dropped.push(...secretFields);
      for (const [name, rule] of fields) {
        const cls = rule.class as FieldClass;
        fieldClasses[name] = cls;
        const value = traced(name, rule, cls);
        if (value !== undefined) out[name] = value;
      }
      const derived = status.resolve(record, ctx, statusRead);
      if (derived.history) fieldClasses.statusHistory = status.class;
      const caseType = out.caseType as { code?: unknown } | undefined;
      const computedDeadline = deadline?.evaluate(record, ctx, {
        caseTypeCode: String(caseType?.code),
        receivedAt: out.receivedAt,
        completeAt: out.completeAt,
      });
      if (deadline && computedDeadline) fieldClasses.deadline = deadline.class;
      const code = derived.status?.code;
      if (ctx.problems.length > 0 || code === undefined) {
        return {
          ok: false,
          ...(sourceId !== undefined ? { sourceId: String(sourceId) } : {}),
          errors: ctx.problems,
          warnings: ctx.warnings,
          ...(ctx.trace ? { trace: ctx.trace } : {}),
        };
      }
      const texts = mapping.statusTexts?.[code];
      const candidate = {
        id: options.caseIds.mint({
          municipalityCode: mapping.municipality.code,
          sourceSystem: mapping.sourceSystem,
          sourceId: String(sourceId),
        }),
        municipality: mapping.municipality,
        domain: mapping.domain,
        reference: reference === undefined ? undefined : String(reference),
        ...out,
        status: { ...derived.status, label: STATUS_LABELS[code] },
        ...(derived.history ? { statusHistory: derived.history } : {}),
        ...(texts?.awaiting
          ? { awaiting: { who: texts.awaiting, ...(texts.what ? { what: texts.what } : {}) } }
          : {}),
        ...(texts?.nextStep ? { nextStep: texts.nextStep } : {}),
        ...(texts?.staff && (texts.staff.what || texts.staff.nextStep) ? { staffTexts: texts.staff } : {}),
        ...(computedDeadline ? { deadline: computedDeadline } : {}),
        documents: out.documents ?? [],
        parties: out.parties ?? [],
        confidentiality: { level: out.confidentiality },
        fieldClasses,
        source: {
          system: mapping.sourceSystem,
          sourceId: String(sourceId),
          sourceUpdatedAt,
          ...(sourceVersion !== undefined ? { sourceVersion } : {}),
          fetchedAt: options.now.toISOString(),
          mappingId: mapping.id,
          mappingVersion: mapping.version,
        },
      };
      const parsed = CanonicalCaseSchema.safeParse(candidate);
      if (!parsed.success) {
        return {
          ok: false,
          sourceId: String(sourceId),
          errors: parsed.error.issues.map((i) => ({
            field: i.path.join('.'),
            message: `the mapped value does not fit the canonical model: ${i.message}`,
          })),
          warnings: ctx.warnings,
          ...(ctx.trace ? { trace: ctx.trace } : {}),
        };
      }
      return {
        ok: true,
        case: parsed.data,
        dropped: ctx.dropped,
        warnings: ctx.warnings,
        ...(ctx.trace ? { trace: ctx.trace } : {}),
      };
    },
  };
}
