/** The SS 12000 simulator on loopback: OAuth2 token endpoint, the REST API per municipality and the vendor XML lookup. */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createFaultQueue, sleep } from '../case-data/faults.js';
import {
  APPLICATION_SERVICES,
  type ApplicationStatusOptions,
  findByPersonId,
  renderPersonApplication,
} from './application-status.js';
import { createSs12000Data, type Ss12000Data, type Ss12000DataOptions } from './data.js';
import type { Edition } from './model.js';
import { ApiError, readParams } from './query.js';
import { answerApi } from './routes.js';
import { createTokenService } from './token.js';

export const SCOPE_PREFIX = 'ist.ss12000-v2.api.';
/** Scope names from IST's list (sheet §1 [obs]); `placements` is needed for `/placements`. */
export const SS12000_SCOPES = ['placements', 'responsibles', 'civicno', 'addresses', 'email', 'sex'] as const;

export type Ss12000Fault = 'unavailable' | 'rate_limit' | 'hang';

export type Ss12000SimulatorOptions = Ss12000DataOptions & {
  data?: Ss12000Data;
  /** Port on 127.0.0.1; 0 (default) picks a free one. */
  port?: number;
  clientId?: string;
  clientSecret?: string;
  /** Scopes (short names) the client is granted. Default all of {@link SS12000_SCOPES}. */
  scopes?: readonly string[];
  /** Token lifetime. Default 3600 s (IST's). */
  tokenTtlSeconds?: number;
  /** Clock for token expiry, ms. Default Date.now. */
  now?: () => number;
  /** Enum spellings: the published 2.1 (default) or the 2020 draft. */
  edition?: Edition;
  /** Largest page; `limit` above it gives this many and a pageToken. Default 100. */
  maxPageSize?: number;
  deletedAfter?: 'inclusive' | 'exclusive';
  /** Key the XML lookup wants, in `LicenseKey` (query) or `x-license-key` (header) [?]. */
  licenseKey?: string;
  applicationStatus?: Partial<ApplicationStatusOptions>;
  /** One line per request: method, path, parameter names and status; never values or bodies. */
  log?: (line: string) => void;
};

export type Ss12000Simulator = {
  /** API base of the first municipality, e.g. `http://127.0.0.1:41234/2480/v2.0`. */
  url: string;
  /** API base per kommunkod. */
  urls: Record<string, string>;
  tokenUrl: string;
  /** Vendor lookup base per kommunkod; append `/GetPreschoolLeisureTimeCenterApplication?PersonId=…`. */
  applicationStatusUrls: Record<string, string>;
  clientId: string;
  clientSecret: string;
  licenseKey: string;
  data: Ss12000Data;
  faults: { add(kind: Ss12000Fault, count?: number): void; clear(): void };
  /** Log lines so far (the same the `log` option gets). */
  logLines(): string[];
  close(): Promise<void>;
};

type Answer = { status: number; body?: unknown; type?: string; headers?: Record<string, string> };

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/**
 * Starts the simulator.
 *
 * @example
 * const sim = await startSs12000Simulator({ seed: 7 });
 * const form = new URLSearchParams({ grant_type: 'client_credentials', client_id: sim.clientId, client_secret: sim.clientSecret });
 * const { access_token } = await (await fetch(sim.tokenUrl, { method: 'POST', body: form })).json();
 * await fetch(`${sim.url}/placements?limit=50`, { headers: { authorization: `Bearer ${access_token}` } });
 */
