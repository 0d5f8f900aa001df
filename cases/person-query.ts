/** A search by personnummer: the number becomes person references here and goes no further. */
import { AppError } from '../app/errors.js';
import type { PersonRefHasher } from '../person/person-ref.js';
import { formatPersonnummer, parsePersonnummer } from '../person/personnummer.js';
import type { PartyNumber } from '../schemas/party-number.js';
import type { CaseQuery } from '../store/case-store.js';

/** Why a personnummer was refused, in words that never repeat the number. */
export const PERSONNUMMER_REASONS = {
  format: 'Not a personnummer: use 10 or 12 digits, optionally with - or + before the last four.',
  date: 'The personnummer does not hold a valid date of birth.',
  checksum: 'The personnummer check digit is wrong.',
} as const;

/** A search for one person: the store query, and the number in the form sources are asked with. */
export type PersonSearch = { query: CaseQuery; lookUp: PartyNumber };

/**
 * The store query for one person's cases: every reference the configured keys make (more than one
 * during a key rotation), and the number for asking sources now. An invalid number is a
 * `validation` error naming the field, not the value.
 *
 * @example
 * personQuery('19121212-1212', personRefs, new Date()).query; // { by: 'personRef', value: ['pr1_…'] }
 */
export function personQuery(personnummer: string, personRefs: PersonRefHasher, now: Date): PersonSearch {
  const parsed = parsePersonnummer(personnummer, { now });
  if (!parsed.ok) {
    throw new AppError('validation', 'The personnummer is not valid.', {
      errors: [{ field: 'personnummer', message: PERSONNUMMER_REASONS[parsed.reason] }],
    });
  }
  return {
    query: { by: 'personRef', value: personRefs.allFromParsed(parsed.value) },
    lookUp: { kind: 'person', number: formatPersonnummer(parsed.value) },
  };
}
