/**
 * The event journal (`handelseLista`) of a simulated ByggR v8 case: one builder per kind of event.
 * Codes follow the sheet's observed Sundsvall values where it has one (ANSÖKAN, KOMP, KOMP1,
 * HANDLING/KOMPBYGG, BESLUT/UAB, BESLUT/SLU, UNDER/Utan, GRANHO/GRAUTS, GRANHO/GRASVA, REMISS/UTSKICK);
 * the rest are invented in the same style, since the code lists are municipality configuration.
 */
import { localDate } from '../case-data/clock.js';
import type { Random } from '../case-data/random.js';
import type {
  V8Arende,
  V8Beslut,
  V8Bevakning,
  V8Handelse,
  V8HandelseIntressent,
  V8Handlaggare,
  V8Handling,
  V8Riktning,
} from './model.js';

const DAY_MS = 86_400_000;

export type Doc = { typ: string; namn: string; beskrivning?: string };

export type EventSpec = {
  riktning: V8Riktning;
  rubrik: string;
  handelsetyp: string;
  handelseslag?: string;
  handelseutfall?: string;
  anteckning?: string;
  docs?: Doc[];
  /** OSL chapter and paragraph when the event is secret. */
  sekretess?: [kapitel: string, paragraf: string];
  beslut?: Omit<V8Beslut, 'beslutNr'>;
  intressenter?: V8HandelseIntressent[];
  bevakningar?: Omit<V8Bevakning, 'bevakningId'>[];
  arbetsmaterial?: boolean;
};

function nextId(a: V8Arende): number {
  a.nextId += 1;
  return a.arendeId * 1000 + a.nextId;
}

