/**
 * A hostile or broken REST source on a real HTTP server on loopback (node:http): a page of junk that
 * is valid JSON (every record quarantined), JSON served as text/html, and a body far above the cap.
 * Each must end as a failing source the operator sees (circuit, metric, sources view, alert), and an
 * oversize body must be cut off while it streams rather than read whole.
 */
import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createLogger } from '../../app/logger.js';
import { createMetrics } from '../../app/metrics.js';
import { restConnector } from '../../connectors/rest/index.js';
import { createCaseIdMinter } from '../../schemas/case-id.js';
import type { Db } from '../../store/db.js';
import { createEngineOn } from '../../sync/create-engine.js';
import { TEST_PERSON_REF_KEY } from '../support/app.js';
import { TEST_CASE_ID_KEY } from '../support/cases.js';
import { freshDatabase } from '../support/databases.js';
import { capturingDestination } from '../support/log-sink.js';
import { mapperFor, settings } from '../support/sync.js';

type Handler = (res: ServerResponse) => void;

let db: Db;
let drop: () => Promise<void>;
let server: Server;
let base: string;
let handler: Handler;
/** What the server managed to hand to the socket, and whether the client hung up first. */
let sent: { bytes: number; cutOff: boolean };

beforeEach(async () => {
  ({ db, drop } = await freshDatabase('pglite'));
  sent = { bytes: 0, cutOff: false };
  server = createServer((_req, res) => handler(res));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterEach(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
  await drop();
});

/** An engine with one REST source on the loopback server; its log lines and metrics readable. */
async function hubWith(connectorOverrides: Record<string, unknown> = {}) {
  const lines: string[] = [];
  const logger = createLogger({ level: 'info', destination: capturingDestination(lines) });
  const { registry } = createMetrics({ defaultMetrics: false });
  const { engine } = createEngineOn({
    db,
    key: TEST_PERSON_REF_KEY,
    caseIds: createCaseIdMinter(TEST_CASE_ID_KEY),
    logger,
    owner: 'hub-a',
    registry,
  });
  const connector = restConnector.create(
    restConnector.configSchema.parse({ baseUrl: base, listPath: '/list', ...connectorOverrides }),
  );
  await engine.add(
    settings('junk-source', { retry: { maxAttempts: 0, initialDelayMs: 10, maxDelayMs: 10 } }),
    connector,
    mapperFor('ss12000/placering'),
  );
  const logs = () => lines.map((l) => JSON.parse(l) as Record<string, unknown>);
  const status = async () => (await engine.status())[0];
  return { engine, logs, status, metrics: () => registry.metrics() };
}

/** Junk records: valid JSON, nothing a mapping can read; no personal data. */
const junk = (n: number) =>
  Array.from({ length: n }, (_, i) => ({ id: `rec-${i}`, filler: 'x'.repeat(80), nested: { a: [i] } }));

const json =
  (body: unknown, type = 'application/json') =>
  (res: ServerResponse) => {
    res.writeHead(200, { 'content-type': type });
    res.end(JSON.stringify(body));
  };

describe('a hostile REST source', () => {
  it('is reported failing when its runs only quarantine: circuit opens, metric, view and an error-level alert', async () => {
    handler = json({ items: junk(2_000), nextCursor: null });
    const hub = await hubWith();
    const first = await hub.engine.runOnce('junk-source');
    expect(first).toMatchObject({ outcome: 'failed', quarantined: 2_000, stored: 0 });
    expect(first.error).toBe(
      'bad_data: 2000 of 2000 records quarantined over the last 1 run(s), above the limit of 50 %',
    );
    await hub.engine.runOnce('junk-source');
    await hub.engine.runOnce('junk-source');
    const status = await hub.status();
    expect(status).toMatchObject({
      circuit: 'open',
      consecutiveFailures: 3,
      lastError: 'bad_data: 6000 of 6000 records quarantined over the last 3 run(s), above the limit of 50 %',
    });
    // The open circuit keeps the junk from being fetched and quarantined again and again.
    expect(await hub.engine.runOnce('junk-source')).toMatchObject({
      outcome: 'circuit-open',
      quarantined: 0,
    });
    const metrics = await hub.metrics();
    expect(metrics).toContain('arendenav_sync_source_failing{source="junk-source"} 1');
    expect(metrics).toContain('arendenav_sync_circuit_open{source="junk-source"} 1');
    expect(metrics).toContain('arendenav_sync_quarantined_share{source="junk-source"} 1');
    const alerts = hub.logs().filter((l) => l.level === 'error');
    expect(alerts.map((l) => l.msg)).toContain('source failing: too many records quarantined');
    expect(alerts.map((l) => l.msg)).toContain('source failing: circuit opened');
    for (const alert of alerts) {
      expect(alert).toMatchObject({ source: 'junk-source', alert: 'source-failing' });
      // Counts and the name only: nothing of the records.
      expect(JSON.stringify(alert)).not.toContain('rec-');
    }
  });

  it('refuses JSON served as text/html with a clear reason, and does not quarantine it', async () => {
    handler = json({ items: junk(5), nextCursor: null }, 'text/html; charset=utf-8');
    const hub = await hubWith();
    expect(await hub.engine.runOnce('junk-source')).toMatchObject({
      outcome: 'failed',
      quarantined: 0,
      error: `protocol: ${new URL(base).host}: the answer is text/html, not JSON`,
    });
    expect(await hub.status()).toMatchObject({ quarantined: 0, consecutiveFailures: 1 });
  });

  it('cuts off a body above the cap while it streams (10 MB against a 1 MB cap), without a Content-Length', async () => {
    const total = 10 * 1024 * 1024;
    const chunk = Buffer.from(`${JSON.stringify(junk(1)[0])},`.repeat(600));
    handler = (res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.on('close', () => {
        sent.cutOff = !res.writableFinished;
      });
      res.write('{"items":[');
      const more = () => {
        while (sent.bytes < total && !res.destroyed) {
          sent.bytes += chunk.length;
          if (!res.write(chunk)) return void res.once('drain', more);
        }
        if (!res.destroyed) res.end('{}],"nextCursor":null}');
      };
      more();
    };
    const hub = await hubWith({ maxResponseBytes: 1024 * 1024 });
    expect(await hub.engine.runOnce('junk-source')).toMatchObject({
      outcome: 'failed',
      quarantined: 0,
      error: `bad_data: ${new URL(base).host}: the answer is larger than 1048576 bytes`,
    });
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(sent.cutOff).toBe(true);
    // Socket buffers hold some more, but far from the whole 10 MB was ever sent.
    expect(sent.bytes).toBeLessThan(total / 2);
  });

  it('refuses a declared Content-Length above the cap before reading the body', async () => {
    handler = (res) => {
      const body = JSON.stringify({ items: junk(20_000), nextCursor: null });
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) });
      res.end(body);
    };
    const hub = await hubWith({ maxResponseBytes: 64 * 1024 });
    expect(await hub.engine.runOnce('junk-source')).toMatchObject({
      outcome: 'failed',
      error: `bad_data: ${new URL(base).host}: the answer is larger than 65536 bytes`,
    });
  });

  it('is well again at the first run that quarantines nothing', async () => {
    handler = json({ items: junk(10), nextCursor: null });
    const hub = await hubWith();
    expect(await hub.engine.runOnce('junk-source')).toMatchObject({ outcome: 'failed' });
    handler = json({ items: [], nextCursor: null });
    expect(await hub.engine.runOnce('junk-source')).toMatchObject({ outcome: 'ok' });
    expect(await hub.metrics()).toContain('arendenav_sync_source_failing{source="junk-source"} 0');
  });
});
