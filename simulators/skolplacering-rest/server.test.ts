import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadMapping } from '../../mappings/engine/index.js';
import { shippedMappingsDir } from '../../mappings/location.js';
import { createPersonRefHasher } from '../../person/person-ref.js';
import type { Placement } from '../case-data/index.js';
import { type SkolplaceringSimulator, startSkolplaceringSimulator } from './server.js';

type Page = { items: Placement[]; nextCursor: string | null };

describe('school-placement REST simulator', () => {
  let sim: SkolplaceringSimulator;
  const get = (path: string, headers: Record<string, string> = {}, signal?: AbortSignal) =>
    fetch(`${sim.url}${path}`, { headers: { authorization: `Bearer ${sim.token}`, ...headers }, signal });

  beforeAll(async () => {
    sim = await startSkolplaceringSimulator({ cases: 150, seed: 31, token: 'test-token' });
  });
  afterAll(() => sim.close());

  it('answers /health without a token', async () => {
    const res = await fetch(`${sim.url}/health`);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ status: 'ok', cases: 150 });
  });

  it('requires the bearer token', async () => {
    const none = await fetch(`${sim.url}/api/v2/placements`);
    expect(none.status).toBe(401);
    expect(none.headers.get('www-authenticate')).toMatch(/^Bearer/);
    expect((await get('/api/v2/placements', { authorization: 'Bearer wrong' })).status).toBe(401);
  });

  it('pages every placement in updatedAt, id order, and the items map', async () => {
    const mapper = loadMapping(`${shippedMappingsDir()}/skolplacering-rest/skolplacering.yaml`);
    const personRefs = createPersonRefHasher('simulator-test-key-0123456789abcdef');
    const items: Placement[] = [];
    let cursor: string | null = null;
    do {
      const res = await get(`/api/v2/placements?limit=40${cursor ? `&cursor=${cursor}` : ''}`);
      const page = (await res.json()) as Page;
      expect(page.items.length).toBeLessThanOrEqual(40);
      items.push(...page.items);
      cursor = page.nextCursor;
    } while (cursor);
    expect(items.map((i) => i.id).sort()).toEqual(
      sim.data
        .list()
        .map((r) => r.id)
        .sort(),
    );
    const keys = items.map((i) => [Date.parse(i.updatedAt), i.id] as const);
    for (let i = 1; i < keys.length; i++) {
      const [t0, id0] = keys[i - 1] as readonly [number, string];
      const [t1, id1] = keys[i] as readonly [number, string];
      expect(t0 < t1 || (t0 === t1 && id0 < id1)).toBe(true);
    }
    for (const item of items.slice(0, 40))
      expect((await mapper.map(item, { personRefs, now: new Date('2026-06-01T00:00:00Z') })).ok).toBe(true);
  });

  it('filters by updatedSince (inclusive) and sees what advance changed', async () => {
    const since = sim.data.now();
    const changed = sim.data.advance(new Date(since.getTime() + 86_400_000));
    const res = await get(
      `/api/v2/placements?updatedSince=${encodeURIComponent(new Date(since.getTime() + 1000).toISOString())}&limit=500`,
    );
    const page = (await res.json()) as Page;
    expect(page.items.map((i) => i.id).sort()).toEqual(changed.map((r) => r.id).sort());
    expect(page.nextCursor).toBeNull();
  });

  it('fetches one placement, 404 for an unknown id', async () => {
    const first = sim.data.list()[0] as Placement;
    expect(await (await get(`/api/v2/placements/${first.id}`)).json()).toEqual(first);
    expect((await get('/api/v2/placements/sp-1999-00001')).status).toBe(404);
  });

  it('sends an ETag and answers If-None-Match with 304 until something changes', async () => {
    const path = '/api/v2/placements?limit=5';
    const etag = (await get(path)).headers.get('etag') as string;
    expect(etag).toMatch(/^".+"$/);
    const again = await get(path, { 'if-none-match': `W/${etag}, "other"` });
    expect(again.status).toBe(304);
    sim.data.injectUnknownStatus({ id: sim.data.byChange()[0]?.record.id });
    expect((await get(path, { 'if-none-match': etag })).status).toBe(200);
  });

  it('rejects bad query parameters with 400', async () => {
    for (const query of ['limit=0', 'limit=501', 'limit=abc', 'cursor=%%%', 'updatedSince=yesterday'])
      expect((await get(`/api/v2/placements?${query}`)).status).toBe(400);
  });

  it('injects 429 with Retry-After, then 503, in the order queued', async () => {
    sim.faults.rateLimitNext(1);
    sim.faults.unavailableNext(1);
    const limited = await get('/api/v2/placements?limit=1');
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('1');
    expect((await get('/api/v2/placements?limit=1')).status).toBe(503);
    expect((await get('/api/v2/placements?limit=1')).status).toBe(200);
    expect(
      sim
        .requests()
        .slice(-3)
        .map((r) => r.status),
    ).toEqual([429, 503, 200]);
  });

  it('hangs a request until the client gives up, and truncates a body mid-way', async () => {
    sim.faults.hangNext(1);
    await expect(get('/api/v2/placements', {}, AbortSignal.timeout(200))).rejects.toThrow();
    sim.faults.truncateNext(1);
    const cut = await get('/api/v2/placements?limit=20');
    expect(cut.status).toBe(200);
    await expect(cut.text()).rejects.toThrow();
    expect((await get('/api/v2/placements?limit=1')).status).toBe(200);
  });

  it('delays answers when told', async () => {
    sim.faults.setDelay(120);
    const started = Date.now();
    await get('/api/v2/placements?limit=1');
    expect(Date.now() - started).toBeGreaterThanOrEqual(110);
    sim.faults.clear();
  });
});
