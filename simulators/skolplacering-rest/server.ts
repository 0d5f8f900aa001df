/** A school-placement REST API (v2) on loopback, serving simulated placements, with fault injection. */
import { createHash } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  type CaseData,
  type CaseDataOptions,
  createFaultQueue,
  createSkolplaceringData,
  isoWithOffset,
  type Placement,
  parseTimestamp,
  sleep,
} from '../case-data/index.js';
import { decodeCursor, encodeCursor, selectPage } from './paging.js';

export type SkolplaceringSimulatorOptions = CaseDataOptions & {
  /** Serve this data set instead of creating one from the case-data options. */
  data?: CaseData<Placement>;
  /** Port on 127.0.0.1; 0 (default) picks a free one. */
  port?: number;
  /** The bearer token clients must send. Default `skolplacering-sim-token`. */
  token?: string;
  /** Delay before every API answer, in milliseconds. Default 0. */
  delayMs?: number;
  /** Page size without `limit`. Default 100; `limit` may go up to 500. */
  defaultLimit?: number;
};

export type PlacementFault = 'rate_limit' | 'unavailable' | 'hang' | 'truncate';

export type SkolplaceringFaults = {
  /** The next `count` API responses are 429 with `Retry-After: 1`. */
  rateLimitNext(count?: number): void;
  /** The next `count` API responses are 503. */
  unavailableNext(count?: number): void;
  /** The next `count` API requests are never answered. */
  hangNext(count?: number): void;
  /** The next `count` API responses promise the whole body in Content-Length, send half and cut the connection. */
  truncateNext(count?: number): void;
  setDelay(ms: number): void;
  pending(): PlacementFault[];
  clear(): void;
};

export type RequestLogEntry = { method: string; path: string; status: number | 'hang' | 'truncated' };

export type SkolplaceringSimulator = {
  /** Base URL, e.g. `http://127.0.0.1:41234` (the API is under `/api/v2`). */
  url: string;
  token: string;
  data: CaseData<Placement>;
  faults: SkolplaceringFaults;
  /** API requests so far (not `/health`), with what they got. */
  requests(): RequestLogEntry[];
  close(): Promise<void>;
};

const MAX_LIMIT = 500;
const JSON_TYPE = 'application/json; charset=utf-8';

class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
  ) {
    super(code);
  }
}

function etagOf(body: string): string {
  return `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"`;
}

/** `If-None-Match` may list several tags, weak or strong, or `*`. */
function matches(ifNoneMatch: string | undefined, etag: string): boolean {
  if (!ifNoneMatch) return false;
  return ifNoneMatch.split(',').some((tag) => {
    const t = tag.trim().replace(/^W\//, '');
    return t === '*' || t === etag;
  });
}

function listPlacements(data: CaseData<Placement>, query: URLSearchParams, defaultLimit: number) {
  const rawSince = query.get('updatedSince');
  const since = rawSince === null ? undefined : parseTimestamp(rawSince)?.getTime();
  if (rawSince !== null && since === undefined) throw new HttpError(400, 'invalid_updatedSince');
  const rawLimit = query.get('limit');
  const limit = rawLimit === null ? defaultLimit : Number(rawLimit);
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_LIMIT) throw new HttpError(400, 'invalid_limit');
  const rawCursor = query.get('cursor');
  const after = rawCursor === null ? undefined : decodeCursor(rawCursor);
  if (rawCursor !== null && !after) throw new HttpError(400, 'invalid_cursor');
  const page = selectPage(data.byChange(), (r) => r.id, since, after, limit);
  return { items: page.items, nextCursor: page.next ? encodeCursor(page.next) : null };
}

/**
 * Starts the API. Faults and the delay apply to `/api/*` only, before authentication (as a gateway
 * would); `/health` always answers.
 *
 * @example
 * const sim = await startSkolplaceringSimulator({ cases: 300 });
 * await fetch(`${sim.url}/api/v2/placements?limit=50`, { headers: { authorization: `Bearer ${sim.token}` } });
 */
