/**
 * Wires the sources routes: admins operate; staff may read the health of the sources whose cases they
 * may see, to explain delays.
 */
import { OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../../app/context.js';
import { principalOf, requireRole } from '../../app/middleware.js';
import type { RouteServices } from '../shared.js';
import { validationHook } from '../validation-hook.js';
import { listQuarantine, listSources, triggerSync } from './sources.routes.js';

export function sourcesRoutes(services: RouteServices): OpenAPIHono<AppEnv> {
  const app = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });
  // Hono's "/sources/*" would match "/sources" itself too: operations are named one by one.
  app.use('/api/v1/sources', requireRole('admin', 'infocenter', 'officer'));
  app.use('/api/v1/sources/:id/*', requireRole('admin'));
  app.openapi(listSources, async (c) => {
    const items = (await services.sourceHealth.visibleTo(principalOf(c))).map(
      ({ cursor: _cursor, sourceId: _id, ...rest }) => rest,
    );
    return c.json({ items }, 200);
  });
  // An admin operates the sources of the municipality of their sign-in; another's is not found.
  app.openapi(triggerSync, async (c) => {
    const { id } = c.req.valid('param');
    return c.json(await services.sourceOperations.resync(principalOf(c), id), 200);
  });
  app.openapi(listQuarantine, async (c) => {
    const { id } = c.req.valid('param');
    return c.json({ items: (await services.sourceOperations.quarantine(principalOf(c), id)).entries }, 200);
  });
  return app;
}
