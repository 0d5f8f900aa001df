/** Simulated school and preschool placement cases, in the shape of the placement REST API mapping (v2). */

import type { DomainModel, Transition } from './case-machine.js';
import { dateMonthsAhead, isoWithOffset, nextSchoolStart } from './clock.js';
import { compactNumber, fullName, personByNumber, type SimPerson } from './people.js';
import type { Random } from './random.js';

export type PlacementState =
  | 'SUBMITTED'
  | 'REGISTERED'
  | 'PROCESSING'
  | 'WAITING_FOR_GUARDIAN'
  | 'DECIDED'
  | 'OFFER_ACCEPTED'
  | 'CLOSED'
  | 'CANCELLED'
  | 'APPEALED';

export type PlacementType = 'PRESCHOOL' | 'SCHOOL_PLACEMENT' | 'SCHOOL_TRANSPORT';
export type PlacementResult = 'PLACED' | 'PLACED_OTHER_UNIT' | 'NOT_PLACED' | 'GRANTED' | 'REJECTED';

/** One placement as `GET /api/v2/placements` returns it. */
export type Placement = {
  id: string;
  caseNumber: string;
  type: PlacementType;
  state: string;
  submittedAt: string;
  stateChangedAt: string;
  updatedAt: string;
  requestedStart: string;
  decision: { result: PlacementResult; decidedAt: string; unitName?: string } | null;
  guardians: { personalIdentityNumber: string; name: string; protectedIdentity: boolean }[];
  child: { personalIdentityNumber: string; firstName: string; protectedIdentity: boolean };
  choices: { rank: number; unitName: string }[];
  administrator: { name: string; unit: string; phone: string } | null;
  attachments: { fileName: string; category: 'CERTIFICATE' | 'APPLICATION' | 'OTHER'; uploadedAt: string }[];
  internalNotes: string | null;
  needsAssessment: string | null;
};

// Children and their guardians; all numbers are test numbers (see people.ts). Liam and Kim Skyddsdal
// have protected identity, so the placement of the child is protected too.
const FAMILIES: readonly { child: string; guardians: readonly string[] }[] = [
  { child: '20190601-2388', guardians: ['19900321-2389'] },
  { child: '20181231-2385', guardians: ['19900321-2389', '20000229-2399'] },
  { child: '20220161-2393', guardians: ['19900604-2395'] },
  { child: '20190101-2391', guardians: ['20000101-2384', '20000229-2399'] },
  { child: '20191231-2392', guardians: ['20050101-2397'] },
  { child: '20130169-2388', guardians: ['19990102-2385'] },
];

// Invented unit names.
const PRESCHOOLS = [
  'Granbarrets förskola',
  'Mossgläntans förskola',
  'Lingonets förskola',
  'Tallbackens förskola',
];
const SCHOOLS = ['Näverskolan', 'Myrtuveskolan', 'Provbackens skola'];
const ADMINISTRATORS = ['Helena Marklund', 'Ali Rahimi', 'Karin Sjölund'];

function flow(state: PlacementState, r: Placement): readonly Transition<PlacementState>[] {
  switch (state) {
    case 'SUBMITTED':
      return [
        { to: 'REGISTERED', weight: 97 },
        { to: 'CANCELLED', weight: 3 },
      ];
    case 'REGISTERED':
      return [
        { to: 'PROCESSING', weight: 70 },
        { to: 'WAITING_FOR_GUARDIAN', weight: 27 },
        { to: 'CANCELLED', weight: 3 },
      ];
    case 'PROCESSING':
      return [
        { to: 'DECIDED', weight: 50 },
        { to: 'WAITING_FOR_GUARDIAN', weight: 20 },
        { to: 'PROCESSING', weight: 28 },
        { to: 'CANCELLED', weight: 2 },
      ];
    case 'WAITING_FOR_GUARDIAN':
      return [
        { to: 'PROCESSING', weight: 90 },
        { to: 'CANCELLED', weight: 10 },
      ];
    case 'DECIDED': {
      const result = r.decision?.result;
      if (result === 'GRANTED')
        return [
          { to: 'CLOSED', weight: 95 },
          { to: 'APPEALED', weight: 5 },
        ];
      if (result === 'PLACED' || result === 'PLACED_OTHER_UNIT')
        return [
          { to: 'OFFER_ACCEPTED', weight: 70 },
          { to: 'CANCELLED', weight: 10 },
          { to: 'APPEALED', weight: result === 'PLACED' ? 5 : 30 },
        ];
      return [
        { to: 'CLOSED', weight: 60 },
        { to: 'APPEALED', weight: 40 },
      ];
    }
    case 'APPEALED':
      return [{ to: 'CLOSED', weight: 1 }];
    default:
      return [];
  }
}

