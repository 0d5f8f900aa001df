/** OpenAPI route definitions for staff access to cases. */
import { createRoute, z } from '@hono/zod-openapi';
import { CaseViewSchema, SearchPageSchema } from '../../schemas/case-view.js';
import { SearchRequestSchema } from '../../schemas/search.js';
import { bearerSecurity, errorResponses, notFoundResponse } from '../shared.js';

export const searchCases = createRoute({
  method: 'post',
  path: '/api/v1/cases/search',
  operationId: 'searchCases',
  tags: ['cases'],
  summary: 'Search cases by reference, personnummer, organisationsnummer, property designation or free text',
  description:
    'Exactly one of `reference`, `personnummer`, `organisationsnummer`, `property`, `q`. A personnummer or ' +
    'organisationsnummer is accepted only here, in the body, and is validated (Luhn, samordningsnummer; an ' +
    'organisationsnummer with or without "16" and the dash); it is never stored, logged or echoed. Results are newest first; ' +
    'pass `nextCursor` back as `cursor` for the next page. `total` counts every case the search and its `filters` ' +
    '(municipality, domain, office, status, open or closed, overdue, who is awaited) find for the caller. ' +
    'Cases the caller may not see are filtered out in the query.',
  security: bearerSecurity,
  request: { body: { required: true, content: { 'application/json': { schema: SearchRequestSchema } } } },
  responses: {
    200: {
      description: 'A page of matching cases',
      content: { 'application/json': { schema: SearchPageSchema } },
    },
    ...errorResponses,
  },
});

export const CaseIdParamsSchema = z.object({
  id: z
    .uuid()
    .openapi({ param: { name: 'id', in: 'path' }, example: '0b7f3c1e-6a7d-5b1f-9e3c-2a1d4f5e6b7c' }),
});

export const getCase = createRoute({
  method: 'get',
  path: '/api/v1/cases/{id}',
  operationId: 'getCase',
  tags: ['cases'],
  summary: 'One case, as the caller may see it',
  description:
    'Information center and case officers. Fields the caller may not see are masked, each with its reason; a stale copy is first refreshed from its source, briefly. The read is recorded in the audit log before the case is returned. A case the caller may not see answers 404, as if it did not exist.',
  security: bearerSecurity,
  request: { params: CaseIdParamsSchema },
  responses: {
    200: { description: 'The case', content: { 'application/json': { schema: CaseViewSchema } } },
    ...notFoundResponse,
    ...errorResponses,
  },
});
