/** The loaded mappings and their versions, for system owners. */
import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import type { AppEnv } from '../../app/context.js';
import { principalOf, requireRole } from '../../app/middleware.js';
import { adminMunicipality } from '../../cases/source-operations.js';
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
    'Admins only, for the municipality of their sign-in. Each mapping’s id and version, its domain, source ' +
    'system and municipality, the API version it targets and its file.',
  security: bearerSecurity,
  responses: {
    200: {
      description: 'The loaded mappings of the admin’s municipality',
      content: { 'application/json': { schema: z.object({ items: z.array(MappingInfoSchema) }) } },
    },
    ...errorResponses,
  },
});

export function mappingsRoutes(services: RouteServices): OpenAPIHono<AppEnv> {
  const app = new OpenAPIHono<AppEnv>();
  app.use('/api/v1/mappings', requireRole('admin'));
  // An admin is shown the mappings of the municipality of their sign-in, as in the admin console:
  // another's would tell which systems it runs, and that it has a social-services source.
  app.openapi(listMappings, (c) => {
    const municipality = adminMunicipality(principalOf(c));
    const items = services.mappings.list().filter((m) => m.municipality.code === municipality);
    return c.json({ items }, 200);
  });
  return app;
}
