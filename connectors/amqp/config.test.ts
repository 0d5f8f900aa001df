/**
 * The amqp connector's batch settings. Regressions: a batch larger than the prefetch (it never
 * fills: the broker stops sending until something is acknowledged, so every batch waits out its
 * time), and a default batch that a small prefetch cannot feed.
 */
import { describe, expect, it } from 'vitest';
import { amqpConnector, commitBatchSize } from './index.js';

const base = { url: 'amqp://127.0.0.1', exchange: 'omsorg', queue: 'arendenav' };

describe('amqp connector config', () => {
  it('commits up to 250 messages at a time by default, with two batches in flight', () => {
    const config = amqpConnector.configSchema.parse(base);
    expect(config.prefetch).toBe(500);
    expect(config.batchWaitMs).toBe(25);
    expect(commitBatchSize(config)).toBe(250);
  });

  it('keeps the default batch within a smaller prefetch', () => {
    expect(commitBatchSize(amqpConnector.configSchema.parse({ ...base, prefetch: 20 }))).toBe(20);
  });

  it('refuses a batch larger than the prefetch, naming the setting', () => {
    const parsed = amqpConnector.configSchema.safeParse({ ...base, prefetch: 100, batchSize: 101 });
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues.map((i) => i.path.join('.'))).toEqual(['batchSize']);
    expect(
      commitBatchSize(amqpConnector.configSchema.parse({ ...base, prefetch: 100, batchSize: 100 })),
    ).toBe(100);
  });
});
