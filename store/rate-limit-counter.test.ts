import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backends, freshDatabase } from '../test/support/databases.js';
import type { Db } from './db.js';
import { createRateLimitCounter, type RateLimitCounter } from './rate-limit-counter.js';

const KEY = Buffer.alloc(32, 7);

describe.each(backends(import.meta.url))('shared rate-limit counter on %s', (backend) => {
  let db: Db;
  let drop: () => Promise<void>;
  let counter: RateLimitCounter;

  beforeAll(async () => {
    ({ db, drop } = await freshDatabase(backend));
    counter = createRateLimitCounter(db, KEY);
  });
  afterAll(async () => drop());

  it('counts concurrent hits exactly (a lost update would let requests through)', async () => {
    const hits = await Promise.all(Array.from({ length: 40 }, () => counter.hit('who:concurrent', 60_000)));
    expect(hits.map((h) => h.hits).sort((a, b) => a - b)).toEqual(
      Array.from({ length: 40 }, (_, i) => i + 1),
    );
    const resets = new Set(hits.map((h) => h.resetAt.getTime()));
    expect(resets.size).toBe(1);
    const [reset] = [...resets] as [number];
    expect(reset % 60_000).toBe(0);
    expect(reset).toBeGreaterThan(Date.now());
    expect(reset).toBeLessThanOrEqual(Date.now() + 60_000 + 1000);
  });

  it('two counters on one database (two instances) count into the same window', async () => {
    const other = createRateLimitCounter(db, KEY);
    await counter.hit('addr:203.0.113.7', 60_000);
    expect((await other.hit('addr:203.0.113.7', 60_000)).hits).toBe(2);
    await other.undo('addr:203.0.113.7', 60_000);
    expect((await counter.hit('addr:203.0.113.7', 60_000)).hits).toBe(2);
    await counter.reset('addr:203.0.113.7');
    expect((await other.hit('addr:203.0.113.7', 60_000)).hits).toBe(1);
  });

  it('keeps keys apart by key and by window, and never stores a key in clear', async () => {
    expect((await counter.hit('who:a', 60_000)).hits).toBe(1);
    expect((await counter.hit('who:b', 60_000)).hits).toBe(1);
    // A different window length is a different window.
    expect((await counter.hit('who:a', 1000)).hits).toBe(1);
    const { rows } = await db.query<{ key_hash: Uint8Array }>('SELECT key_hash FROM rate_limit_hits');
    const stored = rows.map((r) => Buffer.from(r.key_hash).toString('latin1')).join('|');
    expect(stored).not.toContain('203.0.113.7');
    expect(stored).not.toContain('who:');
  });

  it('a new window starts from one', async () => {
    const first = await counter.hit('who:short', 200);
    await new Promise((r) => setTimeout(r, first.resetAt.getTime() - Date.now() + 50));
    expect((await counter.hit('who:short', 200)).hits).toBe(1);
  });
});
