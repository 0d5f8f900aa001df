/** A new simulated ByggR v8 case as it arrives: attributes, parties, the property and the application events. */
import type { CreateContext } from '../case-data/case-machine.js';
import { DEMO_CITIZEN, personByNumber, type SimPerson } from '../case-data/people.js';
import type { Random } from '../case-data/random.js';
import { addEvent, type Doc } from './journal.js';
import type { V8Arende, V8Fastighet, V8Intressent } from './model.js';
import type { V8Municipality } from './municipalities.js';
import { companyParty, kontrollansvarig, personParty, V8_COMPANIES, V8_PERSONS } from './parties.js';

type CaseType = {
  arendetyp: string;
  arendegrupp: string;
  slag: readonly string[];
  ansokan: [handelsetyp: string, handelseslag: string, rubrik: string];
  beskrivningar: readonly string[];
  weight: number;
};

// arendetyp codes are those Sundsvall's code weighs (BL, RL, MARK, FÖRF, ANM; sheet §4).
export const CASE_TYPES: readonly CaseType[] = [
  {
    arendetyp: 'BL',
    arendegrupp: 'LOV',
    slag: ['NYB', 'TILL', 'ÄND'],
    ansokan: ['ANSÖKAN', 'Bygglov', 'Ansökan om bygglov'],
    beskrivningar: [
      'Nybyggnad av enbostadshus och garage',
      'Tillbyggnad av enbostadshus',
      'Nybyggnad av carport',
      'Fasadändring, byte till träpanel',
    ],
    weight: 55,
  },
  {
    arendetyp: 'ANM',
    arendegrupp: 'ANM',
    slag: ['A'],
    ansokan: ['ANM', 'ANMATT', 'Anmälan'],
    beskrivningar: ['Installation av eldstad', 'Attefallshus 30 m²', 'Ändring av bärande konstruktion'],
    weight: 18,
  },
  {
    arendetyp: 'FÖRF',
    arendegrupp: 'LOV',
    slag: ['NYB'],
    ansokan: ['ANSÖKAN', 'Förhandsbesked', 'Ansökan om förhandsbesked'],
    beskrivningar: ['Nybyggnad av enbostadshus', 'Nybyggnad av två parhus'],
    weight: 10,
  },
  {
    arendetyp: 'RL',
    arendegrupp: 'LOV',
    slag: ['RIV'],
    ansokan: ['ANSÖKAN', 'Rivningslov', 'Ansökan om rivningslov'],
    beskrivningar: ['Rivning av förråd', 'Rivning av ladugård'],
    weight: 9,
  },
  {
    arendetyp: 'MARK',
    arendegrupp: 'LOV',
    slag: ['A'],
    ansokan: ['ANSÖKAN', 'Marklov', 'Ansökan om marklov'],
    beskrivningar: ['Schaktning för pool', 'Utfyllnad av tomtmark'],
    weight: 8,
  },
];

function parties(ctx: CreateContext, m: V8Municipality, rng: Random, companyCase: boolean): V8Intressent[] {
  // The demo citizen has an old permit in Umeå (long decided) and a recent one in Vännäs (still
  // ongoing): one citizen, two municipalities' cases, one open and one closed.
  const demo =
    (ctx.index === 0 && m.code === '2480') ||
    (m.code === '2460' && ctx.initialCases !== undefined && ctx.index === Math.max(0, ctx.initialCases - 6));
  const applicant = demo ? (personByNumber(DEMO_CITIZEN) as SimPerson) : rng.pick(V8_PERSONS);
  const others = V8_PERSONS.filter((p) => p !== applicant);
  const list: V8Intressent[] = [];
  if (companyCase) {
    const company = rng.pick(V8_COMPANIES);
    list.push(companyParty(company, rng.chance(0.5), applicant, ['SOK'], rng, m));
    // A private co-applicant beside the company (e.g. the owner who lives there).
    if (rng.chance(0.5)) list.push(personParty(applicant, ['MSOK'], rng, m));
  } else {
    list.push(personParty(applicant, rng.chance(0.6) ? ['SOK', 'FAG'] : ['SOK'], rng, m));
    if (rng.chance(0.3)) list.push(personParty(rng.pick(others), ['MSOK'], rng, m));
  }
  if (rng.chance(0.12)) list.push(personParty(rng.pick(others), ['OMB'], rng, m));
  return list;
}

