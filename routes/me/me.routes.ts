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
  tags: ['me'],
  summary: "The signed-in citizen's own cases, across all offices, newest first",
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
  tags: ['me'],
  summary: 'One own case; any case the citizen is not a party to answers 404, as if it did not exist',
  security: bearerSecurity,
  request: { params: CaseIdParamsSchema },
  responses: {
    200: { description: 'The case', content: { 'application/json': { schema: CaseViewSchema } } },
    ...notFoundResponse,
    ...errorResponses,
  },
});
