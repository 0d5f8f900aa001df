/** Bearer-token verification with `jose`: signature, issuer, audience, expiry and pinned algorithms. */
import { type JWTPayload, type JWTVerifyGetKey, errors as joseErrors, jwtVerify } from 'jose';
import type { PersonRefHasher } from '../person/person-ref.js';
import { parsePersonnummer } from '../person/personnummer.js';
import { AppError } from './errors.js';
import {
  COORDINATION_NUMBER_CLAIM,
  describeAcr,
  meetsMinimum,
  PERSONAL_IDENTITY_NUMBER_CLAIM,
} from './oidc-sweden.js';
import { type Principal, STAFF_ROLES, type StaffRole, type TokenVerifier } from './principal.js';

export type ClaimNames = {
  role: string;
  office: string;
  municipality: string;
  /** Claims that may carry the citizen's number, in order of precedence: the first present is used. */
  personnummer: readonly string[];
};

/**
 * OIDC Sweden's claims for the citizen's number: a personnummer, or else a samordningsnummer (the
 * profile forbids a provider to send both; should one do so, the personnummer wins).
 */
export const DEFAULT_CLAIMS: ClaimNames = {
  role: 'arendenav_role',
  office: 'arendenav_office',
  municipality: 'arendenav_municipality',
  personnummer: [PERSONAL_IDENTITY_NUMBER_CLAIM, COORDINATION_NUMBER_CLAIM],
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
  /** The lowest `acr` a citizen's token must carry (a Sweden Connect URI); no check when absent. */
  citizenMinimumAcr?: string | undefined;
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
  citizenMinimumAcr,
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
      const principal = principalFrom(payload, claims, personRefs, citizenMinimumAcr);
      const expires = typeof payload.exp === 'number' ? payload.exp * 1000 : now;
      if (verified.size >= CACHE_LIMIT) verified.delete(verified.keys().next().value as string);
      verified.set(token, { principal, until: Math.min(expires, now + CACHE_MS) });
      return principal;
    },
  };
}

function principalFrom(
  payload: JWTPayload,
  claims: ClaimNames,
  personRefs: PersonRefHasher,
  minimumAcr: string | undefined,
): Principal {
  const subject = typeof payload.sub === 'string' ? payload.sub : undefined;
  const role = payload[claims.role];
  if (!subject) throw new AppError('unauthenticated', 'The token has no subject.');
  if (role === 'citizen') {
    // A citizen sees confidential case data (social services too): a weaker e-ID than required is no sign-in.
    if (minimumAcr && !meetsMinimum(payload.acr, minimumAcr)) {
      throw new AppError(
        'unauthenticated',
        'The sign-in’s assurance level is lower than this service requires.',
        {
          context: { reason: 'acr_below_minimum', acr: describeAcr(payload.acr), minimum: minimumAcr },
        },
      );
    }
    // The first claim present decides: an invalid number there never falls back to another claim.
    const claim = claims.personnummer.find((name) => payload[name] !== undefined);
    const pnr = claim ? payload[claim] : undefined;
    const refs = typeof pnr === 'string' ? personRefs.allFromInput(pnr) : undefined;
    if (!refs?.[0])
      throw new AppError('unauthenticated', 'The token carries no valid personal identity number.', {
        context: { reason: claim ? 'personnummer_invalid' : 'personnummer_missing' },
      });
    const number = typeof pnr === 'string' ? parsePersonnummer(pnr) : undefined;
    return {
      kind: 'citizen',
      subject,
      role: 'citizen',
      personRef: refs[0],
      personRefs: refs,
      ...(number?.ok ? { identityNumber: () => number.value.normalized } : {}),
    };
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
