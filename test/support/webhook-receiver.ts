/**
 * A webhook receiver on loopback for tests: a real HTTP server that verifies each delivery's Standard
 * Webhooks signature with the `standardwebhooks` package, keeps what it took, and can be told to answer
 * with an error status, to hang, or to be down (its port closed) and up again on the same port.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Webhook } from 'standardwebhooks';

export type Taken = {
  id: string;
  headers: IncomingMessage['headers'];
  body: Record<string, unknown>;
  raw: string;
};

export type ReceiverMode = { status?: number; hangMs?: number; location?: string };

/**
 * @example
 * const hook = await startWebhookReceiver();
 * hook.setSecret(secret); // … hook.taken, await hook.down(), await hook.up(), await hook.close()
 */
export async function startWebhookReceiver() {
  const taken: Taken[] = [];
  const refusedSignatures: string[] = [];
  let attempts = 0;
  let inFlight = 0;
  let maxInFlight = 0;
  let secret: string | undefined;
  let mode: ReceiverMode = {};

  const handle = (request: IncomingMessage, response: ServerResponse) => {
    attempts += 1;
    inFlight += 1;
    maxInFlight = Math.max(maxInFlight, inFlight);
    const chunks: Buffer[] = [];
    request.on('data', (c: Buffer) => chunks.push(c));
    request.on('end', () => {
      const raw = Buffer.concat(chunks).toString('utf8');
      const answer = () => {
        inFlight -= 1;
        if (mode.status && (mode.status < 200 || mode.status > 299)) {
          if (mode.location) response.setHeader('location', mode.location);
          response.writeHead(mode.status).end('refused: 19121212-1212 Tolvan');
          return;
        }
        try {
          new Webhook(secret as string).verify(raw, request.headers as Record<string, string>);
        } catch {
          refusedSignatures.push(String(request.headers['webhook-id']));
          response.writeHead(401).end();
          return;
        }
        taken.push({
          id: String(request.headers['webhook-id']),
          headers: request.headers,
          body: JSON.parse(raw),
          raw,
        });
        response.writeHead(mode.status ?? 204).end();
      };
      if (mode.hangMs) setTimeout(answer, mode.hangMs);
      else answer();
    });
  };

  let server: Server = createServer(handle);
  await new Promise<void>((ready) => server.listen(0, '127.0.0.1', () => ready()));
  const { port } = server.address() as AddressInfo;
  const closeServer = () =>
    new Promise<void>((done) => {
      server.close(() => done());
      server.closeAllConnections();
    });

  return {
    url: `http://127.0.0.1:${port}/hook`,
    port,
    taken,
    refusedSignatures,
    get attempts() {
      return attempts;
    },
    get maxInFlight() {
      return maxInFlight;
    },
    /** Starts counting requests at once afresh (requests still hanging from earlier count on). */
    resetMaxInFlight() {
      maxInFlight = inFlight;
    },
    setSecret(s: string) {
      secret = s;
    },
    setMode(m: ReceiverMode) {
      mode = m;
    },
    /** Closes the port: deliveries meet "connection refused". */
    down: closeServer,
    async up() {
      server = createServer(handle);
      await new Promise<void>((ready) => server.listen(port, '127.0.0.1', () => ready()));
    },
    close: closeServer,
  };
}
