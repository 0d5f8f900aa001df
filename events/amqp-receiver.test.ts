import { randomBytes } from 'node:crypto';
import amqp from 'amqplib';
import { Registry } from 'prom-client';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { parseEnv } from '../app/env.js';
import { hubEvents } from '../app/hub-events.js';
import { createLogger } from '../app/logger.js';
import { loadMunicipalities } from '../municipalities/load-municipalities.js';
import { loadPolicy } from '../policy/load-policy.js';
import { searchIndexRule } from '../policy/protected-identity.js';
import { createCaseStore } from '../store/case-store.js';
import type { Db } from '../store/db.js';
import { drain, until } from '../test/support/amqp-queues.js';
import { TEST_PERSON_REF_KEY } from '../test/support/app.js';
import { makeCase } from '../test/support/cases.js';
import { freshDatabase } from '../test/support/databases.js';
import { needs } from '../test/support/requirements.js';
import { amqpReceiver } from './amqp-receiver.js';

const AMQP_URL = needs('rabbitmq', import.meta.url);
const DATABASE = needs('postgres', import.meta.url);
const logger = createLogger({ level: 'silent' });

describe.runIf(AMQP_URL && DATABASE)('the RabbitMQ exchange as a receiver of a hub', () => {
  let db: Db;
  let drop: () => Promise<void>;
  const municipalities = loadMunicipalities();
  const hub = (settings: Record<string, string>) => ({
    env: parseEnv(settings, 'demo'),
    db,
    logger,
    municipalities,
    registry: new Registry(),
    key: TEST_PERSON_REF_KEY,
  });
  const deliveries = async () =>
    (
      await db.query<{ state: string }>(
        "SELECT state FROM event_deliveries WHERE subscription_id = 'amqp' ORDER BY position",
      )
    ).rows.map((r) => r.state);

  beforeAll(async () => {
    ({ db, drop } = await freshDatabase('postgres'));
  });
  beforeEach(async () => {
    await db.query('DELETE FROM event_subscriptions');
    await db.query('DELETE FROM case_events');
  });
  afterAll(async () => drop());

  it('is inactive without ARENDENAV_EVENTS_AMQP_URL, so no deliveries pile up for it', async () => {
    const workers = await amqpReceiver(hub({}), () => {
      throw new Error('a relay was built for a receiver that is not configured');
    });
    expect(workers).toEqual([]);
    const store = createCaseStore(db, { searchIndex: searchIndexRule(loadPolicy()) });
    await store.upsertMany([makeCase({ sourceId: 'recv-1' })]);
    const { rows } = await db.query<{ active: boolean }>(
      "SELECT active FROM event_subscriptions WHERE id = 'amqp'",
    );
    expect(rows).toEqual([{ active: false }]);
    expect(await deliveries()).toEqual([]);
  });

  it('publishes the hub’s events to the configured exchange when the URL is set', async () => {
    const exchange = `test.receiver.${randomBytes(4).toString('hex')}`;
    const queue = `${exchange}.all`;
    const conn = await amqp.connect(AMQP_URL as string);
    const ch = await conn.createChannel();
    await ch.assertExchange(exchange, 'topic', { durable: true });
    await ch.assertQueue(queue, { durable: true });
    await ch.bindQueue(queue, exchange, '#');
    const settings = hub({
      ARENDENAV_EVENTS_AMQP_URL: AMQP_URL as string,
      ARENDENAV_EVENTS_EXCHANGE: exchange,
    });
    const events = await hubEvents(settings, [amqpReceiver]);
    events.start();
    try {
      const store = createCaseStore(db, { searchIndex: searchIndexRule(loadPolicy()) });
      const c = makeCase({ sourceId: 'recv-2' });
      await store.upsertMany([c]);
      await until(async () => (await deliveries()).join() === 'delivered', 'the delivery to be settled');
      const [message, ...more] = await drain(AMQP_URL as string, queue);
      expect(more).toEqual([]);
      expect(JSON.parse(message?.content.toString() ?? '{}')).toMatchObject({
        subject: c.id,
        type: 'se.arendenav.case.created',
      });
      expect(await settings.registry.metrics()).toContain(
        'arendenav_event_deliveries_total{subscription="amqp",outcome="delivered"} 1',
      );
    } finally {
      await events.stop();
      await ch.deleteQueue(queue);
      await ch.deleteExchange(exchange);
      await conn.close();
    }
  });
});
