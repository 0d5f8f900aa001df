/** Handlers for the knowledge base: parse, call the service, answer. */
import type { RouteHandler } from '@hono/zod-openapi';
import type { AppEnv } from '../../app/context.js';
import { callerOf } from '../../app/middleware.js';
import type { KnowledgeBase } from '../../contacts/knowledge-base.js';
import type {
  editEntry,
  getEntry,
  proposeEntry,
  publishEntry,
  searchKnowledge,
  submitEntry,
  suggestKnowledge,
  withdrawEntry,
} from './knowledge.routes.js';

type Services = { knowledge: KnowledgeBase };

export function searchKnowledgeHandler(s: Services): RouteHandler<typeof searchKnowledge, AppEnv> {
  return async (c) => c.json(await s.knowledge.search(callerOf(c), c.req.valid('query')), 200);
}

export function suggestKnowledgeHandler(s: Services): RouteHandler<typeof suggestKnowledge, AppEnv> {
  return async (c) => c.json(await s.knowledge.suggest(callerOf(c), c.req.valid('query')), 200);
}

export function proposeEntryHandler(s: Services): RouteHandler<typeof proposeEntry, AppEnv> {
  return async (c) => c.json(await s.knowledge.propose(callerOf(c), c.req.valid('json')), 201);
}

export function getEntryHandler(s: Services): RouteHandler<typeof getEntry, AppEnv> {
  return async (c) => c.json(await s.knowledge.read(callerOf(c), c.req.valid('param').id), 200);
}

export function editEntryHandler(s: Services): RouteHandler<typeof editEntry, AppEnv> {
  return async (c) =>
    c.json(await s.knowledge.edit(callerOf(c), c.req.valid('param').id, c.req.valid('json')), 200);
}

type Step = 'submit' | 'publish' | 'withdraw';
type StepRoute = typeof submitEntry | typeof publishEntry | typeof withdrawEntry;

export function entryStepHandler(s: Services, step: Step): RouteHandler<StepRoute, AppEnv> {
  return async (c) => c.json(await s.knowledge[step](callerOf(c), c.req.valid('param').id), 200);
}
