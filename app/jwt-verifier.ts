/** Bearer-token verification with `jose`: signature, issuer, audience, expiry and pinned algorithms. */
import { type JWTPayload, type JWTVerifyGetKey, errors as joseErrors, jwtVerify } from 'jose';
import type { PersonRefHasher } from '../person/person-ref.js';
import { AppError } from './errors.js';
import { type Principal, STAFF_ROLES, type StaffRole, type TokenVerifier } from './principal.js';

export type ClaimNames = { role: string; office: string; municipality: string; personnummer: string };

export const DEFAULT_CLAIMS: ClaimNames = {
  role: 'arendenav_role',
  office: 'arendenav_office',
  municipality: 'arendenav_municipality',
  personnummer: 'personnummer',
};

const CACHE_LIMIT = 10_000;
const CACHE_MS = 5 * 60_000;

export type JwtVerifierOptions = {
  keys: JWTVerifyGetKey;
  issuer: string;
  audience: string;
  algorithms?: string[];
  claims?: ClaimNames;
  personRefs: PersonRefHasher;
};

/**
 * A verifier for tokens from the configured issuer. Citizens are recognised by the personnummer
 * claim, which is turned into a person reference at once and not kept.
 *
 * @example
 * const verifier = createJwtVerifier({ keys: createRemoteJWKSet(jwksUrl), issuer, audience, personRefs });
 */
export function createJwtVerifier({
  keys,
  issuer,
  audience,
  algorithms = ['ES256', 'RS256', 'PS256', 'EdDSA'],
  claims = DEFAULT_CLAIMS,
  personRefs,
}: JwtVerifierOptions): TokenVerifier {
  // Verifying an ES256 signature costs more than the case lookup it guards; a token already verified
  // is remembered until it expires (at most five minutes), in a bounded map.
  const verified = new Map<string, { principal: Principal; until: number }>();
  return {
    async verify(token) {
      const now = Date.now();
      const known = verified.get(token);
      if (known && known.until > now) return known.principal;
      if (known) verified.delete(token);
      let payload: JWTPayload;
      try {
        ({ payload } = await jwtVerify(token, keys, {
          issuer,
          audience,
          algorithms,
          clockTolerance: 30,
          // A token that never expires is not accepted, whatever signed it.
          requiredClaims: ['exp', 'sub'],
        }));
      } catch (error) {
        const reason =
          error instanceof joseErrors.JWTExpired ? 'The token has expired.' : 'The token is not valid.';
        throw new AppError('unauthenticated', reason);
      }
      const principal = principalFrom(payload, claims, personRefs);
      const expires = typeof payload.exp === 'number' ? payload.exp * 1000 : now;
      if (verified.size >= CACHE_LIMIT) verified.delete(verified.keys().next().value as string);
      verified.set(token, { principal, until: Math.min(expires, now + CACHE_MS) });
      return principal;
    },
  };
}

function principalFrom(payload: JWTPayload, claims: ClaimNames, personRefs: PersonRefHasher): Principal {
  const subject = typeof payload.sub === 'string' ? payload.sub : undefined;
  const role = payload[claims.role];
  if (!subject) throw new AppError('unauthenticated', 'The token has no subject.');
  if (role === 'citizen') {
    const pnr = payload[claims.personnummer];
    const refs = typeof pnr === 'string' ? personRefs.allFromInput(pnr) : undefined;
    if (!refs?.[0])
      throw new AppError('unauthenticated', 'The token carries no valid personal identity number.');
    return { kind: 'citizen', subject, role: 'citizen', personRef: refs[0], personRefs: refs };
  }
  if (typeof role === 'string' && (STAFF_ROLES as readonly string[]).includes(role)) {
    const office = payload[claims.office];
    const municipality = payload[claims.municipality];
    return {
      kind: 'staff',
      subject,
      role: role as StaffRole,
      ...(typeof office === 'string' ? { office } : {}),
      ...(typeof municipality === 'string' ? { municipality } : {}),
    };
  }
  throw new AppError('unauthenticated', 'The token grants no role in this service.');
}
