/** A search by organisationsnummer: the number becomes organisation references here and goes no further. */
import { AppError } from '../app/errors.js';
import { parseOrganisationsnummer } from '../person/organisationsnummer.js';
import type { PersonRefHasher } from '../person/person-ref.js';
import type { PartyNumber } from '../schemas/party-number.js';
import type { CaseQuery } from '../store/case-store.js';

/** Why an organisationsnummer was refused, in words that never repeat the number. */
export const ORGANISATIONSNUMMER_REASONS = {
  format:
    'Not an organisationsnummer: use 10 digits (the third 2 or more), optionally with "16" before and - before the last four.',
  checksum: 'The organisationsnummer check digit is wrong.',
} as const;

/** A search for one organisation: the store query, and the number in the form sources are asked with. */
export type OrganisationSearch = { query: CaseQuery; lookUp: PartyNumber };

/**
 * The store query for the cases an organisation is a party to (every reference the configured keys
 * make), and the number as `NNNNNN-NNNN` for asking sources now. An invalid number is a `validation`
 * error naming the field, not the value.
 *
 * @example
 * organisationQuery('16212000-2411', personRefs).lookUp; // { kind: 'organisation', number: '212000-2411' }
 */
export function organisationQuery(input: string, personRefs: PersonRefHasher): OrganisationSearch {
  const parsed = parseOrganisationsnummer(input);
  if (!parsed.ok) {
    throw new AppError('validation', 'The organisationsnummer is not valid.', {
      errors: [{ field: 'organisationsnummer', message: ORGANISATIONSNUMMER_REASONS[parsed.reason] }],
    });
  }
  const ten = parsed.value.normalized;
  return {
    query: { by: 'orgRef', value: personRefs.allFromOrganisation(parsed.value) },
    lookUp: { kind: 'organisation', number: `${ten.slice(0, 6)}-${ten.slice(6)}` },
  };
}
