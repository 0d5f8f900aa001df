/** The production identity path against a real OpenID Provider: discovery, JWKS, key rotation and token attacks. */
import { createPublicKey, type JsonWebKeyInput } from 'node:crypto';
import { decodeProtectedHeader, generateKeyPair, SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../app/create-app.js';
import { EnvError, parseEnv } from '../../app/env.js';
import { oidcVerifier } from '../../app/hub.js';
import type { ClaimNames } from '../../app/jwt-verifier.js';
import { createLogger } from '../../app/logger.js';
import { createMetrics } from '../../app/metrics.js';
import { createPersonRefHasher } from '../../person/person-ref.js';
import { loadPolicy } from '../../policy/load-policy.js';
import { searchIndexRule } from '../../policy/protected-identity.js';
import { CASE_DOMAINS } from '../../schemas/case.js';
import { createAuditLog } from '../../store/audit-log.js';
import { createCaseStore } from '../../store/case-store.js';
import { bearer, jsonPost, NOW, TEST_PERSON_REF_KEY } from '../support/app.js';
import { freshDatabase } from '../support/databases.js';
import { fixtureCases, PNR_MAJA } from '../support/fixtures.js';
import { capturingDestination } from '../support/log-sink.js';
import { HUB_AUDIENCE, type OidcProviderHandle, startOidcProvider } from '../support/oidc-provider.js';

// Names other than the defaults, so the test proves the OIDC_*_CLAIM settings reach the verifier;
// the personnummer claim is the one the Swedish OIDC profile (Sweden Connect) uses.
const CLAIMS: ClaimNames = {
  role: 'kommun_roll',
  office: 'kommun_kontor',
  municipality: 'kommun_kod',
  personnummer: 'https://id.oidc.se/claim/personalIdentityNumber',
};

/** Every form the citizen's number could leak in. */
const PNR_FORMS = [
  PNR_MAJA,
  PNR_MAJA.replace('-', ''),
  PNR_MAJA.slice(2),
  PNR_MAJA.slice(2).replace('-', ''),
];

let idp: OidcProviderHandle;
let app: ReturnType<typeof createApp>;
let drop: () => Promise<void>;
const logLines: string[] = [];

function productionEnv(overrides: Record<string, string | undefined> = {}) {
  return parseEnv(
    {
      DATABASE_URL: 'postgres://hub@db.invalid/arendenav',
      OIDC_ISSUER: idp.issuer,
      OIDC_AUDIENCE: HUB_AUDIENCE,
      PERSON_REF_KEY: TEST_PERSON_REF_KEY,
      OIDC_ROLE_CLAIM: CLAIMS.role,
      OIDC_OFFICE_CLAIM: CLAIMS.office,
      OIDC_MUNICIPALITY_CLAIM: CLAIMS.municipality,
      OIDC_PERSONNUMMER_CLAIM: CLAIMS.personnummer,
      ...overrides,
    },
    'production',
  );
}

beforeAll(async () => {
  idp = await startOidcProvider({ claims: CLAIMS });
  const env = productionEnv();
  const personRefs = createPersonRefHasher(env.PERSON_REF_KEY as string);
  // jose refetches the JWKS for an unknown kid at most once per 30 s; the test cannot wait that long.
  const verifier = await oidcVerifier(env, personRefs, { cooldownDuration: 0 });
  const database = await freshDatabase('pglite');
  drop = database.drop;
  const store = createCaseStore(database.db, { searchIndex: searchIndexRule(loadPolicy()) });
  await store.upsertMany(Object.values(fixtureCases(personRefs)));
  // Also written to the test output that scripts/scan-test-output.mjs checks after the suite.
  const destination = capturingDestination(logLines);
  app = createApp({
    audit: createAuditLog(database.db),
    store,
    personRefs,
    now: () => NOW,
    staleAfterSeconds: 3600,
    domains: CASE_DOMAINS,
    logger: createLogger({ level: 'info', destination }),
    metrics: createMetrics({ defaultMetrics: false }),
    verifier,
  });
});
afterAll(async () => {
  await drop?.();
  await idp?.close();
});

const searchAs = (token: string) => app.request('/api/v1/cases/search', jsonPost(token, { q: 'garage' }));
const myCasesAs = (token: string) => app.request('/api/v1/me/cases', bearer(token));

/** Reads the body once and checks that no form of the citizen's personnummer is in it. */
async function pnrFreeBody(res: Response): Promise<Record<string, unknown>> {
  const text = await res.text();
  for (const form of PNR_FORMS) expect(text).not.toContain(form);
  return JSON.parse(text) as Record<string, unknown>;
}

async function expectRefused(res: Response, detail?: string) {
  expect(res.status).toBe(401);
  expect(res.headers.get('content-type')).toContain('application/problem+json');
  const body = await pnrFreeBody(res);
  expect(body.type).toBe('https://arendenav.se/problems/unauthenticated');
  if (detail) expect(body.detail).toBe(detail);
}

/** Claims the provider would give the citizen, for tokens the test forges. */
function citizenClaims(overrides: Record<string, unknown> = {}) {
  const now = Math.floor(Date.now() / 1000);
  return {
    sub: 'citizen',
    iss: idp.issuer,
    aud: HUB_AUDIENCE,
    iat: now,
    exp: now + 600,
    [CLAIMS.role]: 'citizen',
    [CLAIMS.personnummer]: PNR_MAJA,
    ...overrides,
  };
}

const b64url = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

describe('tokens from the real provider', () => {
  it('let an info-center agent search', async () => {
    const res = await searchAs(await idp.tokenFor('infocenter'));
    expect(res.status).toBe(200);
    const body = await pnrFreeBody(res);
    expect((body.items as { reference: string }[]).map((i) => i.reference)).toContain('BN 2026-000123');
  });

  it('let a citizen list exactly their own cases', async () => {
    const res = await myCasesAs(await idp.tokenFor('citizen'));
    expect(res.status).toBe(200);
    const body = await pnrFreeBody(res);
    expect((body.items as { reference: string }[]).map((i) => i.reference)).toEqual([
      'SN 2026/0457',
      'BN 2026-000123',
    ]);
  });

  it('keep the citizen’s role off staff search', async () => {
    expect((await searchAs(await idp.tokenFor('citizen'))).status).toBe(403);
  });
});

describe('token attacks answer 401 problem+json', () => {
  it('alg none', async () => {
    const header = { alg: 'none', typ: 'at+jwt', kid: idp.currentKid() };
    await expectRefused(await myCasesAs(`${b64url(header)}.${b64url(citizenClaims())}.`));
  });

  it('HS256 signed with the provider’s public key as the shared secret', async () => {
    const { jwks_uri: jwksUri } = await (
      await fetch(`${idp.issuer}/.well-known/openid-configuration`)
    ).json();
    const { keys } = (await (await fetch(jwksUri)).json()) as { keys: JsonWebKeyInput['key'][] };
    const pem = createPublicKey({ key: keys[0] as JsonWebKeyInput['key'], format: 'jwk' }).export({
      type: 'spki',
      format: 'pem',
    });
    const token = await new SignJWT(citizenClaims())
      .setProtectedHeader({ alg: 'HS256', kid: idp.currentKid() })
      .sign(new TextEncoder().encode(String(pem)));
    await expectRefused(await myCasesAs(token));
  });

  it('expired, though signed by the provider’s own key', async () => {
    const past = Math.floor(Date.now() / 1000) - 3600;
    const token = await idp.signWithCurrentKey(citizenClaims({ iat: past - 600, exp: past }));
    await expectRefused(await myCasesAs(token), 'The token has expired.');
  });

  it('issued by the provider for another API (wrong audience)', async () => {
    await expectRefused(await searchAs(await idp.tokenFor('infocenter', 'urn:other-api')));
  });

  it('wrong issuer, though signed by the provider’s key', async () => {
    const token = await idp.signWithCurrentKey(citizenClaims({ iss: 'https://idp.example.invalid' }));
    await expectRefused(await myCasesAs(token));
  });

  it('a kid that is not in the JWKS', async () => {
    const { privateKey } = await generateKeyPair('RS256');
    const token = await new SignJWT(citizenClaims())
      .setProtectedHeader({ alg: 'RS256', kid: 'k-not-published' })
      .sign(privateKey);
    await expectRefused(await myCasesAs(token));
  });

  it('a valid token whose role claim was changed', async () => {
    const [header, payload, signature] = (await idp.tokenFor('infocenter')).split('.');
    const claims = JSON.parse(Buffer.from(payload as string, 'base64url').toString());
    const forged = `${header}.${b64url({ ...claims, [CLAIMS.role]: 'officer' })}.${signature}`;
    await expectRefused(await searchAs(forged));
  });
});

describe('key rotation at the provider', () => {
  it('accepts a token under the new kid and refuses an unused one under the removed key', async () => {
    const before = await idp.tokenFor('infocenter');
    expect((await searchAs(before)).status).toBe(200);
    const oldKeyToken = await idp.tokenFor('citizen');
    await idp.rotateKeys();
    const after = await idp.tokenFor('infocenter');
    expect(decodeProtectedHeader(after).kid).not.toBe(decodeProtectedHeader(before).kid);
    // The cached JWKS does not know the new kid, so the verifier fetches it again.
    expect((await searchAs(after)).status).toBe(200);
    // The refreshed JWKS no longer publishes the old key.
    await expectRefused(await myCasesAs(oldKeyToken));
  });
});

describe('production OIDC settings', () => {
  it('refuse to start without an issuer or audience', () => {
    expect(() => productionEnv({ OIDC_ISSUER: undefined })).toThrow(EnvError);
    expect(() => productionEnv({ OIDC_AUDIENCE: undefined })).toThrow(EnvError);
  });

  it('pin asymmetric algorithms only', () => {
    expect(productionEnv().OIDC_ALGORITHMS).toEqual(['ES256', 'RS256', 'PS256', 'EdDSA']);
    expect(productionEnv({ OIDC_ALGORITHMS: ' RS256, ES256 ' }).OIDC_ALGORITHMS).toEqual(['RS256', 'ES256']);
    for (const bad of ['HS256', 'none', 'RS256,none', '']) {
      expect(() => productionEnv({ OIDC_ALGORITHMS: bad })).toThrow(EnvError);
    }
  });
});

describe('logs', () => {
  it('never carry the personnummer', () => {
    expect(logLines.length).toBeGreaterThan(0);
    for (const form of PNR_FORMS) expect(logLines.join('\n')).not.toContain(form);
  });
});
