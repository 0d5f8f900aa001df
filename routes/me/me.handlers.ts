/** Handlers for a citizen's own cases: the person reference from the token is the only filter that matters. */
import type { RouteHandler } from '@hono/zod-openapi';
import type { AppEnv } from '../../app/context.js';
import { callerOf } from '../../app/middleware.js';
import type { RouteServices } from '../shared.js';
import type { getMyCase, getMyCaseReaders, listMyCases } from './me.routes.js';

export function listMyCasesHandler(services: RouteServices): RouteHandler<typeof listMyCases, AppEnv> {
  return async (c) => {
    const { cursor, limit } = c.req.valid('query');
    return c.json(await services.cases.listOwn(callerOf(c), { limit, ...(cursor ? { cursor } : {}) }), 200);
  };
}

export function getMyCaseHandler(services: RouteServices): RouteHandler<typeof getMyCase, AppEnv> {
  return async (c) => {
    const { id } = c.req.valid('param');
    return c.json(await services.cases.readOwn(callerOf(c), id), 200);
  };
}

export function getMyCaseReadersHandler(
  services: RouteServices,
): RouteHandler<typeof getMyCaseReaders, AppEnv> {
  return async (c) => {
    const { id } = c.req.valid('param');
    const { limit } = c.req.valid('query');
    return c.json(await services.cases.readersOfOwn(callerOf(c), id, limit), 200);
  };
}