/** A GUID from the case's random stream (`handling/uuid`, type `guid`). */
function guid(rng: Random): string {
  const hex = Array.from({ length: 32 }, () => rng.int(0, 15).toString(16)).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20)}`;
}

/** Appends one event at `at`, with its documents, and returns it. */
export function addEvent(
  a: V8Arende,
  at: number,
  spec: EventSpec,
  officer: V8Handlaggare | undefined,
  rng: Random,
): V8Handelse {
  const handlingar: V8Handling[] = (spec.docs ?? []).map((d) => {
    const handlingId = nextId(a);
    return {
      handlingId,
      typ: d.typ,
      status: spec.arbetsmaterial ? 'Arbetsmtrl' : spec.riktning === 'Ut' ? 'Expedierad' : 'Inkommen',
      handlingDatum: at,
      uuid: guid(rng),
      arkivStatus: spec.arbetsmaterial ? 'ArkiverasEj' : 'Arkiveras',
      makulerad: false,
      dokument: {
        dokId: String(handlingId + 7_000_000),
        namn: d.namn,
        beskrivning: d.beskrivning,
        skapadDatum: at,
        handlaggareId: spec.riktning === 'Ut' ? officer?.handlaggareId : undefined,
      },
      refTyp: 'Bifogad',
    };
  });
  const handelse: V8Handelse = {
    handelseId: nextId(a),
    riktning: spec.riktning,
    rubrik: spec.rubrik,
    startDatum: at,
    anteckning: spec.anteckning,
    handelsetyp: spec.handelsetyp,
    handelseslag: spec.handelseslag,
    handelseutfall: spec.handelseutfall,
    sekretess: spec.sekretess !== undefined,
    sekretessKapitel: spec.sekretess?.[0],
    sekretessParagraf: spec.sekretess?.[1],
    makulerad: false,
    beslut: spec.beslut ? { ...spec.beslut, beslutNr: `${a.namndkod} §${(a.nextId % 900) + 1}` } : undefined,
    handlingar,
    intressenter: spec.intressenter ?? [],
    bevakningar: (spec.bevakningar ?? []).map((b) => ({ ...b, bevakningId: nextId(a) })),
    arbetsmaterial: spec.arbetsmaterial ?? false,
    handlaggareId: officer?.handlaggareId,
    signatur: officer?.signatur,
  };
  a.handelser.push(handelse);
  return handelse;
}

/** The applicant and co-applicants, addressed by their first active contact entry. */
export function applicants(a: V8Arende): V8HandelseIntressent[] {
  return a.intressenter
    .filter((i) => i.roller.includes('SOK') || i.roller.includes('MSOK'))
    .map((intressent) => ({ intressent, adressering: intressent.kommunikation.find((k) => k !== null) }));
}

/** Föreläggande om komplettering: a deadline three weeks on, watched with a `bevakning`. */
export function komplettering(
  a: V8Arende,
  at: number,
  officer: V8Handlaggare,
  rng: Random,
  reminder = false,
) {
  const deadline = at + (reminder ? 10 : 21) * DAY_MS;
  return addEvent(
    a,
    at,
    {
      riktning: 'Ut',
      rubrik: reminder ? 'Påminnelse om komplettering' : 'Föreläggande om komplettering',
      handelsetyp: reminder ? 'KOMP1' : 'KOMP',
      handelseslag: 'KOMPADM',
      anteckning: `Kompletteringen ska ha kommit in senast ${localDate(deadline)}. Annars kan ansökan avvisas.`,
      docs: [
        { typ: 'KOMP', namn: reminder ? 'Påminnelse komplettering.pdf' : 'Föreläggande komplettering.pdf' },
      ],
      intressenter: applicants(a),
      bevakningar: [
        {
          bevakningTyp: 'KOMP',
          bevakningDatum: deadline,
          handlaggarSign: officer.signatur,
          anteckning: 'Sista dag för komplettering',
        },
      ],
    },
    officer,
    rng,
  );
}

/** Kompletterade handlingar: also signs off (`kvitteradDatum`) every open komplettering watch. */
export function kompletterat(a: V8Arende, at: number, rng: Random) {
  for (const h of a.handelser)
    for (const b of h.bevakningar)
      if (b.bevakningTyp === 'KOMP' && b.kvitteradDatum === undefined) b.kvitteradDatum = at;
  const [slag, doc] = rng.pick([
    ['KOMPBYGG', { typ: 'FAS', namn: 'Fasadritning rev A.pdf' }],
    ['KOMPBYGG', { typ: 'PLA2', namn: 'Planritning.pdf' }],
    ['KOMPTEK', { typ: 'BIL', namn: 'Förslag till kontrollplan.pdf' }],
    ['KOMPREV', { typ: 'SITU', namn: 'Situationsplan reviderad.pdf' }],
  ] as const);
  return addEvent(
    a,
    at,
    {
      riktning: 'In',
      rubrik: 'Kompletterande handlingar',
      handelsetyp: 'HANDLING',
      handelseslag: slag,
      docs: [doc],
    },
    undefined,
    rng,
  );
}

/** A decision on the matter itself (`arHuvudbeslut=true`) or on a step (`false`). */
export function decision(
  a: V8Arende,
  at: number,
  officer: V8Handlaggare,
  rng: Random,
  d: { rubrik: string; slag: string; utfall?: string; text: string; huvud: boolean; validYears?: number },
) {
  return addEvent(
    a,
    at,
    {
      riktning: 'Ut',
      rubrik: d.rubrik,
      handelsetyp: 'BESLUT',
      handelseslag: d.slag,
      handelseutfall: d.utfall,
      docs: [{ typ: 'BESLUT', namn: `${d.rubrik}.pdf` }],
      intressenter: applicants(a),
      beslut: {
        arHuvudbeslut: d.huvud,
        beslutstext: d.text,
        delegat: officer,
        instanstyp: 'Delegat',
        giltigTillDatum: d.validYears ? at + d.validYears * 365 * DAY_MS : undefined,
        arMindreAvvikelse: d.huvud ? rng.chance(0.1) : undefined,
      },
    },
    officer,
    rng,
  );
}

/** Voids (`makulerad`) a random earlier event that was registered by mistake, with its documents. */
export function voidEarlierEvent(a: V8Arende, rng: Random): V8Handelse | undefined {
  const candidates = a.handelser.filter((h) => !h.makulerad && !h.beslut && h.handelsetyp !== 'ANSÖKAN');
  if (candidates.length === 0) return undefined;
  const h = rng.pick(candidates);
  h.makulerad = true;
  for (const d of h.handlingar) d.makulerad = true;
  return h;
}
