/**
 * Wires the sources routes: admins operate; staff may read the health of the sources whose cases they
 * may see, to explain delays.
 */
import { OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../../app/context.js';
import { AppError } from '../../app/errors.js';
import { principalOf, requireRole } from '../../app/middleware.js';
import type { RouteServices } from '../shared.js';
import { validationHook } from '../validation-hook.js';
import { listQuarantine, listSources, triggerSync } from './sources.routes.js';

export function sourcesRoutes(services: RouteServices): OpenAPIHono<AppEnv> {
  const app = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });
  const known = (id: string) => {
    if (!services.sources.has(id)) throw new AppError('not_found', 'No source with that id.');
  };
  // Hono's "/sources/*" would match "/sources" itself too: operations are named one by one.
  app.use('/api/v1/sources', requireRole('admin', 'infocenter', 'officer'));
  app.use('/api/v1/sources/:id/*', requireRole('admin'));
  app.openapi(listSources, async (c) => {
    const items = (await services.sourceHealth.visibleTo(principalOf(c))).map(
      ({ cursor: _cursor, sourceId: _id, ...rest }) => rest,
    );
    return c.json({ items }, 200);
  });
  app.openapi(triggerSync, async (c) => {
    const { id } = c.req.valid('param');
    known(id);
    return c.json(await services.sources.runOnce(id), 200);
  });
  app.openapi(listQuarantine, async (c) => {
    const { id } = c.req.valid('param');
    known(id);
    return c.json({ items: await services.sources.quarantined(id) }, 200);
  });
  return app;
}
