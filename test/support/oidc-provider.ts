/**
 * A real OpenID Provider (`oidc-provider`) on loopback that issues JWT access tokens for the hub's
 * personas, with the citizen's number in OIDC Sweden's claims and the e-ID's assurance level in `acr`.
 */
import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, type JWK, type JWTPayload, SignJWT } from 'jose';
import Provider, { type ClientMetadata, type Configuration, errors } from 'oidc-provider';
import { DEFAULT_CLAIMS } from '../../app/jwt-verifier.js';
import { COORDINATION_NUMBER_CLAIM, LOA3, PERSONAL_IDENTITY_NUMBER_CLAIM } from '../../app/oidc-sweden.js';
import { PNR_MAJA, SAMORDNINGSNUMMER } from './fixtures.js';

/** The resource indicator (RFC 8707) a client asks for; the provider turns `urn:<name>` into audience `<name>`. */
export const HUB_RESOURCE = 'urn:arendenav';
export const HUB_AUDIENCE = 'arendenav';

export type OidcPersona = 'infocenter' | 'officer' | 'citizen' | 'coordinated' | 'citizen-loa2';

/** Sweden Connect's LoA2: a weaker e-ID than the hub's default minimum for citizens. */
export const LOA2 = 'http://id.elegnamnden.se/loa/1.0/loa2';

type PersonaClaims = {
  role: string;
  office?: string;
  municipality?: string;
  /** Sent as OIDC Sweden sends it: 12 digits, no hyphen. */
  personalIdentityNumber?: string;
  coordinationNumber?: string;
  /** The assurance level of the e-ID used; staff tokens carry none. */
  acr?: string;
};

/** What each client id (and login name) stands for, as a Swedish e-ID broker would describe them. */
const PERSONAS: Record<OidcPersona, PersonaClaims> = {
  infocenter: { role: 'infocenter', municipality: '2480' },
  officer: { role: 'officer', office: 'BN', municipality: '2480' },
  citizen: { role: 'citizen', personalIdentityNumber: PNR_MAJA.replace('-', ''), acr: LOA3 },
  coordinated: { role: 'citizen', coordinationNumber: SAMORDNINGSNUMMER.replace('-', ''), acr: LOA3 },
  'citizen-loa2': { role: 'citizen', personalIdentityNumber: PNR_MAJA.replace('-', ''), acr: LOA2 },
};

/** The claim names the provider issues under; its defaults are the hub's and OIDC Sweden's. */
export type ProviderClaims = {
  role: string;
  office: string;
  municipality: string;
  personalIdentityNumber: string;
  coordinationNumber: string;
};

const PROVIDER_CLAIMS: ProviderClaims = {
  role: DEFAULT_CLAIMS.role,
  office: DEFAULT_CLAIMS.office,
  municipality: DEFAULT_CLAIMS.municipality,
  personalIdentityNumber: PERSONAL_IDENTITY_NUMBER_CLAIM,
  coordinationNumber: COORDINATION_NUMBER_CLAIM,
};

export type OidcProviderHandle = {
  /** The issuer URL, exactly as it appears in `iss` and in discovery. */
  issuer: string;
  /** The pages' client secret (when started with `pagesRedirectUri`). */
  pagesClientSecret: string;
  /** A fresh access token from the token endpoint (client_credentials grant), for `resource`. */
  tokenFor(persona: OidcPersona, resource?: string): Promise<string>;
  /** The current signing key's id, as published in the JWKS. */
  currentKid(): string;
  /** Signs `payload` with the provider's current private key, for tokens the provider would not issue. */
  signWithCurrentKey(payload: JWTPayload): Promise<string>;
  /** Replaces the provider with one holding only a new signing key (new `kid`) on the same issuer URL. */
  rotateKeys(): Promise<void>;
  close(): Promise<void>;
};

type SigningKey = {
  jwk: JWK;
  kid: string;
  privateKey: Awaited<ReturnType<typeof generateKeyPair>>['privateKey'];
};

async function newSigningKey(): Promise<SigningKey> {
  const { privateKey } = await generateKeyPair('RS256', { extractable: true });
  const kid = `k-${randomBytes(6).toString('hex')}`;
  return { jwk: { ...(await exportJWK(privateKey)), kid, alg: 'RS256', use: 'sig' }, kid, privateKey };
}

/** The hub's pages as a browser client (authorization code flow); the login typed at the provider is the persona. */
export const PAGES_CLIENT_ID = 'arendenav-pages';

