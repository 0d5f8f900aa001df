/** "Mina ärenden": a resident's own cases, listed and one by one. */
import { Hono } from 'hono';
import type { AppEnv } from '../app/context.js';
import { AppError } from '../app/errors.js';
import { callerOf } from '../app/middleware.js';
import { MAX_READERS } from '../cases/case-readers.js';
import type { CaseReads } from '../cases/case-reads.js';
import type { Municipalities } from '../municipalities/municipality-schema.js';
import { isUuid } from '../schemas/case-id.js';
import { CasePage } from './case-page.js';
import { CaseReadersPanel } from './case-readers.js';
import { FINISHED, MyCasesPage, ONGOING } from './citizen.js';
import { t } from './i18n.js';
import { Layout, type SessionInfo } from './layout.js';
import { lang, type PageHelpers } from './page-context.js';

/** Ongoing cases on the list's first page and on each later page of them. */
const ONGOING_SHOWN = 10;
/** Closed cases on the first page and each later page: fewer, the resident came for what is going on. */
const FINISHED_SHOWN = 5;
/** Staff reads shown on a case page at first; "show more" (`?lasare=fler`) shows up to the cap. */
const READERS_SHOWN = 10;

export function citizenRoutes(deps: {
  cases: CaseReads;
  helpers: PageHelpers;
  municipalities: Municipalities;
  /** Where the citizen chooses notifications, when the hub offers them. */
  notificationsPath?: string;
}): Hono<AppEnv> {
  const { cases, helpers, municipalities } = deps;
  const app = new Hono<AppEnv>();
  app.get('/mina-arenden', helpers.ownNavigation);
  app.get('/mina-arenden/arenden/:id', helpers.ownNavigation);

  app.get('/mina-arenden', async (c) => {
    const who = helpers.signedIn(c, ['citizen'], '/mina-arenden');
    if (who instanceof Response) return who;
    const caller = callerOf(c);
    const part = c.req.query('visa');
    const cursor = c.req.query('fran');
    // A later page of one part ("Visa fler" is a plain link: no script needed), else both parts' first pages.
    const ongoing =
      part === 'avslutade' && cursor
        ? undefined
        : await cases.listOwn(caller, {
            limit: ONGOING_SHOWN,
            status: ONGOING,
            ...(part === 'pagaende' && cursor ? { cursor } : {}),
          });
    const finished =
      part === 'pagaende' && cursor
        ? undefined
        : await cases.listOwn(caller, {
            limit: FINISHED_SHOWN,
            status: FINISHED,
            ...(part === 'avslutade' && cursor ? { cursor } : {}),
          });
    return c.html(
      <MyCasesPage
        lang={lang(c)}
        session={helpers.sessionInfo(c) as SessionInfo}
        {...(ongoing ? { ongoing } : {})}
        {...(finished ? { finished } : {})}
        municipalities={municipalities}
        notificationsHref={deps.notificationsPath ? `${deps.notificationsPath}?lang=${lang(c)}` : undefined}
      />,
    );
  });

  app.get('/mina-arenden/arenden/:id', async (c) => {
    const id = c.req.param('id');
    const who = helpers.signedIn(c, ['citizen'], `/mina-arenden/arenden/${isUuid(id) ? id : ''}`);
    if (who instanceof Response) return who;
    if (!isUuid(id)) throw new AppError('not_found', 'No case with that id.');
    const view = await cases.readOwn(callerOf(c), id);
    const l = lang(c);
    const all = c.req.query('lasare') === 'fler';
    const readers = await cases.readersOfOwn(callerOf(c), id, all ? MAX_READERS : READERS_SHOWN);
    return c.html(
      <Layout
        lang={l}
        title={view.reference}
        path={`/mina-arenden/arenden/${id}`}
        session={helpers.sessionInfo(c)}
      >
        <CasePage
          view={view}
          lang={l}
          audience="citizen"
          back={{ href: `/mina-arenden?lang=${l}`, label: t('backToMyCases', l) }}
          municipality={municipalities.get(view.municipality.code)}
        />
        <CaseReadersPanel
          readers={readers}
          lang={l}
          more={all ? undefined : `/mina-arenden/arenden/${id}?lang=${l}&lasare=fler#readers-heading`}
        />
      </Layout>,
    );
  });
  return app;
}
