/**
 * The events-out fault drill, reduced (the full one: `npm run drill:events`, docs/testing.md): status
 * changes written while the relays publish to a throwaway RabbitMQ node that is killed with -9 and
 * restarted, and to a webhook receiver that goes away for a while; every event must reach each
 * subscriber, per case in order after deduplication by id.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../app/logger.js';
import { amqpSubscriber } from '../../bench/drill/amqp-subscriber.js';
import { drillPassed, drillSummary, runEventsDrill } from '../../bench/drill/events-drill.js';
import { webhookSubscriber } from '../../bench/drill/webhook-subscriber.js';
import { connectPostgres, type Db } from '../../store/db.js';
import { freshDatabase } from '../support/databases.js';
import { capturingDestination } from '../support/log-sink.js';
import { type RabbitNode, startRabbitNode } from '../support/rabbitmq-node.js';
import { needs } from '../support/requirements.js';

const DATABASE = needs('postgres', import.meta.url);
const AMQP = needs('rabbitmq', import.meta.url);

describe.runIf(DATABASE && AMQP)('the events-out fault drill (reduced)', () => {
  let broker: RabbitNode;
  let db: Db;
  let drop: () => Promise<void>;

  beforeAll(async () => {
    // The database first: a broker started beside a database that failed would outlive the test.
    const fresh = await freshDatabase('postgres');
    drop = fresh.drop;
    broker = await startRabbitNode('drill');
    // Writers and two hubs' relays at once need more than the test pool's four connections.
    db = await connectPostgres(fresh.url as string, { max: 12 });
  }, 120_000);
  afterAll(async () => {
    await db?.close();
    await drop?.();
    await broker?.remove();
  });

  it('delivers every one of 2,000 status changes to both subscribers once after deduplication, in order per case, across a kill -9 of the broker and a webhook receiver away', async () => {
    const lines: string[] = [];
    const logger = createLogger({ level: 'warn', destination: capturingDestination(lines) });
    const result = await runEventsDrill({
      db,
      subscribers: [
        amqpSubscriber({ db, broker, logger, killAt: 0.3, downMs: 1_000 }),
        webhookSubscriber({ db, logger, downAt: 0.5, downMs: 3_000 }),
      ],
      changes: 2_000,
      cases: 100,
      settleTimeoutMs: 60_000,
    });
    const summary = drillSummary(result);
    expect(result.written, summary).toBe(2_000);
    const [amqp] = result.subscribers;
    expect(amqp?.fault, summary).toMatch(/killed \(-9\)/);
    expect(amqp, summary).toMatchObject({ missing: 0, unexpected: 0, orderViolations: 0, dead: 0 });
    expect(amqp?.distinct).toBe(2_000);
    const hook = result.subscribers.find((s) => s.name === 'webhook');
    expect(hook?.fault, summary).toMatch(/away 3 s .* 0 bad signatures/);
    expect(hook, summary).toMatchObject({
      missing: 0,
      unexpected: 0,
      orderViolations: 0,
      dead: 0,
      distinct: 2_000,
    });
    expect(drillPassed(result)).toBe(true);
    // The relays noticed the broker going: the fault really happened while events were flowing.
    expect(lines.some((l) => l.includes('connection lost'))).toBe(true);
  }, 110_000);
});
