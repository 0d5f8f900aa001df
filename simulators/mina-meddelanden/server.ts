/**
 * Mina meddelanden for a sender, on loopback: FaR's Recipient v3 service (`isReachable`) and one
 * mailbox operator's Service v3 (`deliverSecure`), as docs/contracts/mina-meddelanden.md describes
 * them. Mailbox state per personnummer is settable; faults can be queued; accepted deliveries are
 * kept for tests to read. Log lines carry operation, status and time only, never a personnummer.
 */
import { X509Certificate } from 'node:crypto';
import {
  createServer as createHttpServer,
  type IncomingMessage,
  type Server,
  type ServerResponse,
} from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo, Socket } from 'node:net';
import { createFaultQueue, sleep } from '../case-data/faults.js';
import { deliverSecure, MAX_DELIVERY_BYTES, type ReceivedDelivery } from './delivery.js';
import { isReachable, type MailboxState } from './recipient.js';
import { ERROR, fault, type SoapAnswer } from './soap.js';
import { BadRequest, elements, NS, one, parseXml } from './xml.js';

export const RECIPIENT_PATH = '/webservice/Recipient/v3';
export const SERVICE_PATH = '/service/v3';

export type MinaMeddelandenSender = {
  /** 12 digits, `16` + the organisationsnummer, as FaR knows the sender. */
  id: string;
  /** PEM certificates allowed to sign for this sender (deliveries and seals). */
  certificates: readonly string[];
};

export type MinaMeddelandenSimulatorOptions = {
  senders: readonly MinaMeddelandenSender[];
  /** Port on 127.0.0.1; 0 (default) picks a free one. */
  port?: number;
  /** HTTPS; with `ca`, a client certificate issued by it is required (as the real services do). */
  tls?: { cert: string | Buffer; key: string | Buffer; ca?: string | Buffer };
  /** The simulated operator as FaR names it. Default: "Simulerad brevlåda", id 165566778899 (invented). */
  operator?: { id: string; name: string };
  /** One line per request: operation, status, milliseconds. */
  log?: (line: string) => void;
};

export type MinaMeddelandenFault = 'http-500' | 'soap-fault' | 'hang';
export type MinaMeddelandenOperation = 'isReachable' | 'deliverSecure';

export type MinaMeddelandenSimulator = {
  /** FaR's Recipient v3 endpoint. */
  recipientUrl: string;
  /** The operator's `ServiceAdress` (what `isReachable` answers). */
  serviceUrl: string;
  /** Mailbox state per 12-digit personnummer; anyone not set has no mailbox. */
  mailboxes: Map<string, MailboxState>;
  faults: {
    /** The next `count` requests fail this way: of either operation, or only of `operation`. */
    add(kind: MinaMeddelandenFault, count?: number, operation?: MinaMeddelandenOperation): void;
    setDelay(ms: number): void;
    clear(): void;
  };
  /** Deliveries accepted so far, oldest first. */
  deliveries(): ReceivedDelivery[];
  /** Operations called so far (`isReachable`, `deliverSecure`), including refused ones. */
  calls(): string[];
  close(): Promise<void>;
};

function readBody(req: IncomingMessage, limit: number): Promise<{ text: string; size: number }> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size <= limit) chunks.push(c);
    });
    req.on('end', () => resolve({ text: Buffer.concat(chunks).toString('utf8'), size }));
    req.on('error', reject);
  });
}

/** The Body's single operation element, or a BadRequest. */
function operationOf(text: string): Element {
  const root = parseXml(text);
  if (root.namespaceURI !== NS.soap || root.localName !== 'Envelope')
    throw new BadRequest('not a SOAP 1.1 envelope');
  const parts = elements(one(root, NS.soap, 'Body'));
  if (parts.length !== 1) throw new BadRequest('the Body must hold one operation');
  return parts[0] as Element;
}

