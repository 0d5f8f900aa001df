/** Realistic demo cases for three municipalities of Umeåregionen, stored through the normal upsert path. */
import type { PersonRefHasher } from '../person/person-ref.js';
import type { CanonicalCase, LocalizedText, Party, StatusCode } from '../schemas/case.js';
import { caseId } from '../schemas/case-id.js';
import { STATUS_LABELS } from '../schemas/status-labels.js';
import type { CaseStore, UpsertOutcome } from '../store/case-store.js';
import { findPersona } from './personas.js';
import { TEST_PERSONNUMMER } from './test-personnummer.js';

const DAY = 86_400_000;

type Office = { code: string; name: string; contact: { phone: string; email: string } };
type Town = {
  code: string;
  name: string;
  refFormat: (domain: string, n: number) => string;
  offices: Record<string, Office>;
};

const TOWNS: Town[] = [
  {
    code: '2480',
    name: 'Umeå',
    refFormat: (d, n) =>
      d === 'building_permit'
        ? `BN 2026-${String(n).padStart(6, '0')}`
        : d === 'school_placement'
          ? `BUN 2026/${n}`
          : `SN 2026/${String(n).padStart(4, '0')}`,
    offices: {
      building_permit: {
        code: 'BN',
        name: 'Byggnadsnämnden',
        contact: { phone: '090-16 10 00', email: 'bygglov@umea.example' },
      },
      school_placement: {
        code: 'BUN',
        name: 'Barn- och utbildningsnämnden',
        contact: { phone: '090-16 10 00', email: 'skolplacering@umea.example' },
      },
      social_services: {
        code: 'SN',
        name: 'Individ- och familjenämnden',
        contact: { phone: '090-16 10 00', email: 'socialtjansten@umea.example' },
      },
    },
  },
  {
    code: '2460',
    name: 'Vännäs',
    refFormat: (d, n) =>
      d === 'building_permit'
        ? `BYGG.2026.${n}`
        : d === 'school_placement'
          ? `BOU 2026/${n}`
          : `SOC 2026/${String(n).padStart(4, '0')}`,
    offices: {
      building_permit: {
        code: 'MBN',
        name: 'Miljö- och byggnämnden',
        contact: { phone: '0935-140 00', email: 'bygg@vannas.example' },
      },
      school_placement: {
        code: 'BOU',
        name: 'Barn- och utbildningsnämnden',
        contact: { phone: '0935-140 00', email: 'skola@vannas.example' },
      },
      social_services: {
        code: 'SOC',
        name: 'Socialnämnden',
        contact: { phone: '0935-140 00', email: 'soc@vannas.example' },
      },
    },
  },
  {
    code: '2403',
    name: 'Bjurholm',
    refFormat: (d, n) =>
      d === 'building_permit' ? `BN 2026/${n}` : d === 'school_placement' ? `KS 2026/${n}` : `SN 2026/${n}`,
    offices: {
      building_permit: {
        code: 'BN',
        name: 'Bygg- och miljönämnden',
        contact: { phone: '0932-140 00', email: 'bygg@bjurholm.example' },
      },
      school_placement: {
        code: 'KS',
        name: 'Kommunstyrelsen, barn och utbildning',
        contact: { phone: '0932-140 00', email: 'skola@bjurholm.example' },
      },
      social_services: {
        code: 'SN',
        name: 'Socialnämnden',
        contact: { phone: '0932-140 00', email: 'soc@bjurholm.example' },
      },
    },
  },
];

const TYPES: Record<string, { code: string; label: LocalizedText; titles: string[] }[]> = {
  building_permit: [
    {
      code: 'BL',
      label: { sv: 'Bygglov', en: 'Building permit', ar: 'رخصة بناء' },
      titles: [
        'Nybyggnad av enbostadshus',
        'Tillbyggnad av fritidshus',
        'Nybyggnad av garage',
        'Fasadändring, byte av fönster',
        'Uppförande av plank',
      ],
    },
    {
      code: 'FB',
      label: { sv: 'Förhandsbesked', en: 'Advance ruling', ar: 'قرار مسبق' },
      titles: ['Förhandsbesked för nybyggnad av enbostadshus'],
    },
    {
      code: 'AN',
      label: { sv: 'Anmälan', en: 'Notification', ar: 'إشعار' },
      titles: ['Installation av eldstad', 'Anmälan om attefallshus'],
    },
    {
      code: 'RL',
      label: { sv: 'Rivningslov', en: 'Demolition permit', ar: 'رخصة هدم' },
      titles: ['Rivning av ekonomibyggnad'],
    },
  ],
  school_placement: [
    {
      code: 'FSK',
      label: { sv: 'Förskoleplats', en: 'Preschool place', ar: 'مكان في الروضة' },
      titles: ['Ansökan om förskoleplats'],
    },
    {
      code: 'GR',
      label: { sv: 'Skolplacering', en: 'School placement', ar: 'تسجيل مدرسي' },
      titles: ['Skolplacering förskoleklass', 'Byte av skola, åk 4'],
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
      titles: ['Ansökan om hemtjänst'],
    },
  ],
};

