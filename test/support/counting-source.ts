/**
 * An office system for drills: a paged JSON list (the `rest` kind's contract) of school placements in
 * the shape `ss12000/placering` maps, served slowly on purpose, that counts how many pulls are under
 * way at once: with one syncing instance at a time that number never passes one.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { readExample } from '../../mappings/engine/examples.js';
import { shippedMappingsDir } from '../../mappings/location.js';

export type CountingSource = {
  url: string;
  listPath: string;
  /** The source ids it holds, in listing order. */
  ids: string[];
  /** List requests answered so far, and the most ever in flight at once. */
  stats(): { pages: number; inFlight: number; maxInFlight: number };
  /** Until opened the list is empty (a quiet office system), so a drill chooses when the work starts. */
  open(): void;
  close(): Promise<void>;
};

const example = readExample(join(shippedMappingsDir(), 'ss12000/examples/forskola-placerad.json'))
  .source as Record<string, unknown> & { meta: Record<string, string> };

/** Record i: the example with its own id and change time (one second apart, so `updatedSince` is exact). */
function placement(i: number): Record<string, unknown> {
  const modified = new Date(Date.UTC(2026, 2, 1, 8) + i * 1000).toISOString();
  const id = `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`;
  return { ...example, id, meta: { ...example.meta, modified }, updatedAt: modified };
}

export async function startCountingSource(options: {
  records: number;
  delayMs: number;
}): Promise<CountingSource> {
  const records = Array.from({ length: options.records }, (_, i) => placement(i));
  const listPath = '/api/v2/placements';
  let opened = false;
  let pages = 0;
  let inFlight = 0;
  let maxInFlight = 0;
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (url.pathname === '/health') return res.writeHead(200).end('ok');
    if (url.pathname !== listPath) return res.writeHead(404).end();
    inFlight++;
    maxInFlight = Math.max(maxInFlight, inFlight);
    pages++;
    const since = url.searchParams.get('updatedSince');
    const offset = Number(url.searchParams.get('cursor') ?? 0);
    const limit = Number(url.searchParams.get('limit') ?? 100);
    const after = opened ? records.filter((r) => !since || (r.updatedAt as string) > since) : [];
    const items = after.slice(offset, offset + limit);
    const next = offset + limit < after.length ? String(offset + limit) : null;
    const timer = setTimeout(() => {
      inFlight--;
      res
        .writeHead(200, { 'content-type': 'application/json' })
        .end(JSON.stringify({ items, nextCursor: next }));
    }, options.delayMs);
    // A client that dies mid-call (kill -9) is no longer in flight.
    res.once('close', () => {
      if (!res.writableEnded) {
        clearTimeout(timer);
        inFlight--;
      }
    });
  });
  await new Promise<void>((ready) => server.listen(0, '127.0.0.1', () => ready()));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    listPath,
    ids: records.map((r) => r.id as string),
    stats: () => ({ pages, inFlight, maxInFlight }),
    open: () => {
      opened = true;
    },
    async close() {
      server.closeAllConnections();
      await new Promise<void>((done) => server.close(() => done()));
    },
  };
}
