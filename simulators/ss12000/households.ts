/** Guardians and children per municipality, all from the test series: who lives where and who is responsible for whom. */
import { DateTime } from 'luxon';
import { ZONE } from '../case-data/clock.js';
import { personByNumber, type SimPerson } from '../case-data/people.js';
import type { Random } from '../case-data/random.js';
import { simUuid } from './ids.js';
import type { PersonRecord, Relation, Sex } from './model.js';
import { TEST_CHILDREN_2019, TEST_CHILDREN_SAMORDNING } from './test-children.js';
import type { Ss12000Municipality } from './units.js';

type Household = { members: readonly [number: string, relation: Relation][] };

// The demo citizen (Maja Testberg) has one child here, so that with her building permit and her
// social-services case she has the handful of cases a real citizen has (issue 16); the protected
// persona Kim Skyddsdal has his protected son; the other children are shared among the other households in turn.
const HOUSEHOLDS: Record<string, Household[]> = {
  '2480': [
    { members: [['19900321-2389', 'guardian']] },
    { members: [['19900604-2395', 'guardian']] },
    { members: [['19990102-2385', 'guardian']] },
    {
      members: [
        ['20000229-2399', 'guardian'],
        ['20040229-2395', 'guardian'],
      ],
    },
    {
      members: [
        ['19981231-2388', 'guardian'],
        ['20000101-2384', 'guardian'],
      ],
    },
  ],
  '2460': [
    {
      members: [
        ['20041224-2380', 'guardian'],
        ['20050101-2397', 'guardian'],
      ],
    },
    { members: [['19500219-2382', 'other']] },
    { members: [['19450406-9248', 'trustee']] },
  ],
};

const FIXED: Record<string, [child: string, household: number][]> = {
  '2480': [
    ['20181231-2385', 0],
    ['20190601-2388', 2],
    ['20220161-2393', 1],
  ],
  '2460': [],
};

const CHILDREN: Record<string, readonly string[]> = {
  '2480': [
    '20190101-2391',
    '20191231-2392',
    ...TEST_CHILDREN_2019.slice(0, 8),
    ...TEST_CHILDREN_SAMORDNING.slice(0, 11),
  ],
  '2460': [...TEST_CHILDREN_2019.slice(8), ...TEST_CHILDREN_SAMORDNING.slice(11)],
};

const GIRLS = ['Ella', 'Wilma', 'Astrid', 'Freja', 'Selma', 'Ines', 'Stina', 'Majken', 'Tyra', 'Idun'];
const BOYS = ['Hugo', 'Melvin', 'Sixten', 'Otto', 'Vilgot', 'Harry', 'Elton', 'Ivar', 'Loke', 'Folke'];

/** Birth date of a personnummer or samordningsnummer (day + 60). */
export function birthDate(personnummer: string): string {
  const day = Number(personnummer.slice(6, 8));
  const realDay = day > 60 ? day - 60 : day;
  return `${personnummer.slice(0, 4)}-${personnummer.slice(4, 6)}-${String(realDay).padStart(2, '0')}`;
}

/** The second-to-last digit: odd for men, even for women. */
export function sexOf(personnummer: string): Sex {
  return Number(personnummer.charAt(11)) % 2 === 1 ? 'Man' : 'Kvinna';
}

export function localMs(date: string, hour = 9): number {
  return DateTime.fromISO(date, { zone: ZONE }).set({ hour }).toMillis();
}

export type Households = { guardians: PersonRecord[]; children: PersonRecord[] };

function newPerson(
  seed: number,
  muni: Ss12000Municipality,
  number: string,
  names: [string, string],
  created: number,
  protectedIdentity: boolean,
  rng: Random,
): PersonRecord {
  const [givenName, familyName] = names;
  const ascii = `${givenName}.${familyName}`.normalize('NFD').replace(/[\u0300-\u036f]/g, '');
  return {
    id: simUuid(seed, muni.code, 'person', number),
    created,
    modified: created,
    personnummer: number,
    givenName,
    familyName,
    sex: sexOf(number),
    securityMarking: protectedIdentity ? 'Skyddad folkbokföring' : 'Ingen',
    responsibles: [],
    // Skyddad folkbokföring: the registered address is not given out, so the source has none.
    ...(protectedIdentity
      ? {}
      : {
          email: `${ascii.toLowerCase()}@privat.example`,
          address: {
            streetAddress: `${rng.pick(muni.streets)} ${rng.int(1, 60)}`,
            postalCode: `${muni.postalCode} ${rng.int(30, 49)}`,
            locality: muni.name,
          },
        }),
  };
}

/** Everyone in one municipality at `baseline`, with children linked to their households' adults. */
export function createHouseholds(
  seed: number,
  muni: Ss12000Municipality,
  baseline: number,
  rng: Random,
  maxChildren = Number.POSITIVE_INFINITY,
): Households {
  const households = HOUSEHOLDS[muni.code] ?? [];
  const adults = households.map((h) =>
    h.members.map(([number, relation]) => {
      const sim = personByNumber(number) as SimPerson;
      const created = baseline - rng.int(200, 3000) * 86_400_000;
      const record = newPerson(
        seed,
        muni,
        number,
        [sim.givenName, sim.familyName],
        created,
        sim.protectedIdentity,
        rng,
      );
      return { record, relation };
    }),
  );
  const fixed = FIXED[muni.code] ?? [];
  const shared = households.length > 2 && muni.code === '2480' ? [2, 3, 4] : households.map((_, i) => i);
  const plan: [string, number][] = [
    ...fixed,
    ...(CHILDREN[muni.code] ?? []).map((c, i): [string, number] => [c, shared[i % shared.length] as number]),
  ].slice(0, maxChildren);
  const children = plan.map(([number, h], i) => {
    const members = adults[h] ?? [];
    const sim = personByNumber(number);
    const sex = sexOf(number);
    const given = sim?.givenName ?? (sex === 'Man' ? BOYS : GIRLS)[i % 10];
    const family = sim?.familyName ?? members[0]?.record.familyName ?? 'Testbarn';
    const created = Math.min(baseline, localMs(birthDate(number)) + 20 * 86_400_000);
    const child = newPerson(
      seed,
      muni,
      number,
      [given as string, family],
      created,
      !!sim?.protectedIdentity,
      rng,
    );
    child.responsibles = members.map((m) => ({ personId: m.record.id, relation: m.relation }));
    return child;
  });
  return { guardians: adults.flat().map((a) => a.record), children };
}
