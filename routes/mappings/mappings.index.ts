/** The loaded mappings and their versions, for system owners. */
import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import type { AppEnv } from '../../app/context.js';
import { requireRole } from '../../app/middleware.js';
import { bearerSecurity, errorResponses, type RouteServices } from '../shared.js';

const MappingInfoSchema = z
  .object({
    id: z.string(),
    version: z.string(),
    domain: z.string(),
    sourceSystem: z.string(),
    municipality: z.object({ code: z.string(), name: z.string() }),
    targets: z.object({ system: z.string(), vendor: z.string().optional(), apiVersion: z.string() }),
    file: z.string(),
  })
  .openapi('MappingInfo');

const listMappings = createRoute({
  method: 'get',
  path: '/api/v1/mappings',
  operationId: 'listMappings',
  tags: ['mappings'],
  summary: 'Loaded mappings and their versions',
  description:
    'Admins only. Each mapping’s id and version, its domain, source system and municipality, the API version it targets and its file.',
  security: bearerSecurity,
  responses: {
    200: {
      description: 'Every loaded mapping',
      content: { 'application/json': { schema: z.object({ items: z.array(MappingInfoSchema) }) } },
    },
    ...errorResponses,
  },
});

export function mappingsRoutes(services: RouteServices): OpenAPIHono<AppEnv> {
  const app = new OpenAPIHono<AppEnv>();
  app.use('/api/v1/mappings', requireRole('admin'));
  app.openapi(listMappings, (c) => c.json({ items: services.mappings.list() }, 200));
  return app;
}
