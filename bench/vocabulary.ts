/** Swedish municipal vocabulary for bench cases: offices, reference formats, case types, names and places. */
import type { LocalizedText, StatusCode } from '../schemas/case.js';

export type BenchDomain = 'building_permit' | 'school_placement' | 'social_services';
export type Office = { code: string; name: string; contact: { phone: string; email: string } };
export type Town = {
  code: string;
  name: string;
  /** Relative case volume; Umeå is far larger than its neighbours. */
  weight: number;
  reference: (domain: BenchDomain, year: number, serial: number) => string;
  offices: Record<BenchDomain, Office>;
};
export type CaseType = { code: string; label: LocalizedText; titles: string[] };

const pad = (n: number, width: number) => String(n).padStart(width, '0');

function offices(domain: string, phone: string, names: [string, string, string], codes: string[]) {
  const [bp, sp, ss] = names;
  return {
    building_permit: { code: codes[0] ?? 'BN', name: bp, contact: { phone, email: `bygg@${domain}` } },
    school_placement: { code: codes[1] ?? 'BUN', name: sp, contact: { phone, email: `skola@${domain}` } },
    social_services: { code: codes[2] ?? 'SN', name: ss, contact: { phone, email: `soc@${domain}` } },
  };
}

export const TOWNS: Town[] = [
  {
    code: '2480',
    name: 'Umeå',
    weight: 6,
    reference: (d, y, n) =>
      d === 'building_permit'
        ? `BN ${y}-${pad(n, 6)}`
        : d === 'school_placement'
          ? `BUN ${y}/${n}`
          : `SN ${y}/${pad(n, 4)}`,
    offices: offices(
      'umea.example',
      '090-16 10 00',
      ['Byggnadsnämnden', 'Barn- och utbildningsnämnden', 'Individ- och familjenämnden'],
      ['BN', 'BUN', 'SN'],
    ),
  },
  {
    code: '2460',
    name: 'Vännäs',
    weight: 2,
    reference: (d, y, n) =>
      d === 'building_permit'
        ? `BYGG.${y}.${n}`
        : d === 'school_placement'
          ? `BOU ${y}/${n}`
          : `SOC ${y}/${pad(n, 4)}`,
    offices: offices(
      'vannas.example',
      '0935-140 00',
      ['Miljö- och byggnämnden', 'Barn- och utbildningsnämnden', 'Socialnämnden'],
      ['MBN', 'BOU', 'SOC'],
    ),
  },
  {
    code: '2403',
    name: 'Bjurholm',
    weight: 1,
    reference: (d, y, n) =>
      d === 'building_permit' ? `BN ${y}/${n}` : d === 'school_placement' ? `KS ${y}/${n}` : `SN ${y}/${n}`,
    offices: offices(
      'bjurholm.example',
      '0932-140 00',
      ['Bygg- och miljönämnden', 'Kommunstyrelsen, barn och utbildning', 'Socialnämnden'],
      ['BN', 'KS', 'SN'],
    ),
  },
  {
    code: '2401',
    name: 'Nordmaling',
    weight: 1,
    reference: (d, y, n) =>
      d === 'building_permit' ? `MBN ${y}-${n}` : d === 'school_placement' ? `BUN ${y}/${n}` : `SN ${y}.${n}`,
    offices: offices(
      'nordmaling.example',
      '0930-140 00',
      ['Miljö- och byggnadsnämnden', 'Barn- och utbildningsnämnden', 'Socialnämnden'],
      ['MBN', 'BUN', 'SN'],
    ),
  },
  {
    code: '2404',
    name: 'Vindeln',
    weight: 1,
    reference: (d, y, n) =>
      d === 'building_permit'
        ? `B ${y}-${pad(n, 6)}`
        : d === 'school_placement'
          ? `BUN ${y}/${n}`
          : `SOC ${y}/${n}`,
    offices: offices(
      'vindeln.example',
      '0933-140 00',
      ['Bygg- och miljönämnden', 'Barn- och utbildningsnämnden', 'Socialnämnden'],
      ['BMN', 'BUN', 'SOC'],
    ),
  },
  {
    code: '2409',
    name: 'Robertsfors',
    weight: 1,
    reference: (d, y, n) =>
      d === 'building_permit'
        ? `BYGG ${y}-${n}`
        : d === 'school_placement'
          ? `BU ${y}/${n}`
          : `IFO ${y}/${n}`,
    offices: offices(
      'robertsfors.example',
      '0934-140 00',
      ['Samhällsbyggnadsnämnden', 'Barn- och utbildningsnämnden', 'Individ- och familjeomsorgen'],
      ['SBN', 'BU', 'IFO'],
    ),
  },
];

/** Relative volume per domain: building permits dominate, social services are fewest. */
export const DOMAIN_WEIGHTS: Record<BenchDomain, number> = {
  building_permit: 4,
  school_placement: 3,
  social_services: 2,
};

