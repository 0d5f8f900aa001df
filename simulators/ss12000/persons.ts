/** `GET /persons` filters, sort keys and `expand` (sheet §4). */

import { type ApiContext, type Plan, renderContext } from './list.js';
import type { PersonRecord } from './model.js';
import { ApiError, enumList, metaFilter, one, type Params, uuidParam } from './query.js';
import { renderPerson } from './render.js';

const PERSON_SORT = [
  'DisplayNameAsc',
  'GivenNameAsc',
  'GivenNameDesc',
  'FamilyNameAsc',
  'FamilyNameDesc',
  'CivicNoAsc',
  'CivicNoDesc',
  'ModifiedDesc',
] as const;
const RELATIONS = [
  'enrolment',
  'duty',
  'placement.child',
  'placement.owner',
  'responsibleFor.enrolment',
  'responsibleFor.placement',
  'groupMembership',
] as const;
const PERSON_EXPAND = [
  'duties',
  'responsibleFor',
  'placements',
  'ownedPlacements',
  'groupMemberships',
] as const;

export function personPlan(ctx: ApiContext, f: Params): Plan<PersonRecord> {
  for (const name of f.keys())
    if (name.startsWith('relationship.') && name.includes('Date'))
      throw new ApiError(400, 'InvalidParameter', `${name}: not simulated`);
  const names = (f.get('nameContains') ?? []).map((n) => n.toLowerCase());
  const civicNo = one(f, 'civicNo')?.replace(/[-+]/, '');
  if (civicNo !== undefined && !/^\d{12}$/.test(civicNo))
    throw new ApiError(400, 'InvalidParameter', 'civicNo: 12 digits without separator');
  const relations = enumList(f, 'relationship.entity.type', RELATIONS);
  const org = uuidParam(f, 'relationship.organisation');
  const meta = metaFilter(f);
  const expand = enumList(f, 'expand', PERSON_EXPAND);
  const sort = [...enumList(f, 'sortkey', PERSON_SORT)][0];
  const placements = [...ctx.state.placements.values()].filter((p) => !org || p.unitId === org);
  const related = (p: PersonRecord): boolean => {
    if (relations.size === 0 && !org) return true;
    const kinds = relations.size > 0 ? relations : new Set(['placement.child', 'placement.owner']);
    const children = [...ctx.state.persons.values()].filter((c) =>
      c.responsibles.some((r) => r.personId === p.id),
    );
    return (
      (kinds.has('placement.child') && placements.some((pl) => pl.childId === p.id)) ||
      (kinds.has('placement.owner') && placements.some((pl) => pl.ownerIds.includes(p.id))) ||
      (kinds.has('responsibleFor.placement') &&
        placements.some((pl) => children.some((c) => c.id === pl.childId)))
    );
  };
  const rc = renderContext(ctx, f);
  const v = (p: PersonRecord): string | number =>
    sort === 'ModifiedDesc'
      ? p.modified
      : sort?.startsWith('CivicNo')
        ? p.personnummer
        : sort?.startsWith('GivenName')
          ? p.givenName
          : sort?.startsWith('FamilyName')
            ? p.familyName
            : sort === 'DisplayNameAsc'
              ? `${p.givenName} ${p.familyName}`
              : '';
  return {
    filter: (p) => {
      const full = `${p.givenName} ${p.familyName}`.toLowerCase();
      return (
        names.every((n) => full.includes(n)) &&
        (!civicNo || p.personnummer.replace('-', '') === civicNo) &&
        related(p) &&
        meta(p)
      );
    },
    keyOf: (p) => ({ v: v(p), id: p.id }),
    desc: sort?.endsWith('Desc') ?? false,
    render: (p) => renderPerson(rc, p, expand),
  };
}
