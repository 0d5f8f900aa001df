import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { type AddressInfo, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { soapConnector } from '../../connectors/soap/index.js';
import { type ByggrV8Simulator, renderWsdl, startByggrV8Simulator } from '../../simulators/byggr-v8/index.js';
import { engineRetry, failureOf, signal, v8Config } from '../support/soap-v8.js';

let sim: ByggrV8Simulator;
let posts: number;
let dir: string;
const port = () => new URL(sim.url).port;

beforeAll(async () => {
  sim = await startByggrV8Simulator({
    seed: 3,
    cases: 60,
    maxBatchSize: 25,
    log: (line) => {
      if (line.startsWith('POST')) posts++;
    },
  });
  dir = mkdtempSync(join(tmpdir(), 'arendenav-soap-v8-'));
});
afterAll(async () => {
  await sim.close();
  rmSync(dir, { recursive: true, force: true });
});
afterEach(() => {
  sim.faults.clear();
});

/** The simulator's WSDL as a file, optionally edited (e.g. to another contract version). */
function wsdlFile(name: string, edit: (wsdl: string) => string = (w) => w): string {
  const file = join(dir, name);
  writeFileSync(file, edit(renderWsdl(sim.url)));
  return file;
}

describe('soap connector against the ByggR ArendeExportWS v8 simulator', () => {
  it('calls the http port of an http service, not the https port node-soap would pick', async () => {
    const connector = soapConnector.create(v8Config({ wsdlUrl: sim.wsdlUrl }));
    const before = sim.calls().length;
    const one = sim.data.list()[0];
    const record = (await connector.fetchOne?.(one?.dnr ?? '', { signal: signal() })) as Record<
      string,
      unknown
    >;
    expect(record['@dnr']).toBe(one?.dnr);
    expect(sim.calls().slice(before)).toEqual(['GetArende']);
    expect((await connector.health({ signal: signal() })).detail).toBe(
      `WSDL read; calls port BasicHttpBinding_IExportArenden at 127.0.0.1:${port()}`,
    );
  });

  it('pulls the whole history in BatchEnd windows as raw records, then only what changed', async () => {
    const connector = soapConnector.create(v8Config({ wsdlUrl: sim.wsdlUrl }));
    const seen: string[] = [];
    let cursor: string | null = null;
    for await (const unit of connector.pull?.(null, { signal: signal() }) ?? []) {
      for (const batch of unit.batches as unknown[][])
        for (const r of batch) seen.push((r as Record<string, string>)['@dnr'] ?? '');
      cursor = unit.cursor;
    }
    expect(seen.sort()).toEqual(
      sim.data
        .list()
        .map((a) => a.dnr)
        .sort(),
    );
    expect(cursor).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d/);

    const changed = sim.data.advance(new Date(sim.data.now().getTime() + 2 * 86_400_000));
    const again: string[] = [];
    for await (const unit of connector.pull?.(cursor, { signal: signal() }) ?? [])
      for (const batch of unit.batches as unknown[][])
        for (const r of batch) again.push((r as Record<string, string>)['@dnr'] ?? '');
    expect(again.sort()).toEqual(changed.map((a) => a.dnr).sort());
  });

  it('reads a local WSDL file whose addresses are wrong, calling the configured endpoint', async () => {
    const file = wsdlFile('moved.wsdl', (w) => w.replaceAll(`127.0.0.1:${port()}`, 'byggr.invalid:8080'));
    const connector = soapConnector.create(v8Config({ wsdlFile: file }, { endpoint: sim.url }));
    const one = sim.data.list()[1];
    expect(await connector.fetchOne?.(one?.dnr ?? '', { signal: signal() })).toMatchObject({
      '@dnr': one?.dnr,
    });
  });

  it('refuses to guess between two ports when a WSDL file names no endpoint or port', async () => {
    const connector = soapConnector.create(v8Config({ wsdlFile: wsdlFile('plain.wsdl') }));
    const error = await failureOf(
      connector.fetchOne?.('BN 2026-000001', { signal: signal() }) as Promise<unknown>,
    );
    expect(error).toMatchObject({ code: 'config', retryable: false });
    expect(error.message).toContain('BasicHttpBinding_IExportArenden, BasicHttpBinding_IExportArenden1');
  });

  it('calls the port named in the config; the https port of an http-only service fails as final, naming it', async () => {
    const http = soapConnector.create(
      v8Config({ wsdlFile: wsdlFile('named.wsdl') }, { port: 'BasicHttpBinding_IExportArenden' }),
    );
    const one = sim.data.list()[2];
    expect(await http.fetchOne?.(one?.dnr ?? '', { signal: signal() })).toMatchObject({ '@dnr': one?.dnr });

    const https = soapConnector.create(
      v8Config({ wsdlUrl: sim.wsdlUrl }, { port: 'BasicHttpBinding_IExportArenden1' }),
    );
    const error = await failureOf(https.fetchOne?.(one?.dnr ?? '', { signal: signal() }) as Promise<unknown>);
    expect(error).toMatchObject({ code: 'config', retryable: false });
    expect(error.message).toMatch(
      new RegExp(`^GetArende at 127\\.0\\.0\\.1:${port()} \\(port BasicHttpBinding_IExportArenden1\\): TLS`),
    );
  });

  it('an address that answers a web page instead of the WSDL, or a missing WSDL file, is final', async () => {
    const page = soapConnector.create(v8Config({ wsdlUrl: sim.url }));
    const pageError = await failureOf(page.fetchOne?.('x', { signal: signal() }) as Promise<unknown>);
    expect(pageError).toMatchObject({ code: 'config', retryable: false });
    expect(pageError.message).toBe(`reading the WSDL at 127.0.0.1:${port()}: not a WSDL node-soap can read`);
    const missing = soapConnector.create(v8Config({ wsdlFile: join(dir, 'missing.wsdl') }));
    expect(await failureOf(missing.fetchOne?.('x', { signal: signal() }) as Promise<unknown>)).toMatchObject({
      code: 'config',
      retryable: false,
      message: 'reading the WSDL at file missing.wsdl: ENOENT: cannot read the file',
    });
  });

  it('answers undefined for a dnr the service does not know (its "Arende not found" fault)', async () => {
    const connector = soapConnector.create(v8Config({ wsdlUrl: sim.wsdlUrl }));
    expect(await connector.fetchOne?.('BN 1999-000001', { signal: signal() })).toBeUndefined();
  });

  it('treats ActionNotSupported (a WSDL of another contract version) as final: one request, no retries', async () => {
    const file = wsdlFile('v9.wsdl', (w) => w.replaceAll('/V8/IExportArenden/', '/V9/IExportArenden/'));
    const connector = soapConnector.create(v8Config({ wsdlFile: file }, { endpoint: sim.url }));
    posts = 0;
    const error = await failureOf(
      engineRetry().execute(() => connector.fetchOne?.('BN 2026-000001', { signal: signal() })),
    );
    expect(error).toMatchObject({ code: 'config', retryable: false });
    expect(error.message).toContain('ActionNotSupported');
    expect(posts).toBe(1);
  });

  it('retries an IIS 503 and gets the record on the second request', async () => {
    const connector = soapConnector.create(v8Config({ wsdlUrl: sim.wsdlUrl }));
    const one = sim.data.list()[3];
    await connector.health({ signal: signal() });
    sim.faults.add('unavailable', 1);
    posts = 0;
    const record = await engineRetry().execute(() =>
      connector.fetchOne?.(one?.dnr ?? '', { signal: signal() }),
    );
    expect(record).toMatchObject({ '@dnr': one?.dnr });
    expect(posts).toBe(2);
    sim.faults.add('unavailable', 1);
    const error = await failureOf(
      connector.fetchOne?.(one?.dnr ?? '', { signal: signal() }) as Promise<unknown>,
    );
    expect(error).toMatchObject({ code: 'unavailable', retryable: true });
    expect(error.message).toBe(
      `GetArende at 127.0.0.1:${port()} (port BasicHttpBinding_IExportArenden): HTTP 503`,
    );
  });

  it('a hanging service is a retryable timeout, a closed port a retryable refusal, a wrong path a final 404', async () => {
    const connector = soapConnector.create(v8Config({ wsdlUrl: sim.wsdlUrl }, { callTimeoutMs: 300 }));
    sim.faults.add('hang', 1);
    expect(
      await failureOf(connector.fetchOne?.('BN 2026-000001', { signal: signal() }) as Promise<unknown>),
    ).toMatchObject({
      code: 'timeout',
      retryable: true,
    });
    const file = wsdlFile('elsewhere.wsdl');
    const closed = soapConnector.create(
      v8Config({ wsdlFile: file }, { endpoint: 'http://127.0.0.1:9/TekisArende/ArendeExportWS.svc' }),
    );
    expect(await failureOf(closed.fetchOne?.('x', { signal: signal() }) as Promise<unknown>)).toMatchObject({
      code: 'unavailable',
      retryable: true,
      message: expect.stringContaining('127.0.0.1:9 (port BasicHttpBinding_IExportArenden): ECONNREFUSED'),
    });
    const wrongPath = soapConnector.create(
      v8Config({ wsdlFile: file }, { endpoint: sim.url.replace('ArendeExportWS', 'ArendeExport') }),
    );
    expect(
      await failureOf(wrongPath.fetchOne?.('x', { signal: signal() }) as Promise<unknown>),
    ).toMatchObject({
      code: 'config',
      retryable: false,
      message: expect.stringContaining('HTTP 404'),
    });
  });

  it('a connection reset mid-call is retryable', async () => {
    // A server that accepts the request and resets the connection, as a restarting IIS or a proxy does.
    const resetting = createServer((socket) => socket.once('data', () => socket.resetAndDestroy()));
    await new Promise<void>((resolve) => resetting.listen(0, '127.0.0.1', resolve));
    const resetPort = (resetting.address() as AddressInfo).port;
    try {
      const connector = soapConnector.create(
        v8Config(
          { wsdlFile: wsdlFile('reset.wsdl') },
          { endpoint: `http://127.0.0.1:${resetPort}/TekisArende/ArendeExportWS.svc` },
        ),
      );
      expect(
        await failureOf(connector.fetchOne?.('x', { signal: signal() }) as Promise<unknown>),
      ).toMatchObject({
        code: 'unavailable',
        retryable: true,
        message: `GetArende at 127.0.0.1:${resetPort} (port BasicHttpBinding_IExportArenden): ECONNRESET`,
      });
    } finally {
      resetting.close();
    }
  });
});
