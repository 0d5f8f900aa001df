/**
 * Browser sessions for the pages: the signed-in token lives in an HttpOnly, SameSite=Strict cookie
 * (never in page script or URLs), and every form post carries a CSRF token bound to this browser.
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Context, MiddlewareHandler } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { csrf } from 'hono/csrf';
import type { AppEnv } from '../app/context.js';
import { AppError } from '../app/errors.js';
import type { Principal, TokenVerifier } from '../app/principal.js';

export type SessionOptions = {
  verifier: TokenVerifier;
  /** Key for CSRF tokens; give every instance behind one address the same key. */
  csrfKey: Buffer;
  /** `Secure` cookies with the `__Host-` prefix (production: TLS ends at the proxy, the URL says http). */
  secureCookies: boolean;
  /**
   * The origin browsers see (ARENDENAV_PUBLIC_URL): behind a TLS-ending proxy the request URL says
   * http://, so a browser's `Origin: https://…` would never match it.
   */
  publicOrigin?: string | undefined;
};

export type PageSession = {
  /** Reads the session cookie into `principal` and makes sure this browser has a CSRF secret. */
  middleware: MiddlewareHandler<AppEnv>;
  /** Refuses a form post without a valid CSRF token (and from another origin). */
  verifyForm: MiddlewareHandler<AppEnv>;
  /** The token to put into a form's hidden `_csrf` field. */
  csrfToken(c: Context<AppEnv>): string;
  signIn(c: Context<AppEnv>, token: string, ttlSeconds: number): void;
  /** Verifies a token from the identity provider before it becomes the session (401 when it is not valid). */
  signInVerified(c: Context<AppEnv>, token: string, ttlSeconds: number): Promise<Principal>;
  signOut(c: Context<AppEnv>): void;
  /** A key for one named use (e.g. sealing a staff search handle), derived from the CSRF key, never the key itself. */
  derivedKey(use: string): Buffer;
};

export const CSRF_FIELD = '_csrf';

export function pageSession(options: SessionOptions): PageSession {
  const prefix = options.secureCookies ? '__Host-' : '';
  const SESSION = `${prefix}arendenav_session`;
  const BROWSER = `${prefix}arendenav_csrf`;
  const cookieOptions = {
    path: '/',
    httpOnly: true,
    sameSite: 'Strict',
    secure: options.secureCookies,
  } as const;

  const tokenFor = (secret: string) =>
    createHmac('sha256', options.csrfKey).update(`csrf:${secret}`).digest('base64url');

  // The CSRF secret is no credential: Lax lets it arrive on a link from elsewhere, so a new one is not
  // made then (which would expire the forms in the person's other open tabs).
  const browserCookie = { ...cookieOptions, sameSite: 'Lax' } as const;
  const browserSecret = (c: Context<AppEnv>): string => {
    const existing = c.get('csrfSecret');
    if (existing) return existing;
    const fresh = randomBytes(32).toString('base64url');
    setCookie(c, BROWSER, fresh, browserCookie);
    c.set('csrfSecret', fresh);
    return fresh;
  };

  const sameOrigin = csrf({
    origin: (origin, c) => origin === new URL(c.req.url).origin || origin === options.publicOrigin,
  });

  return {
    middleware: async (c, next) => {
      const secret = getCookie(c, BROWSER);
      if (secret && /^[A-Za-z0-9_-]{43}$/.test(secret)) c.set('csrfSecret', secret);
      const token = getCookie(c, SESSION);
      if (token) {
        try {
          c.set('principal', await options.verifier.verify(token));
        } catch {
          // An expired or foreign session is simply no session.
          deleteCookie(c, SESSION, cookieOptions);
        }
      }
      c.header('cache-control', 'no-store');
      await next();
    },
    verifyForm: async (c, next) =>
      sameOrigin(c, async () => {
        const body = await c.req.parseBody();
        const given = body[CSRF_FIELD];
        const secret = c.get('csrfSecret');
        const expected = secret ? Buffer.from(tokenFor(secret)) : undefined;
        const actual = typeof given === 'string' ? Buffer.from(given) : undefined;
        if (!expected || !actual || actual.length !== expected.length || !timingSafeEqual(actual, expected)) {
          throw new AppError('forbidden', 'The form has expired or did not come from this service.', {
            context: { reason: 'csrf' },
          });
        }
        await next();
      }),
    csrfToken: (c) => tokenFor(browserSecret(c)),
    signIn: (c, token, ttlSeconds) => setCookie(c, SESSION, token, { ...cookieOptions, maxAge: ttlSeconds }),
    async signInVerified(c, token, ttlSeconds) {
      const principal = await options.verifier.verify(token);
      setCookie(c, SESSION, token, { ...cookieOptions, maxAge: ttlSeconds });
      return principal;
    },
    signOut: (c) => deleteCookie(c, SESSION, cookieOptions),
    derivedKey: (use) => createHmac('sha256', options.csrfKey).update(`key:${use}`).digest(),
  };
}
