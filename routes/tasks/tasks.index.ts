/** Wires the tasks routes: officers only; which officer may handle which task is the service's (policy). */
import { OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../../app/context.js';
import { requireRole } from '../../app/middleware.js';
import type { RouteServices } from '../shared.js';
import { validationHook } from '../validation-hook.js';
import { answerTaskHandler, getTaskHandler, listMyTasksHandler } from './tasks.handlers.js';
import { answerTask, getTask, listMyTasks } from './tasks.routes.js';

export function tasksRoutes(services: Pick<RouteServices, 'tasks'>): OpenAPIHono<AppEnv> {
  const app = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });
  // The information center follows a task on its contact; here an office's officers work their tasks.
  for (const path of ['/api/v1/tasks', '/api/v1/tasks/*']) app.use(path, requireRole('officer'));
  app.openapi(listMyTasks, listMyTasksHandler(services));
  app.openapi(getTask, getTaskHandler(services));
  app.openapi(answerTask, answerTaskHandler(services));
  return app;
}
