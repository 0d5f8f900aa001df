/** Simulated ByggR building-permit cases, in the shape of the ArendeExport mapping (mappings/byggr-arendeexport). */

import type { DomainModel, Transition } from './case-machine.js';
import { localDate, localDateTime } from './clock.js';
import { ADULTS, DEMO_CITIZEN, fullName, officerEmail, personByNumber, type SimPerson } from './people.js';
import type { Random } from './random.js';

export type ByggrStatus = (typeof BYGGR_STATUSES)[number];
export const BYGGR_STATUSES = [
  'INK',
  'REG',
  'HANDL',
  'KOMPL',
  'KOMPLIN',
  'BESL',
  'DELG',
  'AVSL',
  'AVSKR',
  'OVERKL',
] as const;

export type ByggrHandling = { titel: string; typ: string; inkomDatum: string };
export type ByggrHandelse = { datum: string; rubrik: string; handlingar?: { handling: ByggrHandling[] } };
export type ByggrIntressent = {
  '@roll': 'SOK' | 'MSOK' | 'OMB' | 'GRANNE' | 'KONTAKT';
  namn: string;
  persOrgNr: string;
  /** Absent for an organisation (an ombud's firm). */
  skyddadIdentitet?: 'true' | 'false';
};

/** One `arende` as the mapping reads it: attributes as `@name`, nil as null, repeated elements as arrays. */
export type ByggrArende = {
  dnr: string;
  arendeId: string;
  arendetyp: { kod: string; benamning: string };
  beskrivning: string | null;
  status: string;
  statusDatum: string;
  ankomstDatum: string;
  kompletteringBegardDatum: string | null;
  kompletDatum: string | null;
  avslutDatum: string | null;
  beslut: { utfall: 'BIFALL' | 'AVSLAG' | 'AVVISNING' | 'AVSKRIVNING'; datum: string } | null;
  forlangning: { veckor: string; beslutsdatum: string } | null;
  senastAndrad: string;
  handlaggare: { namn: string; enhet: string; telefon: string; epost: string } | null;
  intressenter: { intressent: ByggrIntressent[] };
  fastighet: { '@fnr': string; trakt: string; fbetNr: string; adress: string };
  handelser: { handelse: ByggrHandelse[] };
  internAnteckning: string | null;
};

const TYPES = [
  { kod: 'BL', benamning: 'Bygglov', weight: 55 },
  { kod: 'AN', benamning: 'Anmälan', weight: 15 },
  { kod: 'FB', benamning: 'Förhandsbesked', weight: 10 },
  { kod: 'RL', benamning: 'Rivningslov', weight: 10 },
  { kod: 'ML', benamning: 'Marklov', weight: 10 },
] as const;

const DESCRIPTIONS: Record<string, readonly string[]> = {
  BL: [
    'Nybyggnad av enbostadshus och garage',
    'Tillbyggnad av enbostadshus',
    'Nybyggnad av komplementbyggnad',
    'Nybyggnad av carport',
    'Fasadändring, byte till träpanel',
    'Tillbyggnad av fritidshus',
  ],
  AN: [
    'Installation av eldstad',
    'Ändring av bärande konstruktion',
    'Installation av VA',
    'Attefallshus 30 m²',
  ],
  FB: ['Nybyggnad av enbostadshus', 'Nybyggnad av två parhus'],
  RL: ['Rivning av förråd', 'Rivning av ladugård'],
  ML: ['Schaktning för pool', 'Utfyllnad av tomtmark'],
};

// Invented trakt names and streets: a real designation would point at someone's real property.
const TRAKTER = 'Granbarret Näverkonten Mossgläntan Tjäderspelet Lavskogen Myrtuvan Kråkrisbacken'.split(' ');
const STREETS = 'Testvägen Mossgläntsvägen Lingonstigen Näverslingan Provgatan Exempelbacken'.split(' ');
const OFFICERS = [
  ['Anna', 'Berglund'],
  ['Johan', 'Lindqvist'],
  ['Sara', 'Nordmark'],
  ['Mikael', 'Holmgren'],
] as const;

