/**
 * Rate-limit counters in PostgreSQL, shared by every hub instance on one database: each hit is one
 * atomic upsert-increment on (keyed hash of the limit key, fixed window), so N instances together
 * allow the configured limit, not N times it. Windows follow the database's clock, not each
 * process's, so instances with skewed clocks still count into the same window.
 */
import { createHmac } from 'node:crypto';
import type { Db } from './db.js';

export type RateLimitCounter = {
  /** Counts one hit on `key` in the current window of `windowMs`; the hits so far and when the window ends. */
  hit(key: string, windowMs: number): Promise<{ hits: number; resetAt: Date }>;
  /** Takes one hit back from the current window (a request the limiter decided not to count). */
  undo(key: string, windowMs: number): Promise<void>;
  /** Forgets every window of `key`. */
  reset(key: string): Promise<void>;
};

// The window a moment falls in: epoch milliseconds rounded down to a multiple of the window.
const WINDOW = `to_timestamp(floor(extract(epoch FROM now()) * 1000 / $2::float8) * $2::float8 / 1000)`;

/**
 * @param hashKey keys the hash of limit keys (they name a person's subject or a client address, so
 *   they are never stored in clear); the same on every instance, or their counts would not meet.
 * @example
 * const counter = createRateLimitCounter(db, key);
 * const { hits } = await counter.hit('addr:203.0.113.7', 60_000);
 */
export function createRateLimitCounter(db: Db, hashKey: Buffer): RateLimitCounter {
  const hash = (key: string) => createHmac('sha256', hashKey).update(key).digest();
  let nextPrune = 0;
  // Rows live two windows; whichever instance notices first removes the old ones, off the request path.
  const pruneNow = (windowMs: number) => {
    if (Date.now() < nextPrune) return;
    nextPrune = Date.now() + windowMs;
    void db.query('DELETE FROM rate_limit_hits WHERE expires_at < now()').catch(() => {
      nextPrune = 0;
    });
  };
  return {
    async hit(key, windowMs) {
      const { rows } = await db.query<{ hits: number; reset_ms: number }>(
        `INSERT INTO rate_limit_hits AS r (key_hash, window_start, hits, expires_at)
           VALUES ($1, ${WINDOW}, 1, ${WINDOW} + 2 * $2::integer * interval '1 millisecond')
         ON CONFLICT (key_hash, window_start) DO UPDATE SET hits = r.hits + 1
         RETURNING r.hits, (extract(epoch FROM r.window_start) * 1000 + $2::integer)::float8 AS reset_ms`,
        [hash(key), windowMs],
      );
      pruneNow(windowMs);
      const row = rows[0] as { hits: number; reset_ms: number };
      return { hits: row.hits, resetAt: new Date(Number(row.reset_ms)) };
    },
    async undo(key, windowMs) {
      await db.query(
        `UPDATE rate_limit_hits SET hits = greatest(hits - 1, 0) WHERE key_hash = $1 AND window_start = ${WINDOW}`,
        [hash(key), windowMs],
      );
    },
    async reset(key) {
      await db.query('DELETE FROM rate_limit_hits WHERE key_hash = $1', [hash(key)]);
    },
  };
}
