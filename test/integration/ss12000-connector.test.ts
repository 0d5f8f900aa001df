/**
 * The ss12000 connector against the real SS 12000 simulator on loopback: the token flow, one walk
 * through everything, resuming from the cursor, changes made during a walk, deletions, and failures
 * that are final (403, refused credentials) or retried (503, 429, a hanging call).
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { PullUnit } from '../../connectors/contract.js';
import { type Ss12000Config, ss12000Connector } from '../../connectors/ss12000/index.js';
import type { Placement } from '../../simulators/ss12000/index.js';
import { type Ss12000Simulator, startSs12000Simulator } from '../../simulators/ss12000/index.js';
import type { Db } from '../../store/db.js';
import { freshDatabase } from '../support/databases.js';
import { addSource, allReadBetween, engineOn, mapperFor, storedStatuses } from '../support/sync.js';

const mapper = mapperFor('ss12000/placering');
const DAY = 86_400_000;
const ctx = () => ({ signal: new AbortController().signal });

let sim: Ss12000Simulator;
let db: Db;
let drop: () => Promise<void>;

beforeAll(async () => {
  sim = await startSs12000Simulator({ seed: 51, municipalities: ['2480'] });
});
afterAll(async () => sim.close());
beforeEach(async () => {
  ({ db, drop } = await freshDatabase('pglite'));
  sim.faults.clear();
});
afterEach(async () => drop());

const config = (overrides: Partial<Record<keyof Ss12000Config, unknown>> = {}, target = sim) =>
  ss12000Connector.configSchema.parse({
    baseUrl: target.url,
    tokenUrl: target.tokenUrl,
    clientId: target.clientId,
    clientSecret: target.clientSecret,
    pageSize: 10,
    ...overrides,
  });

const state = () => {
  const s = sim.data.state('2480');
  if (!s) throw new Error('no Umeå data');
  return s;
};

/**
 * What the store must hold: each placement by id, closed once its end date has passed. The mapping
 * runs at the hub's clock, not the simulated one, as it does in production.
 */
function expectedStatuses(now = new Date()): Record<string, string> {
  const today = new Date(now.getTime() + 3_600_000).toISOString().slice(0, 10);
  return Object.fromEntries(
    [...state().placements.values()].map((p) => [
      p.id,
      p.endDate !== undefined && p.endDate < today ? 'closed' : 'decided',
    ]),
  );
}

async function syncedEngine(overrides: Parameters<typeof addSource>[4] = {}, connectorConfig = config()) {
  const hub = engineOn(db);
  await addSource(hub.engine, 'umea-ss12000', ss12000Connector.create(connectorConfig), mapper, {
    mapping: 'ss12000/placering',
    ...overrides,
  });
  return hub.engine;
}

async function units(cursor: string | null, connectorConfig = config()): Promise<PullUnit[]> {
  const all: PullUnit[] = [];
  for await (const unit of ss12000Connector.create(connectorConfig).pull?.(cursor, ctx()) ?? [])
    all.push(unit);
  return all;
}

const ids = (us: PullUnit[]) =>
  us.flatMap((u) => (u.batches as unknown[][]).flat().map((p) => (p as Placement).id));
const logSince = (n: number) => sim.logLines().slice(n);

