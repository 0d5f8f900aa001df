/** Handlers for staff case search and case reads: parse, call the read service, answer. */
import type { RouteHandler } from '@hono/zod-openapi';
import type { AppEnv } from '../../app/context.js';
import { callerOf } from '../../app/middleware.js';
import type { CaseReads } from '../../cases/case-reads.js';
import type { PartyNumber } from '../../schemas/party-number.js';
import type { SearchRequest } from '../../schemas/search.js';
import type { CaseQuery } from '../../store/case-store.js';
import type { RouteServices } from '../shared.js';
import type { getCase, searchCases as searchCasesRoute } from './cases.routes.js';

/**
 * Turns the request into a store query; a personnummer (or organisationsnummer) becomes references for
 * the store, and the sources that can list a party's cases are asked with it (it goes nowhere else).
 */
function toQuery(body: SearchRequest, cases: CaseReads): { query: CaseQuery; lookUp?: PartyNumber } {
  if (body.personnummer !== undefined) return cases.personSearch(body.personnummer);
  if (body.organisationsnummer !== undefined) return cases.organisationSearch(body.organisationsnummer);
  if (body.reference !== undefined) return { query: { by: 'reference', value: body.reference } };
  if (body.property !== undefined) return { query: { by: 'property', value: body.property } };
  return { query: { by: 'text', value: body.q ?? '' } };
}

export function searchCasesHandler(services: RouteServices): RouteHandler<typeof searchCasesRoute, AppEnv> {
  return async (c) => {
    const body = c.req.valid('json');
    const page = await services.cases.search(callerOf(c), {
      ...toQuery(body, services.cases),
      ...(body.filters ? { filters: body.filters } : {}),
      ...(body.cursor ? { cursor: body.cursor } : {}),
      limit: body.limit,
    });
    const { items, nextCursor, total = 0, totalCapped = false } = page;
    return c.json({ items, nextCursor, total, totalCapped }, 200);
  };
}

export function getCaseHandler(services: RouteServices): RouteHandler<typeof getCase, AppEnv> {
  return async (c) => {
    const { id } = c.req.valid('param');
    const { view } = await services.cases.readForStaff(callerOf(c), id);
    return c.json(view, 200);
  };
}
