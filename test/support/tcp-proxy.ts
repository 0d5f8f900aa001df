/**
 * A TCP proxy on loopback that a test can cut and restore: the way to take a shared server (the
 * RabbitMQ broker) away from one client without touching the server itself.
 */
import { createConnection, createServer, type Socket } from 'node:net';

/**
 * @example
 * const proxy = await tcpProxy('127.0.0.1', 5672);
 * proxy.cut(); // every connection through it drops, new ones are refused
 * proxy.restore();
 */
export async function tcpProxy(host: string, port: number) {
  const open = new Set<Socket>();
  let down = false;
  const server = createServer((client) => {
    if (down) return void client.destroy();
    const upstream = createConnection({ host, port });
    for (const s of [client, upstream]) {
      open.add(s);
      s.on('close', () => open.delete(s));
      s.on('error', () => {});
    }
    client.pipe(upstream).pipe(client);
    client.on('close', () => upstream.destroy());
    upstream.on('close', () => client.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address() as { port: number };
  return {
    port: address.port,
    /** Drops every connection through the proxy and refuses new ones until restore(). */
    cut() {
      down = true;
      for (const s of open) s.destroy();
    },
    restore() {
      down = false;
    },
    async close() {
      this.cut();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}
