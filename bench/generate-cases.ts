/** Deterministic, realistic canonical cases for the bench: case i is the same on every run and machine. */
import type { PersonRefHasher } from '../person/person-ref.js';
import type { CanonicalCase, Party, StatusCode } from '../schemas/case.js';
import type { CaseIdMinter } from '../schemas/case-id.js';
import { STATUS_LABELS } from '../schemas/status-labels.js';
import { CHILDREN, personRefTable, type ReservedSlot, reserveSlots, SPREAD_ADULTS } from './people.js';
import {
  type BenchDomain,
  CHILD_NAMES,
  DOMAIN_WEIGHTS,
  FIRST_NAMES,
  FIRST_YEAR,
  FLOW,
  HANDLERS,
  LAST_YEAR,
  SOURCE_SYSTEMS,
  STREETS,
  SURNAMES,
  TOWNS,
  type Town,
  TRAKTER,
  TYPES,
} from './vocabulary.js';

/** Not a secret: the bench data is synthetic and the key only has to match between loader and server. */
export const BENCH_PERSON_REF_KEY = 'arendenav-bench-person-ref-key-synthetic-data-only';
/** Likewise for case ids: loader and server mint them with the same published key. */
export const BENCH_CASE_ID_KEY = 'arendenav-bench-case-id-key-synthetic-data-only';
/** The bench's fixed "now", so case ages, statuses and content hashes never depend on the day it runs. */
export const BENCH_NOW = new Date('2026-06-01T10:00:00.000Z');
const FETCHED_AT = '2026-06-01T09:55:00.000Z';
const DAY = 86_400_000;

type Bucket = { town: Town; domain: BenchDomain; year: number; weight: number };
type Slot = { bucket: Bucket; occurrence: number };

/**
 * One cycle of (municipality, domain, year) buckets, interleaved and weighted by volume. Index i
 * falls in slot i % cycle.length; its serial number is unique within the bucket, so references
 * like "BN 2026-000123" are never reused by one office in one year.
 */
function bucketCycle(): Slot[] {
  const buckets: Bucket[] = [];
  for (const town of TOWNS) {
    for (const domain of Object.keys(DOMAIN_WEIGHTS) as BenchDomain[]) {
      for (let year = FIRST_YEAR; year <= LAST_YEAR; year++) {
        buckets.push({ town, domain, year, weight: town.weight * DOMAIN_WEIGHTS[domain] });
      }
    }
  }
  const maxWeight = Math.max(...buckets.map((b) => b.weight));
  const cycle: Slot[] = [];
  for (let occurrence = 0; occurrence < maxWeight; occurrence++) {
    for (const bucket of buckets) if (bucket.weight > occurrence) cycle.push({ bucket, occurrence });
  }
  return cycle;
}

