/**
 * A load balancer for drills, on loopback: each request goes to the next upstream in turn. An upstream
 * that refuses or breaks off is answered with 502 and never retried here, so a drill sees what a client
 * sees when an instance dies, and proves the client's own retry. Like nginx's `max_fails=1
 * fail_timeout=…` (a passive health check), an upstream that failed is skipped for `failTimeoutMs`.
 */
import { createServer, request } from 'node:http';
import type { AddressInfo } from 'node:net';

export type Upstream = { name: string; port: number };

export type RoundRobinProxy = {
  url: string;
  port: number;
  /** The upstream that answered each request, in order (`name`, or `name!code` when it failed). */
  log: string[];
  close(): Promise<void>;
};

/** The upstream's name rides on every answer as `x-upstream`, so a drill can tell who served what. */
export async function startRoundRobinProxy(
  upstreams: Upstream[],
  options: { port?: number; failTimeoutMs?: number } = {},
): Promise<RoundRobinProxy> {
  let turn = 0;
  const log: string[] = [];
  const downUntil = new Map<string, number>();
  const next = (): Upstream => {
    for (let tried = 0; tried < upstreams.length; tried++) {
      const candidate = upstreams[turn++ % upstreams.length] as Upstream;
      if ((downUntil.get(candidate.name) ?? 0) <= Date.now()) return candidate;
    }
    return upstreams[turn++ % upstreams.length] as Upstream; // all marked down: try one anyway
  };
  const server = createServer((req, res) => {
    const upstream = next();
    const fail = (code: string) => {
      log.push(`${upstream.name}!${code}`);
      if (options.failTimeoutMs) downUntil.set(upstream.name, Date.now() + options.failTimeoutMs);
      if (!res.headersSent) {
        res.writeHead(502, {
          'content-type': 'text/plain',
          connection: 'close',
          'x-upstream': upstream.name,
        });
        res.end(`upstream ${upstream.name}: ${code}`);
      } else res.destroy();
    };
    const forwardedFor = [req.headers['x-forwarded-for'], req.socket.remoteAddress]
      .filter(Boolean)
      .join(', ');
    const out = request(
      {
        host: '127.0.0.1',
        port: upstream.port,
        method: req.method,
        path: req.url,
        headers: { ...req.headers, 'x-forwarded-for': forwardedFor, connection: 'close' },
        agent: false,
      },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, { ...answer.headers, 'x-upstream': upstream.name });
        answer.pipe(res);
        answer.once('error', () => fail('ECONNRESET'));
        answer.once('end', () => log.push(upstream.name));
      },
    );
    out.once('error', (error: NodeJS.ErrnoException) => fail(error.code ?? 'error'));
    req.pipe(out);
  });
  await new Promise<void>((ready) => server.listen(options.port ?? 0, '127.0.0.1', () => ready()));
  const bound = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${bound}`,
    port: bound,
    log,
    async close() {
      server.closeAllConnections();
      await new Promise<void>((done) => server.close(() => done()));
    },
  };
}
