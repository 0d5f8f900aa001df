/** What every page handler needs from the request: its language, the session, the signed-in caller. */
import type { Context, MiddlewareHandler } from 'hono';
import type { AppEnv } from '../app/context.js';
import { AppError } from '../app/errors.js';
import type { Principal, Role } from '../app/principal.js';
import { type Language, languageOf } from './i18n.js';
import type { SessionInfo } from './layout.js';
import { MessagePage } from './message-page.js';
import type { PageSession } from './session.js';

/** Our own pages a sign-in may go on to (never an address from elsewhere). */
export const OWN_PAGE = /^\/(staff|mina-arenden|admin)(\/[\w-]*)*$/;

/** Every link and form action carries ?lang=, so the address alone says the page's language. */
export const lang = (c: Context<AppEnv>): Language => languageOf(c.req.query('lang'));

export type PageHelpers = {
  sessionInfo(c: Context<AppEnv>): SessionInfo | undefined;
  /** The signed-in principal with one of `roles`, or the response that sends the browser to sign in. */
  signedIn(c: Context<AppEnv>, roles: readonly Role[], path: string): Principal | Response;
  /**
   * Pages that read (and audit) case data run only on a navigation the person made here: a request
   * another site caused (an image on a sibling subdomain, a link) gets a page with a link instead,
   * so nobody is recorded as having read a case they never opened.
   */
  ownNavigation: MiddlewareHandler<AppEnv>;
  form(c: Context<AppEnv>): Promise<Record<string, unknown>>;
};

export function pageHelpers(session: PageSession): PageHelpers {
  const sessionInfo = (c: Context<AppEnv>): SessionInfo | undefined => {
    const principal = c.get('principal');
    return principal ? { role: principal.role, csrf: session.csrfToken(c) } : undefined;
  };
  return {
    sessionInfo,
    signedIn(c, roles, path) {
      const principal = c.get('principal');
      if (!principal) {
        c.set('signInRequired', true);
        return c.redirect(`/logga-in?next=${encodeURIComponent(path)}&lang=${lang(c)}&behov=1`, 303);
      }
      if (!roles.includes(principal.role)) throw new AppError('forbidden', 'Your role has no access here.');
      return principal;
    },
    async ownNavigation(c, next) {
      const site = c.req.header('sec-fetch-site');
      if (!c.get('principal') || site === undefined || site === 'same-origin' || site === 'none')
        return next();
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
    },
    form: async (c) => (await c.req.parseBody()) as Record<string, unknown>,
  };
}
