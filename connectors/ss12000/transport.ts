/**
 * HTTP of the SS 12000 connector, the only place it speaks the wire: OAuth2 client credentials at the
 * token endpoint (cached until shortly before expiry, fetched again once on a 401) and bearer GETs of
 * the API, with every failure turned into a ConnectorError that names host, port and operation.
 */
import { ConnectorError } from '../contract.js';
import { DEFAULT_MAX_RESPONSE_BYTES, readJsonBody } from '../http-body.js';

export type TokenSettings = {
  tokenUrl: string;
  clientId: string;
  clientSecret: string;
  /** Space-separated scopes to ask for; none asks for what the client was granted. */
  scope?: string | undefined;
  /** `basic`: client id and secret in HTTP Basic (RFC 6749 §2.3.1); `form`: in the form body. */
  clientAuth: 'basic' | 'form';
  /** Fetch a new token this long before the old one expires. */
  refreshBeforeSeconds: number;
  /** A larger answer is cut off while it streams (default DEFAULT_MAX_RESPONSE_BYTES). */
  maxResponseBytes?: number | undefined;
};

export type ApiAnswer =
  | { status: 200; body: unknown; serverTime: Date | undefined }
  | { status: 404 | 400; serverTime: Date | undefined };

type CachedToken = { value: string; expiresAt: number };

function where(url: URL): string {
  const port = url.port || (url.protocol === 'https:' ? '443' : '80');
  return `${url.hostname}:${port}`;
}

function retryAfterMs(header: string | null): number | undefined {
  if (!header) return undefined;
  const seconds = Number(header);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const at = Date.parse(header);
  return Number.isNaN(at) ? undefined : Math.max(0, at - Date.now());
}

/** The server's clock from the `Date` header: the cursor is set by it, not by the hub's clock. */
function serverTime(response: Response): Date | undefined {
  const header = response.headers.get('date');
  const at = header ? Date.parse(header) : Number.NaN;
  return Number.isNaN(at) ? undefined : new Date(at);
}

async function send(url: URL, init: RequestInit, operation: string, signal: AbortSignal): Promise<Response> {
  try {
    return await fetch(url, { ...init, signal });
  } catch (cause) {
    const at = `${operation} at ${where(url)}`;
    if (signal.aborted)
      throw new ConnectorError('timeout', `${at}: the request was aborted (timeout)`, {
        retryable: true,
        cause,
      });
    throw new ConnectorError('unavailable', `${at}: cannot connect`, { retryable: true, cause });
  }
}

/**
 * 429 and 5xx are the service's trouble and worth another try; any other status means the request or
 * the configuration is wrong, and trying again cannot help. Bodies are never quoted: SS 12000 error
 * messages may name the person a filter asked for.
 */
async function fail(response: Response, url: URL, operation: string): Promise<never> {
  await response.body?.cancel();
  const at = `${operation} at ${where(url)}: HTTP ${response.status}`;
  if (response.status === 429 || response.status >= 500) {
    const after = retryAfterMs(response.headers.get('retry-after'));
    throw new ConnectorError(response.status === 429 ? 'rate_limited' : 'unavailable', at, {
      retryable: true,
      ...(after !== undefined ? { retryAfterMs: after } : {}),
    });
  }
  const why =
    response.status === 401
      ? operation === 'token request'
        ? 'the client credentials were refused (check the client id and secret)'
        : 'the service refused a fresh token (check that the token endpoint belongs to this service)'
      : response.status === 403
        ? 'access denied (check the client’s scopes, e.g. the placements scope)'
        : response.status === 400
          ? 'the service refused the request as wrong (check baseUrl and the query settings)'
          : 'unexpected answer';
  throw new ConnectorError(
    response.status === 401 || response.status === 403 ? 'auth' : 'config',
    `${at}: ${why}`,
    {
      retryable: false,
    },
  );
}

