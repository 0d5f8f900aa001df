/** OAuth2 client credentials (RFC 6749 §4.4) for the simulator: the token endpoint and bearer checks (RFC 6750). */
import { randomBytes, timingSafeEqual } from 'node:crypto';

export type TokenServiceOptions = {
  clientId: string;
  clientSecret: string;
  /** Scopes the client may have, full names (`ist.ss12000-v2.api.placements`). */
  scopes: readonly string[];
  ttlSeconds: number;
  /** Clock in ms; tests move it to expire tokens. */
  now: () => number;
};

export type TokenAnswer = { status: number; body: unknown; headers: Record<string, string> };

export type BearerCheck =
  | { ok: true; scopes: ReadonlySet<string> }
  | { ok: false; status: 401; body: { code: string; message: string }; headers: Record<string, string> };

const REALM = 'Bearer realm="ss12000"';

function same(a: string, b: string): boolean {
  const [x, y] = [Buffer.from(a), Buffer.from(b)];
  return x.length === y.length && timingSafeEqual(x, y);
}

/** Client id and secret from HTTP Basic (form-urlencoded parts, RFC 6749 §2.3.1) or from the form. */
function clientOf(form: URLSearchParams, authorization: string | undefined) {
  const basic = /^Basic\s+(\S+)$/i.exec(authorization ?? '');
  if (basic) {
    const [id, secret] = Buffer.from(basic[1] as string, 'base64')
      .toString('utf8')
      .split(':');
    const decode = (s: string | undefined) => decodeURIComponent((s ?? '').replace(/\+/g, ' '));
    return { id: decode(id), secret: decode(secret) };
  }
  return { id: form.get('client_id') ?? '', secret: form.get('client_secret') ?? '' };
}

/**
 * Issues opaque bearer tokens. The standard names only `bearerFormat: JWT` and leaves issuing to the
 * vendor; clients must treat the token as opaque, so the simulator does not make it a JWT.
 */
export function createTokenService(options: TokenServiceOptions) {
  const tokens = new Map<string, { expires: number; scopes: Set<string> }>();
  const error = (
    status: number,
    code: string,
    description: string,
    headers: Record<string, string> = {},
  ) => ({
    status,
    body: { error: code, error_description: description },
    headers: { 'cache-control': 'no-store', ...headers },
  });

  const issue = (form: URLSearchParams, authorization: string | undefined): TokenAnswer => {
    const client = clientOf(form, authorization);
    if (!same(client.id, options.clientId) || !same(client.secret, options.clientSecret))
      // RFC 6749 §5.2: 401 with a challenge (required after Basic, allowed after form credentials).
      return error(401, 'invalid_client', 'Client authentication failed', {
        'www-authenticate': 'Basic realm="ss12000"',
      });
    if (form.get('grant_type') !== 'client_credentials')
      return error(400, 'unsupported_grant_type', 'Only client_credentials is supported');
    const asked = (form.get('scope') ?? '').split(' ').filter(Boolean);
    const unknown = asked.filter((s) => !options.scopes.includes(s));
    if (unknown.length > 0) return error(400, 'invalid_scope', `Not granted: ${unknown.join(' ')}`);
    const scopes = asked.length > 0 ? asked : [...options.scopes];
    const token = randomBytes(24).toString('base64url');
    tokens.set(token, { expires: options.now() + options.ttlSeconds * 1000, scopes: new Set(scopes) });
    return {
      status: 200,
      body: {
        access_token: token,
        token_type: 'Bearer',
        expires_in: options.ttlSeconds,
        scope: scopes.join(' '),
      },
      headers: { 'cache-control': 'no-store' },
    };
  };

  const check = (authorization: string | undefined): BearerCheck => {
    const fail = (message: string, challenge: string): BearerCheck => ({
      ok: false,
      status: 401,
      body: { code: 'Unauthorized', message },
      headers: { 'www-authenticate': challenge },
    });
    const bearer = /^Bearer\s+(\S+)$/i.exec(authorization ?? '');
    if (!bearer) return fail('A bearer token is required', REALM);
    const found = tokens.get(bearer[1] as string);
    if (!found || found.expires <= options.now()) {
      if (found) tokens.delete(bearer[1] as string);
      const why = found ? 'The access token expired' : 'The access token is not valid';
      return fail(why, `${REALM}, error="invalid_token", error_description="${why}"`);
    }
    return { ok: true, scopes: found.scopes };
  };

  return { issue, check };
}
