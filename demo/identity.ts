/** Demo-mode identity: a local signing key in the data directory and tokens for the demo personas. */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createLocalJWKSet, exportJWK, generateKeyPair, importJWK, type JWK, SignJWT } from 'jose';
import type { HubIdentity } from '../app/hub.js';
import { createJwtVerifier, DEFAULT_CLAIMS } from '../app/jwt-verifier.js';
import { findPersona, PERSONAS, type Persona } from './personas.js';

export const DEMO_ISSUER = 'urn:arendenav:demo';
export const DEMO_AUDIENCE = 'arendenav';
const KEY_FILE = 'demo-signing-key.json';

export type DemoIdentity = {
  keys: ReturnType<typeof createLocalJWKSet>;
  issue(persona: Persona, ttlSeconds?: number): Promise<string>;
};

/**
 * Loads the demo signing key from `dataDir` (creating it on first use, readable by the owner only)
 * so that `arendenav demo-token` and the running hub agree; `dataDir` undefined keeps it in memory.
 */
export async function loadDemoIdentity(dataDir?: string): Promise<DemoIdentity> {
  const file = dataDir ? join(dataDir, KEY_FILE) : undefined;
  let privateJwk: JWK;
  if (file && existsSync(file)) {
    privateJwk = JSON.parse(readFileSync(file, 'utf8')) as JWK;
  } else {
    const { privateKey } = await generateKeyPair('ES256', { extractable: true });
    privateJwk = { ...(await exportJWK(privateKey)), kid: `demo-${Date.now().toString(36)}`, alg: 'ES256' };
    if (file && dataDir) {
      mkdirSync(dataDir, { recursive: true });
      writeFileSync(file, JSON.stringify(privateJwk), { mode: 0o600 });
    }
  }
  const { d: _private, ...publicJwk } = privateJwk;
  const signingKey = await importJWK(privateJwk, 'ES256');
  return {
    keys: createLocalJWKSet({ keys: [publicJwk] }),
    async issue(persona, ttlSeconds = 8 * 3600) {
      const claims: Record<string, string> = { [DEFAULT_CLAIMS.role]: persona.role };
      if (persona.office) claims[DEFAULT_CLAIMS.office] = persona.office;
      if (persona.municipality) claims[DEFAULT_CLAIMS.municipality] = persona.municipality;
      // As OIDC Sweden sends it: 12 digits, no hyphen.
      if (persona.personnummer)
        claims[DEFAULT_CLAIMS.personnummer[0] as string] = persona.personnummer.replace(/\D/g, '');
      return new SignJWT(claims)
        .setProtectedHeader({ alg: 'ES256', kid: String(privateJwk.kid) })
        .setIssuer(DEMO_ISSUER)
        .setAudience(DEMO_AUDIENCE)
        .setSubject(`demo:${persona.id}`)
        .setIssuedAt()
        .setExpirationTime(`${ttlSeconds}s`)
        .sign(signingKey);
    },
  };
}

/**
 * The demo's sign-in for the hub: tokens signed by the local demo key are verified, and the sign-in
 * page offers the demo personas.
 *
 * @example
 * await startHub(env, 'demo', { identity: demoHubIdentity(await loadDemoIdentity(dataDir)) });
 */
export function demoHubIdentity(identity: DemoIdentity): HubIdentity {
  return {
    verifier: (personRefs) =>
      createJwtVerifier({
        keys: identity.keys,
        issuer: DEMO_ISSUER,
        audience: DEMO_AUDIENCE,
        algorithms: ['ES256'],
        personRefs,
      }),
    signIn: {
      personas: PERSONAS,
      issue: (personaId, ttlSeconds) => identity.issue(findPersona(personaId) as Persona, ttlSeconds),
    },
  };
}