/** The JSON body, checked for its type and size (http-body.ts); messages name the operation and host. */
function readJson(response: Response, url: URL, operation: string, maxBytes: number): Promise<unknown> {
  return readJsonBody(response, { at: `${operation} at ${where(url)}`, maxBytes });
}

/**
 * A client for one SS 12000 service: a token cache and authenticated GETs.
 *
 * @example
 * const http = createSs12000Http({ tokenUrl, clientId, clientSecret: secret, clientAuth: 'basic', refreshBeforeSeconds: 60 });
 * const page = await http.get('list placements', new URL(`${base}/placements?limit=100`), signal);
 */
export function createSs12000Http(settings: TokenSettings, now: () => number = Date.now) {
  const tokenUrl = new URL(settings.tokenUrl);
  let cached: CachedToken | undefined;
  const maxBytes = settings.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES;

  const fetchToken = async (signal: AbortSignal): Promise<CachedToken> => {
    const form = new URLSearchParams({ grant_type: 'client_credentials' });
    if (settings.scope) form.set('scope', settings.scope);
    const headers: Record<string, string> = {
      'content-type': 'application/x-www-form-urlencoded',
      accept: 'application/json',
    };
    if (settings.clientAuth === 'basic') {
      const part = (s: string) => encodeURIComponent(s).replace(/%20/g, '+');
      const pair = `${part(settings.clientId)}:${part(settings.clientSecret)}`;
      headers.authorization = `Basic ${Buffer.from(pair).toString('base64')}`;
    } else {
      form.set('client_id', settings.clientId);
      form.set('client_secret', settings.clientSecret);
    }
    const asked = now();
    const response = await send(tokenUrl, { method: 'POST', headers, body: form }, 'token request', signal);
    // invalid_client is a 401 and invalid_scope a 400 (RFC 6749 §5.2): both are configuration.
    if (response.status !== 200) await fail(response, tokenUrl, 'token request');
    const body = (await readJson(response, tokenUrl, 'token request', maxBytes)) as Record<
      string,
      unknown
    > | null;
    const value = body?.access_token;
    if (typeof value !== 'string' || value.length === 0)
      throw new ConnectorError(
        'protocol',
        `token request at ${where(tokenUrl)}: the answer has no access_token`,
        {
          retryable: false,
        },
      );
    const lifetime = typeof body?.expires_in === 'number' ? body.expires_in : 300;
    return { value, expiresAt: asked + lifetime * 1000 };
  };

  const token = async (signal: AbortSignal, fresh = false): Promise<string> => {
    if (fresh || !cached || cached.expiresAt - settings.refreshBeforeSeconds * 1000 <= now())
      cached = await fetchToken(signal);
    return cached.value;
  };

  const getOnce = (url: URL, value: string, operation: string, signal: AbortSignal) =>
    send(
      url,
      { headers: { accept: 'application/json', authorization: `Bearer ${value}` } },
      operation,
      signal,
    );

  return {
    token,
    /**
     * GETs JSON; a 401 fetches a new token and tries once more (the old one may have been revoked).
     * 404 is an answer; so is 400 when `accept400` (a page token the server no longer knows).
     */
    async get(operation: string, url: URL, signal: AbortSignal, accept400 = false): Promise<ApiAnswer> {
      let response = await getOnce(url, await token(signal), operation, signal);
      if (response.status === 401) {
        await response.body?.cancel();
        response = await getOnce(url, await token(signal, true), operation, signal);
      }
      if (response.status === 404 || (accept400 && response.status === 400)) {
        await response.body?.cancel();
        return { status: response.status as 404 | 400, serverTime: serverTime(response) };
      }
      if (response.status !== 200) await fail(response, url, operation);
      return {
        status: 200,
        body: await readJson(response, url, operation, maxBytes),
        serverTime: serverTime(response),
      };
    },
  };
}

export type Ss12000Http = ReturnType<typeof createSs12000Http>;
