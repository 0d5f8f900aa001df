/** Wires the citizen routes. */
import { OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../../app/context.js';
import { requireRole } from '../../app/middleware.js';
import type { RouteServices } from '../shared.js';
import { validationHook } from '../validation-hook.js';
import { getMyCaseHandler, getMyCaseReadersHandler, listMyCasesHandler } from './me.handlers.js';
import { getMyCase, getMyCaseReaders, listMyCases } from './me.routes.js';

export function meRoutes(services: RouteServices): OpenAPIHono<AppEnv> {
  const app = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });
  app.use('/api/v1/me/*', requireRole('citizen'));
  app.openapi(listMyCases, listMyCasesHandler(services));
  app.openapi(getMyCase, getMyCaseHandler(services));
  app.openapi(getMyCaseReaders, getMyCaseReadersHandler(services));
  return app;
}