function create(ctx: Parameters<DomainModel<PlacementState, Placement>['create']>[0]): Placement {
  const { rng, at } = ctx;
  const family = ctx.index === 0 ? (FAMILIES[0] as (typeof FAMILIES)[number]) : rng.pick(FAMILIES);
  const child = personByNumber(family.child) as SimPerson;
  const guardians = family.guardians.map((n) => personByNumber(n) as SimPerson);
  const born = Number(child.personnummer.slice(0, 4));
  const type: PlacementType =
    ctx.index === 0
      ? 'PRESCHOOL'
      : born < 2016
        ? 'SCHOOL_TRANSPORT'
        : born >= 2021
          ? 'PRESCHOOL'
          : rng.weighted([
              { type: 'PRESCHOOL' as const, weight: 50 },
              { type: 'SCHOOL_PLACEMENT' as const, weight: 35 },
              { type: 'SCHOOL_TRANSPORT' as const, weight: 15 },
            ]).type;
  const units = type === 'PRESCHOOL' ? PRESCHOOLS : SCHOOLS;
  const wanted = type === 'SCHOOL_TRANSPORT' ? 0 : rng.int(1, type === 'PRESCHOOL' ? 3 : 2);
  const pool = [...units];
  const choices = Array.from({ length: wanted }, (_, i) => ({
    rank: i + 1,
    unitName: pool.splice(rng.int(0, pool.length - 1), 1)[0] as string,
  }));
  const protectedFamily = child.protectedIdentity || guardians.some((g) => g.protectedIdentity);
  const when = isoWithOffset(at);
  return {
    id: `sp-${ctx.year}-${String(ctx.n).padStart(5, '0')}`,
    caseNumber: ctx.reference,
    type,
    state: 'SUBMITTED',
    submittedAt: when,
    stateChangedAt: when,
    updatedAt: when,
    requestedStart: type === 'PRESCHOOL' ? dateMonthsAhead(at, rng.int(4, 6), 1) : nextSchoolStart(at),
    decision: null,
    guardians: guardians.map((g) => ({
      personalIdentityNumber: compactNumber(g),
      name: fullName(g),
      protectedIdentity: g.protectedIdentity,
    })),
    child: {
      personalIdentityNumber: compactNumber(child),
      firstName: child.givenName,
      protectedIdentity: protectedFamily,
    },
    // The e-service lists the choices as the guardian entered them, not by rank.
    choices: rng.chance(0.5) ? choices.reverse() : choices,
    administrator: null,
    attachments: rng.chance(0.6)
      ? [{ fileName: 'Intyg arbetsgivare.pdf', category: 'CERTIFICATE', uploadedAt: when }]
      : [],
    internalNotes: null,
    needsAssessment: rng.chance(0.1) ? 'Behov av särskilt stöd utreds' : null,
  };
}

function decide(r: Placement, at: string, rng: Random): Placement['decision'] {
  if (r.type === 'SCHOOL_TRANSPORT')
    return { result: rng.chance(0.7) ? 'GRANTED' : 'REJECTED', decidedAt: at };
  const first = r.choices.find((c) => c.rank === 1)?.unitName;
  const roll = rng.next();
  if (roll < 0.7 && first) return { result: 'PLACED', decidedAt: at, unitName: first };
  if (roll < 0.95) {
    const units = r.type === 'PRESCHOOL' ? PRESCHOOLS : SCHOOLS;
    return {
      result: 'PLACED_OTHER_UNIT',
      decidedAt: at,
      unitName: rng.pick(units.filter((u) => u !== first)),
    };
  }
  return { result: 'NOT_PLACED', decidedAt: at };
}

function apply(
  r: Placement,
  from: PlacementState,
  to: PlacementState,
  at: number,
  rng: Random,
  m: { phone: string },
) {
  const when = isoWithOffset(at);
  r.updatedAt = when;
  if (from !== to || r.state !== to) {
    r.state = to;
    r.stateChangedAt = when;
  }
  switch (to) {
    case 'REGISTERED':
      r.administrator = { name: rng.pick(ADMINISTRATORS), unit: 'Skolplaceringsenheten', phone: m.phone };
      break;
    case 'WAITING_FOR_GUARDIAN':
      r.internalNotes = 'Intyg om arbete eller studier begärt från vårdnadshavare';
      break;
    case 'PROCESSING':
      if (from === 'WAITING_FOR_GUARDIAN')
        r.attachments.push({ fileName: 'Intyg studier.pdf', category: 'CERTIFICATE', uploadedAt: when });
      else if (from === 'PROCESSING')
        r.attachments.push({
          fileName: rng.pick(['Läkarintyg.pdf', 'Övrigt underlag.pdf']),
          category: 'OTHER',
          uploadedAt: when,
        });
      if (rng.chance(0.3)) r.internalNotes = 'Syskonförtur kontrollerad';
      break;
    case 'DECIDED':
      r.decision = decide(r, when, rng);
      break;
    case 'APPEALED':
      r.attachments.push({ fileName: 'Överklagande.pdf', category: 'OTHER', uploadedAt: when });
      break;
  }
}

export const SKOLPLACERING_MODEL: DomainModel<PlacementState, Placement> = {
  system: 'skolplacering',
  initial: 'SUBMITTED',
  next: flow,
  create,
  apply,
  id: (r) => r.id,
  setStatusCode(r, code, at) {
    r.state = code;
    r.stateChangedAt = isoWithOffset(at);
    r.updatedAt = isoWithOffset(at);
  },
  unknownStatusCode: 'ON_HOLD',
};
