/** Invented people for simulated cases; every personnummer comes from the published test series, never generated. */
import { TEST_PERSONNUMMER } from '../../demo/test-personnummer.js';

export type SimPerson = {
  personnummer: string;
  givenName: string;
  familyName: string;
  /** Skyddade personuppgifter: a property of the person, so the same in every case and every system. */
  protectedIdentity: boolean;
};

// Names are invented ("Test-" surnames make test data easy to spot in a screen shot). The two demo
// personas keep the names the demo uses: Maja Testberg (medborgare) and the protected citizen.
const NAMES: Record<string, [string, string, boolean?]> = {
  '19900321-2389': ['Maja', 'Testberg'],
  '19900604-2395': ['Kim', 'Skyddsdal', true],
  '18900101-9802': ['Hulda', 'Provström'],
  '18900209-9811': ['Algot', 'Provström'],
  '18910317-9801': ['Tekla', 'Exempelsson'],
  '18990913-9801': ['Signe', 'Testlund'],
  '19031231-9817': ['Einar', 'Prövning'],
  '19040229-9812': ['Ture', 'Skottdag'],
  '19101212-9811': ['Gösta', 'Testmark'],
  '19120211-9986': ['Elvira', 'Testmark'],
  '19380413-9149': ['Gunnel', 'Testsson'],
  '19450406-9248': ['Per', 'Åströmtest'],
  '19500219-2382': ['Birgitta', 'Exempelsdotter'],
  '19981231-2388': ['Nils', 'Forsbergtest'],
  '19990102-2385': ['Amira', 'Testhassan'],
  '20000101-2384': ['Linnea', 'Millennietest'],
  '20000229-2399': ['Oskar', 'Skottårsson'],
  '20040229-2395': ['Juni', 'Skottårsson'],
  '20041224-2380': ['Noel', 'Julprov'],
  '20050101-2397': ['Saga', 'Nyårsson'],
  '20181231-2385': ['Noah', 'Testberg'],
  '20190101-2391': ['Alva', 'Testsson'],
  '20190601-2388': ['Elsa', 'Testberg'],
  '20191231-2392': ['Vide', 'Provström'],
  '19140168-2396': ['Ragnar', 'Samordnare'],
  '19160861-2386': ['Dagny', 'Samordnare'],
  '20070561-2380': ['Milo', 'Testhassan'],
  '20130169-2388': ['Ebba', 'Testhassan'],
  '20220161-2393': ['Liam', 'Skyddsdal', true],
  '19121212-1212': ['Tolvan', 'Tolvansson'],
};

export const SIM_PEOPLE: readonly SimPerson[] = TEST_PERSONNUMMER.map(({ number }) => {
  const [givenName, familyName, protectedIdentity] = NAMES[number] ?? ['Test', 'Person'];
  return { personnummer: number, givenName, familyName, protectedIdentity: protectedIdentity ?? false };
});

/** The demo citizen (persona "medborgare"): the first case of each domain belongs to her. */
export const DEMO_CITIZEN = '19900321-2389';

function birthYear(p: SimPerson): number {
  return Number(p.personnummer.slice(0, 4));
}

/** The demo personas who sign in (Maja Testberg, Kim Skyddsdal): they get their cases by name, not by lot. */
export const DEMO_PERSONAS: ReadonlySet<string> = new Set([DEMO_CITIZEN, '19900604-2395']);

/**
 * People the simulators draw as applicants, guardians and clients: adults born 1938–2005, without the
 * demo personas, so a persona has the handful of cases a real citizen has (issue 16), not one in every
 * dozen of the demo's cases.
 */
export const ADULTS = SIM_PEOPLE.filter(
  (p) => birthYear(p) >= 1938 && birthYear(p) <= 2005 && !DEMO_PERSONAS.has(p.personnummer),
);
/** The elderly (home care and residential care): born before 1951, test series 100+ included. */
export const ELDERLY = SIM_PEOPLE.filter((p) => birthYear(p) < 1951);
/** Preschool and school children, born 2013 or later. */
export const CHILDREN = SIM_PEOPLE.filter((p) => birthYear(p) >= 2013);

export function personByNumber(personnummer: string): SimPerson | undefined {
  return SIM_PEOPLE.find((p) => p.personnummer === personnummer);
}

export function fullName(p: SimPerson): string {
  return `${p.givenName} ${p.familyName}`;
}

/** Compact 12-digit form (`199003212389`), as some REST APIs send it. */
export function compactNumber(p: SimPerson): string {
  return p.personnummer.replace('-', '');
}

/** `anna.berglund@umea.example`: lower case, without Swedish diacritics. */
export function officerEmail(givenName: string, familyName: string, domain: string): string {
  const ascii = `${givenName}.${familyName}`.normalize('NFD').replace(/[\u0300-\u036f]/g, '');
  return `${ascii.toLowerCase()}@${domain}`;
}
