/**
 * Reading an HTTP answer's body, the rule every HTTP connector shares: the content type must be what
 * the connector reads, and the body is size-capped while it streams (a larger one is cut off, never
 * buffered whole). JSON is then parsed in bounded slices (see json-slices.ts) so a long page does not
 * hold up the hub's other work. Failures are ConnectorErrors that name the operation, never the body.
 */
import { ConnectorError } from './contract.js';
import { parseJsonInSlices } from './json-slices.js';

/** The default cap on one answer's body: far above a page of a few hundred cases, far below harm. */
export const DEFAULT_MAX_RESPONSE_BYTES = 8 * 1024 * 1024;

export type BodyExpectation = {
  /** Names the call in messages, e.g. "list placements at api.example:443"; never a query string. */
  at: string;
  maxBytes: number;
};

const JSON_TYPE = /^(application\/([\w.+-]+\+)?json|text\/json)$/;

/**
 * A JSON answer must say it is JSON. An answer without a content type is read (some office systems
 * send none); any other type (an HTML error or login page from a proxy, mostly) is refused with a
 * clear reason, and trying again within the run cannot help.
 */
export function checkJsonType(response: Response, at: string): void {
  const header = response.headers.get('content-type');
  if (header === null) return;
  const type = header.split(';')[0]?.trim().toLowerCase() ?? '';
  if (JSON_TYPE.test(type)) return;
  throw new ConnectorError('protocol', `${at}: the answer is ${type || 'of no type'}, not JSON`, {
    retryable: false,
  });
}

function tooLarge(at: string, maxBytes: number): ConnectorError {
  // Not retryable: the same page comes back as large; the source (or the cap) must change.
  return new ConnectorError('bad_data', `${at}: the answer is larger than ${maxBytes} bytes`, {
    retryable: false,
  });
}

/**
 * The body as text, read as a stream and cut off (the connection cancelled) as soon as it passes
 * `maxBytes`; a declared Content-Length above the cap is refused before a byte is read.
 *
 * @example
 * const text = await readCappedText(response, { at: 'list at api:443', maxBytes: 8 << 20 });
 */
export async function readCappedText(response: Response, expect: BodyExpectation): Promise<string> {
  const declared = Number(response.headers.get('content-length') ?? Number.NaN);
  if (Number.isFinite(declared) && declared > expect.maxBytes) {
    await response.body?.cancel().catch(() => {});
    throw tooLarge(expect.at, expect.maxBytes);
  }
  if (!response.body) return '';
  const reader = response.body.getReader();
  const decoder = new TextDecoder('utf-8');
  const parts: string[] = [];
  let total = 0;
  try {
    while (true) {
      const { done, value } = await reader.read();
      if (done) break;
      total += value.byteLength;
      if (total > expect.maxBytes) {
        await reader.cancel().catch(() => {});
        throw tooLarge(expect.at, expect.maxBytes);
      }
      parts.push(decoder.decode(value, { stream: true }));
    }
  } catch (cause) {
    if (cause instanceof ConnectorError) throw cause;
    throw new ConnectorError('unavailable', `${expect.at}: the answer broke off`, { retryable: true, cause });
  }
  parts.push(decoder.decode());
  return parts.join('');
}

/**
 * Checks the content type, reads the capped body and parses it as JSON without blocking the event
 * loop for long. Truncated JSON is retryable (trying again usually gets all of it).
 */
export async function readJsonBody(response: Response, expect: BodyExpectation): Promise<unknown> {
  try {
    checkJsonType(response, expect.at);
  } catch (error) {
    await response.body?.cancel().catch(() => {});
    throw error;
  }
  const text = await readCappedText(response, expect);
  try {
    return await parseJsonInSlices(text);
  } catch (cause) {
    throw new ConnectorError('bad_data', `${expect.at}: the answer is not complete JSON`, {
      retryable: true,
      cause,
    });
  }
}
