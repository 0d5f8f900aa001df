/**
 * The generic `rest` kind (a paged JSON list with updatedSince and a cursor) against HTTP answers
 * staged with nock. Its loopback-server drills (paging through everything, resuming, Retry-After, a
 * hanging call, refused credentials) run against the SS 12000 simulator in ss12000-connector.test.ts,
 * since the placement API it was modelled on was an invented contract and is retired.
 */
import { join } from 'node:path';
import nock from 'nock';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { restConnector } from '../../connectors/rest/index.js';
import { readExample } from '../../mappings/engine/examples.js';
import { shippedMappingsDir } from '../../mappings/location.js';
import type { Db } from '../../store/db.js';
import { freshDatabase } from '../support/databases.js';
import { addSource, allReadBetween, engineOn, mapperFor } from '../support/sync.js';

// Records in a shape a shipped mapping reads: an SS 12000 placement from the mapping's golden examples.
const mapper = mapperFor('ss12000/placering');
const placement = readExample(join(shippedMappingsDir(), 'ss12000/examples/forskola-placerad.json')).source;

let db: Db;
let drop: () => Promise<void>;

beforeEach(async () => {
  ({ db, drop } = await freshDatabase('pglite'));
});
afterEach(async () => {
  nock.cleanAll();
  nock.enableNetConnect();
  await drop();
});

const config = (baseUrl: string, token: string, overrides: Record<string, unknown> = {}) =>
  restConnector.configSchema.parse({
    baseUrl,
    listPath: '/api/v2/placements',
    itemPath: '/api/v2/placements/{id}',
    pageSize: 25,
    token,
    ...overrides,
  });

async function syncedEngine(
  overrides: Parameters<typeof addSource>[4],
  connectorConfig: ReturnType<typeof config>,
) {
  const hub = engineOn(db);
  await addSource(hub.engine, 'umea-skola', restConnector.create(connectorConfig), mapper, overrides);
  return hub.engine;
}

describe('rest connector HTTP failure cases (nock)', () => {
  const base = 'http://placements.test';
  const page = (items: unknown[], nextCursor: string | null) => ({ items, nextCursor });
  const record = () => placement;

  it('retries 5xx and 429 (with Retry-After as an HTTP date) until a good answer', async () => {
    nock.disableNetConnect();
    const when = new Date(Date.now() + 1000).toUTCString();
    nock(base)
      .get('/api/v2/placements')
      .query(true)
      .reply(500)
      .get('/api/v2/placements')
      .query(true)
      .reply(429, '', { 'Retry-After': when })
      .get('/api/v2/placements')
      .query(true)
      .reply(200, page([record()], null), { ETag: '"v1"' });
    const engine = await syncedEngine(
      { retry: { maxAttempts: 3, initialDelayMs: 10, maxDelayMs: 20 } },
      config(base, 't'),
    );
    const started = Date.now();
    expect(await engine.runOnce('umea-skola')).toMatchObject({ outcome: 'ok', stored: 1 });
    expect(nock.isDone()).toBe(true);
    // A page of the API is the records as they are now: stored as read then (docs/connectors.md §1.2).
    expect(await allReadBetween(db, started)).toBe(true);
  });

  it('treats truncated JSON as retryable and a response without items as a protocol error', async () => {
    nock.disableNetConnect();
    nock(base)
      .get('/api/v2/placements')
      .query(true)
      .reply(200, '{"items": [{"id": "0f272289-4d9f-4a2b', { 'Content-Type': 'application/json' })
      .get('/api/v2/placements')
      .query(true)
      .reply(200, { results: [] });
    const engine = await syncedEngine(
      { retry: { maxAttempts: 3, initialDelayMs: 10, maxDelayMs: 20 } },
      config(base, 't'),
    );
    const run = await engine.runOnce('umea-skola');
    expect(run.error).toBe('protocol: the list response has no "items" array');
    expect(nock.isDone()).toBe(true);
  });

  it('sends the stored ETag and accepts 304 Not Modified as "nothing new"', async () => {
    nock.disableNetConnect();
    nock(base)
      .get('/api/v2/placements')
      .query(true)
      .reply(200, page([record()], null), { ETag: '"v1"' });
    nock(base, { reqheaders: { 'if-none-match': '"v1"' } })
      .get('/api/v2/placements')
      .query(true)
      .reply(304);
    const engine = await syncedEngine({}, config(base, 't'));
    expect(await engine.runOnce('umea-skola')).toMatchObject({ outcome: 'ok', stored: 1 });
    expect(await engine.runOnce('umea-skola')).toMatchObject({ outcome: 'ok', stored: 0, units: 0 });
    expect(nock.isDone()).toBe(true);
  });

  it('fails a call that never answers at the timeout', async () => {
    nock.disableNetConnect();
    // A reply that never comes (not a delayed one, which would arrive after the abort).
    nock(base)
      .get('/api/v2/placements')
      .query(true)
      .reply(() => new Promise<never>(() => {}));
    const engine = await syncedEngine(
      { callTimeoutMs: 200, retry: { maxAttempts: 0, initialDelayMs: 10, maxDelayMs: 10 } },
      config(base, 't'),
    );
    const run = await engine.runOnce('umea-skola');
    expect(run).toMatchObject({ outcome: 'failed', error: 'timeout: no answer within 200 ms' });
  });
});