/** Realistic progression; weights are relative. KOMPLIN goes back to HANDL; HANDL → HANDL is a new document. */
const FLOW: Record<ByggrStatus, readonly Transition<ByggrStatus>[]> = {
  INK: [{ to: 'REG', weight: 1 }],
  REG: [
    { to: 'HANDL', weight: 55 },
    { to: 'KOMPL', weight: 43 },
    { to: 'AVSKR', weight: 2 },
  ],
  HANDL: [
    { to: 'BESL', weight: 45 },
    { to: 'KOMPL', weight: 20 },
    { to: 'HANDL', weight: 33 },
    { to: 'AVSKR', weight: 2 },
  ],
  KOMPL: [
    { to: 'KOMPLIN', weight: 85 },
    { to: 'AVSKR', weight: 7 },
    { to: 'BESL', weight: 8 },
  ],
  KOMPLIN: [
    { to: 'HANDL', weight: 75 },
    { to: 'BESL', weight: 25 },
  ],
  BESL: [
    { to: 'AVSL', weight: 60 },
    { to: 'DELG', weight: 25 },
    { to: 'OVERKL', weight: 15 },
  ],
  DELG: [
    { to: 'AVSL', weight: 80 },
    { to: 'OVERKL', weight: 20 },
  ],
  OVERKL: [{ to: 'AVSL', weight: 1 }],
  AVSL: [],
  AVSKR: [],
};

function intressent(roll: ByggrIntressent['@roll'], p: SimPerson): ByggrIntressent {
  // An ombud here is a one-person firm (enskild firma): its organisationsnummer is the owner's personnummer.
  if (roll === 'OMB')
    return { '@roll': roll, namn: `${p.familyName}s Byggkonsult`, persOrgNr: p.personnummer };
  return {
    '@roll': roll,
    namn: fullName(p),
    persOrgNr: p.personnummer,
    skyddadIdentitet: p.protectedIdentity ? 'true' : 'false',
  };
}

function addHandelse(
  r: ByggrArende,
  at: number,
  rubrik: string,
  handlingar: Omit<ByggrHandling, 'inkomDatum'>[],
) {
  const handelse: ByggrHandelse = { datum: localDateTime(at), rubrik };
  if (handlingar.length > 0)
    handelse.handlingar = { handling: handlingar.map((h) => ({ ...h, inkomDatum: localDate(at) })) };
  r.handelser.handelse.push(handelse);
}

function create(ctx: Parameters<DomainModel<ByggrStatus, ByggrArende>['create']>[0]): ByggrArende {
  const { rng, at } = ctx;
  const type = rng.weighted(TYPES);
  const applicant = ctx.index === 0 ? (personByNumber(DEMO_CITIZEN) as SimPerson) : rng.pick(ADULTS);
  const parties = [intressent('SOK', applicant)];
  if (rng.chance(0.35)) {
    const co = rng.pick(ADULTS.filter((p) => p !== applicant));
    parties.push(intressent('MSOK', co));
  }
  if (rng.chance(0.15))
    parties.push(intressent('OMB', rng.pick(ADULTS.filter((p) => p !== applicant && !p.protectedIdentity))));
  const r: ByggrArende = {
    dnr: ctx.reference,
    arendeId: String(40_000 + ctx.index),
    arendetyp: { kod: type.kod, benamning: type.benamning },
    beskrivning: rng.chance(0.85) ? rng.pick(DESCRIPTIONS[type.kod] ?? ['Ärende']) : null,
    status: 'INK',
    statusDatum: localDateTime(at),
    ankomstDatum: localDate(at),
    kompletteringBegardDatum: null,
    kompletDatum: null,
    avslutDatum: null,
    beslut: null,
    forlangning: null,
    senastAndrad: localDateTime(at),
    handlaggare: null,
    intressenter: { intressent: parties },
    fastighet: {
      '@fnr': String(140_000_000 + rng.int(1, 99_999)),
      trakt: rng.pick(TRAKTER),
      fbetNr: rng.chance(0.5) ? String(rng.int(1, 30)) : `${rng.int(1, 12)}:${rng.int(1, 40)}`,
      adress: `${rng.pick(STREETS)} ${rng.int(1, 60)}`,
    },
    handelser: { handelse: [] },
    internAnteckning: null,
  };
  const documents = [{ titel: `Ansökan om ${type.benamning.toLowerCase()}`, typ: 'ANS' }];
  if (type.kod === 'BL' || type.kod === 'FB') documents.push({ titel: 'Situationsplan', typ: 'SITPL' });
  addHandelse(r, at, 'Ansökan inkommen', documents);
  return r;
}