function property(a: { arendeId: number }, m: V8Municipality, rng: Random, main: boolean): V8Fastighet {
  const trakt = rng.pick(m.trakter);
  return {
    arendeObjektId: a.arendeId * 10 + (main ? 1 : 2),
    arHuvudObjekt: main,
    fnr: 140_000_000 + rng.int(1, 99_999),
    trakt,
    fbetNr: `${rng.int(1, 12)}:${rng.int(1, 60)}`,
    adress: main
      ? {
          adrPlId: 3_000_000 + rng.int(1, 999_999),
          adressOmrade: `${rng.pick(['Testvägen', 'Provgatan', 'Lingonstigen'])}`,
          adressPlatsNr: String(rng.int(1, 60)),
        }
      : undefined,
    byggnad: main && rng.chance(0.6) ? { kom_bid: 200_000 + rng.int(1, 99_999) } : undefined,
  };
}

/** The new case at `ctx.at`: its application and, sometimes, a secret document sent with it. */
export function createV8Case(ctx: CreateContext, m: V8Municipality, ordinal: number): V8Arende {
  const { rng, at } = ctx;
  const type = rng.weighted(CASE_TYPES);
  const companyCase = !(ctx.index === 0 && m.code === '2480') && rng.chance(0.22);
  const arendeId = 10_000 + ordinal * 100_000 + ctx.index;
  const a: V8Arende = {
    arendeId,
    dnr: ctx.reference,
    diarieprefix: m.diarieprefix,
    komkod: m.code,
    enhetkod: m.enhetkod,
    arendegrupp: type.arendegrupp,
    arendetyp: type.arendetyp,
    arendeslag: rng.pick(type.slag),
    arendeklass: rng.chance(0.8) ? '' : 'GA',
    namndkod: m.namndkod,
    kalla: rng.chance(0.7) ? '1' : '3',
    status: 'Pågående',
    beskrivning: rng.pick(type.beskrivningar),
    ankomstDatum: at,
    uppdateradDatum: at,
    intressenter: parties(ctx, m, rng, companyCase),
    handelser: [],
    arInomplan: rng.chance(0.7),
    objekt: [],
    externRef: rng.chance(0.6) ? `ETJ-${ctx.year}-${String(rng.int(1, 99_999)).padStart(5, '0')}` : undefined,
    version: 1,
    nextId: 0,
  };
  a.objekt.push(property(a, m, rng, true));
  if (rng.chance(0.1)) a.objekt.push(property(a, m, rng, false));
  if (type.arendetyp === 'BL' && a.arendeslag === 'NYB' && rng.chance(0.6))
    a.intressenter.push(kontrollansvarig(rng.pick(V8_PERSONS), rng, m, at));

  const [handelsetyp, handelseslag, rubrik] = type.ansokan;
  const docs: Doc[] = [{ typ: type.arendetyp === 'ANM' ? 'ANM' : 'ANS', namn: `${rubrik}.pdf` }];
  if (type.arendetyp !== 'ANM') docs.push({ typ: 'SITU', namn: 'Situationsplan.pdf' });
  if (type.arendetyp === 'BL')
    docs.push({ typ: 'FAS', namn: 'Fasadritningar.pdf' }, { typ: 'PLA2', namn: 'Planritning.pdf' });
  addEvent(
    a,
    at,
    { riktning: 'In', rubrik: `${rubrik} inkommen`, handelsetyp, handelseslag, docs },
    undefined,
    rng,
  );

  // Secret documents sent with the application, each under the OSL provision that fits it.
  if (companyCase && rng.chance(0.35))
    addEvent(
      a,
      at,
      {
        riktning: 'In',
        rubrik: 'Brandskyddsbeskrivning',
        handelsetyp: 'HANDLING',
        handelseslag: 'INFO',
        docs: [{ typ: 'BIL', namn: 'Brandskyddsbeskrivning.pdf' }],
        sekretess: ['18', '8'],
      },
      undefined,
      rng,
    );
  else if (!companyCase && rng.chance(0.1))
    addEvent(
      a,
      at,
      {
        riktning: 'In',
        rubrik: 'Läkarintyg till stöd för ansökan',
        handelsetyp: 'HANDLING',
        handelseslag: 'INFO',
        docs: [{ typ: 'BIL', namn: 'Läkarintyg.pdf' }],
        sekretess: ['21', '1'],
      },
      undefined,
      rng,
    );
  return a;
}