describe('ss12000 connector against the SS 12000 simulator', () => {
  it('takes one token and pages once through every placement, page tokens without filters', async () => {
    const engine = await syncedEngine();
    const before = sim.logLines().length;
    const total = state().placements.size;
    const started = Date.now();
    expect(await engine.runOnce('umea-ss12000')).toMatchObject({
      outcome: 'ok',
      stored: total,
      units: Math.ceil(total / 10),
    });
    expect(await storedStatuses(db)).toEqual(expectedStatuses());
    // Placements as they are now: each stored as read then (docs/connectors.md §1.2).
    expect(await allReadBetween(db, started)).toBe(true);
    const lines = logSince(before);
    expect(lines.filter((l) => l.startsWith('POST /connect/token'))).toHaveLength(1);
    const pages = lines.filter((l) => l.includes('/placements'));
    expect(pages[0]).toMatch(/\?expand,expandReferenceNames,limit → 200$/);
    for (const line of pages.slice(1)) expect(line).toMatch(/\?pageToken,limit → 200$/);
    // The first walk reads everything there is: it asks for no deletions.
    expect(lines.some((l) => l.includes('/deletedEntities'))).toBe(false);
  });

  it('resumes from the cursor after a restart and reads only what changed since', async () => {
    const first = await syncedEngine();
    await first.runOnce('umea-ss12000');
    const newest = Math.max(...[...state().placements.values()].map((p) => p.modified));
    const changed = sim.data.advance(new Date(sim.data.now().getTime() + 5 * DAY));
    // A new engine over the same store: the cursor is all it has of the last run.
    const engine = await syncedEngine();
    const before = sim.logLines().length;
    const second = await engine.runOnce('umea-ss12000');
    const live = [...state().placements.values()];
    // The cursor is the newest change seen less the overlap (60 s), so those come once more, unchanged.
    const expected = live.filter((p) => p.modified > newest - 60_000).length;
    expect(changed.filter((c) => c.change !== 'deleted').length).toBeGreaterThan(0);
    expect(second).toMatchObject({ outcome: 'ok', stored: expected });
    expect(expected).toBeLessThan(live.length / 2);
    expect(logSince(before).find((l) => l.includes('GET /2480/v2.0/placements'))).toContain(
      'meta.modified.after',
    );
    // Placements the source deleted (its deletedEntities) are gone from the hub too: the store holds
    // exactly what the source holds now.
    const deleted = changed.filter((c) => c.change === 'deleted').map((c) => c.id);
    expect(deleted.length).toBeGreaterThan(0);
    const stored = await storedStatuses(db);
    for (const id of deleted) expect(stored).not.toHaveProperty(id);
    expect(stored).toEqual(expectedStatuses());
  });

  it('loses no change made while a long walk was under way', async () => {
    const walk = ss12000Connector.create(config({ pageSize: 5 })).pull?.(null, ctx());
    if (!walk) throw new Error('no pull');
    const iterator = walk[Symbol.asyncIterator]();
    const firstPage = (await iterator.next()).value as PullUnit;
    const passed = state().placements.get(ids([firstPage])[0] as string);
    const ahead = [...state().placements.values()].sort((a, b) => (a.id < b.id ? 1 : -1))[0];
    if (!passed || !ahead) throw new Error('no placements');
    // Two changes an hour apart: one to a placement the walk has passed, one to a placement still ahead.
    const t1 = sim.data.now().getTime() + 3_600_000;
    sim.data.advance(new Date(t1));
    Object.assign(passed, { hours: (passed.hours ?? 20) + 5, modified: t1 });
    sim.data.advance(new Date(t1 + 3_600_000));
    Object.assign(ahead, { hours: (ahead.hours ?? 20) + 5, modified: t1 + 3_600_000 });
    let last = firstPage;
    for (let r = await iterator.next(); !r.done; r = await iterator.next()) last = r.value;
    const next = await units(last.cursor);
    expect(ids(next)).toContain(passed.id);
  });

  it('goes on from the page it stopped at when a run failed half-way', async () => {
    const walk = ss12000Connector.create(config()).pull?.(null, ctx());
    if (!walk) throw new Error('no pull');
    const iterator = walk[Symbol.asyncIterator]();
    const firstPage = (await iterator.next()).value as PullUnit;
    sim.faults.add('unavailable', 1);
    await expect(iterator.next()).rejects.toMatchObject({ code: 'unavailable', retryable: true });
    const before = sim.logLines().length;
    const rest = await units(firstPage.cursor);
    expect(logSince(before).find((l) => l.includes('/placements'))).toMatch(/\?pageToken,limit → 200$/);
    expect(new Set([...ids([firstPage]), ...ids(rest)]).size).toBe(state().placements.size);
  });

  it('reports the placements the source deleted after the cursor as deletions', async () => {
    const first = await units(null);
    const cursor = first.at(-1)?.cursor ?? null;
    const deleted: string[] = [];
    for (let day = 1; day <= 40 && deleted.length === 0; day++) {
      const changes = sim.data.advance(new Date(sim.data.now().getTime() + DAY));
      deleted.push(...changes.filter((c) => c.change === 'deleted').map((c) => c.id));
    }
    expect(deleted.length).toBeGreaterThan(0);
    const next = await units(cursor);
    const unit = next.at(-1);
    expect(unit?.label).toBe('deleted entities');
    expect(unit?.deletions?.map((d) => d.sourceId)).toEqual(expect.arrayContaining(deleted));
    for (const d of unit?.deletions ?? []) expect(Date.parse(d.at)).toBe(sim.data.now().getTime());
    // The deletions cursor moves on: the next run repeats only the last minute (the overlap, harmless),
    // and the one after that none of these.
    sim.data.advance(new Date(sim.data.now().getTime() + DAY));
    const later = await units(unit?.cursor ?? null);
    const latest = await units(later.at(-1)?.cursor ?? null);
    const again = latest.flatMap((u) => u.deletions ?? []).map((d) => d.sourceId);
    for (const id of deleted) expect(again).not.toContain(id);
  });

  it('fetches one placement with its persons, and nothing for an unknown id', async () => {
    const connector = ss12000Connector.create(config());
    const id = [...state().placements.keys()][0] as string;
    const one = (await connector.fetchOne?.(id, ctx())) as Placement & { _embedded: { child: unknown } };
    expect(one.id).toBe(id);
    expect(one._embedded.child).toMatchObject({ civicNo: { nationality: 'SE' } });
    expect(await connector.fetchOne?.('00000000-0000-4000-8000-000000000000', ctx())).toBeUndefined();
    expect(await connector.fetchOne?.('BUN 2026/1', ctx())).toBeUndefined();
  });
});