export async function startSs12000Simulator(
  options: Ss12000SimulatorOptions = {},
): Promise<Ss12000Simulator> {
  const data = options.data ?? createSs12000Data(options);
  const clientId = options.clientId ?? 'arendenav-sim';
  const clientSecret = options.clientSecret ?? 'ss12000-sim-secret';
  const licenseKey = options.licenseKey ?? 'sim-license-key';
  const tokens = createTokenService({
    clientId,
    clientSecret,
    scopes: (options.scopes ?? SS12000_SCOPES).map((s) => SCOPE_PREFIX + s),
    ttlSeconds: options.tokenTtlSeconds ?? 3600,
    now: options.now ?? Date.now,
  });
  const lookup: ApplicationStatusOptions = {
    preschoolTypeOfService: 'CompletePreschoolLeisureTimeCenterApplicationStatus',
    preschoolElementIn: 'application',
    ...options.applicationStatus,
  };
  const faults = createFaultQueue<Ss12000Fault>();
  const lines: string[] = [];

  const api = (req: IncomingMessage, code: string, path: string, url: URL, raw: string): Answer => {
    const state = data.state(code);
    if (!state) return { status: 404 };
    const auth = tokens.check(req.headers.authorization);
    if (!auth.ok) return auth;
    const scopes = new Set([...auth.scopes].map((s) => s.replace(SCOPE_PREFIX, '')));
    let body: unknown;
    if (req.method === 'POST') {
      try {
        body = JSON.parse(raw);
      } catch {
        throw new ApiError(400, 'InvalidBody', 'the body is not JSON');
      }
    }
    const ctx = {
      state,
      edition: options.edition ?? '2.1',
      scopes,
      maxPageSize: options.maxPageSize ?? 100,
      deletedAfter: options.deletedAfter ?? 'inclusive',
    };
    return answerApi(ctx, req.method ?? 'GET', path, readParams(url.searchParams), body);
  };

  const applicationStatus = (req: IncomingMessage, code: string, service: string, url: URL): Answer => {
    const state = data.state(code);
    if (!state || !(service in APPLICATION_SERVICES)) return { status: 404 };
    const key = url.searchParams.get('LicenseKey') ?? req.headers['x-license-key'];
    if (key !== licenseKey)
      return { status: 401, body: 'License key missing or not valid', type: 'text/plain' };
    const personId = url.searchParams.get('PersonId');
    const searchDate = url.searchParams.get('SearchDate') ?? undefined;
    if (!personId || (searchDate !== undefined && !/^\d{4}-\d{2}-\d{2}/.test(searchDate)))
      return { status: 400, body: 'PersonId is required; SearchDate is a date', type: 'text/plain' };
    const person = findByPersonId(state, personId);
    const xml = renderPersonApplication(state, service, person, data.now(), lookup, searchDate?.slice(0, 10));
    return { status: 200, body: xml, type: 'application/xml; charset=utf-8' };
  };

  const route = async (req: IncomingMessage, url: URL): Promise<Answer> => {
    const raw = await readBody(req);
    if (url.pathname === '/health') return { status: 200, body: { status: 'ok' } };
    if (url.pathname === '/connect/token') {
      if (req.method !== 'POST') return { status: 405, headers: { allow: 'POST' } };
      return tokens.issue(new URLSearchParams(raw), req.headers.authorization);
    }
    const m = /^\/(\d{4})(\/v2\.0(\/.*)|\/applicationstatus\/v1\/(\w+))$/.exec(url.pathname);
    if (m?.[3]) return api(req, m[1] as string, m[3], url, raw);
    if (m?.[4] && req.method === 'GET') return applicationStatus(req, m[1] as string, m[4], url);
    return { status: 404 };
  };

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    // Values may be personnummer (civicNo, PersonId): only parameter names are logged, never bodies.
    const names = [...new Set(url.searchParams.keys())].join(',');
    const done = (status: number | string) => {
      const line = `${req.method} ${url.pathname}${names ? ` ?${names}` : ''} → ${status}`;
      lines.push(line);
      options.log?.(line);
    };
    const fault = url.pathname === '/health' ? undefined : faults.take();
    if (fault === 'hang') return done('hang');
    await sleep(faults.delayMs);
    let answer: Answer;
    if (fault === 'unavailable')
      answer = { status: 503, body: { code: 'Unavailable', message: 'Simulated outage' } };
    else if (fault === 'rate_limit')
      answer = {
        status: 429,
        body: { code: 'TooManyRequests', message: 'Slow down' },
        headers: { 'retry-after': '1' },
      };
    else {
      try {
        answer = await route(req, url);
      } catch (error) {
        if (!(error instanceof ApiError)) throw error;
        answer = { status: error.status, body: error.body() };
      }
    }
    const text =
      answer.body === undefined
        ? ''
        : typeof answer.body === 'string'
          ? answer.body
          : JSON.stringify(answer.body);
    res.writeHead(answer.status, {
      // The server's clock is the simulated one, the clock meta.modified is stamped with: a client may
      // take its cursor from this header.
      date: data.now().toUTCString(),
      ...(text ? { 'content-type': answer.type ?? 'application/json; charset=utf-8' } : {}),
      'content-length': Buffer.byteLength(text),
      ...answer.headers,
    });
    res.end(text);
    done(answer.status);
  };

  const server = createServer((req, res) => {
    handle(req, res).catch(() => {
      if (!res.headersSent) res.writeHead(500).end();
      else res.destroy();
    });
  });
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const codes = data.municipalities();
  const urls = Object.fromEntries(codes.map((c) => [c, `${origin}/${c}/v2.0`]));
  return {
    url: urls[codes[0] as string] as string,
    urls,
    tokenUrl: `${origin}/connect/token`,
    applicationStatusUrls: Object.fromEntries(codes.map((c) => [c, `${origin}/${c}/applicationstatus/v1`])),
    clientId,
    clientSecret,
    licenseKey,
    data,
    faults: { add: (kind, count) => faults.add(kind, count), clear: () => faults.clear() },
    logLines: () => [...lines],
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}