const TRAKTER = [
  'Tallen',
  'Björken',
  'Granen',
  'Ön',
  'Backen',
  'Strömpilen',
  'Rönnen',
  'Sandbacka',
  'Holmen',
  'Lärkan',
];
const STREETS = [
  'Storgatan',
  'Kungsgatan',
  'Skolgatan',
  'Västra Esplanaden',
  'Björkvägen',
  'Tallvägen',
  'Älvvägen',
];
const NAMES = [
  'Åsa Lindqvist',
  'Erik Nordström',
  'Fatima Haddad',
  'Johan Öberg',
  'Lina Sundberg',
  'Ali Hassan',
  'Karin Holmgren',
  'Per Åström',
  'Sara Nilsson',
  'Ahmad Karimi',
  'Maria Lundin',
  'Nils Forsberg',
];
const CHILDREN = ['Elsa', 'Noah', 'Maryam', 'Liam', 'Alva', 'Omar'];
const HANDLERS = ['Anna Berglund', 'Mikael Sjöberg', 'Helena Marklund', 'David Wikström'];
const FLOW: StatusCode[] = [
  'received',
  'registered',
  'in_progress',
  'awaiting_applicant',
  'in_progress',
  'decided',
  'closed',
];

/** A small seeded generator so the demo is the same on every machine. */
function prng(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

const ADULT_NUMBERS = TEST_PERSONNUMMER.filter((t) => /^19[4-9]|^200[0-4]/.test(t.number)).map(
  (t) => t.number,
);
const CHILD_NUMBERS = TEST_PERSONNUMMER.filter((t) => /^20(1[3-9]|2)/.test(t.number)).map((t) => t.number);

const iso = (ms: number) => new Date(ms).toISOString();
const isoDate = (ms: number) => iso(ms).slice(0, 10);

/**
 * Builds the demo cases relative to `now` (so deadlines and "overdue" stay realistic whenever the demo runs).
 * The demo citizen "medborgare" is a party in all three domains; "skyddad" has protected identity.
 */
export function demoCases(now: Date, refs: PersonRefHasher, perTownAndDomain = 25): CanonicalCase[] {
  const rand = prng(2480);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)] as T;
  const ref = (pnr: string) => refs.fromInput(pnr) as string;
  const citizen = findPersona('medborgare')?.personnummer as string;
  const protectedCitizen = findPersona('skyddad')?.personnummer as string;
  const out: CanonicalCase[] = [];
  for (const town of TOWNS) {
    for (const domain of Object.keys(TYPES)) {
      for (let n = 1; n <= perTownAndDomain; n++) {
        const serial = 100 + n * 7 + Math.floor(rand() * 5);
        const type = pick(TYPES[domain] ?? []);
        const receivedMs = now.getTime() - Math.floor(rand() * 120 + 3) * DAY;
        const step = Math.min(FLOW.length - 1, Math.floor(rand() * FLOW.length));
        const status = FLOW[step] as StatusCode;
        const since = receivedMs + Math.min(step * 9, Math.floor((now.getTime() - receivedMs) / DAY)) * DAY;
        const isOwn = town.code === '2480' && n === 1;
        const isProtected = town.code === '2480' && domain === 'building_permit' && n === 2;
        const applicantPnr = isOwn ? citizen : isProtected ? protectedCitizen : pick(ADULT_NUMBERS);
        const applicant: Party = {
          role:
            domain === 'school_placement'
              ? 'guardian'
              : domain === 'social_services'
                ? 'client'
                : 'applicant',
          displayName: isOwn ? 'Maja Testberg' : pick(NAMES),
          personRef: ref(applicantPnr),
          protectedIdentity: isProtected,
        };
        const parties: Party[] = [applicant];
        if (domain === 'school_placement') {
          parties.push({
            role: 'child',
            displayName: `${pick(CHILDREN)} ${applicant.displayName?.split(' ')[1] ?? ''}`.trim(),
            personRef: ref(pick(CHILD_NUMBERS)),
            protectedIdentity: false,
          });
        }
        const completeMs = receivedMs + Math.floor(rand() * 14) * DAY;
        const decided = status === 'decided' || status === 'closed';
        const office = town.offices[domain] as Office;
        const designation = `${pick(TRAKTER)} ${1 + Math.floor(rand() * 12)}${rand() < 0.3 ? `:${1 + Math.floor(rand() * 20)}` : ''}`;
        const sourceId = `${domain}-${serial}`;
        const c: CanonicalCase = {
          id: caseId({ municipalityCode: town.code, sourceSystem: `demo-${domain}`, sourceId }),
          municipality: { code: town.code, name: town.name },
          domain,
          caseType: { code: type.code, label: type.label },
          reference: town.refFormat(domain, serial),
          title: pick(type.titles),
          office: { code: office.code, name: office.name, contact: office.contact },
          handler: { name: pick(HANDLERS), unit: office.name, contact: { phone: office.contact.phone } },
          status: {
            code: status,
            label: STATUS_LABELS[status],
            sourceCode: status.toUpperCase(),
            since: iso(since),
          },
          ...(status === 'awaiting_applicant'
            ? {
                awaiting: {
                  who: 'applicant' as const,
                  what: {
                    sv: 'Komplettering: situationsplan',
                    en: 'Supplement: site plan',
                    ar: 'استكمال: مخطط الموقع',
                  },
                },
              }
            : decided
              ? {}
              : { awaiting: { who: 'office' as const } }),
          receivedAt: iso(receivedMs),
          ...(domain === 'building_permit' && step >= 2 ? { completeAt: iso(completeMs) } : {}),
          ...(decided
            ? {
                decidedAt: iso(since),
                decision: { outcome: rand() < 0.85 ? 'bifall' : 'avslag', at: iso(since) },
              }
            : {}),
          ...(status === 'closed' ? { closedAt: iso(since) } : {}),
          ...(domain === 'building_permit'
            ? {
                deadline: {
                  dueAt: isoDate(
                    (step >= 2 ? completeMs : receivedMs) + (type.code === 'AN' ? 28 : 70) * DAY,
                  ),
                  basis:
                    type.code === 'AN'
                      ? 'PBL 9 kap. 45 §: 4 veckor från anmälan'
                      : 'PBL 9 kap. 27 §: 10 veckor från komplett ansökan',
                  extended: false,
                },
              }
            : {}),
          documents:
            domain === 'building_permit'
              ? [
                  { title: 'Ansökan', kind: 'ansokan', receivedAt: iso(receivedMs) },
                  { title: 'Situationsplan', kind: 'ritning', receivedAt: iso(completeMs) },
                ]
              : [{ title: 'Ansökan', kind: 'ansokan', receivedAt: iso(receivedMs) }],
          parties,
          ...(domain === 'building_permit'
            ? {
                property: {
                  designation: `${town.name} ${designation}`,
                  address: `${pick(STREETS)} ${1 + Math.floor(rand() * 60)}`,
                },
              }
            : {}),
          confidentiality: { level: domain === 'social_services' ? 'confidential' : 'internal' },
          fieldClasses:
            domain === 'social_services'
              ? { title: 'confidential', parties: 'confidential', documents: 'confidential' }
              : { parties: 'internal' },
          source: {
            system: `demo-${domain}`,
            sourceId,
            sourceUpdatedAt: iso(since),
            fetchedAt: now.toISOString(),
            mappingId: `demo/${domain}`,
            mappingVersion: '1.0.0',
          },
        };
        out.push(c);
      }
    }
  }
  return out;
}

/** Stores the demo cases through the same upsert path the connectors use. */
export async function seedDemo(
  store: CaseStore,
  refs: PersonRefHasher,
  now: Date,
): Promise<Record<UpsertOutcome, number>> {
  const outcomes = await store.upsertMany(demoCases(now, refs));
  const counts: Record<UpsertOutcome, number> = { inserted: 0, updated: 0, unchanged: 0, stale: 0 };
  for (const o of outcomes) counts[o]++;
  return counts;
}