export async function startSkolplaceringSimulator(
  options: SkolplaceringSimulatorOptions = {},
): Promise<SkolplaceringSimulator> {
  const data = options.data ?? createSkolplaceringData(options);
  const token = options.token ?? 'skolplacering-sim-token';
  const defaultLimit = options.defaultLimit ?? 100;
  const queue = createFaultQueue<PlacementFault>(options.delayMs ?? 0);
  const log: RequestLogEntry[] = [];

  const send = (res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) => {
    const text = JSON.stringify(body);
    res.writeHead(status, {
      'content-type': JSON_TYPE,
      'content-length': Buffer.byteLength(text),
      ...headers,
    });
    res.end(text);
    return status;
  };

  const answer = (
    req: IncomingMessage,
    url: URL,
  ): { status: number; body: unknown; headers?: Record<string, string> } => {
    if (req.headers.authorization !== `Bearer ${token}`)
      return {
        status: 401,
        body: { error: 'unauthorized' },
        headers: { 'www-authenticate': 'Bearer realm="skolplacering"' },
      };
    if (req.method !== 'GET')
      return { status: 405, body: { error: 'method_not_allowed' }, headers: { allow: 'GET' } };
    if (url.pathname === '/api/v2/placements')
      return { status: 200, body: listPlacements(data, url.searchParams, defaultLimit) };
    const one = /^\/api\/v2\/placements\/([^/]+)$/.exec(url.pathname);
    if (one) {
      const found = data.get(decodeURIComponent(one[1] as string));
      return found ? { status: 200, body: found } : { status: 404, body: { error: 'not_found' } };
    }
    return { status: 404, body: { error: 'not_found' } };
  };

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (url.pathname === '/health') {
      send(res, 200, { status: 'ok', cases: data.count(), now: isoWithOffset(data.now()) });
      return;
    }
    const entry: RequestLogEntry = {
      method: req.method ?? 'GET',
      path: `${url.pathname}${url.search}`,
      status: 0,
    };
    log.push(entry);
    const fault = url.pathname.startsWith('/api/') ? queue.take() : undefined;
    if (fault === 'hang') {
      entry.status = 'hang';
      return;
    }
    await sleep(queue.delayMs);
    if (fault === 'rate_limit') {
      entry.status = send(res, 429, { error: 'too_many_requests' }, { 'retry-after': '1' });
      return;
    }
    if (fault === 'unavailable') {
      entry.status = send(res, 503, { error: 'service_unavailable' });
      return;
    }
    let result: ReturnType<typeof answer>;
    try {
      result = answer(req, url);
    } catch (error) {
      if (!(error instanceof HttpError)) throw error;
      result = { status: error.status, body: { error: error.code } };
    }
    const text = JSON.stringify(result.body);
    const etag = etagOf(text);
    if (fault === 'truncate') {
      // The headers promise the whole body; half of it arrives and the connection drops.
      const bytes = Buffer.from(text);
      res.writeHead(result.status, { 'content-type': JSON_TYPE, 'content-length': bytes.length, etag });
      res.write(bytes.subarray(0, Math.floor(bytes.length / 2)), () => res.destroy());
      entry.status = 'truncated';
      return;
    }
    if (result.status === 200 && matches(req.headers['if-none-match'], etag)) {
      res.writeHead(304, { etag });
      res.end();
      entry.status = 304;
      return;
    }
    entry.status = send(res, result.status, result.body, {
      ...result.headers,
      ...(result.status === 200 ? { etag } : {}),
    });
  };

  const server = createServer((req, res) => {
    handle(req, res).catch(() => {
      if (!res.headersSent) send(res, 500, { error: 'internal_error' });
      else res.destroy();
    });
  });
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    token,
    data,
    faults: {
      rateLimitNext: (count = 1) => queue.add('rate_limit', count),
      unavailableNext: (count = 1) => queue.add('unavailable', count),
      hangNext: (count = 1) => queue.add('hang', count),
      truncateNext: (count = 1) => queue.add('truncate', count),
      setDelay(ms) {
        queue.delayMs = ms;
      },
      pending: () => queue.pending(),
      clear: () => queue.clear(),
    },
    requests: () => log.map((e) => ({ ...e })),
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        // Hung requests keep their connections open; end them so close() returns.
        server.closeAllConnections();
      }),
  };
}
