/** Wires the staff case routes with their role requirements. */
import { OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../../app/context.js';
import { requireRole } from '../../app/middleware.js';
import type { RouteServices } from '../shared.js';
import { validationHook } from '../validation-hook.js';
import { getCaseHandler, searchCasesHandler } from './cases.handlers.js';
import { getCase, searchCases } from './cases.routes.js';

export function casesRoutes(services: RouteServices): OpenAPIHono<AppEnv> {
  const app = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });
  app.use('/api/v1/cases/*', requireRole('infocenter', 'officer'));
  app.openapi(searchCases, searchCasesHandler(services));
  app.openapi(getCase, getCaseHandler(services));
  return app;
}
