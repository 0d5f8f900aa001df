/** The pages' options of a hub: sessions, CSRF, the public origin and, in production, the e-ID sign-in. */
import type { Municipalities } from '../municipalities/municipality-schema.js';
import { createOidcSignIn } from '../pages/oidc-sign-in.js';
import type { AppDeps } from './create-app.js';
import type { Env, Mode } from './env.js';
import { derivedKey } from './hub-store.js';
import { acceptedAcrs } from './oidc-sweden.js';

/**
 * @example
 * createApp({ …, pages: hubPageOptions(env, mode, { key, municipalities }) });
 */
export function hubPageOptions(
  env: Env,
  mode: Mode,
  hub: {
    key: string;
    municipalities: Municipalities;
    signIn?: NonNullable<AppDeps['pages']>['signIn'] | undefined;
  },
): NonNullable<AppDeps['pages']> {
  return {
    ...(hub.signIn ? { signIn: hub.signIn } : {}),
    // Behind TLS in production; the demo runs on plain http://localhost.
    secureCookies: mode === 'production',
    municipalities: hub.municipalities,
    // Every instance must accept the forms the others issued: the key is given, or derived from
    // the person-reference key all instances share.
    csrfKey: env.ARENDENAV_CSRF_KEY ? Buffer.from(env.ARENDENAV_CSRF_KEY) : derivedKey(hub.key, 'csrf'),
    ...(env.ARENDENAV_PUBLIC_URL ? { publicOrigin: new URL(env.ARENDENAV_PUBLIC_URL).origin } : {}),
    ...(mode === 'production' && env.OIDC_CLIENT_ID && env.OIDC_CLIENT_SECRET && env.ARENDENAV_PUBLIC_URL
      ? {
          oidcSignIn: createOidcSignIn({
            issuer: env.OIDC_ISSUER as string,
            clientId: env.OIDC_CLIENT_ID,
            clientSecret: env.OIDC_CLIENT_SECRET,
            publicUrl: env.ARENDENAV_PUBLIC_URL,
            scope: env.OIDC_SCOPE,
            resource: env.OIDC_RESOURCE,
            ...(env.OIDC_CITIZEN_MIN_ACR ? { acrValues: acceptedAcrs(env.OIDC_CITIZEN_MIN_ACR) } : {}),
            secureCookies: true,
          }),
        }
      : {}),
  };
}
