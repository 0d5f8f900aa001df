/** OpenAPI route definitions for the information center's contact register. */
import { createRoute, z } from '@hono/zod-openapi';
import {
  AnswerContactSchema,
  CloseContactSchema,
  ContactListSchema,
  ContactViewSchema,
  RegisterContactSchema,
} from '../../schemas/contact.js';
import { ForwardContactSchema } from '../../schemas/task.js';
import { bearerSecurity, errorResponses, problem } from '../shared.js';

const notFound = { 404: problem('No such contact (or not one the caller may handle)') } as const;
const conflict = {
  409: problem('The contact is not in a state that allows this (e.g. already closed)'),
} as const;
const json = <T extends z.ZodType>(schema: T) => ({ content: { 'application/json': { schema } } });

export const ContactIdParamsSchema = z.object({
  id: z
    .uuid()
    .openapi({ param: { name: 'id', in: 'path' }, example: '5d0c8b9e-2f6a-4c1d-9b7e-3a2f1c0d4e5f' }),
});

export const registerContact = createRoute({
  method: 'post',
  path: '/api/v1/contacts',
  operationId: 'registerContact',
  tags: ['contacts'],
  summary: 'Register a contact (a question asked of the information center)',
  description:
    'The caller owns the contact until it is closed. A personnummer in `question` or `answer` is masked ' +
    'as "[personnummer]" and kept only as the contact’s person reference; `personnummer` is accepted only ' +
    'here, in the body, and never stored or echoed. The callback number is stored sealed and removed on close.',
  security: bearerSecurity,
  request: { body: { required: true, ...json(RegisterContactSchema) } },
  responses: {
    201: { description: 'The registered contact', ...json(ContactViewSchema) },
    ...errorResponses,
  },
});

export const listMyContacts = createRoute({
  method: 'get',
  path: '/api/v1/contacts',
  operationId: 'listMyContacts',
  tags: ['contacts'],
  summary: 'My follow-ups: the caller’s own open contacts, oldest first',
  description:
    'Information center, case officers and admins: the contacts the caller registered and has not closed, oldest first, so the longest-waiting question comes first.',
  security: bearerSecurity,
  responses: {
    200: { description: 'Open contacts owned by the caller', ...json(ContactListSchema) },
    ...errorResponses,
  },
});

export const getContact = createRoute({
  method: 'get',
  path: '/api/v1/contacts/{id}',
  operationId: 'getContact',
  tags: ['contacts'],
  summary: 'One contact with its history',
  description:
    'Information center, case officers and admins. The contact with each step taken on it (registered, answered, forwarded, task answered, closed, reopened), oldest first.',
  security: bearerSecurity,
  request: { params: ContactIdParamsSchema },
  responses: {
    200: { description: 'The contact', ...json(ContactViewSchema) },
    ...notFound,
    ...errorResponses,
  },
});

export const answerContact = createRoute({
  method: 'post',
  path: '/api/v1/contacts/{id}/answer',
  operationId: 'answerContact',
  tags: ['contacts'],
  summary: 'Record the answer given (an open contact only)',
  description:
    'With `knowledgeEntry`, the answer was taken from that knowledge entry (it must be a published entry ' +
    'of the contact’s municipality, else 422); it is kept on the contact and on the `answered` step.',
  security: bearerSecurity,
  request: { params: ContactIdParamsSchema, body: { required: true, ...json(AnswerContactSchema) } },
  responses: {
    200: { description: 'The contact', ...json(ContactViewSchema) },
    ...notFound,
    ...conflict,
    422: problem('`knowledgeEntry` is not a published entry of the contact’s municipality'),
    ...errorResponses,
  },
});

export const closeContact = createRoute({
  method: 'post',
  path: '/api/v1/contacts/{id}/close',
  operationId: 'closeContact',
  tags: ['contacts'],
  summary: 'Close an open contact with its outcome; its callback number is removed',
  description:
    'The outcome says how the question ended (`CloseContact`). The sealed callback number is deleted on close and is not restored by a reopen.',
  security: bearerSecurity,
  request: { params: ContactIdParamsSchema, body: { required: true, ...json(CloseContactSchema) } },
  responses: {
    200: { description: 'The contact', ...json(ContactViewSchema) },
    ...notFound,
    ...conflict,
    ...errorResponses,
  },
});

export const reopenContact = createRoute({
  method: 'post',
  path: '/api/v1/contacts/{id}/reopen',
  operationId: 'reopenContact',
  tags: ['contacts'],
  summary: 'Reopen a closed contact',
  description:
    'A closed contact becomes open again, owned by the same agent; it has no callback number any more (removed on close).',
  security: bearerSecurity,
  request: { params: ContactIdParamsSchema },
  responses: {
    200: { description: 'The contact', ...json(ContactViewSchema) },
    ...notFound,
    ...conflict,
    ...errorResponses,
  },
});

export const forwardContact = createRoute({
  method: 'post',
  path: '/api/v1/contacts/{id}/forward',
  operationId: 'forwardContact',
  tags: ['contacts'],
  summary: 'Forward an open contact to an office (or a named officer there) as a task',
  description:
    'The contact stays owned by its agent, its outcome becomes `forwarded`, and the office gets a task due ' +
    'by the service norm of the contact’s topic and that office (the topics file). One open task per contact.',
  security: bearerSecurity,
  request: { params: ContactIdParamsSchema, body: { required: true, ...json(ForwardContactSchema) } },
  responses: {
    200: { description: 'The contact, with its new task', ...json(ContactViewSchema) },
    ...notFound,
    409: problem('The contact is closed, or already has an open task'),
    422: problem('`office` is not an office of the contact’s municipality'),
    ...errorResponses,
  },
});
