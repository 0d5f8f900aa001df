/** Handlers for webhook subscriptions: parse, call the subscriptions service, answer. */
import type { RouteHandler } from '@hono/zod-openapi';
import type { AppEnv } from '../../app/context.js';
import { callerOf } from '../../app/middleware.js';
import type { Subscriptions } from '../../events/subscriptions.js';
import type {
  createSubscription,
  deleteSubscription,
  getSubscription,
  listDeliveries,
  listSubscriptions,
  replaySubscription,
  rotateSecret,
  updateSubscription,
} from './subscriptions.routes.js';

type Services = { subscriptions: Subscriptions };

export function createHandler(s: Services): RouteHandler<typeof createSubscription, AppEnv> {
  return async (c) => c.json(await s.subscriptions.create(callerOf(c).principal, c.req.valid('json')), 201);
}

export function listHandler(s: Services): RouteHandler<typeof listSubscriptions, AppEnv> {
  return async (c) => c.json({ items: await s.subscriptions.list(callerOf(c).principal) }, 200);
}

export function getHandler(s: Services): RouteHandler<typeof getSubscription, AppEnv> {
  return async (c) => c.json(await s.subscriptions.read(callerOf(c).principal, c.req.valid('param').id), 200);
}

export function updateHandler(s: Services): RouteHandler<typeof updateSubscription, AppEnv> {
  return async (c) =>
    c.json(
      await s.subscriptions.update(callerOf(c).principal, c.req.valid('param').id, c.req.valid('json')),
      200,
    );
}

export function deleteHandler(s: Services): RouteHandler<typeof deleteSubscription, AppEnv> {
  return async (c) => {
    await s.subscriptions.remove(callerOf(c).principal, c.req.valid('param').id);
    return c.body(null, 204);
  };
}

export function rotateHandler(s: Services): RouteHandler<typeof rotateSecret, AppEnv> {
  return async (c) =>
    c.json(
      await s.subscriptions.rotateSecret(callerOf(c).principal, c.req.valid('param').id, {
        graceHours: c.req.valid('json')?.graceHours,
      }),
      200,
    );
}

export function replayHandler(s: Services): RouteHandler<typeof replaySubscription, AppEnv> {
  return async (c) =>
    c.json(
      await s.subscriptions.replay(callerOf(c).principal, c.req.valid('param').id, c.req.valid('json').from),
      200,
    );
}

export function deliveriesHandler(s: Services): RouteHandler<typeof listDeliveries, AppEnv> {
  return async (c) => {
    const q = c.req.valid('query');
    const items = await s.subscriptions.deadDeliveries(callerOf(c).principal, c.req.valid('param').id, {
      limit: q.limit,
      ...(q.after !== undefined ? { after: q.after } : {}),
    });
    return c.json({ items }, 200);
  };
}