/** mulberry32 seeded per case, so any case can be rebuilt on its own (a resumed load needs that). */
function prng(seed: number): () => number {
  let a = seed | 0;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

const iso = (ms: number) => new Date(ms).toISOString();

export type CaseGenerator = { rows: number; caseAt(i: number): CanonicalCase };

/**
 * The generator for a bench of `rows` cases.
 *
 * @example
 * const gen = createCaseGenerator(
 *   1_000_000,
 *   createPersonRefHasher(BENCH_PERSON_REF_KEY),
 *   createCaseIdMinter(BENCH_CASE_ID_KEY),
 * );
 * await store.upsertMany([gen.caseAt(0), gen.caseAt(1)]);
 */
export function createCaseGenerator(
  rows: number,
  refs: PersonRefHasher,
  caseIds: CaseIdMinter,
): CaseGenerator {
  const cycle = bucketCycle();
  const slotOf = (i: number) => cycle[i % cycle.length] as Slot;
  const reserved = reserveSlots(rows, (i) => slotOf(i).bucket.domain);
  const refOf = personRefTable(refs);
  const ref = (n: string) => refOf.get(n) as string;
  return {
    rows,
    caseAt(i) {
      const { bucket, occurrence } = slotOf(i);
      const serial = Math.floor(i / cycle.length) * bucket.weight + occurrence + 1;
      return buildCase(bucket, serial, prng(Math.imul(i + 1, 0x9e3779b1)), reserved.get(i), ref, caseIds);
    },
  };
}

function buildCase(
  { town, domain, year }: Bucket,
  serial: number,
  rand: () => number,
  reserved: ReservedSlot | undefined,
  ref: (pnr: string) => string,
  caseIds: CaseIdMinter,
): CanonicalCase {
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)] as T;
  const now = BENCH_NOW.getTime();
  const yearStart = Date.UTC(year, 0, 1);
  const yearSpan = Math.min(Date.UTC(year + 1, 0, 1), now - 3 * DAY) - yearStart;
  const receivedMs = yearStart + Math.floor(rand() * yearSpan);
  const ageDays = Math.floor((now - receivedMs) / DAY);
  // Old cases have run their course; recent ones are anywhere in the flow.
  const withdrawn = ageDays > 200 && rand() < 0.03;
  const step = ageDays > 200 ? (rand() < 0.85 ? 6 : 5) : Math.floor(rand() * FLOW.length);
  const status: StatusCode = withdrawn ? 'withdrawn' : (FLOW[step] as StatusCode);
  const sinceMs =
    receivedMs + Math.min(step * 9 * DAY + Math.floor(rand() * 5 * DAY), (ageDays - 1) * DAY) + 3_600_000;
  const type = pick(TYPES[domain]);
  const office = town.offices[domain];
  const surname = pick(SURNAMES);
  const applicant: Party = {
    role: domain === 'school_placement' ? 'guardian' : domain === 'social_services' ? 'client' : 'applicant',
    displayName: reserved?.person.name ?? `${pick(FIRST_NAMES)} ${surname}`,
    personRef: ref(reserved?.person.number ?? pick(SPREAD_ADULTS)),
    protectedIdentity: reserved?.protectedIdentity ?? false,
  };
  const parties: Party[] = [applicant];
  if (domain === 'school_placement') {
    const family = applicant.displayName?.split(' ').at(-1) ?? surname;
    parties.push({
      role: 'child',
      displayName: `${pick(CHILD_NAMES)} ${family}`,
      personRef: ref(pick(CHILDREN)),
      protectedIdentity: false,
    });
  } else if (domain === 'building_permit' && rand() < 0.15) {
    parties.push({
      role: 'co_applicant',
      displayName: `${pick(FIRST_NAMES)} ${surname}`,
      personRef: ref(pick(SPREAD_ADULTS)),
      protectedIdentity: false,
    });
  }
  const completeMs = receivedMs + Math.floor(rand() * 14) * DAY;
  const decided = status === 'decided' || status === 'closed';
  const sourceId = `${year}-${serial}`;
  const designation = `${pick(TRAKTER)} ${1 + Math.floor(rand() * 40)}${rand() < 0.3 ? `:${1 + Math.floor(rand() * 20)}` : ''}`;
  return {
    id: caseIds.mint({ municipalityCode: town.code, sourceSystem: SOURCE_SYSTEMS[domain], sourceId }),
    municipality: { code: town.code, name: town.name },
    domain,
    caseType: { code: type.code, label: type.label },
    reference: town.reference(domain, year, serial),
    title: pick(type.titles),
    office: { code: office.code, name: office.name, contact: office.contact },
    handler: { name: pick(HANDLERS), unit: office.name, contact: { phone: office.contact.phone } },
    status: {
      code: status,
      label: STATUS_LABELS[status],
      sourceCode: status.toUpperCase(),
      since: iso(sinceMs),
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
      : decided || withdrawn
        ? {}
        : { awaiting: { who: 'office' as const } }),
    receivedAt: iso(receivedMs),
    ...(domain === 'building_permit' && step >= 2 ? { completeAt: iso(completeMs) } : {}),
    ...(decided && !withdrawn
      ? {
          decidedAt: iso(sinceMs),
          decision: { outcome: rand() < 0.85 ? 'bifall' : 'avslag', at: iso(sinceMs) },
        }
      : {}),
    ...(status === 'closed' ? { closedAt: iso(sinceMs) } : {}),
    ...(domain === 'building_permit'
      ? {
          deadline: {
            dueAt: iso((step >= 2 ? completeMs : receivedMs) + (type.code === 'AN' ? 28 : 70) * DAY).slice(
              0,
              10,
            ),
            basis:
              type.code === 'AN'
                ? 'PBL 9 kap. 45 §: 4 veckor från anmälan'
                : 'PBL 9 kap. 27 §: 10 veckor från komplett ansökan',
            extended: false,
          },
          property: {
            designation: `${town.name} ${designation}`,
            address: `${pick(STREETS)} ${1 + Math.floor(rand() * 60)}`,
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
    confidentiality: { level: domain === 'social_services' ? 'confidential' : 'internal' },
    fieldClasses:
      domain === 'social_services'
        ? { title: 'confidential', parties: 'confidential', documents: 'confidential' }
        : { parties: 'internal' },
    source: {
      system: SOURCE_SYSTEMS[domain],
      sourceId,
      sourceUpdatedAt: iso(sinceMs + Math.floor(rand() * 3_600_000)),
      fetchedAt: FETCHED_AT,
      mappingId: `${SOURCE_SYSTEMS[domain]}/${domain.replace('_', '-')}`,
      mappingVersion: '1.0.0',
    },
  };
}
