/** Who is a party to which bench case, using only Skatteverket test personnummer (never generated numbers). */
import { findPersona } from '../demo/personas.js';
import { TEST_PERSONNUMMER } from '../demo/test-personnummer.js';
import type { PersonRefHasher } from '../person/person-ref.js';
import type { BenchDomain } from './vocabulary.js';

export type SearchedPerson = { number: string; name: string };

/** A case index reserved for one person whose cases the bench searches for. */
export type ReservedSlot = { person: SearchedPerson; protectedIdentity: boolean };

function testNumber(number: string | undefined): string {
  // Guard: every number the bench hashes must come from the reserved test series.
  if (!number || !TEST_PERSONNUMMER.some((t) => t.number === number)) {
    throw new Error(`${number} is not in demo/test-personnummer.ts`);
  }
  return number;
}

/**
 * People searched for in scenario (d). Each is a party to only a handful of cases, as a real
 * citizen calling the information center would be.
 */
export const SEARCHED_PEOPLE: readonly SearchedPerson[] = [
  { number: testNumber(findPersona('medborgare')?.personnummer), name: 'Maja Testberg' },
  { number: testNumber('19981231-2388'), name: 'Jonas Edlund' },
  { number: testNumber('19990102-2385'), name: 'Leila Abdi' },
  { number: testNumber('20000101-2384'), name: 'Oskar Nyström' },
  { number: testNumber('20041224-2380'), name: 'Hanna Yilmaz' },
  { number: testNumber('19450406-9248'), name: 'Ingrid Hägglund' },
];
export const CASES_PER_SEARCHED_PERSON = 5;
/** Mixed domains; the information center sees all but the social-services case. */
const SEARCHED_DOMAINS: BenchDomain[] = [
  'building_permit',
  'school_placement',
  'building_permit',
  'social_services',
  'building_permit',
];

const PROTECTED_PERSON: SearchedPerson = {
  number: testNumber(findPersona('skyddad')?.personnummer),
  name: 'Skyddad Person',
};

const isChild = (n: string) => /^20(1[3-9]|2)/.test(n);
const reserved = new Set([...SEARCHED_PEOPLE.map((p) => p.number), PROTECTED_PERSON.number]);

/** The remaining test numbers carry the other ~million cases between them (each gets many). */
export const SPREAD_ADULTS = TEST_PERSONNUMMER.map((t) => t.number).filter(
  (n) => !isChild(n) && !reserved.has(n),
);
export const CHILDREN = TEST_PERSONNUMMER.map((t) => t.number).filter((n) => isChild(n) && !reserved.has(n));

/** Person references for every test number, computed once (an HMAC per party would dominate generation). */
export function personRefTable(refs: PersonRefHasher): Map<string, string> {
  const table = new Map<string, string>();
  for (const { number } of TEST_PERSONNUMMER) {
    const ref = refs.fromInput(number);
    if (ref) table.set(number, ref);
  }
  return table;
}

/**
 * Picks, for each searched person's case, an index spread over the whole range whose bucket has
 * the wanted domain; `domainAt` tells the domain the generator gives an index.
 */
export function reserveSlots(rows: number, domainAt: (i: number) => BenchDomain): Map<number, ReservedSlot> {
  const slots = new Map<number, ReservedSlot>();
  const wanted: { person: SearchedPerson; domain: BenchDomain; protectedIdentity: boolean }[] = [];
  for (const person of SEARCHED_PEOPLE) {
    for (const domain of SEARCHED_DOMAINS) wanted.push({ person, domain, protectedIdentity: false });
  }
  for (let k = 0; k < 3; k++) {
    wanted.push({ person: PROTECTED_PERSON, domain: 'building_permit', protectedIdentity: true });
  }
  wanted.forEach((w, k) => {
    let i = Math.floor(((k + 0.5) * rows) / wanted.length);
    while (i < rows && (slots.has(i) || domainAt(i) !== w.domain)) i++;
    if (i >= rows) throw new Error(`no room for a reserved ${w.domain} case in ${rows} rows`);
    slots.set(i, { person: w.person, protectedIdentity: w.protectedIdentity });
  });
  return slots;
}
