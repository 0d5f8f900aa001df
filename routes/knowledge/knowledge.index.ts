/** Wires the knowledge base's routes: staff only; which staff may see and review which entries is the service's (policy). */
import { OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../../app/context.js';
import { requireRole } from '../../app/middleware.js';
import type { RouteServices } from '../shared.js';
import { validationHook } from '../validation-hook.js';
import {
  editEntryHandler,
  entryStepHandler,
  getEntryHandler,
  proposeEntryHandler,
  searchKnowledgeHandler,
  suggestKnowledgeHandler,
} from './knowledge.handlers.js';
import {
  editEntry,
  getEntry,
  proposeEntry,
  publishEntry,
  searchKnowledge,
  submitEntry,
  suggestKnowledge,
  withdrawEntry,
} from './knowledge.routes.js';

export function knowledgeRoutes(services: Pick<RouteServices, 'knowledge'>): OpenAPIHono<AppEnv> {
  const app = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });
  for (const path of ['/api/v1/knowledge', '/api/v1/knowledge/*'])
    app.use(path, requireRole('infocenter', 'officer', 'admin'));
  app.openapi(suggestKnowledge, suggestKnowledgeHandler(services));
  app.openapi(searchKnowledge, searchKnowledgeHandler(services));
  app.openapi(proposeEntry, proposeEntryHandler(services));
  app.openapi(getEntry, getEntryHandler(services));
  app.openapi(editEntry, editEntryHandler(services));
  app.openapi(submitEntry, entryStepHandler(services, 'submit'));
  app.openapi(publishEntry, entryStepHandler(services, 'publish'));
  app.openapi(withdrawEntry, entryStepHandler(services, 'withdraw'));
  return app;
}
