/** Handlers for the statistics: parse, call the statistics service, answer JSON or CSV. */
import type { RouteHandler } from '@hono/zod-openapi';
import type { Context } from 'hono';
import type { AppEnv } from '../../app/context.js';
import { callerOf } from '../../app/middleware.js';
import type { ContactStats } from '../../contacts/stats/contact-stats.js';
import type { StatsQuery } from '../../schemas/contact-stats.js';
import type { getStats, getStatsCsv, putVolume } from './stats.routes.js';

type Services = { stats: ContactStats };

async function csvResponse(s: Services, c: Context<AppEnv>, query: StatsQuery): Promise<Response> {
  const { format: _, ...rest } = query;
  const body = await s.stats.csv(callerOf(c), rest);
  return c.body(body, 200, {
    'content-type': 'text/csv; charset=utf-8',
    'content-disposition': `attachment; filename="kontaktstatistik-${query.period}.csv"`,
  });
}

export function getStatsHandler(s: Services): RouteHandler<typeof getStats, AppEnv> {
  return async (c) => {
    const query = c.req.valid('query');
    if (query.format === 'csv') return csvResponse(s, c, query) as never;
    const { format: _, ...rest } = query;
    return c.json(await s.stats.report(callerOf(c), rest), 200);
  };
}

export function getStatsCsvHandler(s: Services): RouteHandler<typeof getStatsCsv, AppEnv> {
  return async (c) => csvResponse(s, c, c.req.valid('query')) as never;
}

export function putVolumeHandler(s: Services): RouteHandler<typeof putVolume, AppEnv> {
  return async (c) => {
    const { municipality, month } = c.req.valid('param');
    await s.stats.recordVolume(callerOf(c), municipality, month, c.req.valid('json').total);
    return c.body(null, 204);
  };
}
