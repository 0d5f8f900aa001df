/**
 * Searches for staff and a citizen's own list: visibility and filters in the query, summaries masked
 * at the serialization boundary, the true total for a staff search, and the audit entry before
 * anything is returned. For a search by person, the name the policy lets this caller see.
 */
import { visibility } from '../policy/access.js';
import type { Policy } from '../policy/policy-schema.js';
import { toCaseSummary, toCaseView } from '../policy/serialize.js';
import type { CanonicalCase } from '../schemas/case.js';
import type { CaseSummary } from '../schemas/case-view.js';
import { stockholmDate } from '../schemas/deadline.js';
import type { PartyNumber } from '../schemas/party-number.js';
import type { SearchFilters } from '../schemas/search.js';
import type { AuditLog } from '../store/audit-log.js';
import type { CaseFilters, CaseQuery, CaseSort, CaseStore } from '../store/case-store.js';
import { recordRead } from './audit-entry.js';
import type { Caller } from './read-context.js';
import type { CaseSources } from './source-lookup.js';

export type CasePage = {
  items: CaseSummary[];
  nextCursor: string | null;
  /** A staff search: every case the query and filters find that the caller may see, not only this page. */
  total?: number;
  /** More match than `total` says: counting stopped there. */
  totalCapped?: true;
  /** With `sort`: whether a next numbered page exists. */
  more?: boolean;
  /** A search by person asked with `namePerson`: the name on their cases, where the policy lets the caller see it. */
  person?: { displayName?: string };
};

export type CaseSearch = {
  query: CaseQuery;
  /** Ask the sources that can list a person's or organisation's cases now, before the store is searched (first page only). */
  lookUp?: PartyNumber;
  /**
   * A search by person: also give the name the policy lets the caller see (`CasePage.person`). Only
   * the staff page shows it; the API does not, so it does not mask a whole case per request for it.
   */
  namePerson?: boolean;
  filters?: SearchFilters;
  cursor?: string;
  /** A column order with numbered pages (`offset`) instead of newest first with a cursor. */
  sort?: CaseSort;
  offset?: number;
  limit: number;
};

export type SearchDeps = {
  policy: Policy;
  audit: AuditLog;
  store: CaseStore;
  sources: CaseSources;
  now: () => Date;
  lookUpTimeoutMs?: number;
  domains: readonly string[];
  checkPurpose: (caller: Caller) => void;
};

/** The API's filters as the store's: "overdue" is "due before today in Stockholm", so today is fixed here. */
export function storeFilters(filters: SearchFilters, now: Date): CaseFilters {
  const { overdue, ...rest } = filters;
  return { ...rest, ...(overdue ? { overdueBefore: stockholmDate(now) } : {}) };
}

/** One page of summaries the caller may see, recorded in the audit log before it is returned. */
export async function auditedSearch(
  deps: SearchDeps,
  caller: Caller,
  search: CaseSearch,
  action: 'case.search' | 'me.list',
): Promise<CasePage> {
  const { principal } = caller;
  deps.checkPurpose(caller);
  const now = deps.now();
  // Someone is on the phone: what the sources hold for this person is fetched now, briefly, so a
  // case the schedule has not reached is found too. A source that does not answer in time is skipped.
  const visible = visibility(principal, deps.policy, deps.domains);
  // Only the sources of municipalities and domains the caller may see are asked: a look-up must not
  // make another municipality's system work (or reveal that it holds something) for this caller.
  const firstPage = !search.cursor && !search.offset;
  if (search.lookUp && firstPage && deps.sources.lookUpParty) {
    const within = visible
      ? visible.scopes.map((s) => ({ municipality: s.municipality, domains: s.domains }))
      : 'all';
    if (within === 'all' || within.length > 0)
      await deps.sources.lookUpParty(search.lookUp, deps.lookUpTimeoutMs ?? 2_000, within);
  }
  const page = await deps.store.search(search.query, {
    ...(search.filters ? { filters: storeFilters(search.filters, now) } : {}),
    ...(visible ? { visible } : {}),
    ...(search.cursor ? { cursor: search.cursor } : {}),
    ...(search.sort ? { sort: search.sort, offset: search.offset ?? 0 } : {}),
    // A staff member is told how many there are in all; a citizen's list pages without counting.
    ...(action === 'case.search' ? { count: true } : {}),
    limit: search.limit,
  });
  const items = page.items.map((item) => toCaseSummary(item, { now, principal, policy: deps.policy }));
  const person =
    search.namePerson && action === 'case.search' && search.query.by === 'personRef'
      ? personShown(page.items, [search.query.value].flat(), deps.policy, caller, now)
      : undefined;
  await recordRead(deps.audit, caller, {
    action,
    shown: items.map((i) => i.id),
    masked: [],
    // A citizen's own list is always by their person reference: no query kind to record.
    ...(action === 'case.search' ? { queryKind: search.query.by } : {}),
    // Whom a search was for (their keyed references), so "who searched for me?" has an answer
    // even when nothing was found.
    ...(action === 'case.search' && search.query.by === 'personRef'
      ? { personRefs: [search.query.value].flat() }
      : {}),
    resultCount: items.length,
  });
  return {
    items,
    nextCursor: page.nextCursor,
    ...(page.total !== undefined ? { total: page.total } : {}),
    ...(page.totalCapped ? { totalCapped: page.totalCapped } : {}),
    ...(page.more !== undefined ? { more: page.more } : {}),
    ...(person ? { person } : {}),
  };
}

/**
 * The searched person's name as their cases give it, each case masked for the caller as its page would
 * be: none where any of them marks the person's identity protected, or the caller may not see names.
 */
function personShown(
  found: readonly CanonicalCase[],
  refs: readonly string[],
  policy: Policy,
  caller: Caller,
  now: Date,
): { displayName?: string } {
  let displayName: string | undefined;
  for (const c of found) {
    const index = c.parties.findIndex((p) => p.personRef !== undefined && refs.includes(p.personRef));
    const party = c.parties[index];
    if (!party) continue;
    if (party.protectedIdentity) return {};
    if (displayName) continue;
    const view = toCaseView(
      { case: c, history: [] },
      { principal: caller.principal, policy, now, staleAfterSeconds: Number.POSITIVE_INFINITY },
    );
    displayName = view.parties?.[index]?.displayName;
  }
  return displayName ? { displayName } : {};
}

/** The orders a result list may take and how deep numbered pages go, for the pages that offer them. */
export { type CaseSort, COUNT_CAP, MAX_OFFSET, SORT_KEYS, type SortKey } from '../store/case-search.js';
export type { CaseQuery } from '../store/case-store.js';
