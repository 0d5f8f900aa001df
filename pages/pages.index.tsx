/** Server-rendered pages (hono/jsx, no client build): start, sign-in, staff console, "Mina ärenden". */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { type Context, Hono, type MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { every } from 'hono/combine';
import { HTTPException } from 'hono/http-exception';
import { secureHeaders } from 'hono/secure-headers';
import type { AppEnv } from '../app/context.js';
import { AppError, toAppError } from '../app/errors.js';
import type { Logger } from '../app/logger.js';
import type { Principal, Role } from '../app/principal.js';
import type { DemoIdentity } from '../demo/identity.js';
import { findPersona, type Persona } from '../demo/personas.js';
import { mayRead } from '../policy/access.js';
import {
  denied,
  listOwnCases,
  readCaseForStaff,
  readOwnCase,
  refreshFromSource,
  sourceOf,
} from '../routes/case-reads.js';
import type { RouteServices } from '../routes/shared.js';
import { isUuid } from '../schemas/case-id.js';
import { CasePage } from './case-page.js';
import { MyCasesPage } from './citizen.js';
import { HomePage } from './home.js';
import { type Language, languageOf, type TextKey, t } from './i18n.js';
import { Layout, type SessionInfo } from './layout.js';
import { MessagePage } from './message-page.js';
import { CALLBACK_PATH, type OidcSignIn } from './oidc-sign-in.js';
import type { PageSession } from './session.js';
import { SignedInPage, SignedOutPage, SignInPage } from './sign-in.js';
import { type SourceRow, StaffPage, sourceHealth } from './staff.js';
import { runStaffSearch } from './staff-search.js';

const CSS = readFileSync(fileURLToPath(new URL('./assets/app.css', import.meta.url)), 'utf8');

/** Demo mode only: the personas the sign-in page offers and the local key that signs their tokens. */
export type DemoSignIn = { personas: readonly Persona[]; issue: DemoIdentity['issue'] };

export type PageDeps = {
  services: RouteServices;
  session: PageSession;
  logger: Logger;
  signIn?: DemoSignIn | undefined;
  /** Production: the municipality's e-ID through its OpenID provider. */
  oidcSignIn?: OidcSignIn | undefined;
  /** The same search budget as the API's (shared counters). */
  searchLimits: MiddlewareHandler<AppEnv>[];
  signInLimit: MiddlewareHandler<AppEnv>;
};

// Hono's `/staff/*` matches `/staff` itself too: one pattern per section, so middleware runs once.
const PAGE_PATHS = ['/', '/logga-in/*', '/logga-ut', '/staff/*', '/mina-arenden/*'];
const SESSION_SECONDS = 3600;
const FORM_BYTES = 16 * 1024;
const STAFF_ROLES: readonly Role[] = ['infocenter', 'officer'];

const OWN_PAGE = /^\/(staff|mina-arenden)(\/[\w-]*)*$/;

/** Where to go after signing in: only our own pages, never an address from elsewhere. */
function nextPath(value: unknown, role: Role): string {
  const home = role === 'citizen' ? '/mina-arenden' : role === 'admin' ? '/' : '/staff';
  // A page of another section would only answer "not for your role".
  if (typeof value === 'string' && OWN_PAGE.test(value) && home !== '/' && value.startsWith(home))
    return value;
  return home;
}

const ERROR_MESSAGES: Partial<Record<AppError['code'], { title: TextKey; message: TextKey }>> = {
  not_found: { title: 'errorTitle', message: 'notFound' },
  forbidden: { title: 'errorTitle', message: 'notForRole' },
  rate_limited: { title: 'errorTitle', message: 'rateLimited' },
  store_unavailable: { title: 'errorTitle', message: 'unavailable' },
  unauthenticated: { title: 'errorTitle', message: 'signInFailed' },
  validation: { title: 'errorTitle', message: 'badRequest' },
  malformed_json: { title: 'errorTitle', message: 'badRequest' },
  payload_too_large: { title: 'errorTitle', message: 'badRequest' },
  unsupported_media_type: { title: 'errorTitle', message: 'badRequest' },
};

export function pageRoutes(deps: PageDeps): Hono<AppEnv> {
  const { services, session } = deps;
  const searchBudget: MiddlewareHandler<AppEnv> = deps.searchLimits.length
    ? every(...deps.searchLimits)
    : async (_c, next) => next();
  const app = new Hono<AppEnv>();

  // Every link and form action carries ?lang=, so the address alone says the page's language.
  const lang = (c: Context<AppEnv>): Language => languageOf(c.req.query('lang'));
  const sessionInfo = (c: Context<AppEnv>): SessionInfo | undefined => {
    const principal = c.get('principal');
    return principal ? { role: principal.role, csrf: session.csrfToken(c) } : undefined;
  };
  const form = async (c: Context<AppEnv>) => (await c.req.parseBody()) as Record<string, unknown>;

  /** The signed-in principal with one of `roles`, or the response that sends the browser on. */
  const signedIn = (c: Context<AppEnv>, roles: readonly Role[], path: string): Principal | Response => {
    const principal = c.get('principal');
    if (!principal)
      return c.redirect(`/logga-in?next=${encodeURIComponent(path)}&lang=${lang(c)}&behov=1`, 303);
    if (!roles.includes(principal.role)) throw new AppError('forbidden', 'Your role has no access here.');
    return principal;
  };

  for (const path of PAGE_PATHS) {
    // Pages carry no inline script or style: the CSP can forbid both.
    app.use(
      path,
      secureHeaders({
        contentSecurityPolicy: {
          defaultSrc: ["'none'"],
          styleSrc: ["'self'"],
          imgSrc: ["'self'"],
          frameAncestors: ["'none'"],
          formAction: ["'self'"],
          baseUri: ["'none'"],
        },
        strictTransportSecurity: 'max-age=31536000; includeSubDomains',
        referrerPolicy: 'no-referrer',
      }),
    );
    app.use(path, session.middleware);
    app.use(path, async (c, next) => {
      if (c.req.method !== 'POST') return next();
      return bodyLimit({
        maxSize: FORM_BYTES,
        onError: () => {
          throw new AppError('payload_too_large', 'The form is too large.');
        },
      })(c, next);
    });
  }

  /**
   * Pages that read (and audit) case data run only on a navigation the person made here: a request
   * another site caused (an image on a sibling subdomain, a link) gets a page with a link instead,
   * so nobody is recorded as having read a case they never opened.
   */
  const ownNavigation: MiddlewareHandler<AppEnv> = async (c, next) => {
    const site = c.req.header('sec-fetch-site');
    if (!c.get('principal') || site === undefined || site === 'same-origin' || site === 'none') return next();
    const l = lang(c);
    return c.html(
      <MessagePage
        lang={l}
        title="crossSiteTitle"
        message="crossSiteText"
        path={c.req.path}
        session={sessionInfo(c)}
        action={{ href: `${c.req.path}?lang=${l}`, label: 'openPage' }}
      />,
    );
  };
  app.get('/staff/arenden/:id', ownNavigation);
  app.get('/mina-arenden', ownNavigation);
  app.get('/mina-arenden/arenden/:id', ownNavigation);

  app.get('/', (c) => c.html(<HomePage lang={lang(c)} session={sessionInfo(c)} />));

  app.get('/logga-in', (c) => {
    const next = c.req.query('next');
    return c.html(
      <SignInPage
        lang={lang(c)}
        personas={deps.signIn?.personas}
        next={typeof next === 'string' && OWN_PAGE.test(next) ? next : ''}
        csrf={session.csrfToken(c)}
        needed={c.req.query('behov') === '1'}
        eid={Boolean(deps.oidcSignIn)}
      />,
    );
  });

  app.post('/logga-in', deps.signInLimit, session.verifyForm, async (c) => {
    const body = await form(c);
    const persona = typeof body.persona === 'string' ? findPersona(body.persona) : undefined;
    if (!deps.signIn || !persona || !deps.signIn.personas.includes(persona))
      throw new AppError('not_found', 'No such sign-in.');
    session.signIn(c, await deps.signIn.issue(persona, SESSION_SECONDS), SESSION_SECONDS);
    return c.redirect(`${nextPath(body.next || undefined, persona.role)}?lang=${lang(c)}`, 303);
  });

  app.get('/logga-in/start', deps.signInLimit, async (c) => {
    if (!deps.oidcSignIn) throw new AppError('not_found', 'No such sign-in.');
    // Where to go afterwards is decided once the role is known. A sign-in another site started goes
    // to the start of the person's pages, never straight into a case it chose.
    const site = c.req.header('sec-fetch-site');
    const next = c.req.query('next');
    const ownStart = site === undefined || site === 'same-origin' || site === 'none';
    return deps.oidcSignIn.start(
      c,
      ownStart && typeof next === 'string' && OWN_PAGE.test(next) ? next : '',
      lang(c),
    );
  });

  app.get(CALLBACK_PATH, deps.signInLimit, async (c) => {
    if (!deps.oidcSignIn) throw new AppError('not_found', 'No such sign-in.');
    const done = await deps.oidcSignIn.finish(c);
    const principal = await session.signInVerified(c, done.accessToken, done.expiresIn);
    const l = languageOf(done.lang);
    return c.html(
      <SignedInPage lang={l} next={`${nextPath(done.next || undefined, principal.role)}?lang=${l}`} />,
    );
  });

  app.post('/logga-ut', session.verifyForm, async (c) => {
    session.signOut(c);
    const l = lang(c);
    // With e-ID, the provider's session is ended too; a page of ours moves on (form-action is 'self').
    const endSession = await deps.oidcSignIn?.endSessionUrl();
    if (endSession) return c.html(<SignedOutPage lang={l} next={endSession} />);
    return c.redirect(`/?lang=${l}`, 303);
  });

  const sourceRows = async (): Promise<SourceRow[]> =>
    (await services.sources.status()).map((status) => ({ status, health: sourceHealth(status) }));

  app.get('/staff', async (c) => {
    const who = signedIn(c, STAFF_ROLES, '/staff');
    if (who instanceof Response) return who;
    return c.html(
      <StaffPage lang={lang(c)} session={sessionInfo(c) as SessionInfo} sources={await sourceRows()} />,
    );
  });

  app.post('/staff/sok', session.verifyForm, searchBudget, async (c) => {
    const who = signedIn(c, STAFF_ROLES, '/staff');
    if (who instanceof Response) return who;
    const body = await form(c);
    const outcome = await runStaffSearch(c, services, who, body.q);
    return c.html(
      <StaffPage
        lang={lang(c)}
        session={sessionInfo(c) as SessionInfo}
        outcome={outcome}
        sources={await sourceRows()}
      />,
      outcome.kind === 'error' ? 400 : 200,
    );
  });

  app.get('/staff/arenden/:id', searchBudget, async (c) => {
    const id = c.req.param('id');
    const who = signedIn(c, STAFF_ROLES, `/staff/arenden/${isUuid(id) ? id : ''}`);
    if (who instanceof Response) return who;
    if (!isUuid(id)) throw new AppError('not_found', 'No case with that id.');
    const view = await readCaseForStaff(c, services, who, id);
    const canRefresh = sourceOf(services, view)?.canFetchOne ?? false;
    const l = lang(c);
    const outcome = c.req.query('uppdaterat');
    const info = sessionInfo(c) as SessionInfo;
    return c.html(
      <Layout lang={l} title={view.reference} path={`/staff/arenden/${id}`} session={info}>
        <CasePage
          view={view}
          lang={l}
          audience="staff"
          back={{ href: `/staff?lang=${l}`, label: t('backToSearch', l) }}
          refresh={
            canRefresh
              ? {
                  action: `/staff/arenden/${id}/uppdatera?lang=${l}`,
                  csrf: info.csrf,
                  outcome: outcome === 'ok' ? 'ok' : outcome === 'fel' ? 'failed' : undefined,
                }
              : undefined
          }
        />
      </Layout>,
    );
  });

  app.post('/staff/arenden/:id/uppdatera', session.verifyForm, searchBudget, async (c) => {
    const id = c.req.param('id');
    const who = signedIn(c, STAFF_ROLES, '/staff');
    if (who instanceof Response) return who;
    if (!isUuid(id)) throw new AppError('not_found', 'No case with that id.');
    const stored = await services.store.get(id);
    if (!stored || !mayRead(who, services.policy, stored.case)) return denied(c, services, who, id);
    const refreshed = await refreshFromSource(services, stored.case);
    return c.redirect(`/staff/arenden/${id}?lang=${lang(c)}&uppdaterat=${refreshed ? 'ok' : 'fel'}`, 303);
  });

  app.get('/mina-arenden', async (c) => {
    const who = signedIn(c, ['citizen'], '/mina-arenden');
    if (who instanceof Response) return who;
    const page = await listOwnCases(c, services, who, { limit: 100 });
    return c.html(<MyCasesPage lang={lang(c)} session={sessionInfo(c) as SessionInfo} items={page.items} />);
  });

  app.get('/mina-arenden/arenden/:id', async (c) => {
    const id = c.req.param('id');
    const who = signedIn(c, ['citizen'], `/mina-arenden/arenden/${isUuid(id) ? id : ''}`);
    if (who instanceof Response) return who;
    if (!isUuid(id)) throw new AppError('not_found', 'No case with that id.');
    const view = await readOwnCase(c, services, who, id);
    const l = lang(c);
    return c.html(
      <Layout lang={l} title={view.reference} path={`/mina-arenden/arenden/${id}`} session={sessionInfo(c)}>
        <CasePage
          view={view}
          lang={l}
          audience="citizen"
          back={{ href: `/mina-arenden?lang=${l}`, label: t('backToMyCases', l) }}
        />
      </Layout>,
    );
  });

  // Unknown page addresses get a page, not JSON.
  app.get('/staff/*', () => {
    throw new AppError('not_found', 'No such page.');
  });
  app.get('/mina-arenden/*', () => {
    throw new AppError('not_found', 'No such page.');
  });

  app.get('/assets/app.css', (c) => {
    c.header('cache-control', 'public, max-age=3600');
    c.header('x-content-type-options', 'nosniff');
    return c.body(CSS, 200, { 'content-type': 'text/css; charset=utf-8' });
  });

  app.onError((error, c) => {
    // On the pages a bare 403 comes only from the same-origin check of a form post.
    const appError =
      error instanceof HTTPException && error.status === 403
        ? new AppError('forbidden', 'Refused.', { context: { reason: 'csrf' } })
        : toAppError(error);
    if (appError.code === 'internal' || appError.code === 'store_unavailable') {
      deps.logger.error({ requestId: c.get('requestId'), err: error }, 'page failed');
    } else if (appError.code === 'unauthenticated') {
      // A sign-in that did not complete (the provider refused, a forged callback, a token that fails).
      deps.logger.warn({ requestId: c.get('requestId'), err: appError.cause ?? appError }, 'sign-in failed');
    }
    const csrfRefused = appError.code === 'forbidden' && appError.context.reason === 'csrf';
    const known = ERROR_MESSAGES[appError.code];
    const text = csrfRefused
      ? ({ title: 'errorTitle', message: 'formExpired' } as const)
      : (known ?? ({ title: 'errorTitle', message: 'internalError' } as const));
    return c.html(
      <MessagePage
        lang={lang(c)}
        title={text.title}
        message={text.message}
        requestId={appError.status >= 500 ? c.get('requestId') : undefined}
        session={c.get('principal') ? sessionInfo(c) : undefined}
        path={c.req.method === 'GET' ? c.req.path : '/'}
      />,
      appError.status,
    );
  });
  return app;
}
