/**
 * The staff console's one search box: a personnummer or an organisationsnummer is recognised by its
 * shape (and never leaves the request body); anything with a digit is tried as a case number, then as a property
 * designation; the rest is free text (names, words of the title). A search's further pages, filters and
 * orders run the query it resolved to (person references, never the number), kept in a sealed handle.
 */
import { AppError } from '../app/errors.js';
import { type CaseSort, MAX_OFFSET, SORT_KEYS, type SortKey } from '../cases/audited-search.js';
import type { CaseReads, CaseSearch } from '../cases/case-reads.js';
import type { Caller } from '../cases/read-context.js';
import { containsPersonnummerLike, normalizePersonnummerSeparators } from '../person/personnummer.js';
import { DomainSchema } from '../schemas/case.js';
import { isPlainText } from '../schemas/request-text.js';
import type { SearchFilters } from '../schemas/search.js';
import type { SearchHandle } from './search-handle.js';
import type { SearchKind, SearchOutcome } from './staff.js';

/** Rows per page of the result table. */
export const PAGE_SIZE = 25;
const PERSONNUMMER_SHAPE = /^(\d{6}|\d{8})[-+ ]?\d{4}$/;
/**
 * Ten digits whose third is 2 or more (a personnummer's month starts with 0 or 1), or twelve starting
 * with "16" (a personnummer's century is 18, 19 or 20): only an organisationsnummer looks like that.
 */
const ORGANISATIONSNUMMER_SHAPE = /^(?:16)?\d{2}[2-9]\d{3}-?\d{4}$/;
/** "Tallen 4", "Umeå Tallen 4", "Björken 12:3": words, then a block number. */
const PROPERTY_SHAPE = /^\p{L}[\p{L} .-]*\s\d+(:\d+)?$/u;

/** How the table is narrowed, ordered and paged: what the filter form, the column headers and the pager send. */
export type ResultView = {
  municipality?: string;
  domain?: string;
  state?: 'open' | 'closed';
  overdue: boolean;
  awaitingApplicant: boolean;
  sort: CaseSort;
  page: number;
};

export const DEFAULT_SORT: CaseSort = { by: 'updated', dir: 'desc' };
export const LAST_PAGE = Math.floor(MAX_OFFSET / PAGE_SIZE);

/** The view a form asks for; anything not ours is left at its default. */
export function resultView(body: Record<string, unknown>): ResultView {
  const text = (key: string) => (typeof body[key] === 'string' ? (body[key] as string) : '');
  // A column header's button (`sortera`) starts a new order on page 1; otherwise the order shown (`ordning`) is kept.
  const [by, dir] = (text('sortera') || text('ordning')).split('-');
  const sort: CaseSort =
    SORT_KEYS.includes(by as SortKey) && (dir === 'asc' || dir === 'desc')
      ? { by: by as SortKey, dir }
      : DEFAULT_SORT;
  const page = text('sortera') ? 1 : Number.parseInt(text('sida'), 10);
  const state = text('lage');
  return {
    ...(/^\d{4}$/.test(text('kommun')) ? { municipality: text('kommun') } : {}),
    ...(DomainSchema.safeParse(text('doman')).success ? { domain: text('doman') } : {}),
    ...(state === 'open' || state === 'closed' ? { state } : {}),
    overdue: text('forsenade') === '1',
    awaitingApplicant: text('vantar') === 'sokande',
    sort,
    page: Number.isInteger(page) && page >= 1 ? Math.min(page, LAST_PAGE) : 1,
  };
}

function filtersOf(view: ResultView): SearchFilters {
  return {
    ...(view.municipality ? { municipality: [view.municipality] } : {}),
    ...(view.domain ? { domain: [view.domain] } : {}),
    ...(view.state ? { state: view.state } : {}),
    ...(view.overdue ? { overdue: true } : {}),
    ...(view.awaitingApplicant ? { awaiting: ['applicant' as const] } : {}),
  };
}

export function searchAttempts(input: string): SearchKind[] {
  if (ORGANISATIONSNUMMER_SHAPE.test(input)) return ['orgRef'];
  if (PERSONNUMMER_SHAPE.test(input)) return ['personRef'];
  const attempts: SearchKind[] = [];
  if (/\d/.test(input) && input.length <= 80) attempts.push('reference');
  if (PROPERTY_SHAPE.test(input) && input.length <= 120) attempts.push('property');
  attempts.push('text');
  return attempts;
}

/** A number as the page may show it: the date part, the last four hidden ("19900321-••••"). */
export function maskedNumber(formatted: string): string {
  return `${formatted.slice(0, -4)}••••`;
}

/** One page of a search already resolved (a new one, or one from its handle). */
async function pageOf(
  cases: CaseReads,
  caller: Caller,
  handle: SearchHandle,
  view: ResultView,
  lookUp?: CaseSearch['lookUp'],
): Promise<Extract<SearchOutcome, { kind: 'results' }>> {
  const result = await cases.search(caller, {
    query: handle.query,
    ...(lookUp ? { lookUp } : {}),
    // The page shows the searched person's name where the policy lets this caller see it.
    namePerson: true,
    filters: filtersOf(view),
    sort: view.sort,
    offset: (view.page - 1) * PAGE_SIZE,
    limit: PAGE_SIZE,
  });
  const total = result.total ?? result.items.length;
  return {
    kind: 'results',
    searchedAs: handle.kind,
    items: result.items,
    total,
    capped: result.totalCapped === true,
    pages: Math.max(1, Math.min(Math.ceil(total / PAGE_SIZE), LAST_PAGE)),
    view,
    shown: handle.shown,
    ...(result.person ? { person: result.person } : {}),
    handle,
    value: handle.kind === 'personRef' || handle.kind === 'orgRef' ? '' : handle.shown,
  };
}

/** The next page, another order or other filters of a search made before (its handle, opened). */
export function continueStaffSearch(
  cases: CaseReads,
  caller: Caller,
  handle: SearchHandle,
  view: ResultView,
): Promise<SearchOutcome> {
  return pageOf(cases, caller, handle, view);
}

export async function runStaffSearch(
  cases: CaseReads,
  caller: Caller,
  raw: unknown,
  view: ResultView,
): Promise<SearchOutcome> {
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
  let last: SearchOutcome | undefined;
  for (const kind of attempts) {
    let handle: SearchHandle;
    let lookUp: CaseSearch['lookUp'];
    if (kind === 'personRef' || kind === 'orgRef') {
      try {
        const search = kind === 'personRef' ? cases.personSearch(input) : cases.organisationSearch(input);
        lookUp = search.lookUp;
        handle = { kind, query: search.query, shown: maskedNumber(search.lookUp.number) };
      } catch (error) {
        if (error instanceof AppError && error.code === 'validation')
          return {
            kind: 'error',
            message: kind === 'personRef' ? 'errorPersonnummer' : 'errorOrganisationsnummer',
            value: '',
          };
        throw error;
      }
    } else {
      // Text with anything like a personnummer in it is shown masked, as the box leaves it empty.
      handle = { kind, query: { by: kind, value: input }, shown: echo || '••••' };
    }
    last = await pageOf(cases, caller, handle, view, lookUp);
    if (last.kind === 'results' && last.items.length > 0) return last;
  }
  return last as SearchOutcome;
}
