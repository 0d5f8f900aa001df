/** The production verifier of bearer tokens: the configured OpenID provider's discovery, JWKS and claims. */
import { createRemoteJWKSet, type RemoteJWKSetOptions } from 'jose';
import type { PersonRefHasher } from '../person/person-ref.js';
import type { Env } from './env.js';
import { createJwtVerifier, DEFAULT_CLAIMS } from './jwt-verifier.js';
import type { TokenVerifier } from './principal.js';

/** How long the hub trusts a fetched JWKS; only tests shorten the refetch cooldown. */
export type JwksCacheOptions = Pick<RemoteJWKSetOptions, 'cooldownDuration' | 'cacheMaxAge'>;

/**
 * The production verifier: discovery names the JWKS, whose keys are fetched again whenever a token
 * names an unknown `kid` (after the provider rotates keys), at most once per cooldown.
 */
export async function oidcVerifier(
  env: Env,
  personRefs: PersonRefHasher,
  jwksCache: JwksCacheOptions = {},
): Promise<TokenVerifier> {
  const issuer = env.OIDC_ISSUER as string;
  const discovery = await fetch(
    new URL('.well-known/openid-configuration', issuer.endsWith('/') ? issuer : `${issuer}/`),
  );
  if (!discovery.ok) throw new Error(`OIDC discovery at ${issuer} answered ${discovery.status}`);
  const { jwks_uri: jwksUri } = (await discovery.json()) as { jwks_uri?: string };
  if (!jwksUri) throw new Error(`OIDC discovery at ${issuer} names no jwks_uri`);
  return createJwtVerifier({
    keys: createRemoteJWKSet(new URL(jwksUri), jwksCache),
    issuer,
    audience: env.OIDC_AUDIENCE as string,
    algorithms: env.OIDC_ALGORITHMS,
    claims: {
      role: env.OIDC_ROLE_CLAIM ?? DEFAULT_CLAIMS.role,
      office: env.OIDC_OFFICE_CLAIM ?? DEFAULT_CLAIMS.office,
      municipality: env.OIDC_MUNICIPALITY_CLAIM ?? DEFAULT_CLAIMS.municipality,
      personnummer: env.OIDC_PERSONNUMMER_CLAIM ?? DEFAULT_CLAIMS.personnummer,
    },
    personRefs,
    citizenMinimumAcr: env.OIDC_CITIZEN_MIN_ACR,
  });
}