function configuration(
  key: SigningKey,
  claims: ProviderClaims,
  secrets: Record<OidcPersona, string>,
  pages: { redirectUri: string; secret: string } | undefined,
) {
  const config: Configuration = {
    jwks: { keys: [key.jwk] },
    ttl: {
      ClientCredentials: 600,
      AccessToken: 600,
      IdToken: 600,
      Interaction: 600,
      Session: 3600,
      Grant: 3600,
    },
    // The login name typed at the provider's dev login page is the account (and the persona).
    findAccount: (_ctx, id) => ({ accountId: id, claims: () => ({ sub: id }) }),
    // Machine clients (client_credentials, no browser) and, when asked for, the pages' browser client.
    clients: <ClientMetadata[]>[
      ...(Object.keys(PERSONAS) as OidcPersona[]).map((id) => ({
        client_id: id,
        client_secret: secrets[id],
        grant_types: ['client_credentials'],
        redirect_uris: [],
        response_types: [],
        token_endpoint_auth_method: 'client_secret_basic',
      })),
      ...(pages
        ? [
            {
              client_id: PAGES_CLIENT_ID,
              client_secret: pages.secret,
              grant_types: ['authorization_code'],
              redirect_uris: [pages.redirectUri],
              post_logout_redirect_uris: [new URL('/', pages.redirectUri).href],
              response_types: ['code'],
              token_endpoint_auth_method: 'client_secret_post',
            },
          ]
        : []),
    ],
    // Cookies are only used by the interactive flows; random keys keep the library from warning about defaults.
    cookies: { keys: [randomBytes(32).toString('base64url')] },
    features: {
      // The provider's own plain login and consent pages: any login name signs in as that account.
      devInteractions: { enabled: Boolean(pages) },
      clientCredentials: { enabled: true },
      resourceIndicators: {
        enabled: true,
        defaultResource: () => HUB_RESOURCE,
        getResourceServerInfo: (_ctx, resource) => {
          // Any `urn:<name>` is a resource server, so a test can get a real token meant for another API.
          const name = /^urn:([a-z-]+)$/.exec(resource)?.[1];
          if (!name) throw new errors.InvalidTarget();
          return {
            scope: 'cases',
            audience: name,
            accessTokenFormat: 'jwt',
            jwt: { sign: { alg: 'RS256' } },
          };
        },
      },
    },
    extraTokenClaims: (_ctx, token) => {
      // Machine tokens stand for their client; browser sign-ins for the account that logged in.
      const account =
        'accountId' in token && typeof token.accountId === 'string' ? token.accountId : undefined;
      const persona = PERSONAS[(account ?? token.clientId) as OidcPersona];
      if (!persona) return undefined;
      return {
        [claims.role]: persona.role,
        ...(persona.office ? { [claims.office]: persona.office } : {}),
        ...(persona.municipality ? { [claims.municipality]: persona.municipality } : {}),
        ...(persona.personalIdentityNumber
          ? { [claims.personalIdentityNumber]: persona.personalIdentityNumber }
          : {}),
        ...(persona.coordinationNumber ? { [claims.coordinationNumber]: persona.coordinationNumber } : {}),
        ...(persona.acr ? { acr: persona.acr } : {}),
      };
    },
  };
  return config;
}

/**
 * Starts the provider on 127.0.0.1 (an ephemeral port, plain HTTP: loopback only). Claim names
 * default to the hub's (and OIDC Sweden's); pass others to exercise the OIDC_*_CLAIM settings.
 *
 * @example
 * const idp = await startOidcProvider();
 * const token = await idp.tokenFor('citizen');
 */
export async function startOidcProvider(
  options: {
    claims?: Partial<ProviderClaims>;
    pagesRedirectUri?: string;
    /** Serve https with this certificate (for processes that, as in production, refuse a plain-http issuer). */
    tls?: { key: Buffer; cert: Buffer };
  } = {},
): Promise<OidcProviderHandle> {
  const claims = { ...PROVIDER_CLAIMS, ...options.claims };
  const secrets = Object.fromEntries(
    (Object.keys(PERSONAS) as OidcPersona[]).map((id) => [id, randomBytes(24).toString('base64url')]),
  ) as Record<OidcPersona, string>;
  const failures: unknown[] = [];
  let handler: (req: IncomingMessage, res: ServerResponse) => void = (_req, res) => {
    res.writeHead(503).end();
  };
  // One HTTP server for the provider's whole life: a rotation swaps the app behind it, so the
  // issuer URL (and the JWKS URL the hub learned from discovery) stays the same.
  const server = options.tls
    ? createHttpsServer(options.tls, (req, res) => handler(req, res))
    : createServer((req, res) => handler(req, res));
  await new Promise<void>((ready) => server.listen(0, '127.0.0.1', () => ready()));
  const issuer = `${options.tls ? 'https' : 'http'}://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const pages = options.pagesRedirectUri
    ? { redirectUri: options.pagesRedirectUri, secret: randomBytes(24).toString('base64url') }
    : undefined;
  let key = await newSigningKey();
  const install = (signingKey: SigningKey) => {
    const provider = new Provider(issuer, configuration(signingKey, claims, secrets, pages));
    provider.on('server_error', (_ctx, error) => failures.push(error));
    handler = provider.callback();
  };
  install(key);

  return {
    issuer,
    pagesClientSecret: pages?.secret ?? '',
    async tokenFor(persona, resource = HUB_RESOURCE) {
      const res = await fetch(`${issuer}/token`, {
        method: 'POST',
        headers: {
          authorization: `Basic ${Buffer.from(`${persona}:${secrets[persona]}`).toString('base64')}`,
          'content-type': 'application/x-www-form-urlencoded',
        },
        body: new URLSearchParams({ grant_type: 'client_credentials', scope: 'cases', resource }),
      });
      const body = (await res.json()) as { access_token?: string; error?: string };
      if (!res.ok || !body.access_token) {
        throw new Error(
          `token endpoint answered ${res.status} ${body.error ?? ''} ${String(failures[0] ?? '')}`,
        );
      }
      return body.access_token;
    },
    currentKid: () => key.kid,
    signWithCurrentKey(payload) {
      return new SignJWT(payload)
        .setProtectedHeader({ alg: 'RS256', kid: key.kid, typ: 'at+jwt' })
        .sign(key.privateKey);
    },
    async rotateKeys() {
      key = await newSigningKey();
      install(key);
    },
    async close() {
      server.closeAllConnections();
      await new Promise<void>((done) => server.close(() => done()));
    },
  };
}
