/** Wires the statistics routes: the unit head's (infocenter staff and admins); which municipalities is the service's (policy). */

import type { Hook } from '@hono/zod-openapi';
import { OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../../app/context.js';
import { AppError, fieldProblemsFromZod } from '../../app/errors.js';
import { requireRole } from '../../app/middleware.js';
import type { RouteServices } from '../shared.js';
import { getStatsCsvHandler, getStatsHandler, putVolumeHandler } from './stats.handlers.js';
import { getStats, getStatsCsv, putVolume } from './stats.routes.js';

/** A statistics request that cannot be answered as asked is 422, naming each field. */
// biome-ignore lint/suspicious/noExplicitAny: the hook is shared by routes of every shape
const statsHook: Hook<any, any, any, any> = (result) => {
  if (!result.success)
    throw new AppError(
      'unprocessable',
      'Begäran kan inte besvaras; se `errors` för varje fält. / The request cannot be answered; see `errors` for each field.',
      { errors: fieldProblemsFromZod(result.error.issues as Parameters<typeof fieldProblemsFromZod>[0]) },
    );
};

export function statsRoutes(services: Pick<RouteServices, 'stats'>): OpenAPIHono<AppEnv> {
  const app = new OpenAPIHono<AppEnv>({ defaultHook: statsHook });
  for (const path of ['/api/v1/stats', '/api/v1/stats.csv', '/api/v1/stats/*'])
    app.use(path, requireRole('infocenter', 'admin'));
  app.openapi(getStats, getStatsHandler(services));
  app.openapi(getStatsCsv, getStatsCsvHandler(services));
  app.openapi(putVolume, putVolumeHandler(services));
  return app;
}
