/** What the hand-written mapping baselines share: date parsing, references, tables and the final validation. */

import { parseDate } from '../mappings/engine/dates.js';
import type { Mapping } from '../mappings/engine/mapping-schema.js';
import type { PersonRefHasher } from '../person/person-ref.js';
import { parsePersonnummer } from '../person/personnummer.js';
import {
  type CanonicalCase,
  CanonicalCaseSchema,
  type FieldClass,
  type StatusCode,
} from '../schemas/case.js';
import type { CaseIdMinter } from '../schemas/case-id.js';

// biome-ignore lint/suspicious/noExplicitAny: source records are untyped JSON, as the engine sees them
export type Src = any;
export type Ctx = { refs: PersonRefHasher; caseIds: CaseIdMinter; now: Date; mapping: Mapping };

export const Z = 'Europe/Stockholm';
export const list = (v: unknown): Src[] => (v === undefined || v === null ? [] : Array.isArray(v) ? v : [v]);
export const date = (v: unknown, format: string) => {
  if (v === undefined || v === null || v === '') return undefined;
  const d = parseDate(v, format, Z);
  if (!d.ok) throw new Error(d.reason);
  return d.iso;
};
export const bool = (v: unknown) => v === true || v === 'true' || v === '1';
export const ref = (ctx: Ctx, v: unknown) => {
  const p = parsePersonnummer(String(v), { now: ctx.now });
  if (!p.ok) throw new Error('invalid personnummer');
  return ctx.refs.fromParsed(p.value);
};
export const table = (ctx: Ctx, name: string, key: unknown) => {
  const t = ctx.mapping.tables[name] ?? {};
  const k = String(key);
  if (!Object.hasOwn(t, k)) throw new Error(`${k} not in ${name}`);
  return t[k];
};

export function finish(
  ctx: Ctx,
  c: Record<string, unknown>,
  code: StatusCode,
  classes: Record<string, FieldClass>,
): CanonicalCase {
  const texts = ctx.mapping.statusTexts?.[code];
  const out = {
    ...c,
    ...(texts?.awaiting
      ? { awaiting: { who: texts.awaiting, ...(texts.what ? { what: texts.what } : {}) } }
      : {}),
    ...(texts?.nextStep ? { nextStep: texts.nextStep } : {}),
    // The staff's own wording of the same status, as the engine copies it (issue 16).
    ...(texts?.staff && (texts.staff.what || texts.staff.nextStep) ? { staffTexts: texts.staff } : {}),
    fieldClasses: classes,
  };
  return CanonicalCaseSchema.parse(out);
}

export function source(ctx: Ctx, sourceId: string, updated: string | undefined) {
  const m = ctx.mapping;
  return {
    id: ctx.caseIds.mint({ municipalityCode: m.municipality.code, sourceSystem: m.sourceSystem, sourceId }),
    municipality: m.municipality,
    domain: m.domain,
    source: {
      system: m.sourceSystem,
      sourceId,
      sourceUpdatedAt: updated,
      fetchedAt: ctx.now.toISOString(),
      mappingId: m.id,
      mappingVersion: m.version,
    },
  };
}
