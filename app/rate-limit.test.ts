import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import type { AppEnv } from './context.js';
import { clientAddress } from './rate-limit.js';

async function addressSeen(trustedProxies: number, forwardedFor?: string): Promise<string> {
  const app = new Hono<AppEnv>();
  app.get('/', (c) => c.text(clientAddress(trustedProxies)(c)));
  const res = await app.request('/', { headers: forwardedFor ? { 'x-forwarded-for': forwardedFor } : {} });
  return res.text();
}

describe('the client address behind reverse proxies', () => {
  it('ignores X-Forwarded-For unless proxies are trusted: anyone can send one', async () => {
    expect(await addressSeen(0, '203.0.113.7')).toBe('local');
  });

  it('takes the entry the outermost trusted proxy appended, never one the client wrote', async () => {
    expect(await addressSeen(1, '198.51.100.1, 203.0.113.7')).toBe('203.0.113.7');
    expect(await addressSeen(2, '198.51.100.1, 203.0.113.7, 10.0.0.2')).toBe('203.0.113.7');
  });

  it('falls back to the socket when the header has fewer entries than trusted proxies', async () => {
    expect(await addressSeen(2, '203.0.113.7')).toBe('local');
    expect(await addressSeen(1)).toBe('local');
  });
});
