/**
 * The reads of case data, shared by the API handlers and the pages: visibility in the query,
 * masking at the serialization boundary, and an audit entry before anything is shown.
 */
import type { Context } from 'hono';
import type { AppEnv } from '../app/context.js';
import { AppError } from '../app/errors.js';
import type { Principal } from '../app/principal.js';
import { parsePersonnummer } from '../person/personnummer.js';
import { mayRead, visibility } from '../policy/access.js';
import { toCaseSummary } from '../policy/serialize.js';
import type { CanonicalCase } from '../schemas/case.js';
import type { CaseSummary, CaseView } from '../schemas/case-view.js';
import type { SearchFilters } from '../schemas/search.js';
import type { CaseQuery } from '../store/case-store.js';
import { auditedView, auditRead } from './audit-read.js';
import type { RouteServices } from './shared.js';

export type CasePage = { items: CaseSummary[]; nextCursor: string | null };

/** A staff search, filtered in SQL by what the caller may see and audited with its kind and hits. */
export function searchCases(
  c: Context<AppEnv>,
  services: RouteServices,
  principal: Principal,
  query: CaseQuery,
  options: { filters?: SearchFilters; cursor?: string; limit: number },
): Promise<CasePage> {
  return auditedSearch(c, services, principal, query, options, 'case.search');
}

/** One page of summaries the caller may see, recorded in the audit log before it is returned. */
async function auditedSearch(
  c: Context<AppEnv>,
  services: RouteServices,
  principal: Principal,
  query: CaseQuery,
  options: { filters?: SearchFilters; cursor?: string; limit: number },
  action: 'case.search' | 'me.list',
): Promise<CasePage> {
  const visible = visibility(principal, services.policy, services.domains);
  const page = await services.store.search(query, {
    ...(options.filters ? { filters: options.filters } : {}),
    ...(visible ? { visible } : {}),
    ...(options.cursor ? { cursor: options.cursor } : {}),
    limit: options.limit,
  });
  const now = services.now();
  const items = page.items.map((item) => toCaseSummary(item, { now, principal, policy: services.policy }));
  await auditRead(c, services, principal, {
    action,
    shown: items.map((i) => i.id),
    masked: [],
    // A citizen's own list is always by their person reference: no query kind to record.
    ...(action === 'case.search' ? { queryKind: query.by } : {}),
    resultCount: items.length,
  });
  return { items, nextCursor: page.nextCursor };
}

/**
 * One case for staff. A stale copy is refreshed from its source briefly (someone is on the phone),
 * else what is stored is shown with its age. A case the caller may not see is "not found".
 */
export async function readCaseForStaff(
  c: Context<AppEnv>,
  services: RouteServices,
  principal: Principal,
  id: string,
): Promise<CaseView> {
  let stored = await services.store.get(id);
  if (!stored || !mayRead(principal, services.policy, stored.case)) return denied(c, services, principal, id);
  const ageSeconds = (services.now().getTime() - Date.parse(stored.case.source.fetchedAt)) / 1000;
  // Each source says how old its cases may get before they count as stale.
  const staleAfter = sourceOf(services, stored.case)?.freshnessSeconds ?? services.staleAfterSeconds;
  if (ageSeconds > staleAfter && (await refreshFromSource(services, stored.case))) {
    stored = (await services.store.get(id)) ?? stored;
  }
  return auditedView(c, services, principal, stored, 'case.read', staleAfter);
}

/** The configured source a case comes from (in memory), if any. */
export function sourceOf(
  services: RouteServices,
  c: { municipality: { code: string }; source: { mappingId: string } },
): { freshnessSeconds: number; canFetchOne: boolean } | undefined {
  return services.sources.sourceFor?.({
    municipalityCode: c.municipality.code,
    mappingId: c.source.mappingId,
  });
}

/** Asks the case's source for a fresh copy, within the refresh timeout; false when it cannot or did not answer. */
export function refreshFromSource(services: RouteServices, c: CanonicalCase): Promise<boolean> {
  return services.sources.refreshCase(
    { municipalityCode: c.municipality.code, mappingId: c.source.mappingId, sourceId: c.source.sourceId },
    services.refreshTimeoutMs ?? 1_500,
  );
}

export const PERSONNUMMER_REASONS = {
  format: 'Not a personnummer: use 10 or 12 digits, optionally with - or + before the last four.',
  date: 'The personnummer does not hold a valid date of birth.',
  checksum: 'The personnummer check digit is wrong.',
} as const;

/** A search by personnummer: the number becomes a person reference here and goes no further. */
export function personQuery(personnummer: string, services: RouteServices): CaseQuery {
  const parsed = parsePersonnummer(personnummer, { now: services.now() });
  if (!parsed.ok) {
    throw new AppError('validation', 'The personnummer is not valid.', {
      errors: [{ field: 'personnummer', message: PERSONNUMMER_REASONS[parsed.reason] }],
    });
  }
  return { by: 'personRef', value: services.personRefs.allFromParsed(parsed.value) };
}

function citizenRefs(principal: Principal): readonly string[] {
  if (principal.kind !== 'citizen')
    throw new AppError('forbidden', 'Only citizens have their own cases here.');
  return principal.personRefs;
}

/** A citizen's own cases: the person reference from the sign-in is the filter. */
export function listOwnCases(
  c: Context<AppEnv>,
  services: RouteServices,
  principal: Principal,
  options: { cursor?: string; limit: number },
): Promise<CasePage> {
  return auditedSearch(
    c,
    services,
    principal,
    { by: 'personRef', value: citizenRefs(principal) },
    options,
    'me.list',
  );
}

/** One of the citizen's own cases; someone else's case and no case at all answer alike. */
export async function readOwnCase(
  c: Context<AppEnv>,
  services: RouteServices,
  principal: Principal,
  id: string,
): Promise<CaseView> {
  const refs = citizenRefs(principal);
  const stored = await services.store.get(id);
  if (
    !stored?.case.parties.some((p) => refs.includes(p.personRef)) ||
    !mayRead(principal, services.policy, stored.case)
  ) {
    return denied(c, services, principal, id);
  }
  return auditedView(c, services, principal, stored, 'me.read');
}

/**
 * A read that finds nothing the caller may see: recorded (a run of them is someone probing ids),
 * then answered exactly like a case that does not exist.
 */
export async function denied(
  c: Context<AppEnv>,
  services: RouteServices,
  principal: Principal,
  id: string,
): Promise<never> {
  await auditRead(c, services, principal, { action: 'case.denied', caseId: id, shown: [], masked: [] });
  throw new AppError('not_found', 'No case with that id.');
}