export const SOURCE_SYSTEMS: Record<BenchDomain, string> = {
  building_permit: 'byggr',
  school_placement: 'extens',
  social_services: 'lifecare',
};

export const FIRST_YEAR = 2015;
export const LAST_YEAR = 2026;

export const TYPES: Record<BenchDomain, CaseType[]> = {
  building_permit: [
    {
      code: 'BL',
      label: { sv: 'Bygglov', en: 'Building permit', ar: 'رخصة بناء' },
      titles: [
        'Nybyggnad av enbostadshus',
        'Tillbyggnad av fritidshus',
        'Nybyggnad av garage',
        'Nybyggnad av carport',
        'Fasadändring, byte av fönster',
        'Uppförande av plank',
        'Tillbyggnad av altan',
        'Ändrad användning till bostad',
      ],
    },
    {
      code: 'FB',
      label: { sv: 'Förhandsbesked', en: 'Advance ruling', ar: 'قرار مسبق' },
      titles: ['Förhandsbesked för nybyggnad av enbostadshus', 'Förhandsbesked för fritidshus'],
    },
    {
      code: 'AN',
      label: { sv: 'Anmälan', en: 'Notification', ar: 'إشعار' },
      titles: ['Installation av eldstad', 'Anmälan om attefallshus', 'Installation av bergvärme'],
    },
    {
      code: 'RL',
      label: { sv: 'Rivningslov', en: 'Demolition permit', ar: 'رخصة هدم' },
      titles: ['Rivning av ekonomibyggnad', 'Rivning av förråd'],
    },
  ],
  school_placement: [
    {
      code: 'FSK',
      label: { sv: 'Förskoleplats', en: 'Preschool place', ar: 'مكان في الروضة' },
      titles: ['Ansökan om förskoleplats', 'Byte av förskola'],
    },
    {
      code: 'GR',
      label: { sv: 'Skolplacering', en: 'School placement', ar: 'تسجيل مدرسي' },
      titles: ['Skolplacering förskoleklass', 'Byte av skola, åk 4', 'Skolplacering åk 7'],
    },
    {
      code: 'SKJ',
      label: { sv: 'Skolskjuts', en: 'School transport', ar: 'النقل المدرسي' },
      titles: ['Ansökan om skolskjuts'],
    },
  ],
  social_services: [
    {
      code: 'FS',
      label: { sv: 'Försörjningsstöd', en: 'Income support', ar: 'دعم الإعالة' },
      titles: ['Ansökan om försörjningsstöd'],
    },
    {
      code: 'HT',
      label: { sv: 'Bistånd, hemtjänst', en: 'Assistance, home care', ar: 'مساعدة، رعاية منزلية' },
      titles: ['Ansökan om hemtjänst', 'Ansökan om trygghetslarm'],
    },
  ],
};

// Word lists are written as one comma-separated string each so the file stays short after formatting.
const list = (words: string): string[] => words.split(', ');

export const TRAKTER = list(
  'Tallen, Björken, Granen, Ön, Backen, Strömpilen, Rönnen, Sandbacka, Holmen, Lärkan, Hagalund, Ersboda, Tegsbacken, Mariehem, Ålidhem, Grubbe, Röbäck, Sörböle, Haga, Berghem',
);
export const STREETS = list(
  'Storgatan, Kungsgatan, Skolgatan, Västra Esplanaden, Björkvägen, Tallvägen, Älvvägen, Rådhusesplanaden, Nygatan, Järnvägsallén, Backenvägen, Kyrkvägen',
);
export const FIRST_NAMES = list(
  'Åsa, Erik, Fatima, Johan, Lina, Ali, Karin, Per, Sara, Ahmad, Maria, Nils, Anders, Eva, Lars, Ingrid, Mohammed, Emma, Oskar, Hanna, Mikael, Sofia, Leila, Jonas',
);
export const SURNAMES = list(
  'Lindqvist, Nordström, Haddad, Öberg, Sundberg, Hassan, Holmgren, Åström, Nilsson, Karimi, Lundin, Forsberg, Lindberg, Marklund, Wikström, Berglund, Sjöberg, Lundgren, Johansson, Andersson, Eriksson, Persson, Olofsson, Nyström, Hägglund, Burström, Lindgren, Abdi, Yilmaz, Nguyen, Sandström, Holmström, Granberg, Öhman, Edlund, Jonsson, Strömberg, Isaksson, Lidström, Bergström',
);
export const CHILD_NAMES = list('Elsa, Noah, Maryam, Liam, Alva, Omar, Selma, Hugo, Ella, William');
export const HANDLERS = list('Anna Berglund, Mikael Sjöberg, Helena Marklund, David Wikström, Petra Öhman');

/** Where a case is in its life; older cases are mostly decided or closed. */
export const FLOW: StatusCode[] = [
  'received',
  'registered',
  'in_progress',
  'awaiting_applicant',
  'in_progress',
  'decided',
  'closed',
];
