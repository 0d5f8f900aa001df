/** Wires the contact register's routes: staff only; which staff may handle which contacts is the service's (policy). */
import { OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../../app/context.js';
import { requireRole } from '../../app/middleware.js';
import type { RouteServices } from '../shared.js';
import { validationHook } from '../validation-hook.js';
import {
  answerContactHandler,
  closeContactHandler,
  forwardContactHandler,
  getContactHandler,
  listMyContactsHandler,
  registerContactHandler,
  reopenContactHandler,
} from './contacts.handlers.js';
import {
  answerContact,
  closeContact,
  forwardContact,
  getContact,
  listMyContacts,
  registerContact,
  reopenContact,
} from './contacts.routes.js';

export function contactsRoutes(services: Pick<RouteServices, 'contacts'>): OpenAPIHono<AppEnv> {
  const app = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });
  // Officers pass here and get the same 404 as for a missing contact: whether a contact exists is not theirs to learn.
  for (const path of ['/api/v1/contacts', '/api/v1/contacts/*'])
    app.use(path, requireRole('infocenter', 'officer', 'admin'));
  app.openapi(registerContact, registerContactHandler(services));
  app.openapi(listMyContacts, listMyContactsHandler(services));
  app.openapi(getContact, getContactHandler(services));
  app.openapi(answerContact, answerContactHandler(services));
  app.openapi(closeContact, closeContactHandler(services));
  app.openapi(reopenContact, reopenContactHandler(services));
  app.openapi(forwardContact, forwardContactHandler(services));
  return app;
}
