/**
 * The production identity path against a real OpenID Provider: discovery, JWKS, key rotation, token
 * attacks, and the Swedish e-ID defaults (OIDC Sweden's number claims, a minimum assurance level).
 */

import { createPublicKey, type JsonWebKeyInput } from 'node:crypto';
import { decodeProtectedHeader, generateKeyPair, SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../app/create-app.js';
import { EnvError, parseEnv } from '../../app/env.js';
import { createLogger } from '../../app/logger.js';
import { createMetrics } from '../../app/metrics.js';
import { COORDINATION_NUMBER_CLAIM, LOA3, PERSONAL_IDENTITY_NUMBER_CLAIM } from '../../app/oidc-sweden.js';
import { oidcVerifier } from '../../app/oidc-verifier.js';
import { contactDepsOn } from '../../contacts/contact-deps.js';
import { loadTopics } from '../../contacts/load-topics.js';
import { subscriptionDepsOn } from '../../events/subscriptions.js';
import { createPersonRefHasher } from '../../person/person-ref.js';
import { loadPolicy } from '../../policy/load-policy.js';
import { searchIndexRule } from '../../policy/protected-identity.js';
import { CASE_DOMAINS } from '../../schemas/case.js';
import { createAuditLog } from '../../store/audit-log.js';
import { createCaseStore } from '../../store/case-store.js';
import { bearer, jsonPost, NOW, TEST_PERSON_REF_KEY } from '../support/app.js';
import { makeCase, TEST_CASE_ID_KEY } from '../support/cases.js';
import { freshDatabase } from '../support/databases.js';
import { fixtureCases, PNR_MAJA, SAMORDNINGSNUMMER } from '../support/fixtures.js';
import { capturingDestination } from '../support/log-sink.js';
import { HUB_AUDIENCE, LOA2, type OidcProviderHandle, startOidcProvider } from '../support/oidc-provider.js';

// Role, office and municipality under names other than the defaults, so the test proves the
// OIDC_*_CLAIM settings reach the verifier; the citizen's number comes in OIDC Sweden's claims,
// which the hub reads without any setting.
const CLAIMS = { role: 'kommun_roll', office: 'kommun_kontor', municipality: 'kommun_kod' };

/** Every form the citizens' numbers could leak in. */
const PNR_FORMS = [PNR_MAJA, SAMORDNINGSNUMMER].flatMap((n) => [
  n,
  n.replace('-', ''),
  n.slice(2),
  n.slice(2).replace('-', ''),
]);

/** A building permit whose applicant has a samordningsnummer and no personnummer. */
const COORDINATED_CASE = 'BN 2026-000777';

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
      CASE_ID_KEY: TEST_CASE_ID_KEY,
      OIDC_ROLE_CLAIM: CLAIMS.role,
      OIDC_OFFICE_CLAIM: CLAIMS.office,
      OIDC_MUNICIPALITY_CLAIM: CLAIMS.municipality,
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
  await store.upsertMany([
    ...Object.values(fixtureCases(personRefs)),
    makeCase({
      sourceId: '777',
      reference: COORDINATED_CASE,
      parties: [
        {
          role: 'applicant',
          personRef: personRefs.fromInput(SAMORDNINGSNUMMER) as string,
          protectedIdentity: false,
        },
      ],
    }),
  ]);
  // Also written to the test output that scripts/scan-test-output.mjs checks after the suite.
  const destination = capturingDestination(logLines);
  app = createApp({
    contacts: contactDepsOn(database.db, { secret: env.PERSON_REF_KEY as string, topics: loadTopics() }),
    subscriptions: subscriptionDepsOn(database.db, {
      secret: env.PERSON_REF_KEY as string,
      rules: { allowHttp: false, allowPrivate: false },
    }),
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
    [PERSONAL_IDENTITY_NUMBER_CLAIM]: PNR_MAJA.replace('-', ''),
    acr: LOA3,
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

const references = (body: Record<string, unknown>) =>
  (body.items as { reference: string }[]).map((i) => i.reference);

/** The log lines (parsed) that say why a token was refused. */
const refusals = () =>
  logLines
    .map((line) => JSON.parse(line) as Record<string, unknown>)
    .filter((entry) => entry.msg === 'token refused');

describe('Swedish e-ID defaults (OIDC Sweden claims, Sweden Connect assurance)', () => {
  it('find the citizen by personalIdentityNumber, with no claim setting', async () => {
    const token = await idp.tokenFor('citizen');
    const claims = JSON.parse(Buffer.from(token.split('.')[1] as string, 'base64url').toString());
    // The provider speaks OIDC Sweden: the claim is the URI, 12 digits without a hyphen.
    expect(claims[PERSONAL_IDENTITY_NUMBER_CLAIM]).toBe(PNR_MAJA.replace('-', ''));
    expect(claims.personnummer).toBeUndefined();
    const res = await myCasesAs(token);
    expect(res.status).toBe(200);
    expect(references(await pnrFreeBody(res))).toEqual(['SN 2026/0457', 'BN 2026-000123']);
  });

  it('find a citizen with a samordningsnummer by coordinationNumber', async () => {
    const res = await myCasesAs(await idp.tokenFor('coordinated'));
    expect(res.status).toBe(200);
    expect(references(await pnrFreeBody(res))).toEqual([COORDINATED_CASE]);
  });

  it('take the personnummer when a provider (against the profile) sends both numbers', async () => {
    const token = await idp.signWithCurrentKey(
      citizenClaims({ [COORDINATION_NUMBER_CLAIM]: SAMORDNINGSNUMMER.replace('-', '') }),
    );
    const res = await myCasesAs(token);
    expect(res.status).toBe(200);
    expect(references(await pnrFreeBody(res))).not.toContain(COORDINATED_CASE);
  });

  it('refuse an invalid personnummer rather than fall back to the coordination number', async () => {
    const token = await idp.signWithCurrentKey(
      citizenClaims({
        [PERSONAL_IDENTITY_NUMBER_CLAIM]: '199003212388',
        [COORDINATION_NUMBER_CLAIM]: SAMORDNINGSNUMMER.replace('-', ''),
      }),
    );
    await expectRefused(await myCasesAs(token), 'The token carries no valid personal identity number.');
  });

  it('refuse a citizen signed in below the minimum (LoA2 < LoA3), saying why in the log only', async () => {
    const before = refusals().length;
    const res = await myCasesAs(await idp.tokenFor('citizen-loa2'));
    await expectRefused(res, 'The sign-in’s assurance level is lower than this service requires.');
    const [entry] = refusals().slice(before);
    expect(entry).toMatchObject({ reason: 'acr_below_minimum', acr: LOA2, minimum: LOA3 });
    expect(typeof entry?.requestId).toBe('string');
  });

  it('refuse a citizen token without any acr, and log only that it was absent', async () => {
    const before = refusals().length;
    await expectRefused(await myCasesAs(await idp.signWithCurrentKey(citizenClaims({ acr: undefined }))));
    expect(refusals().slice(before)).toMatchObject([{ reason: 'acr_below_minimum', acr: 'absent' }]);
  });

  it('accept a citizen at the minimum (LoA3) and above it (LoA4)', async () => {
    expect((await myCasesAs(await idp.tokenFor('citizen'))).status).toBe(200);
    const loa4 = await idp.signWithCurrentKey(
      citizenClaims({ acr: 'http://id.elegnamnden.se/loa/1.0/loa4' }),
    );
    expect((await myCasesAs(loa4)).status).toBe(200);
  });

  it('leave staff tokens alone: they carry no acr', async () => {
    expect((await searchAs(await idp.tokenFor('infocenter'))).status).toBe(200);
  });

  it('read another claim when OIDC_PERSONNUMMER_CLAIM names it, and no longer the default', async () => {
    const env = productionEnv({ OIDC_PERSONNUMMER_CLAIM: 'personnummer' });
    expect(env.OIDC_PERSONNUMMER_CLAIM).toEqual(['personnummer']);
    const personRefs = createPersonRefHasher(TEST_PERSON_REF_KEY);
    const verifier = await oidcVerifier(env, personRefs, { cooldownDuration: 0 });
    const custom = await idp.signWithCurrentKey(
      citizenClaims({ [PERSONAL_IDENTITY_NUMBER_CLAIM]: undefined, personnummer: PNR_MAJA }),
    );
    expect(await verifier.verify(custom)).toMatchObject({ personRef: personRefs.fromInput(PNR_MAJA) });
    await expect(verifier.verify(await idp.tokenFor('citizen'))).rejects.toThrow(
      'The token carries no valid personal identity number.',
    );
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

describe('the minimum assurance level setting', () => {
  it('defaults to LoA3, can be another known level or none, and refuses anything else at start', () => {
    expect(productionEnv().OIDC_CITIZEN_MIN_ACR).toBe(LOA3);
    expect(productionEnv({ OIDC_CITIZEN_MIN_ACR: LOA2 }).OIDC_CITIZEN_MIN_ACR).toBe(LOA2);
    expect(productionEnv({ OIDC_CITIZEN_MIN_ACR: 'none' }).OIDC_CITIZEN_MIN_ACR).toBeUndefined();
    for (const bad of ['loa3', 'https://id.elegnamnden.se/loa/1.0/loa3', '']) {
      expect(() => productionEnv({ OIDC_CITIZEN_MIN_ACR: bad })).toThrow(EnvError);
    }
  });

  it('none lets a provider without acr in its access tokens sign citizens in', async () => {
    const env = productionEnv({ OIDC_CITIZEN_MIN_ACR: 'none' });
    const verifier = await oidcVerifier(env, createPersonRefHasher(TEST_PERSON_REF_KEY));
    const token = await idp.signWithCurrentKey(citizenClaims({ acr: undefined }));
    expect(await verifier.verify(token)).toMatchObject({ kind: 'citizen' });
  });
});

describe('logs', () => {
  it('never carry the personnummer', () => {
    expect(logLines.length).toBeGreaterThan(0);
    for (const form of PNR_FORMS) expect(logLines.join('\n')).not.toContain(form);
  });
});
