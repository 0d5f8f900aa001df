/** Handlers for staff case search and case reads: parse, call the read service, answer. */
import type { RouteHandler } from '@hono/zod-openapi';
import type { AppEnv } from '../../app/context.js';
import { callerOf } from '../../app/middleware.js';
import type { CaseReads } from '../../cases/case-reads.js';
import type { SearchRequest } from '../../schemas/search.js';
import type { CaseQuery } from '../../store/case-store.js';
import type { RouteServices } from '../shared.js';
import type { getCase, searchCases as searchCasesRoute } from './cases.routes.js';

/** Turns the request into a store query; the personnummer becomes a person reference here and goes no further. */
function toQuery(body: SearchRequest, cases: CaseReads): CaseQuery {
  if (body.personnummer !== undefined) return cases.personQuery(body.personnummer);
  if (body.reference !== undefined) return { by: 'reference', value: body.reference };
  if (body.property !== undefined) return { by: 'property', value: body.property };
  return { by: 'text', value: body.q ?? '' };
}

export function searchCasesHandler(services: RouteServices): RouteHandler<typeof searchCasesRoute, AppEnv> {
  return async (c) => {
    const body = c.req.valid('json');
    const page = await services.cases.search(callerOf(c), {
      query: toQuery(body, services.cases),
      ...(body.filters ? { filters: body.filters } : {}),
      ...(body.cursor ? { cursor: body.cursor } : {}),
      limit: body.limit,
    });
    return c.json(page, 200);
  };
}

export function getCaseHandler(services: RouteServices): RouteHandler<typeof getCase, AppEnv> {
  return async (c) => {
    const { id } = c.req.valid('param');
    const { view } = await services.cases.readForStaff(callerOf(c), id);
    return c.json(view, 200);
  };
}
