/** Handlers for an office's tasks: parse, call the task register, answer. */
import type { RouteHandler } from '@hono/zod-openapi';
import type { AppEnv } from '../../app/context.js';
import { callerOf } from '../../app/middleware.js';
import type { TaskRegister } from '../../contacts/task-register.js';
import type { answerTask, getTask, listMyTasks } from './tasks.routes.js';

type Services = { tasks: TaskRegister };

export function listMyTasksHandler(s: Services): RouteHandler<typeof listMyTasks, AppEnv> {
  return async (c) => c.json(await s.tasks.mine(callerOf(c)), 200);
}

export function getTaskHandler(s: Services): RouteHandler<typeof getTask, AppEnv> {
  return async (c) => c.json(await s.tasks.read(callerOf(c), c.req.valid('param').id), 200);
}

export function answerTaskHandler(s: Services): RouteHandler<typeof answerTask, AppEnv> {
  return async (c) =>
    c.json(await s.tasks.answer(callerOf(c), c.req.valid('param').id, c.req.valid('json').answer), 200);
}