function apply(
  r: ByggrArende,
  from: ByggrStatus,
  to: ByggrStatus,
  at: number,
  rng: Random,
  m: { emailDomain: string; phone: string },
) {
  const date = localDate(at);
  r.senastAndrad = localDateTime(at);
  if (from !== to || r.status !== to) {
    r.status = to;
    r.statusDatum = localDateTime(at);
  }
  switch (to) {
    case 'REG': {
      const [given, family] = rng.pick(OFFICERS);
      const epost = officerEmail(given, family, m.emailDomain);
      r.handlaggare = { namn: `${given} ${family}`, enhet: 'Bygglovsenheten', telefon: m.phone, epost };
      r.beskrivning ??= rng.pick(DESCRIPTIONS[r.arendetyp.kod] ?? ['Ärende']);
      addHandelse(r, at, 'Ärendet registrerat', []);
      break;
    }
    case 'KOMPL':
      r.kompletteringBegardDatum = date;
      r.kompletDatum = null;
      addHandelse(r, at, 'Begäran om komplettering', []);
      break;
    case 'KOMPLIN':
      r.kompletDatum = date;
      addHandelse(r, at, 'Komplettering inkommen', [
        rng.pick([
          { titel: 'Fasadritning', typ: 'RITN' },
          { titel: 'Planritning', typ: 'RITN' },
          { titel: 'Förslag till kontrollplan', typ: 'KPLAN' },
          { titel: 'Nybyggnadskarta', typ: 'SITPL' },
        ]),
      ]);
      break;
    case 'HANDL':
      if (from === 'HANDL') handlingUpdate(r, at, rng);
      break;
    case 'BESL': {
      const utfall = from === 'KOMPL' ? 'AVVISNING' : rng.chance(0.85) ? 'BIFALL' : 'AVSLAG';
      r.beslut = { utfall, datum: date };
      addHandelse(r, at, 'Beslut', [
        { titel: `Beslut om ${r.arendetyp.benamning.toLowerCase()}`, typ: 'BESL' },
      ]);
      break;
    }
    case 'DELG':
      addHandelse(r, at, 'Beslut delgivet', []);
      break;
    case 'OVERKL':
      addHandelse(r, at, 'Överklagande inkommet', [{ titel: 'Överklagande', typ: 'OVR' }]);
      break;
    case 'AVSL':
      r.avslutDatum = date;
      addHandelse(r, at, 'Ärendet avslutat', []);
      break;
    case 'AVSKR':
      r.beslut = { utfall: 'AVSKRIVNING', datum: date };
      addHandelse(r, at, 'Ansökan återkallad', [{ titel: 'Återkallelse', typ: 'OVR' }]);
      break;
  }
}

/** While the case is handled: a neighbour's statement arrives, the deadline is extended, or an officer notes something. */
function handlingUpdate(r: ByggrArende, at: number, rng: Random) {
  const roll = rng.next();
  if (roll < 0.4) {
    const neighbour = rng.pick(ADULTS);
    if (!r.intressenter.intressent.some((i) => i.persOrgNr === neighbour.personnummer))
      r.intressenter.intressent.push(intressent('GRANNE', neighbour));
    addHandelse(r, at, 'Yttrande från granne', [{ titel: 'Yttrande', typ: 'YTTR' }]);
  } else if (roll < 0.6 && r.forlangning === null && r.arendetyp.kod !== 'AN') {
    r.forlangning = { veckor: String(rng.pick([2, 4, 6, 10])), beslutsdatum: localDate(at) };
    addHandelse(r, at, 'Beslut om förlängd handläggningstid', []);
  } else {
    r.internAnteckning = rng.pick([
      'Granne har ringt om insyn',
      'Sökanden vill ha besked före semestern',
      'Kontrollera strandskydd',
      'Platsbesök bokat',
    ]);
  }
}

export const BYGGR_MODEL: DomainModel<ByggrStatus, ByggrArende> = {
  system: 'byggr',
  initial: 'INK',
  next: (state) => FLOW[state],
  create,
  apply,
  id: (r) => r.dnr,
  setStatusCode(r, code, at) {
    r.status = code;
    r.statusDatum = localDateTime(at);
    r.senastAndrad = localDateTime(at);
  },
  unknownStatusCode: 'PAUS',
};
