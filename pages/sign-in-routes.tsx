/** Signing in and out: demo personas (demo mode only) or the municipality's e-ID through OpenID Connect. */
import { Hono, type MiddlewareHandler } from 'hono';
import type { AppEnv } from '../app/context.js';
import { AppError } from '../app/errors.js';
import type { Role } from '../app/principal.js';
import { languageOf } from './i18n.js';
import { CALLBACK_PATH, type OidcSignIn } from './oidc-sign-in.js';
import { lang, OWN_PAGE, type PageHelpers } from './page-context.js';
import type { PageSession } from './session.js';
import { type DemoSignIn, SignedInPage, SignedOutPage, SignInPage } from './sign-in.js';

const SESSION_SECONDS = 3600;

/** Where to go after signing in: only our own pages, never an address from elsewhere. */
function nextPath(value: unknown, role: Role): string {
  // An admin lands on the admin console: the start page would leave them with nothing to do (issue 16).
  const home = role === 'citizen' ? '/mina-arenden' : role === 'admin' ? '/admin' : '/staff';
  // A page of another section would only answer "not for your role".
  if (typeof value === 'string' && OWN_PAGE.test(value) && value.startsWith(home)) return value;
  return home;
}

export type SignInRouteDeps = {
  session: PageSession;
  helpers: PageHelpers;
  /** Demo mode only: the personas offered and the local key that signs their tokens. */
  signIn?: DemoSignIn | undefined;
  /** Production: the municipality's e-ID through its OpenID provider. */
  oidcSignIn?: OidcSignIn | undefined;
  signInLimit: MiddlewareHandler<AppEnv>;
};

export function signInRoutes(deps: SignInRouteDeps): Hono<AppEnv> {
  const { session, helpers } = deps;
  const app = new Hono<AppEnv>();

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
    const body = await helpers.form(c);
    const persona = deps.signIn?.personas.find((p) => p.id === body.persona);
    if (!deps.signIn || !persona) throw new AppError('not_found', 'No such sign-in.');
    session.signIn(c, await deps.signIn.issue(persona.id, SESSION_SECONDS), SESSION_SECONDS);
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
  return app;
}
