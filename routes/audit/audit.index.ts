/** GET /api/v1/audit: who read which case and when — for admins; never case contents. */
import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import type { AppEnv } from '../../app/context.js';
import { callerOf, requireRole } from '../../app/middleware.js';
import { requestText } from '../../schemas/request-text.js';
import { AUDIT_ACTIONS } from '../../store/audit-log.js';
import { bearerSecurity, errorResponses, type RouteServices } from '../shared.js';
import { validationHook } from '../validation-hook.js';

const AuditRecordSchema = z
  .object({
    id: z.string(),
    at: z.string(),
    subject: z
      .string()
      .openapi({ description: 'Staff subject, or citizen:<person reference> (never a personnummer)' }),
    role: z.string(),
    action: z.enum(AUDIT_ACTIONS),
    caseId: z.string().nullable(),
    contactId: z.string().nullable().openapi({ description: 'A contact of the contact register read' }),
    shown: z
      .array(z.string())
      .openapi({ description: 'Fields shown (a read) or case ids listed (a search)' }),
    masked: z.array(z.string()),
    queryKind: z.string().nullable(),
    resultCount: z.number().int().nullable(),
    requestId: z.string(),
    purpose: z
      .string()
      .nullable()
      .openapi({ description: 'The purpose id the reader stated (policy `purposes`)' }),
    route: z.string().nullable().openapi({ description: 'Refusals: the route pattern refused' }),
    municipality: z.string().nullable().openapi({
      description: 'Staff: the kommunkod of their sign-in (null for citizens and older entries)',
    }),
    office: z
      .string()
      .nullable()
      .openapi({ description: 'Staff: the office or unit of their sign-in, when it names one' }),
  })
  .openapi('AuditRecord');

const AuditQuerySchema = z
  .object({
    caseId: z
      .uuid()
      .optional()
      .openapi({ param: { name: 'caseId', in: 'query' } }),
    subject: requestText()
      .max(200)
      .optional()
      .openapi({ param: { name: 'subject', in: 'query' } }),
    from: z.iso
      .datetime({ offset: true })
      .optional()
      .openapi({ param: { name: 'from', in: 'query' } }),
    to: z.iso
      .datetime({ offset: true })
      .optional()
      .openapi({ param: { name: 'to', in: 'query' } }),
    before: z
      .string()
      .regex(/^\d+$/)
      .optional()
      .openapi({ param: { name: 'before', in: 'query' }, description: 'Page: entries older than this id' }),
    limit: z.coerce
      .number()
      .int()
      .min(1)
      .max(500)
      .default(50)
      .openapi({ param: { name: 'limit', in: 'query' } }),
  })
  .strict();

const listAudit = createRoute({
  method: 'get',
  path: '/api/v1/audit',
  operationId: 'listAudit',
  tags: ['audit'],
  summary: 'Audit log: who looked at which case (answers a citizen’s "who looked at my case?")',
  description:
    'Admins only, for the municipality of their sign-in (none named: 403): every entry about one of its own cases, ' +
    'otherwise only entries of its own staff. Filter by case, by subject (a staff subject, or `citizen:<person reference>`, ' +
    'never a personnummer) and by time; page with `before` (an entry id). Reading the log is itself recorded.',
  security: bearerSecurity,
  request: { query: AuditQuerySchema },
  responses: {
    200: {
      description: 'Entries, newest first',
      content: { 'application/json': { schema: z.object({ items: z.array(AuditRecordSchema) }) } },
    },
    ...errorResponses,
  },
});

const PersonAuditRequestSchema = z
  .object({
    personnummer: z.string().min(10).max(20).openapi({ example: '19121212-1212' }),
  })
  .strict()
  .openapi('PersonAuditRequest');

const personAudit = createRoute({
  method: 'post',
  path: '/api/v1/audit/person',
  operationId: 'lookUpPersonAudit',
  tags: ['audit'],
  summary: 'Who searched for this person, and who read or listed their cases',
  description:
    'The personnummer travels in the body only; it becomes keyed references and goes no further. ' +
    'The answer: searches by personnummer for the person (found something or not), reads of their ' +
    'cases (also cases since removed), and searches that listed one of the cases stored now. The ' +
    'question itself is recorded (`audit.person`). Scoped as the listing: entries of the admin municipality’s own ' +
    'staff, and entries about the person’s cases of that municipality.',
  security: bearerSecurity,
  request: {
    body: { required: true, content: { 'application/json': { schema: PersonAuditRequestSchema } } },
  },
  responses: {
    200: {
      description: 'Entries, newest first (at most 200)',
      content: { 'application/json': { schema: z.object({ items: z.array(AuditRecordSchema) }) } },
    },
    ...errorResponses,
  },
});

export function auditRoutes(services: RouteServices): OpenAPIHono<AppEnv> {
  const app = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });
  app.use('/api/v1/audit', requireRole('admin'));
  app.use('/api/v1/audit/person', requireRole('admin'));
  // Each admin administers one municipality: what the API shows is what the admin console shows.
  app.openapi(personAudit, async (c) => {
    const { personnummer } = c.req.valid('json');
    return c.json({ items: await services.adminAudit.byPerson(callerOf(c), personnummer) }, 200);
  });
  app.openapi(listAudit, async (c) => {
    const q = c.req.valid('query');
    const items = await services.adminAudit.search(callerOf(c), {
      limit: q.limit,
      ...(q.caseId ? { caseId: q.caseId } : {}),
      ...(q.subject ? { subject: q.subject } : {}),
      ...(q.from ? { from: q.from } : {}),
      ...(q.to ? { to: q.to } : {}),
      ...(q.before ? { before: q.before } : {}),
    });
    return c.json({ items }, 200);
  });
  return app;
}
