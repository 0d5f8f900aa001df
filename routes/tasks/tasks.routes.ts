/** OpenAPI route definitions for an office's tasks of forwarded contacts. */
import { createRoute, z } from '@hono/zod-openapi';
import { AnswerTaskSchema, TaskListSchema, TaskViewSchema } from '../../schemas/task.js';
import { bearerSecurity, errorResponses, problem } from '../shared.js';

const notFound = { 404: problem('No such task (or not one of the caller’s office)') } as const;
const json = <T extends z.ZodType>(schema: T) => ({ content: { 'application/json': { schema } } });

export const TaskIdParamsSchema = z.object({
  id: z
    .uuid()
    .openapi({ param: { name: 'id', in: 'path' }, example: '7a1c2e3f-4b5d-4c6e-8f70-9a1b2c3d4e5f' }),
});

export const listMyTasks = createRoute({
  method: 'get',
  path: '/api/v1/tasks',
  operationId: 'listMyTasks',
  tags: ['tasks'],
  summary:
    'The caller’s office’s tasks: open first, overdue first; then answered and closed ones, newest first',
  description: 'Case officers only; the office is the one named by the caller’s sign-in.',
  security: bearerSecurity,
  responses: {
    200: { description: 'Tasks of the caller’s office', ...json(TaskListSchema) },
    ...errorResponses,
  },
});

export const getTask = createRoute({
  method: 'get',
  path: '/api/v1/tasks/{id}',
  operationId: 'getTask',
  tags: ['tasks'],
  summary: 'One task, with the question forwarded',
  description:
    'Case officers of the task’s office; a task of another office answers 404, as if it did not exist.',
  security: bearerSecurity,
  request: { params: TaskIdParamsSchema },
  responses: { 200: { description: 'The task', ...json(TaskViewSchema) }, ...notFound, ...errorResponses },
});

export const answerTask = createRoute({
  method: 'post',
  path: '/api/v1/tasks/{id}/answer',
  operationId: 'answerTask',
  tags: ['tasks'],
  summary: 'Answer an open task; the answer returns to the contact for its agent to close',
  description:
    'Case officers of the task’s office. The answer is shown on the contact, whose agent gives it to the person and closes the contact.',
  security: bearerSecurity,
  request: { params: TaskIdParamsSchema, body: { required: true, ...json(AnswerTaskSchema) } },
  responses: {
    200: { description: 'The answered task', ...json(TaskViewSchema) },
    ...notFound,
    409: problem('The task has already been answered, or was closed with its contact'),
    ...errorResponses,
  },
});
