import nock from 'nock';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { restConnector } from '../../connectors/rest/index.js';
import {
  type SkolplaceringSimulator,
  startSkolplaceringSimulator,
} from '../../simulators/skolplacering-rest/server.js';
import type { Db } from '../../store/db.js';
import { freshDatabase } from '../support/databases.js';
import { addSource, engineOn, mapperFor, storedStatuses } from '../support/sync.js';

const mapper = mapperFor('skolplacering-rest/skolplacering');
const STATUS = mapper.mapping.tables.status as Record<string, string>;

let sim: SkolplaceringSimulator;
let db: Db;
let drop: () => Promise<void>;

beforeAll(async () => {
  sim = await startSkolplaceringSimulator({ cases: 90, seed: 51 });
});
afterAll(async () => sim.close());
beforeEach(async () => {
  ({ db, drop } = await freshDatabase('pglite'));
  sim.faults.clear();
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

const expectedStatuses = () =>
  Object.fromEntries(sim.data.list().map((r) => [r.caseNumber, STATUS[r.state]]));

async function syncedEngine(
  overrides: Parameters<typeof addSource>[4] = {},
  connectorConfig = config(sim.url, sim.token),
) {
  const hub = engineOn(db);
  await addSource(hub.engine, 'umea-skola', restConnector.create(connectorConfig), mapper, overrides);
  return hub.engine;
}

describe('rest connector against the school-placement simulator', () => {
  it('pages through every placement, then asks only for what changed since', async () => {
    const engine = await syncedEngine();
    expect(await engine.runOnce('umea-skola')).toMatchObject({
      outcome: 'ok',
      stored: sim.data.count(),
      units: 4,
    });
    expect(await storedStatuses(db)).toEqual(expectedStatuses());
    const changed = sim.data.advance(new Date(sim.data.now().getTime() + 5 * 86_400_000));
    const second = await engine.runOnce('umea-skola');
    // updatedSince is inclusive: the newest case of the last run comes again, harmlessly unchanged.
    expect(second.stored).toBeGreaterThanOrEqual(changed.length);
    expect(second.stored).toBeLessThanOrEqual(changed.length + 1);
    expect(await storedStatuses(db)).toEqual(expectedStatuses());
  });

  it('honours 429 Retry-After and rides out a 503 burst and a truncated body', async () => {
    const engine = await syncedEngine({ retry: { maxAttempts: 5, initialDelayMs: 10, maxDelayMs: 50 } });
    sim.faults.rateLimitNext(1);
    sim.faults.unavailableNext(2);
    sim.faults.truncateNext(1);
    const started = Date.now();
    expect(await engine.runOnce('umea-skola')).toMatchObject({ outcome: 'ok' });
    expect(Date.now() - started).toBeGreaterThanOrEqual(1000); // Retry-After: 1 was waited out
    expect(await storedStatuses(db)).toEqual(expectedStatuses());
    expect(sim.requests().map((r) => r.status)).toEqual(expect.arrayContaining([429, 503, 'truncated']));
  });

  it('times out a hanging call and keeps what earlier pages stored', async () => {
    const engine = await syncedEngine({
      callTimeoutMs: 300,
      retry: { maxAttempts: 0, initialDelayMs: 10, maxDelayMs: 10 },
    });
    sim.faults.hangNext(1);
    const run = await engine.runOnce('umea-skola');
    expect(run).toMatchObject({ outcome: 'failed', stored: 0 });
    expect(run.error).toMatch(/timeout/);
    expect(await engine.runOnce('umea-skola')).toMatchObject({ outcome: 'ok' });
    expect(await storedStatuses(db)).toEqual(expectedStatuses());
  });

  it('refuses wrong credentials without retrying', async () => {
    const engine = await syncedEngine({}, config(sim.url, 'not-the-token'));
    const before = sim.requests().length;
    const run = await engine.runOnce('umea-skola');
    expect(run).toMatchObject({ outcome: 'failed' });
    expect(run.error).toMatch(/^auth: .*HTTP 401/);
    expect(sim.requests().length - before).toBe(1);
  });
});

describe('rest connector HTTP failure cases (nock)', () => {
  const base = 'http://placements.test';
  const page = (items: unknown[], nextCursor: string | null) => ({ items, nextCursor });
  const record = () => sim.data.list()[0];

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
    expect(await engine.runOnce('umea-skola')).toMatchObject({ outcome: 'ok', stored: 1 });
    expect(nock.isDone()).toBe(true);
  });

  it('treats truncated JSON as retryable and a response without items as a protocol error', async () => {
    nock.disableNetConnect();
    nock(base)
      .get('/api/v2/placements')
      .query(true)
      .reply(200, '{"items": [{"id": "sp-1", "caseNu', { 'Content-Type': 'application/json' })
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
