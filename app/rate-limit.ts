/**
 * Rate limits on staff search, per principal and per client address (hono-rate-limiter): counted in
 * PostgreSQL when a shared counter is given (every instance on one database shares one budget), in
 * process memory otherwise (the embedded store is one process anyway).
 */
import { getConnInfo } from '@hono/node-server/conninfo';
import type { Context, MiddlewareHandler } from 'hono';
import { rateLimiter, type Store } from 'hono-rate-limiter';
import type { RateLimitCounter } from '../store/rate-limit-counter.js';
import type { AppEnv } from './context.js';
import { AppError } from './errors.js';

export type RateLimits = {
  /** Requests per window for one signed-in person (a staff account harvesting personal data). */
  perPrincipal: number;
  /** Requests per window from one address (many accounts, or none, from one place). */
  perAddress: number;
  windowMs: number;
};

export const DEFAULT_RATE_LIMITS: RateLimits = { perPrincipal: 120, perAddress: 600, windowMs: 60_000 };
export const DEFAULT_SIGN_IN_LIMITS = { perAddress: 30, windowMs: 60_000 };

function socketAddress(c: Context<AppEnv>): string {
  try {
    return getConnInfo(c).remote.address ?? 'unknown';
  } catch {
    return 'local'; // in-process requests (tests) have no socket
  }
}

/**
 * The client's address for per-address limits. Behind `trustedProxies` reverse proxies (each
 * appending to X-Forwarded-For) it is the entry the outermost trusted proxy saw; entries further
 * left are whatever the client sent and are never believed. With 0 the header is ignored.
 */
export function clientAddress(trustedProxies: number): (c: Context<AppEnv>) => string {
  if (trustedProxies <= 0) return socketAddress;
  return (c) => {
    const hops = (c.req.header('x-forwarded-for') ?? '')
      .split(',')
      .map((h) => h.trim())
      .filter(Boolean);
    return hops.length >= trustedProxies ? (hops[hops.length - trustedProxies] as string) : socketAddress(c);
  };
}

function limited(c: Context<AppEnv>, windowMs: number): never {
  c.header('Retry-After', String(Math.ceil(windowMs / 1000)));
  throw new AppError('rate_limited', 'Too many requests; wait a moment and try again.', { retryable: true });
}

/** hono-rate-limiter's store over the shared counter; one per limiter, as each has its own window. */
function sharedStore(counter: RateLimitCounter, windowMs: number): Store<AppEnv> {
  return {
    localKeys: false,
    async increment(key) {
      const { hits, resetAt } = await counter.hit(key, windowMs);
      return { totalHits: hits, resetTime: resetAt };
    },
    decrement: (key) => counter.undo(key, windowMs),
    resetKey: (key) => counter.reset(key),
  };
}

const storeFor = (counter: RateLimitCounter | undefined, windowMs: number) =>
  counter ? { store: sharedStore(counter, windowMs) } : {};

/**
 * Two limiters for a route: by principal (after authentication) and by address. With `counter` the
 * counts are shared by every instance on its database; without it each process counts alone.
 */
export function searchRateLimits(
  limits: RateLimits,
  address: (c: Context<AppEnv>) => string = socketAddress,
  counter?: RateLimitCounter,
): MiddlewareHandler<AppEnv>[] {
  return [
    rateLimiter<AppEnv>({
      ...storeFor(counter, limits.windowMs),
      windowMs: limits.windowMs,
      limit: limits.perAddress,
      standardHeaders: 'draft-6',
      keyGenerator: (c) => `addr:${address(c)}`,
      handler: (c) => limited(c, limits.windowMs),
    }),
    rateLimiter<AppEnv>({
      ...storeFor(counter, limits.windowMs),
      windowMs: limits.windowMs,
      limit: limits.perPrincipal,
      standardHeaders: 'draft-6',
      keyGenerator: (c) => `who:${c.get('principal')?.subject}`,
      // Without a principal there is nobody to count: one shared "anonymous" bucket would let one
      // address use it up for everyone. Anonymous requests still count against their address.
      skip: (c) => !c.get('principal'),
      handler: (c) => limited(c, limits.windowMs),
    }),
  ];
}

/** Sign-in attempts per address: a brake on guessing, separate from the search budget. */
export function signInRateLimit(
  limits: { perAddress: number; windowMs: number },
  address: (c: Context<AppEnv>) => string = socketAddress,
  counter?: RateLimitCounter,
): MiddlewareHandler<AppEnv> {
  return rateLimiter<AppEnv>({
    ...storeFor(counter, limits.windowMs),
    windowMs: limits.windowMs,
    limit: limits.perAddress,
    standardHeaders: 'draft-6',
    keyGenerator: (c) => `signin:${address(c)}`,
    handler: (c) => limited(c, limits.windowMs),
  });
}

/**
 * Mina ärenden questions per client address: Skatteverket asks from few addresses for many residents,
 * so the budget is generous; it still brakes a flood, or a guesser of API keys, from one place.
 */
export const DEFAULT_MINA_ARENDEN_LIMITS = { perAddress: 1200, windowMs: 60_000 };

export function minaArendenRateLimit(
  limits: { perAddress: number; windowMs: number },
  address: (c: Context<AppEnv>) => string = socketAddress,
  counter?: RateLimitCounter,
): MiddlewareHandler<AppEnv> {
  return rateLimiter<AppEnv>({
    ...storeFor(counter, limits.windowMs),
    windowMs: limits.windowMs,
    limit: limits.perAddress,
    standardHeaders: 'draft-6',
    keyGenerator: (c) => `minaarenden:${address(c)}`,
    handler: (c) => limited(c, limits.windowMs),
  });
}
