/** HTTP transport of the REST connector: the only place it speaks HTTP; maps failures to ConnectorError. */
import { ConnectorError } from '../contract.js';

export type JsonResponse =
  | { status: 200; body: unknown; etag: string | null }
  | { status: 304 }
  | { status: 404 };

function retryAfterMs(header: string | null): number | undefined {
  if (!header) return undefined;
  const seconds = Number(header);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const at = Date.parse(header);
  return Number.isNaN(at) ? undefined : Math.max(0, at - Date.now());
}

/**
 * GETs JSON with a bearer token. 5xx, 429, timeouts and broken or truncated bodies are retryable;
 * 401/403 and other 4xx are not. Messages name the status, never the URL's query or the body.
 */
export async function getJson(
  url: URL,
  options: { token?: string; etag?: string | null; signal: AbortSignal },
): Promise<JsonResponse> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  if (options.etag) headers['if-none-match'] = options.etag;
  let response: Response;
  try {
    response = await fetch(url, { headers, signal: options.signal });
  } catch (cause) {
    if (options.signal.aborted)
      throw new ConnectorError('timeout', 'the request was aborted (timeout)', { retryable: true, cause });
    throw new ConnectorError('unavailable', `cannot reach ${url.host}`, { retryable: true, cause });
  }
  if (response.status === 304) return { status: 304 };
  if (response.status === 404) {
    await response.body?.cancel();
    return { status: 404 };
  }
  if (response.status === 401 || response.status === 403) {
    await response.body?.cancel();
    throw new ConnectorError('auth', `${url.host} refused the credentials (HTTP ${response.status})`, {
      retryable: false,
    });
  }
  if (response.status === 429 || response.status >= 500) {
    await response.body?.cancel();
    const after = retryAfterMs(response.headers.get('retry-after'));
    throw new ConnectorError(
      response.status === 429 ? 'rate_limited' : 'unavailable',
      `${url.host} answered HTTP ${response.status}`,
      {
        retryable: true,
        ...(after !== undefined ? { retryAfterMs: after } : {}),
      },
    );
  }
  if (response.status !== 200) {
    await response.body?.cancel();
    throw new ConnectorError('protocol', `${url.host} answered HTTP ${response.status}`, {
      retryable: false,
    });
  }
  let text: string;
  try {
    text = await response.text();
  } catch (cause) {
    throw new ConnectorError('unavailable', `the response from ${url.host} broke off`, {
      retryable: true,
      cause,
    });
  }
  try {
    return { status: 200, body: JSON.parse(text), etag: response.headers.get('etag') };
  } catch (cause) {
    // A truncated body is a transport failure: trying again usually gets the whole of it.
    throw new ConnectorError('bad_data', `the response from ${url.host} is not complete JSON`, {
      retryable: true,
      cause,
    });
  }
}
