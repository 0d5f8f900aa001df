/** Wires the webhook subscription routes: admins only; which subscriptions are theirs is the service's. */
import { OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../../app/context.js';
import { requireRole } from '../../app/middleware.js';
import type { RouteServices } from '../shared.js';
import { validationHook } from '../validation-hook.js';
import {
  createHandler,
  deleteHandler,
  deliveriesHandler,
  getHandler,
  listHandler,
  replayHandler,
  rotateHandler,
  updateHandler,
} from './subscriptions.handlers.js';
import {
  createSubscription,
  deleteSubscription,
  getSubscription,
  listDeliveries,
  listSubscriptions,
  replaySubscription,
  rotateSecret,
  updateSubscription,
} from './subscriptions.routes.js';

export function subscriptionsRoutes(services: Pick<RouteServices, 'subscriptions'>): OpenAPIHono<AppEnv> {
  const app = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });
  for (const path of ['/api/v1/subscriptions', '/api/v1/subscriptions/*'])
    app.use(path, requireRole('admin'));
  app.openapi(createSubscription, createHandler(services));
  app.openapi(listSubscriptions, listHandler(services));
  app.openapi(getSubscription, getHandler(services));
  app.openapi(updateSubscription, updateHandler(services));
  app.openapi(deleteSubscription, deleteHandler(services));
  app.openapi(rotateSecret, rotateHandler(services));
  app.openapi(replaySubscription, replayHandler(services));
  app.openapi(listDeliveries, deliveriesHandler(services));
  return app;
}
