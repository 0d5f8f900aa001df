/**
 * Production sign-in for the pages: the OpenID Connect authorization code flow with PKCE, state and
 * nonce (openid-client). The access token the provider returns is verified exactly as an API bearer
 * token is, and becomes the page session.
 */
import type { Context } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import * as oidc from 'openid-client';
import type { AppEnv } from '../app/context.js';
import { AppError } from '../app/errors.js';

export type OidcSignInSettings = {
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** The hub's public address, e.g. https://arendenav.kommun.se; the provider redirects back under it. */
  publicUrl: string;
  /** Scopes to ask for (`openid` at least). */
  scope: string;
  /** RFC 8707 resource indicator, when the provider issues access tokens per API. */
  resource?: string | undefined;
  /**
   * Assurance levels to ask the provider for (`acr_values`, preferred first): those that meet the
   * citizens' minimum, which the verifier enforces whatever the provider answers.
   */
  acrValues?: readonly string[] | undefined;
  /** Plain-http issuer on loopback (tests only). */
  allowInsecure?: boolean;
  /** `Secure` flow cookie; false only on plain-http loopback. */
  secureCookies: boolean;
};

export type OidcSignIn = {
  /** Sends the browser to the provider, remembering where to return (`next`) and the page language. */
  start(c: Context<AppEnv>, next: string, lang: string): Promise<Response>;
  /** Completes the flow from the provider's redirect; returns the access token and where to go. */
  finish(c: Context<AppEnv>): Promise<{ accessToken: string; expiresIn: number; next: string; lang: string }>;
  /**
   * Where to send the browser to end the provider's own session too (RP-initiated logout), so the
   * next person at a shared computer is not signed in again silently; undefined when it has none.
   */
  endSessionUrl(): Promise<string | undefined>;
};

export const CALLBACK_PATH = '/logga-in/klar';
const FLOW_SECONDS = 600;

type Flow = { state: string; nonce: string; verifier: string; next: string; lang: string };

/**
 * Discovery happens on first use, so a hub whose provider is briefly down still starts (the API
 * keeps working with bearer tokens). The flow's secrets live in a short HttpOnly cookie, SameSite=Lax
 * because the provider's redirect back is a cross-site top-level navigation.
 */
export function createOidcSignIn(settings: OidcSignInSettings): OidcSignIn {
  let configuration: Promise<oidc.Configuration> | undefined;
  const config = () => {
    configuration ??= oidc
      .discovery(new URL(settings.issuer), settings.clientId, settings.clientSecret, undefined, {
        ...(settings.allowInsecure ? { execute: [oidc.allowInsecureRequests] } : {}),
      })
      .catch((error: unknown) => {
        configuration = undefined;
        throw new AppError('store_unavailable', 'The identity provider does not answer.', {
          retryable: true,
          cause: error,
        });
      });
    return configuration;
  };
  const cookieName = `${settings.secureCookies ? '__Host-' : ''}arendenav_signin`;
  const cookieOptions = {
    path: '/',
    httpOnly: true,
    sameSite: 'Lax',
    secure: settings.secureCookies,
  } as const;
  const redirectUri = new URL(CALLBACK_PATH, settings.publicUrl).href;
  const resource: Record<string, string> = settings.resource ? { resource: settings.resource } : {};

  return {
    async start(c, next, lang) {
      const flow: Flow = {
        state: oidc.randomState(),
        nonce: oidc.randomNonce(),
        verifier: oidc.randomPKCECodeVerifier(),
        next,
        lang,
      };
      const url = oidc.buildAuthorizationUrl(await config(), {
        redirect_uri: redirectUri,
        scope: settings.scope,
        state: flow.state,
        nonce: flow.nonce,
        code_challenge: await oidc.calculatePKCECodeChallenge(flow.verifier),
        code_challenge_method: 'S256',
        ui_locales: lang,
        ...(settings.acrValues?.length ? { acr_values: settings.acrValues.join(' ') } : {}),
        ...resource,
      });
      setCookie(c, cookieName, Buffer.from(JSON.stringify(flow)).toString('base64url'), {
        ...cookieOptions,
        maxAge: FLOW_SECONDS,
      });
      return c.redirect(url.href, 302);
    },

    async endSessionUrl() {
      let cfg: oidc.Configuration;
      try {
        cfg = await config();
      } catch {
        return undefined; // the provider is down: the hub's own session is gone all the same
      }
      if (!cfg.serverMetadata().end_session_endpoint) return undefined;
      return oidc.buildEndSessionUrl(cfg, {
        client_id: settings.clientId,
        post_logout_redirect_uri: new URL('/', settings.publicUrl).href,
      }).href;
    },

    async finish(c) {
      const flow = readFlow(getCookie(c, cookieName));
      deleteCookie(c, cookieName, cookieOptions);
      if (!flow) throw new AppError('forbidden', 'The sign-in has expired.', { context: { reason: 'csrf' } });
      // The provider answers at our public address; behind a proxy the request URL says otherwise.
      const current = new URL(c.req.url);
      const callback = new URL(`${redirectUri}${current.search}`);
      let tokens: Awaited<ReturnType<typeof oidc.authorizationCodeGrant>>;
      try {
        tokens = await oidc.authorizationCodeGrant(
          await config(),
          callback,
          {
            pkceCodeVerifier: flow.verifier,
            expectedState: flow.state,
            expectedNonce: flow.nonce,
            idTokenExpected: true,
          },
          resource,
        );
      } catch (error) {
        if (error instanceof AppError) throw error;
        throw new AppError('unauthenticated', 'The sign-in was not completed.', { cause: error });
      }
      return {
        accessToken: tokens.access_token,
        expiresIn: Math.min(tokens.expiresIn() ?? 3600, 8 * 3600),
        next: flow.next,
        lang: flow.lang,
      };
    },
  };
}

function readFlow(value: string | undefined): Flow | undefined {
  if (!value) return undefined;
  try {
    const flow = JSON.parse(Buffer.from(value, 'base64url').toString('utf8')) as Partial<Flow>;
    return typeof flow.state === 'string' &&
      typeof flow.nonce === 'string' &&
      typeof flow.verifier === 'string' &&
      typeof flow.next === 'string' &&
      typeof flow.lang === 'string'
      ? (flow as Flow)
      : undefined;
  } catch {
    return undefined;
  }
}
