/**
 * The staff console's one search box: a personnummer or an organisationsnummer is recognised by its
 * shape (and never leaves the request body); anything with a digit is tried as a case number, then as a property
 * designation; the rest is free text (names, words of the title).
 */
import { AppError } from '../app/errors.js';
import type { CaseReads, CaseSearch } from '../cases/case-reads.js';
import type { Caller } from '../cases/read-context.js';
import { containsPersonnummerLike, normalizePersonnummerSeparators } from '../person/personnummer.js';
import { isPlainText } from '../schemas/request-text.js';
import type { SearchKind, SearchOutcome } from './staff.js';

const LIMIT = 25;
const PERSONNUMMER_SHAPE = /^(\d{6}|\d{8})[-+ ]?\d{4}$/;
/**
 * Ten digits whose third is 2 or more (a personnummer's month starts with 0 or 1), or twelve starting
 * with "16" (a personnummer's century is 18, 19 or 20): only an organisationsnummer looks like that.
 */
const ORGANISATIONSNUMMER_SHAPE = /^(?:16)?\d{2}[2-9]\d{3}-?\d{4}$/;
/** "Tallen 4", "Umeå Tallen 4", "Björken 12:3": words, then a block number. */
const PROPERTY_SHAPE = /^\p{L}[\p{L} .-]*\s\d+(:\d+)?$/u;

export function searchAttempts(input: string): SearchKind[] {
  if (ORGANISATIONSNUMMER_SHAPE.test(input)) return ['orgRef'];
  if (PERSONNUMMER_SHAPE.test(input)) return ['personRef'];
  const attempts: SearchKind[] = [];
  if (/\d/.test(input) && input.length <= 80) attempts.push('reference');
  if (PROPERTY_SHAPE.test(input) && input.length <= 120) attempts.push('property');
  attempts.push('text');
  return attempts;
}

export async function runStaffSearch(cases: CaseReads, caller: Caller, raw: unknown): Promise<SearchOutcome> {
  const input =
    typeof raw === 'string' ? normalizePersonnummerSeparators(raw.trim().replace(/\s+/g, ' ')) : '';
  // What was searched for is shown back in the box, unless it holds anything like a personnummer, or
  // is an organisationsnummer (a sole trader's is their personnummer).
  const echo =
    PERSONNUMMER_SHAPE.test(input) || ORGANISATIONSNUMMER_SHAPE.test(input) || containsPersonnummerLike(input)
      ? ''
      : input;
  // Checked before anything else reads it (and never shown back): no such text reaches a query.
  if (!isPlainText(input)) return { kind: 'error', message: 'errorSearchCharacters', value: '' };
  if (input.length === 0) return { kind: 'error', message: 'errorSearchEmpty', value: '' };
  if (input.length > 200) return { kind: 'error', message: 'errorSearchLong', value: '' };
  if (input.length < 2) return { kind: 'error', message: 'errorSearchShort', value: echo };
  const attempts = searchAttempts(input);
  for (const [index, kind] of attempts.entries()) {
    let search: CaseSearch;
    if (kind === 'personRef') {
      try {
        search = { ...cases.personSearch(input), limit: LIMIT };
      } catch (error) {
        if (error instanceof AppError && error.code === 'validation')
          return { kind: 'error', message: 'errorPersonnummer', value: '' };
        throw error;
      }
    } else if (kind === 'orgRef') {
      try {
        search = { ...cases.organisationSearch(input), limit: LIMIT };
      } catch (error) {
        if (error instanceof AppError && error.code === 'validation')
          return { kind: 'error', message: 'errorOrganisationsnummer', value: '' };
        throw error;
      }
    } else {
      search = { query: { by: kind, value: input }, limit: LIMIT };
    }
    const page = await cases.search(caller, search);
    if (page.items.length > 0 || index === attempts.length - 1) {
      return {
        kind: 'results',
        searchedAs: kind,
        items: page.items,
        more: page.nextCursor !== null,
        value: echo,
      };
    }
  }
  return { kind: 'results', searchedAs: 'text', items: [], more: false, value: echo };
}
