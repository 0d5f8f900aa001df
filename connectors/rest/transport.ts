/** HTTP transport of the REST connector: the only place it speaks HTTP; maps failures to ConnectorError. */
import { ConnectorError } from '../contract.js';
import { readJsonBody } from '../http-body.js';

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
 * 401/403 and other 4xx are not, nor an answer that is not JSON or passes `maxBytes` (http-body.ts).
 * Messages name the status, never the URL's query or the body.
 */
export async function getJson(
  url: URL,
  options: { token?: string; etag?: string | null; signal: AbortSignal; maxBytes: number },
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
  const body = await readJsonBody(response, { at: url.host, maxBytes: options.maxBytes });
  return { status: 200, body, etag: response.headers.get('etag') };
}
