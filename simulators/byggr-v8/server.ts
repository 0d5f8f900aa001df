/** A ByggR ArendeExportWS v8 SOAP 1.1 service on loopback (node:http), dispatching by SOAPAction as WCF does. */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createFaultQueue, sleep } from '../case-data/faults.js';
import { type ByggrV8Data, type ByggrV8DataOptions, createByggrV8Data } from './data.js';
import { OPERATIONS, type PersOrgNrMatch } from './operations.js';
import {
  actionNotSupported,
  actionOf,
  clientFault,
  internalFault,
  parseRequest,
  type SoapAnswer,
} from './soap-envelope.js';
import { renderWsdl, SERVICE_PATH, soapAction, V8_OPERATIONS, type V8Operation } from './wsdl.js';
import { type DateTimeStyle, dateWriter } from './xml.js';

export type ByggrV8SimulatorOptions = ByggrV8DataOptions & {
  /** Serve this data set instead of creating one from the data options. */
  data?: ByggrV8Data;
  /** Port on 127.0.0.1; 0 (default) picks a free one. */
  port?: number;
  /** Largest GetUpdatedArenden batch. Default 100. */
  maxBatchSize?: number;
  /** How xs:dateTime values are written. Default `local` (no offset). */
  dateTimeStyle?: DateTimeStyle;
  /** How GetRelateradeArendenByPersOrgNr compares numbers. Default `tolerant`. */
  persOrgNrMatch?: PersOrgNrMatch;
  /** HTTP basic auth for every request (the WSDL too), as IIS does when it is switched on. */
  username?: string;
  password?: string;
  /** Delay before every answer, in milliseconds. Default 0. */
  delayMs?: number;
  /** One line per request: method, path, operation, status, time. Never bodies or parameters. */
  log?: (line: string) => void;
};

export type ByggrV8Fault = 'fault' | 'hang' | 'unavailable';

export type ByggrV8Simulator = {
  /** The service address (`http://127.0.0.1:<port>/TekisArende/ArendeExportWS.svc`). */
  url: string;
  /** `url?wsdl`; `?singleWsdl` serves the same document. */
  wsdlUrl: string;
  data: ByggrV8Data;
  faults: {
    /** The next `count` calls fail: `fault` (WCF InternalServiceFault), `hang` (no answer), `unavailable` (IIS 503). */
    add(kind: ByggrV8Fault, count?: number): void;
    setDelay(ms: number): void;
    pending(): ByggrV8Fault[];
    clear(): void;
  };
  /** Operation names called so far, in order. */
  calls(): string[];
  close(): Promise<void>;
};

/** SOAPAction → operation. V4 actions are accepted too: Sundsvall calls one endpoint with both (sheet §2.1 [?]). */
const ACTIONS = new Map<string, V8Operation>(
  V8_OPERATIONS.flatMap((op) => [
    [soapAction(op, 'V8'), op],
    [soapAction(op, 'V4'), op],
  ]),
);

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function send(res: ServerResponse, a: SoapAnswer, extra: Record<string, string> = {}) {
  res.writeHead(a.status, { 'content-type': a.contentType ?? 'text/html; charset=utf-8', ...extra });
  res.end(a.body);
}

function authorised(req: IncomingMessage, username?: string, password?: string): boolean {
  if (username === undefined) return true;
  const expected = `Basic ${Buffer.from(`${username}:${password ?? ''}`).toString('base64')}`;
  return req.headers.authorization === expected;
}

/**
 * Starts the service on 127.0.0.1.
 *
 * @example
 * const sim = await startByggrV8Simulator({ seed: 1, cases: 200, municipalities: ['2480', '2460'] });
 * const client = await soap.createClientAsync(sim.wsdlUrl);
 * const [res] = await client.GetArendeAsync({ dnr: sim.data.list()[0].dnr });
 */
export async function startByggrV8Simulator(
  options: ByggrV8SimulatorOptions = {},
): Promise<ByggrV8Simulator> {
  const data = options.data ?? createByggrV8Data(options);
  const queue = createFaultQueue<ByggrV8Fault>(options.delayMs ?? 0);
  const calls: string[] = [];
  const ctx = {
    data,
    dates: dateWriter(options.dateTimeStyle ?? 'local'),
    maxBatchSize: options.maxBatchSize ?? 100,
    persOrgNrMatch: options.persOrgNrMatch ?? 'tolerant',
  };
  let wsdl = '';
  const log = options.log ?? (() => {});

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<string> => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (!authorised(req, options.username, options.password)) {
      send(
        res,
        { status: 401, body: 'Unauthorized' },
        { 'www-authenticate': 'Basic realm="ArendeExportWS"' },
      );
      return '-';
    }
    if (url.pathname !== SERVICE_PATH) {
      send(res, { status: 404, body: 'Not Found' });
      return '-';
    }
    if (req.method === 'GET') {
      const query = url.search.toLowerCase();
      if (query === '?wsdl' || query === '?singlewsdl')
        send(res, { status: 200, body: wsdl, contentType: 'text/xml; charset=utf-8' });
      else send(res, { status: 200, body: '<html><body>ArendeExport Service (simulated)</body></html>' });
      return 'wsdl';
    }
    if (req.method !== 'POST') {
      send(res, { status: 405, body: 'Method Not Allowed' }, { allow: 'GET, POST' });
      return '-';
    }
    const type = req.headers['content-type'] ?? '';
    const body = await readBody(req);
    if (!/^text\/xml\b/i.test(type)) {
      // basicHttpBinding is SOAP 1.1 only: WCF refuses a SOAP 1.2 content type before reading the message.
      send(res, {
        status: 415,
        body: `Cannot process the message because the content type '${type}' was not the expected type 'text/xml; charset=utf-8'.`,
      });
      return '-';
    }
    const parsed = parseRequest(body);
    if ('error' in parsed) {
      send(res, clientFault(parsed.error));
      return '-';
    }
    const action = actionOf(req.headers.soapaction);
    const operation = ACTIONS.get(action);
    if (!operation) {
      send(res, actionNotSupported(action));
      return '-';
    }
    calls.push(operation);
    const injected = queue.take();
    if (injected === 'hang') return new Promise<string>(() => {});
    await sleep(queue.delayMs);
    if (injected === 'unavailable') send(res, { status: 503, body: '<h1>Service Unavailable</h1>' });
    else if (injected === 'fault') send(res, internalFault());
    else send(res, OPERATIONS[operation](parsed.params, ctx));
    return operation;
  };

  const server = createServer((req, res) => {
    const started = Date.now();
    handle(req, res)
      .then((op) => log(`${req.method} ${SERVICE_PATH} ${op} ${res.statusCode} ${Date.now() - started}ms`))
      .catch(() => {
        if (!res.headersSent) send(res, internalFault());
        log(`${req.method} ${SERVICE_PATH} - 500 ${Date.now() - started}ms`);
      });
  });
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const url = `http://127.0.0.1:${port}${SERVICE_PATH}`;
  wsdl = renderWsdl(url);

  return {
    url,
    wsdlUrl: `${url}?wsdl`,
    data,
    faults: {
      add: (kind, count = 1) => queue.add(kind, count),
      setDelay(ms) {
        queue.delayMs = ms;
      },
      pending: () => queue.pending(),
      clear: () => queue.clear(),
    },
    calls: () => [...calls],
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        // Hung calls keep their connections open; end them so close() returns.
        server.closeAllConnections();
      }),
  };
}
