/**
 * The broker killed in the middle of a stream of events, with commit batches in flight: nothing is
 * lost and nothing stored twice. The broker is a throwaway node of this test's own
 * (test/support/rabbitmq-node.ts): the shared one on 5672 is never stopped.
 */
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { amqpConnector } from '../../connectors/amqp/index.js';
import { createOmsorgData } from '../../simulators/case-data/index.js';
import { publishOmsorgEvents } from '../../simulators/omsorg/publish.js';
import type { Db } from '../../store/db.js';
import { queueDepth, until } from '../support/amqp-queues.js';
import { freshDatabase } from '../support/databases.js';
import { type RabbitNode, startRabbitNode } from '../support/rabbitmq-node.js';
import { needs } from '../support/requirements.js';
import { addSource, engineOn, mapperFor, storedStatuses } from '../support/sync.js';

// The broker's packages are what this needs; the shared broker itself is not used.
const AMQP_URL = needs('rabbitmq', import.meta.url);

describe.runIf(AMQP_URL)('amqp connector: the broker killed mid-stream', () => {
  let broker: RabbitNode | undefined;
  let db: Db;
  let drop: () => Promise<void>;
  let hub: ReturnType<typeof engineOn>;
  const suffix = randomBytes(4).toString('hex');
  const names = { exchange: `omsorg.${suffix}`, queue: `arendenav.${suffix}` };

  beforeAll(async () => {
    let node: RabbitNode;
    [node, { db, drop }] = await Promise.all([startRabbitNode('amqp-restart'), freshDatabase('pglite')]);
    broker = node;
    hub = engineOn(db);
    const config = amqpConnector.configSchema.parse({
      url: node.url,
      exchange: names.exchange,
      queue: names.queue,
      routingKeys: ['arende.#'],
      prefetch: 20,
      batchSize: 10,
      reconnectDelayMs: 200,
    });
    await addSource(
      hub.engine,
      'umea-omsorg-events',
      amqpConnector.create(config),
      mapperFor('omsorg-xml/socialtjanst'),
    );
    await hub.engine.start();
  }, 120_000);

  afterAll(async () => {
    await hub?.engine.stop();
    await broker?.remove();
    await drop?.();
  });

  it('stores every case once after a kill -9 of the broker between two bursts', async () => {
    const node = broker as RabbitNode;
    const records = createOmsorgData({ cases: 60, seed: 24 }).list();
    await publishOmsorgEvents(node.url, names.exchange, records.slice(0, 30));
    await until(async () => Object.keys(await storedStatuses(db)).length >= 10, 'the first cases');
    await node.kill();
    await node.start();
    await publishOmsorgEvents(node.url, names.exchange, records.slice(30));
    await until(async () => Object.keys(await storedStatuses(db)).length === 60, 'all 60 cases', 60_000);
    await until(async () => (await queueDepth(node.url, names.queue)) === 0, 'an empty queue', 60_000);
    const { rows } = await db.query<{ n: string; h: string }>(
      'SELECT (SELECT count(*) FROM cases)::text AS n, (SELECT count(*) FROM case_status_history)::text AS h',
    );
    expect(rows[0]).toEqual({ n: '60', h: '60' });
  }, 180_000);
});