describe('ss12000 connector failures', () => {
  it('fetches a new token once when the service stops taking the cached one', async () => {
    let clock = Date.now();
    const expiring = await startSs12000Simulator({ seed: 51, municipalities: ['2480'], now: () => clock });
    try {
      const connector = ss12000Connector.create(config({}, expiring));
      await connector.fetchOne?.(
        [...(expiring.data.state('2480')?.placements.keys() ?? [])][0] as string,
        ctx(),
      );
      clock += 2 * 3_600_000; // the server's token has expired; the hub's clock says it has not
      expect(await units(null, config({}, expiring))).not.toHaveLength(0);
      const again = await connector.fetchOne?.('00000000-0000-4000-8000-000000000000', ctx());
      expect(again).toBeUndefined();
      const tokens = expiring.logLines().filter((l) => l.startsWith('POST /connect/token'));
      expect(tokens).toHaveLength(3); // the first connector's token, the walk's, the first connector's renewal
      expect(expiring.logLines().filter((l) => l.includes('→ 401'))).toHaveLength(1);
    } finally {
      await expiring.close();
    }
  });

  it('refuses without retrying: a client without the placements scope (403), wrong credentials (401)', async () => {
    const narrow = await startSs12000Simulator({ seed: 51, municipalities: ['2480'], scopes: ['civicno'] });
    try {
      const engine = await syncedEngine({}, config({}, narrow));
      const denied = await engine.runOnce('umea-ss12000');
      expect(denied).toMatchObject({ outcome: 'failed' });
      expect(denied.error).toMatch(/^auth: list placements at 127\.0\.0\.1:\d+: HTTP 403: access denied/);
      expect(narrow.logLines().filter((l) => l.includes('/placements'))).toHaveLength(1);
    } finally {
      await narrow.close();
    }
    const engine = await syncedEngine({}, config({ clientSecret: 'not-the-secret' }));
    const before = sim.logLines().length;
    const refused = await engine.runOnce('umea-ss12000');
    expect(refused.error).toMatch(/^auth: token request at 127\.0\.0\.1:\d+: HTTP 401/);
    expect(logSince(before)).toEqual([expect.stringMatching(/^POST \/connect\/token → 401$/)]);
  });

  it('treats a scope the client was not granted (400) as configuration', async () => {
    const engine = await syncedEngine({}, config({ scope: 'ist.ss12000-v2.api.grades' }));
    const run = await engine.runOnce('umea-ss12000');
    expect(run.error).toMatch(/^config: token request at 127\.0\.0\.1:\d+: HTTP 400/);
  });

  it('honours 429 Retry-After and rides out a 503 burst', async () => {
    const engine = await syncedEngine({ retry: { maxAttempts: 5, initialDelayMs: 10, maxDelayMs: 50 } });
    const before = sim.logLines().length;
    sim.faults.add('rate_limit', 1);
    sim.faults.add('unavailable', 2);
    const started = Date.now();
    expect(await engine.runOnce('umea-ss12000')).toMatchObject({ outcome: 'ok' });
    expect(Date.now() - started).toBeGreaterThanOrEqual(1000); // Retry-After: 1 was waited out
    expect(await storedStatuses(db)).toEqual(expectedStatuses());
    const statuses = logSince(before).map((l) => l.split('→ ')[1]);
    expect(statuses).toEqual(expect.arrayContaining(['429', '503']));
  });

  it('times out a hanging call, then the next run completes', async () => {
    const engine = await syncedEngine({
      callTimeoutMs: 300,
      retry: { maxAttempts: 0, initialDelayMs: 10, maxDelayMs: 10 },
    });
    sim.faults.add('hang', 1);
    const run = await engine.runOnce('umea-ss12000');
    expect(run).toMatchObject({ outcome: 'failed', stored: 0 });
    expect(run.error).toMatch(/timeout/);
    expect(await engine.runOnce('umea-ss12000')).toMatchObject({ outcome: 'ok' });
    expect(await storedStatuses(db)).toEqual(expectedStatuses());
  });
});
