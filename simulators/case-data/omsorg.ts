/** Simulated social-services cases as `<Arende>` records, in the shape of the omsorg-xml mapping (`@attr`, `#text`). */

import type { DomainModel, Transition } from './case-machine.js';
import { isoWithOffset, localDate } from './clock.js';
import { ADULTS, DEMO_CITIZEN, ELDERLY, fullName, personByNumber, type SimPerson } from './people.js';
import type { Random } from './random.js';

export type OmsorgStatus = 'INK' | 'REG' | 'UTR' | 'KOMPL' | 'BESL' | 'AVSL' | 'ATERK' | 'OVERKL';

export type OmsorgHandling = {
  '@typ': 'ANSOKAN' | 'INTYG' | 'KONTOUTDRAG' | 'BESLUT';
  '@inkommen': string;
  '#text': string;
};

/** One `<Arende>` parsed with attributes as `@name` and element text beside attributes as `#text`. */
export type OmsorgArende = {
  '@id': string;
  '@senastAndrad': string;
  Diarienummer: string;
  Arendetyp: { '@kod': 'FS' | 'HT' | 'BO'; '#text': string };
  Rubrik: string | null;
  Status: { '@kod': string; '@datum': string; '#text'?: string };
  Inkommen: string;
  Enhet: { '@kod': string; '#text': string };
  Handlaggare: { Namn: string; Telefon: string } | null;
  Klient: { Personnummer: string; Namn: string; Skyddad: 'true' | 'false' };
  Handlingar: { Handling: OmsorgHandling[] };
  Journalanteckning: string | null;
  Utredning: string | null;
  Beslut?: { '@utfall': 'BEVILJAT' | 'DELVIS' | 'AVSLAG'; '@datum': string };
};

const TYPES = [
  { kod: 'FS', text: 'Försörjningsstöd', weight: 60 },
  { kod: 'HT', text: 'Hemtjänst', weight: 30 },
  { kod: 'BO', text: 'Särskilt boende', weight: 10 },
] as const;

const MONTHS = [
  'januari',
  'februari',
  'mars',
  'april',
  'maj',
  'juni',
  'juli',
  'augusti',
  'september',
  'oktober',
  'november',
  'december',
];
const OFFICERS = ['David Wikström', 'Fatima Olofsson', 'Lars Öberg', 'Emma Nygren'];
// Free text a real export carries; the mapping classifies both as secret and drops them.
const JOURNAL = ['Klienten berättar om skulder och hälsa', 'Hembesök genomfört', 'Telefonsamtal med anhörig'];
const ASSESSMENTS = [
  'Bedömning av rätt till bistånd',
  'Behov av stöd i vardagen bedöms',
  'Skälig levnadsnivå bedöms',
];

const ARRIVING: readonly [OmsorgHandling['@typ'], string][] = [
  ['KONTOUTDRAG', 'Kontoutdrag'],
  ['INTYG', 'Läkarintyg'],
  ['INTYG', 'Intyg från Försäkringskassan'],
  ['KONTOUTDRAG', 'Hyresavi och kontoutdrag'],
];

const FLOW: Record<OmsorgStatus, readonly Transition<OmsorgStatus>[]> = {
  INK: [
    { to: 'REG', weight: 97 },
    { to: 'ATERK', weight: 3 },
  ],
  REG: [
    { to: 'UTR', weight: 96 },
    { to: 'ATERK', weight: 4 },
  ],
  UTR: [
    { to: 'BESL', weight: 45 },
    { to: 'KOMPL', weight: 30 },
    { to: 'UTR', weight: 23 },
    { to: 'ATERK', weight: 2 },
  ],
  KOMPL: [
    { to: 'UTR', weight: 90 },
    { to: 'ATERK', weight: 10 },
  ],
  BESL: [
    { to: 'AVSL', weight: 80 },
    { to: 'OVERKL', weight: 20 },
  ],
  OVERKL: [{ to: 'AVSL', weight: 1 }],
  AVSL: [],
  ATERK: [],
};

