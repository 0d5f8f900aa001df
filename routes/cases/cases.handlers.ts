/** Handlers for staff case search and case reads. */
import type { RouteHandler } from '@hono/zod-openapi';
import type { AppEnv } from '../../app/context.js';
import { AppError } from '../../app/errors.js';
import { principalOf } from '../../app/middleware.js';
import { parsePersonnummer } from '../../person/personnummer.js';
import { mayRead, visibility } from '../../policy/access.js';
import { toCaseSummary } from '../../policy/serialize.js';
import type { SearchRequest } from '../../schemas/search.js';
import type { CaseQuery } from '../../store/case-store.js';
import { auditedView, auditRead } from '../audit-read.js';
import type { RouteServices } from '../shared.js';
import type { getCase, searchCases } from './cases.routes.js';

const PERSONNUMMER_REASONS = {
  format: 'Not a personnummer: use 10 or 12 digits, optionally with - or + before the last four.',
  date: 'The personnummer does not hold a valid date of birth.',
  checksum: 'The personnummer check digit is wrong.',
} as const;

/** Turns the request into a store query; the personnummer becomes a person reference here and goes no further. */
function toQuery(body: SearchRequest, services: RouteServices): CaseQuery {
  if (body.personnummer !== undefined) {
    const parsed = parsePersonnummer(body.personnummer, { now: services.now() });
    if (!parsed.ok) {
      throw new AppError('validation', 'The personnummer is not valid.', {
        errors: [{ field: 'personnummer', message: PERSONNUMMER_REASONS[parsed.reason] }],
      });
    }
    return { by: 'personRef', value: services.personRefs.fromParsed(parsed.value) };
  }
  if (body.reference !== undefined) return { by: 'reference', value: body.reference };
  if (body.property !== undefined) return { by: 'property', value: body.property };
  return { by: 'text', value: body.q ?? '' };
}

export function searchCasesHandler(services: RouteServices): RouteHandler<typeof searchCases, AppEnv> {
  return async (c) => {
    const principal = principalOf(c);
    const body = c.req.valid('json');
    const query = toQuery(body, services);
    const visible = visibility(principal, services.policy, services.domains);
    const page = await services.store.search(query, {
      ...(body.filters ? { filters: body.filters } : {}),
      ...(visible ? { visible } : {}),
      ...(body.cursor ? { cursor: body.cursor } : {}),
      limit: body.limit,
    });
    const now = services.now();
    const items = page.items.map((item) => toCaseSummary(item, { now, principal, policy: services.policy }));
    await auditRead(c, services, principal, {
      action: 'case.search',
      shown: items.map((i) => i.id),
      masked: [],
      queryKind: query.by,
      resultCount: items.length,
    });
    return c.json({ items, nextCursor: page.nextCursor }, 200);
  };
}

export function getCaseHandler(services: RouteServices): RouteHandler<typeof getCase, AppEnv> {
  return async (c) => {
    const principal = principalOf(c);
    const { id } = c.req.valid('param');
    let stored = await services.store.get(id);
    // A case of a domain the caller may not see answers exactly like a case that does not exist.
    if (!stored || !mayRead(principal, services.policy, stored.case)) {
      throw new AppError('not_found', 'No case with that id.');
    }
    const { source, municipality } = stored.case;
    const ageSeconds = (services.now().getTime() - Date.parse(source.fetchedAt)) / 1000;
    // Each source says how old its cases may get before they count as stale.
    const staleAfter =
      services.sources.freshnessFor?.({ municipalityCode: municipality.code, mappingId: source.mappingId }) ??
      services.staleAfterSeconds;
    if (ageSeconds > staleAfter) {
      // Someone is on the phone: try a fresh copy briefly, else show what is stored, with its age.
      const refreshed = await services.sources.refreshCase(
        { municipalityCode: municipality.code, mappingId: source.mappingId, sourceId: source.sourceId },
        services.refreshTimeoutMs ?? 1_500,
      );
      if (refreshed) stored = (await services.store.get(id)) ?? stored;
    }
    return c.json(await auditedView(c, services, principal, stored, 'case.read', staleAfter), 200);
  };
}