export async function startMinaMeddelandenSimulator(
  options: MinaMeddelandenSimulatorOptions,
): Promise<MinaMeddelandenSimulator> {
  const senders = new Map(
    options.senders.map((s) => [s.id, s.certificates.map((pem) => new X509Certificate(pem))]),
  );
  const mailboxes = new Map<string, MailboxState>();
  const mailboxOf = (p: string) => mailboxes.get(p) ?? 'no-mailbox';
  const faults = createFaultQueue<MinaMeddelandenFault>();
  const faultsOf = {
    isReachable: createFaultQueue<MinaMeddelandenFault>(),
    deliverSecure: createFaultQueue<MinaMeddelandenFault>(),
  };
  const received: ReceivedDelivery[] = [];
  const calls: string[] = [];
  const sockets = new Set<Socket>();
  const operator = options.operator ?? { id: '165566778899', name: 'Simulerad brevlåda' };
  let base = '';

  async function answer(req: IncomingMessage): Promise<{ answer: SoapAnswer; operation: string } | 'hang'> {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    const { text, size } = await readBody(req, MAX_DELIVERY_BYTES + 64 * 1024);
    const expected: MinaMeddelandenOperation | undefined =
      path === RECIPIENT_PATH ? 'isReachable' : path === SERVICE_PATH ? 'deliverSecure' : undefined;
    if (req.method !== 'POST' || !expected)
      return { operation: 'unknown', answer: { status: 404, contentType: 'text/plain', body: 'Not Found' } };
    calls.push(expected);
    const injected = faultsOf[expected].take() ?? faults.take();
    await sleep(faults.delayMs);
    if (injected === 'hang') return 'hang';
    if (injected === 'http-500')
      return {
        operation: expected,
        answer: {
          status: 500,
          contentType: 'text/html',
          body: '<html><body>Internal Server Error</body></html>',
        },
      };
    if (injected === 'soap-fault')
      return {
        operation: expected,
        answer: fault('Server', ERROR.injected, 'the service is temporarily unavailable'),
      };
    let operation: Element;
    try {
      operation = operationOf(text);
    } catch (error) {
      if (error instanceof BadRequest)
        return { operation: expected, answer: fault('Client', ERROR.malformed, error.message) };
      throw error;
    }
    if (expected === 'isReachable') {
      if (operation.namespaceURI !== NS.recipientV3 || operation.localName !== 'isReachable')
        return {
          operation: expected,
          answer: fault('Client', ERROR.malformed, 'this endpoint serves isReachable (Recipient/v3)'),
        };
      return {
        operation: expected,
        answer: isReachable(operation, {
          senders: new Set(senders.keys()),
          mailboxOf,
          operator: { ...operator, serviceAddress: `${base}${SERVICE_PATH}`, uiAddress: `${base}/` },
        }),
      };
    }
    if (operation.namespaceURI !== NS.serviceV3 || operation.localName !== 'deliverSecure')
      return {
        operation: expected,
        answer: fault('Client', ERROR.malformed, 'this endpoint serves deliverSecure (Service/v3)'),
      };
    let inner: Element;
    try {
      inner = one(operation, NS.serviceV3, 'deliverSecure');
    } catch (error) {
      if (error instanceof BadRequest)
        return { operation: expected, answer: fault('Client', ERROR.malformed, error.message) };
      throw error;
    }
    const result = deliverSecure(inner, size, { senders, mailboxOf });
    if (result.delivery) received.push(result.delivery);
    return { operation: expected, answer: result.answer };
  }

  function handle(req: IncomingMessage, res: ServerResponse): void {
    const started = Date.now();
    answer(req).then(
      (result) => {
        if (result === 'hang') return;
        res.writeHead(result.answer.status, { 'content-type': result.answer.contentType });
        res.end(result.answer.body);
        options.log?.(`${result.operation} ${result.answer.status} ${Date.now() - started}ms`);
      },
      () => {
        res.writeHead(500, { 'content-type': 'text/plain' });
        res.end('simulator error');
        options.log?.(`error 500 ${Date.now() - started}ms`);
      },
    );
  }

  const server: Server = options.tls
    ? createHttpsServer(
        {
          cert: options.tls.cert,
          key: options.tls.key,
          ...(options.tls.ca ? { ca: options.tls.ca, requestCert: true, rejectUnauthorized: true } : {}),
        },
        handle,
      )
    : createHttpServer(handle);
  server.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  base = `${options.tls ? 'https' : 'http'}://127.0.0.1:${port}`;

  return {
    recipientUrl: `${base}${RECIPIENT_PATH}`,
    serviceUrl: `${base}${SERVICE_PATH}`,
    mailboxes,
    faults: {
      add: (kind, count, operation) => (operation ? faultsOf[operation] : faults).add(kind, count),
      setDelay: (ms) => {
        faults.delayMs = ms;
      },
      clear: () => {
        faults.clear();
        faultsOf.isReachable.clear();
        faultsOf.deliverSecure.clear();
      },
    },
    deliveries: () => [...received],
    calls: () => [...calls],
    close: () =>
      new Promise<void>((resolve, reject) => {
        for (const socket of sockets) socket.destroy();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