function create(ctx: Parameters<DomainModel<OmsorgStatus, OmsorgArende>['create']>[0]): OmsorgArende {
  const { rng, at } = ctx;
  const type = ctx.index === 0 ? TYPES[0] : rng.weighted(TYPES);
  const client: SimPerson =
    ctx.index === 0
      ? (personByNumber(DEMO_CITIZEN) as SimPerson)
      : rng.pick(type.kod === 'FS' ? ADULTS : ELDERLY);
  const month = MONTHS[Number(localDate(at).slice(5, 7)) - 1];
  const rubrik =
    type.kod === 'FS'
      ? `Ansökan om försörjningsstöd ${month}`
      : rng.chance(0.5)
        ? `Ansökan om ${type.text.toLowerCase()}`
        : null;
  return {
    '@id': `OMS-${ctx.year}-${String(ctx.n).padStart(4, '0')}`,
    '@senastAndrad': isoWithOffset(at),
    Diarienummer: ctx.reference,
    Arendetyp: { '@kod': type.kod, '#text': type.text },
    Rubrik: rubrik,
    Status: { '@kod': 'INK', '@datum': isoWithOffset(at) },
    Inkommen: localDate(at),
    Enhet:
      type.kod === 'FS'
        ? { '@kod': 'IFO-VUX', '#text': 'Vuxenenheten' }
        : { '@kod': 'ALO', '#text': 'Äldreomsorgen' },
    Handlaggare: null,
    Klient: {
      Personnummer: client.personnummer,
      Namn: fullName(client),
      Skyddad: client.protectedIdentity ? 'true' : 'false',
    },
    Handlingar: {
      Handling: [
        {
          '@typ': 'ANSOKAN',
          '@inkommen': localDate(at),
          '#text':
            type.kod === 'FS' ? 'Ansökan om ekonomiskt bistånd' : `Ansökan om ${type.text.toLowerCase()}`,
        },
      ],
    },
    Journalanteckning: null,
    Utredning: null,
  };
}

function apply(
  r: OmsorgArende,
  from: OmsorgStatus,
  to: OmsorgStatus,
  at: number,
  rng: Random,
  m: { phone: string },
) {
  const when = isoWithOffset(at);
  r['@senastAndrad'] = when;
  if (from !== to || r.Status['@kod'] !== to) {
    r.Status = { '@kod': to, '@datum': when };
    // Some versions write the status name as element text beside the code.
    if (to === 'UTR' && rng.chance(0.5)) r.Status['#text'] = 'Utredning pågår';
  }
  const document = (typ: OmsorgHandling['@typ'], text: string) =>
    r.Handlingar.Handling.push({ '@typ': typ, '@inkommen': localDate(at), '#text': text });
  switch (to) {
    case 'REG':
      r.Handlaggare = { Namn: rng.pick(OFFICERS), Telefon: m.phone };
      break;
    case 'UTR':
      r.Utredning ??= rng.pick(ASSESSMENTS);
      if (from === 'KOMPL' || from === 'UTR') document(...rng.pick(ARRIVING));
      if (from === 'UTR') r.Journalanteckning = rng.pick(JOURNAL);
      break;
    case 'BESL': {
      const utfall = rng.weighted([
        { v: 'BEVILJAT' as const, weight: 65 },
        { v: 'DELVIS' as const, weight: 15 },
        { v: 'AVSLAG' as const, weight: 20 },
      ]).v;
      r.Beslut = { '@utfall': utfall, '@datum': when };
      document('BESLUT', `Beslut om ${r.Arendetyp['#text'].toLowerCase()}`);
      break;
    }
    default:
      break;
  }
}

export const OMSORG_MODEL: DomainModel<OmsorgStatus, OmsorgArende> = {
  system: 'omsorg',
  initial: 'INK',
  next: (state, r) =>
    // Only a refusal, whole or part, is appealed.
    state === 'BESL' && r.Beslut?.['@utfall'] === 'BEVILJAT' ? [{ to: 'AVSL', weight: 1 }] : FLOW[state],
  create,
  apply,
  id: (r) => r['@id'],
  setStatusCode(r, code, at) {
    r.Status = { '@kod': code, '@datum': isoWithOffset(at) };
    r['@senastAndrad'] = isoWithOffset(at);
  },
  unknownStatusCode: 'VILANDE',
};
