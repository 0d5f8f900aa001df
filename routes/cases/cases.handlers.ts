/** Handlers for staff case search and case reads. */
import type { RouteHandler } from '@hono/zod-openapi';
import type { AppEnv } from '../../app/context.js';
import { principalOf } from '../../app/middleware.js';
import type { SearchRequest } from '../../schemas/search.js';
import type { CaseQuery } from '../../store/case-store.js';
import { personQuery, readCaseForStaff, searchCases } from '../case-reads.js';
import type { RouteServices } from '../shared.js';
import type { getCase, searchCases as searchCasesRoute } from './cases.routes.js';

/** Turns the request into a store query; the personnummer becomes a person reference here and goes no further. */
function toQuery(body: SearchRequest, services: RouteServices): CaseQuery {
  if (body.personnummer !== undefined) return personQuery(body.personnummer, services);
  if (body.reference !== undefined) return { by: 'reference', value: body.reference };
  if (body.property !== undefined) return { by: 'property', value: body.property };
  return { by: 'text', value: body.q ?? '' };
}

export function searchCasesHandler(services: RouteServices): RouteHandler<typeof searchCasesRoute, AppEnv> {
  return async (c) => {
    const body = c.req.valid('json');
    const page = await searchCases(c, services, principalOf(c), toQuery(body, services), {
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
    return c.json(await readCaseForStaff(c, services, principalOf(c), id), 200);
  };
}
