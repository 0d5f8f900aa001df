/** Handlers for the contact register: parse, call the register service, answer. */
import type { RouteHandler } from '@hono/zod-openapi';
import type { AppEnv } from '../../app/context.js';
import { callerOf } from '../../app/middleware.js';
import type { ContactRegister } from '../../contacts/contact-register.js';
import type {
  answerContact,
  closeContact,
  forwardContact,
  getContact,
  listMyContacts,
  registerContact,
  reopenContact,
} from './contacts.routes.js';

type Services = { contacts: ContactRegister };

export function registerContactHandler(s: Services): RouteHandler<typeof registerContact, AppEnv> {
  return async (c) => c.json(await s.contacts.register(callerOf(c), c.req.valid('json')), 201);
}

export function listMyContactsHandler(s: Services): RouteHandler<typeof listMyContacts, AppEnv> {
  return async (c) => c.json(await s.contacts.mine(callerOf(c)), 200);
}

export function getContactHandler(s: Services): RouteHandler<typeof getContact, AppEnv> {
  return async (c) => c.json(await s.contacts.read(callerOf(c), c.req.valid('param').id), 200);
}

export function answerContactHandler(s: Services): RouteHandler<typeof answerContact, AppEnv> {
  return async (c) => {
    const { answer, knowledgeEntry } = c.req.valid('json');
    return c.json(await s.contacts.answer(callerOf(c), c.req.valid('param').id, answer, knowledgeEntry), 200);
  };
}

export function closeContactHandler(s: Services): RouteHandler<typeof closeContact, AppEnv> {
  return async (c) =>
    c.json(await s.contacts.close(callerOf(c), c.req.valid('param').id, c.req.valid('json').outcome), 200);
}

export function reopenContactHandler(s: Services): RouteHandler<typeof reopenContact, AppEnv> {
  return async (c) => c.json(await s.contacts.reopen(callerOf(c), c.req.valid('param').id), 200);
}

export function forwardContactHandler(s: Services): RouteHandler<typeof forwardContact, AppEnv> {
  return async (c) =>
    c.json(await s.contacts.forward(callerOf(c), c.req.valid('param').id, c.req.valid('json')), 200);
}
