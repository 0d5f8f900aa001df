/** OpenAPI route definitions for a signed-in citizen's own cases ("Mina ärenden"). */
import { createRoute, z } from '@hono/zod-openapi';
import { CasePageSchema, CaseViewSchema } from '../../schemas/case-view.js';
import { CaseIdParamsSchema } from '../cases/cases.routes.js';
import { bearerSecurity, errorResponses, notFoundResponse } from '../shared.js';

export const MyCasesQuerySchema = z
  .object({
    cursor: z
      .string()
      .max(500)
      .optional()
      .openapi({ param: { name: 'cursor', in: 'query' } }),
    limit: z.coerce
      .number()
      .int()
      .min(1)
      .max(100)
      .default(20)
      .openapi({ param: { name: 'limit', in: 'query' } }),
  })
  .strict();

export const listMyCases = createRoute({
  method: 'get',
  path: '/api/v1/me/cases',
  operationId: 'listMyCases',
  tags: ['me'],
  summary: "The signed-in citizen's own cases, across all offices, newest first",
  description:
    'Citizens only: the cases the signed-in person is a party to, as the policy lets a citizen see them. Pass `nextCursor` back as `cursor` for the next page. The listing is recorded in the audit log.',
  security: bearerSecurity,
  request: { query: MyCasesQuerySchema },
  responses: {
    200: { description: 'A page of own cases', content: { 'application/json': { schema: CasePageSchema } } },
    ...errorResponses,
  },
});

export const getMyCase = createRoute({
  method: 'get',
  path: '/api/v1/me/cases/{id}',
  operationId: 'getMyCase',
  tags: ['me'],
  summary: 'One own case; any case the citizen is not a party to answers 404, as if it did not exist',
  description:
    'Citizens only. The read is recorded in the audit log before the case is returned; a stale copy is first refreshed from its source, briefly.',
  security: bearerSecurity,
  request: { params: CaseIdParamsSchema },
  responses: {
    200: { description: 'The case', content: { 'application/json': { schema: CaseViewSchema } } },
    ...notFoundResponse,
    ...errorResponses,
  },
});

export const MyCaseReadersQuerySchema = z
  .object({
    limit: z.coerce
      .number()
      .int()
      .min(1)
      .max(100)
      .default(20)
      .openapi({ param: { name: 'limit', in: 'query' }, description: 'How many of the newest reads' }),
  })
  .strict();

const CaseReaderSchema = z
  .object({
    at: z.string().openapi({ description: 'When the case was read (UTC)' }),
    role: z.enum(['infocenter', 'officer']).openapi({ description: 'Information center or case officer' }),
    municipality: z
      .object({ code: z.string(), name: z.string().optional() })
      .nullable()
      .openapi({ description: 'The reader’s municipality (kommunkod; name from the deployment’s file)' }),
    office: z.string().nullable().openapi({ description: 'The reader’s office or unit code' }),
    name: z
      .string()
      .optional()
      .openapi({ description: 'The staff member, only when the policy’s citizenAudit.showStaffNames is on' }),
  })
  .openapi('CaseReader');

export const getMyCaseReaders = createRoute({
  method: 'get',
  path: '/api/v1/me/cases/{id}/readers',
  operationId: 'listMyCaseReaders',
  tags: ['me'],
  summary:
    'Who read an own case: the organisations’ staff reads, newest first (own and admin reads left out)',
  description:
    'Citizens only, for a case they are a party to (any other answers 404). Each read says when, the reader’s role, municipality and office; the name only where the policy shows staff names.',
  security: bearerSecurity,
  request: { params: CaseIdParamsSchema, query: MyCaseReadersQuerySchema },
  responses: {
    200: {
      description: 'The newest staff reads; `more` says whether older ones exist',
      content: {
        'application/json': {
          schema: z.object({ items: z.array(CaseReaderSchema), more: z.boolean() }).openapi('CaseReaders'),
        },
      },
    },
    ...notFoundResponse,
    ...errorResponses,
  },
});
