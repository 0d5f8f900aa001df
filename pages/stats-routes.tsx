/** The statistics page's routes: the page and its CSV download, for the unit head (infocenter staff and admins). */
import { Hono } from 'hono';
import type { AppEnv } from '../app/context.js';
import { AppError, fieldProblemsFromZod } from '../app/errors.js';
import { callerOf } from '../app/middleware.js';
import type { Role } from '../app/principal.js';
import type { ContactStats } from '../contacts/stats/contact-stats.js';
import { StatsQuerySchema } from '../schemas/contact-stats.js';
import type { SessionInfo } from './layout.js';
import { lang, type PageHelpers } from './page-context.js';
import { StatsPage } from './stats-page.js';

const STATS_ROLES: readonly Role[] = ['infocenter', 'admin'];

export type StatsRouteDeps = { stats: ContactStats; helpers: PageHelpers };

/** The page's own parameters (period, from, to), validated like the API's; `lang` is the page's. */
function statsQuery(query: Record<string, string>) {
  const { lang: _, ...rest } = query;
  const parsed = StatsQuerySchema.safeParse(rest);
  if (!parsed.success)
    throw new AppError('unprocessable', 'The statistics cannot be shown for that selection.', {
      errors: fieldProblemsFromZod(parsed.error.issues as Parameters<typeof fieldProblemsFromZod>[0]),
    });
  const { format: _f, ...q } = parsed.data;
  return q;
}

export function statsPageRoutes(deps: StatsRouteDeps): Hono<AppEnv> {
  const { stats, helpers } = deps;
  const app = new Hono<AppEnv>();

  app.get('/staff/statistik', helpers.ownNavigation, async (c) => {
    const who = helpers.signedIn(c, STATS_ROLES, '/staff/statistik');
    if (who instanceof Response) return who;
    const report = await stats.report(callerOf(c), statsQuery(c.req.query()));
    return c.html(
      <StatsPage lang={lang(c)} session={helpers.sessionInfo(c) as SessionInfo} report={report} />,
    );
  });

  app.get('/staff/statistik.csv', helpers.ownNavigation, async (c) => {
    const who = helpers.signedIn(c, STATS_ROLES, '/staff/statistik');
    if (who instanceof Response) return who;
    const query = statsQuery(c.req.query());
    return c.body(await stats.csv(callerOf(c), query), 200, {
      'content-type': 'text/csv; charset=utf-8',
      'content-disposition': `attachment; filename="kontaktstatistik-${query.period}.csv"`,
    });
  });

  return app;
}
