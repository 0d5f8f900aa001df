/** Turns the simulator's records into SS 12000 JSON: field names, Swedish enum values and `_embedded` as the sheet gives them. */
import type { MunicipalityState } from './events.js';
import { birthDate } from './households.js';
import {
  type Edition,
  type Meta,
  type PersonRecord,
  type PersonReference,
  type Placement,
  type PlacementRecord,
  REASON_TEXT,
  RELATION_TEXT,
  type Reference,
} from './model.js';

/** What the caller may see and asked for: enum spelling, `expandReferenceNames`, the token's scopes. */
export type RenderContext = {
  state: MunicipalityState;
  edition: Edition;
  names: boolean;
  /** Person attributes the token's scopes allow (IST hands out one scope per attribute group [obs]). */
  allow: { civicNo: boolean; responsibles: boolean; addresses: boolean; emails: boolean; sex: boolean };
};

/** RFC 3339 in UTC with whole seconds, `2026-05-04T06:00:00Z`. */
export function iso(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

function meta(r: { created: number; modified: number }): Meta {
  return { created: iso(r.created), modified: iso(r.modified) };
}

function personRef(ctx: RenderContext, id: string): PersonReference {
  const p = ctx.state.persons.get(id);
  return {
    id,
    ...(ctx.names && p ? { displayName: `${p.givenName} ${p.familyName}` } : {}),
    ...(p ? { securityMarking: p.securityMarking } : {}),
  };
}

function ref(ctx: RenderContext, id: string, name: string | undefined): Reference {
  return ctx.names && name ? { id, displayName: name } : { id };
}

export function renderPlacement(
  ctx: RenderContext,
  p: PlacementRecord,
  expand: ReadonlySet<string> = new Set(),
): Placement & { _embedded?: Record<string, unknown> } {
  const unit = ctx.state.muni.units.find((u) => u.id === p.unitId);
  const group = unit?.groups.find((g) => g.id === p.groupId);
  const embedded: Record<string, unknown> = {};
  if (expand.has('child')) embedded.child = renderPersonById(ctx, p.childId);
  if (expand.has('owners'))
    embedded.owners = p.ownerIds.map((id) => renderPersonById(ctx, id)).filter(Boolean);
  return {
    id: p.id,
    meta: meta(p),
    placedAt: ref(ctx, p.unitId, unit?.name),
    ...(p.groupId ? { group: ref(ctx, p.groupId, group?.name) } : {}),
    child: personRef(ctx, p.childId),
    ...(p.ownerIds.length > 0 ? { owners: p.ownerIds.map((id) => personRef(ctx, id)) } : {}),
    schoolType: p.schoolType,
    startDate: p.startDate,
    ...(p.endDate ? { endDate: p.endDate } : {}),
    reason: REASON_TEXT[ctx.edition][p.reason],
    ...(p.hours !== undefined ? { maxWeeklyScheduleHours: p.hours } : {}),
    ...(expand.size > 0 ? { _embedded: embedded } : {}),
  };
}

function renderPersonById(ctx: RenderContext, id: string): Record<string, unknown> | undefined {
  const p = ctx.state.persons.get(id);
  return p ? renderPerson(ctx, p) : undefined;
}

export function renderPerson(
  ctx: RenderContext,
  p: PersonRecord,
  expand: ReadonlySet<string> = new Set(),
): Record<string, unknown> {
  const { allow, state } = ctx;
  const relations = RELATION_TEXT[ctx.edition];
  const embedded: Record<string, unknown> = {};
  if (expand.has('responsibleFor'))
    embedded.responsibleFor = [...state.persons.values()].flatMap((c) =>
      c.responsibles
        .filter((r) => r.personId === p.id)
        .map((r) => ({ person: personRef(ctx, c.id), relationType: relations[r.relation] })),
    );
  const placements = [...state.placements.values()];
  if (expand.has('placements'))
    embedded.placements = placements
      .filter((pl) => pl.childId === p.id)
      .map((pl) => renderPlacement(ctx, pl));
  if (expand.has('ownedPlacements'))
    embedded.ownedPlacements = placements
      .filter((pl) => pl.ownerIds.includes(p.id))
      .map((pl) => renderPlacement(ctx, pl));
  // Accepted so clients that always ask for them work; the simulator has no duties or groups for persons.
  for (const empty of ['duties', 'groupMemberships']) if (expand.has(empty)) embedded[empty] = [];
  const civic = p.personnummer.replace('-', '');
  return {
    id: p.id,
    meta: meta(p),
    givenName: p.givenName,
    familyName: p.familyName,
    ...(allow.civicNo ? { civicNo: { value: civic, nationality: 'SE' } } : {}),
    birthDate: birthDate(p.personnummer),
    ...(allow.sex ? { sex: p.sex } : {}),
    securityMarking: p.securityMarking,
    personStatus: 'Aktiv',
    ...(allow.emails && p.email ? { emails: [{ value: p.email, type: 'Privat' }] } : {}),
    ...(allow.addresses && p.address
      ? {
          addresses: [
            {
              type: 'Folkbokföring',
              ...p.address,
              countyCode: state.muni.countyCode,
              municipalityCode: Number(state.muni.code),
              country: 'Sverige',
            },
          ],
        }
      : {}),
    ...(allow.responsibles && p.responsibles.length > 0
      ? {
          responsibles: p.responsibles.map((r) => ({
            person: personRef(ctx, r.personId),
            relationType: relations[r.relation],
          })),
        }
      : {}),
    ...(expand.size > 0 ? { _embedded: embedded } : {}),
  };
}
