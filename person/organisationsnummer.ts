/** Parses and validates Swedish organisation numbers (organisationsnummer), as ByggR and others store them. */

// Like personnummer.ts: nothing here logs, and invalid input yields a reason code, never the number.
import { luhnCheckDigit } from './personnummer.js';

export type Organisationsnummer = {
  /** Ten digits, NNNNNNNNNC: the "16" century prefix and the dash removed. */
  normalized: string;
};

export type OrganisationsnummerError = 'format' | 'checksum';

export type OrganisationsnummerResult =
  | { ok: true; value: Organisationsnummer }
  | { ok: false; reason: OrganisationsnummerError };

// Optional "16" (the century-like prefix ByggR and Skatteverket's 12-digit form use), six digits, optional dash, four.
const ACCEPTED = /^(?:16)?(\d{6})-?(\d{4})$/;

/**
 * Accepts `NNNNNN-NNNN`, `NNNNNNNNNN`, `16NNNNNN-NNNN` and `16NNNNNNNNNN`. The third digit is 2 or more
 * (the "month" of an organisationsnummer is at least 20), which is what tells it from a personnummer;
 * the last digit is a Luhn check digit.
 *
 * @example
 * parseOrganisationsnummer('16212000-2411'); // { ok: true, value: { normalized: '2120002411' } }
 */
export function parseOrganisationsnummer(input: string): OrganisationsnummerResult {
  if (typeof input !== 'string') return { ok: false, reason: 'format' };
  const match = ACCEPTED.exec(input.trim());
  if (!match) return { ok: false, reason: 'format' };
  const ten = `${match[1]}${match[2]}`;
  if (Number(ten[2]) < 2) return { ok: false, reason: 'format' };
  if (luhnCheckDigit(ten.slice(0, 9)) !== Number(ten[9])) return { ok: false, reason: 'checksum' };
  return { ok: true, value: { normalized: ten } };
}
