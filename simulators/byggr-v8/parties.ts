/** Invented parties of simulated ByggR v8 cases: test-series persons, invented organisations, a kontrollansvarig. */
import { ADULTS, officerEmail, type SimPerson } from '../case-data/people.js';
import type { Random } from '../case-data/random.js';
import { mixSeed } from '../case-data/random.js';
import type { V8Intressent, V8Kommunikation } from './model.js';
import type { V8Municipality } from './municipalities.js';

/**
 * Persons the v8 simulator uses. The v8 contract has no way to say "protected identity" (no such
 * field on `intressent`, fact sheet §3.1), so persons with skyddade personuppgifter are left out:
 * sending one would hand the hub a protected name and address with nothing to mark it.
 */
export const V8_PERSONS: readonly SimPerson[] = ADULTS.filter((p) => !p.protectedIdentity);

/** Luhn check digit over the digits given (the personnummer/organisationsnummer rule). */
export function luhnDigit(digits: string): number {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = Number(digits[i]) * (i % 2 === 0 ? 2 : 1);
    if (d > 9) d -= 9;
    sum += d;
  }
  return (10 - (sum % 10)) % 10;
}

export type V8Company = { namn: string; orgNr: string; kundnr: string };

/**
 * Invented organisationsnummer in group 4: the first digit of an organisationsnummer names the
 * group of legal forms, and 4 is not among the groups Skatteverket assigns (1–3, 5–9), so these
 * Luhn-valid numbers belong to no one. The third digit is ≥ 2 as in every organisationsnummer.
 * The names are invented too; "AB" with a group-4 number is knowingly inconsistent.
 */
function company(namn: string, nine: string, kundnr: string): V8Company {
  return { namn, orgNr: `${nine.slice(0, 6)}-${nine.slice(6)}${luhnDigit(nine)}`, kundnr };
}

export const V8_COMPANIES: readonly V8Company[] = [
  company('Testbyggarna i Norr AB', '462000101', '104411'),
  company('Brf Provgården', '472100202', '104412'),
  company('Exempelfastigheter Vännäs AB', '452300303', '104413'),
  company('Prövohus Bjurholm HB', '492400404', '104414'),
  company('Testkraft Nordmaling AB', '442500505', '104415'),
];

/** `16NNNNNN-NNNN` (the "16" century prefix ByggR may store) or the plain 10-digit form. */
export function companyNumberAsStored(c: V8Company, withSixteen: boolean): string {
  return withSixteen ? `16${c.orgNr}` : c.orgNr;
}

const STREETS = [
  'Testvägen',
  'Mossgläntsvägen',
  'Lingonstigen',
  'Näverslingan',
  'Provgatan',
  'Exempelbacken',
];

/** A stable id per person or organisation: ByggR keeps one customer record per party. */
function partyId(key: string): number {
  let h = 0;
  for (const ch of key) h = Math.imul(h ^ ch.charCodeAt(0), 0x01000193) >>> 0;
  return 500_000 + (mixSeed(h, 7) % 400_000);
}

/** Mobile numbers from PTS's series reserved for fiction (070-174 06 05 … 070-174 06 99). */
function fictionMobile(key: string): string {
  return `070-174 06 ${String(5 + (partyId(key) % 95)).padStart(2, '0')}`;
}

function address(rng: Random, m: V8Municipality) {
  return {
    adress: `${rng.pick(STREETS)} ${rng.int(1, 60)}`,
    postNr: `${m.postNr} ${rng.int(10, 99)}`,
    ort: m.ort.toUpperCase(),
  };
}

export function personParty(p: SimPerson, roller: string[], rng: Random, m: V8Municipality): V8Intressent {
  const kommunikation: (V8Kommunikation | null)[] = [
    { komtyp: 'MOB', beskrivning: fictionMobile(p.personnummer), arAktiv: true },
    { komtyp: 'Epost', beskrivning: officerEmail(p.givenName, p.familyName, 'test.example'), arAktiv: true },
  ];
  // A removed contact entry: WCF serialises the null list item as xsi:nil (nillable items, sheet §3.4).
  if (rng.chance(0.15)) kommunikation.push(null);
  return {
    intressentId: partyId(p.personnummer),
    intressentVersionId: 1,
    persOrgNr: p.personnummer,
    arForetag: false,
    namn: `${p.givenName} ${p.familyName}`,
    fornamn: p.givenName,
    efternamn: p.familyName,
    ...address(rng, m),
    kommunikation,
    roller,
  };
}

export function companyParty(
  c: V8Company,
  withSixteen: boolean,
  contact: SimPerson,
  roller: string[],
  rng: Random,
  m: V8Municipality,
): V8Intressent {
  const persOrgNr = companyNumberAsStored(c, withSixteen);
  return {
    // Two customer records when the same company was registered in both forms, as in real registers.
    intressentId: partyId(persOrgNr),
    intressentVersionId: rng.int(1, 4),
    persOrgNr,
    arForetag: true,
    kundnr: c.kundnr,
    namn: c.namn,
    coAdress: rng.chance(0.3) ? `c/o ${contact.givenName} ${contact.familyName}` : undefined,
    ...address(rng, m),
    kommunikation: [{ komtyp: 'Epost', beskrivning: `info@${c.kundnr}.test.example`, arAktiv: true }],
    attention: {
      attentionId: partyId(`${persOrgNr}/${contact.personnummer}`),
      attention: `${contact.givenName} ${contact.familyName}`,
    },
    roller,
  };
}

/** A certified kontrollansvarig (role KOA) with an invented certificate. */
export function kontrollansvarig(p: SimPerson, rng: Random, m: V8Municipality, at: number): V8Intressent {
  const ka = personParty(p, ['KOA'], rng, m);
  ka.behorigheter = [
    {
      behorighetRoll: 'KA',
      niva: rng.pick(['N', 'K']),
      nr: `TEST-KA-${rng.int(1000, 9999)}`,
      certifieradAv: 'Testcertifiering AB (påhittad)',
      certifieradTillDatum: at + rng.int(200, 1500) * 86_400_000,
    },
  ];
  return ka;
}
