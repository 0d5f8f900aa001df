import { randomBytes } from 'node:crypto';
import amqp from 'amqplib';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { amqpConnector } from '../../connectors/amqp/index.js';
import { createOmsorgData, type OmsorgArende } from '../../simulators/case-data/index.js';
import { publishOmsorgEvents } from '../../simulators/omsorg/publish.js';
import type { Db } from '../../store/db.js';
import { freshDatabase } from '../support/databases.js';
import { needs } from '../support/requirements.js';
import { addSource, engineOn, mapperFor, storedStatuses } from '../support/sync.js';

// Without a broker this file fails, saying how to get one; undefined only under the developer's opt-out.
const AMQP_URL = needs('rabbitmq', import.meta.url);

async function until(check: () => Promise<boolean>, what: string, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`timed out waiting for ${what}`);
}

async function queueDepth(queue: string): Promise<number> {
  const conn = await amqp.connect(AMQP_URL as string);
  try {
    const ch = await conn.createChannel();
    return (await ch.checkQueue(queue)).messageCount;
  } finally {
    await conn.close();
  }
}

describe.runIf(AMQP_URL)('amqp connector against RabbitMQ', () => {
  let db: Db;
  let drop: () => Promise<void>;
  let names: { exchange: string; queue: string; dead: string };
  let hub: ReturnType<typeof engineOn>;

  beforeEach(async () => {
    ({ db, drop } = await freshDatabase('pglite'));
    const suffix = randomBytes(4).toString('hex');
    names = { exchange: `omsorg.${suffix}`, queue: `arendenav.${suffix}`, dead: `arendenav.${suffix}.dead` };
    hub = engineOn(db);
    const config = amqpConnector.configSchema.parse({
      url: AMQP_URL,
      exchange: names.exchange,
      queue: names.queue,
      routingKeys: ['arende.#'],
      prefetch: 10,
      maxAttempts: 3,
      reconnectDelayMs: 200,
    });
    await addSource(
      hub.engine,
      'umea-omsorg-events',
      amqpConnector.create(config),
      mapperFor('omsorg-xml/socialtjanst'),
    );
    await hub.engine.start();
  });

  afterEach(async () => {
    await hub.engine.stop();
    await drop();
  });

  const publish = (records: Iterable<OmsorgArende>) =>
    publishOmsorgEvents(AMQP_URL as string, names.exchange, records);

  it('stores each event and acknowledges it only after the commit', async () => {
    const data = createOmsorgData({ cases: 25, seed: 21 });
    await publish(data.list());
    await until(async () => Object.keys(await storedStatuses(db)).length === 25, '25 cases');
    await until(async () => (await queueDepth(names.queue)) === 0, 'an empty queue');
    expect(await storedStatuses(db)).toEqual(
      Object.fromEntries(data.list().map((r) => [r.Diarienummer, expect.any(String)])),
    );
  });

  it('ends with exactly the newest state after duplicated and reordered events', async () => {
    const data = createOmsorgData({ cases: 8, seed: 22 });
    const first = data.list().map((r) => structuredClone(r));
    data.advance(new Date('2026-05-20T10:00:00Z'));
    data.advance(new Date('2026-06-10T10:00:00Z'));
    const latest = data.list().map((r) => structuredClone(r));
    // Newest first, then the old versions, then the newest again.
    await publish([...latest, ...first, ...latest]);
    const expected = Object.fromEntries(
      latest.map((r) => [
        r.Diarienummer,
        mapperFor('omsorg-xml/socialtjanst').mapping.tables.status?.[r.Status['@kod']],
      ]),
    );
    await until(async () => (await queueDepth(names.queue)) === 0, 'an empty queue');
    await until(
      async () => JSON.stringify(await storedStatuses(db)) === JSON.stringify(expected),
      'the newest states',
    );
    const { rows } = await db.query<{ n: string }>('SELECT count(*)::text AS n FROM cases');
    // New cases arrived while the clock moved on: one row per case, however many events it had.
    expect(rows[0]?.n).toBe(String(latest.length));
  });

  it('dead-letters a poison message with its reason and goes on with the next', async () => {
    const conn = await amqp.connect(AMQP_URL as string);
    const ch = await conn.createConfirmChannel();
    ch.publish(names.exchange, 'arende.utr', Buffer.from('<Arende id="broken"><Diarienummer>SN 1</Diarie'), {
      persistent: true,
      messageId: 'poison-1',
    });
    await ch.waitForConfirms();
    await conn.close();
    const data = createOmsorgData({ cases: 3, seed: 23 });
    await publish(data.list());
    await until(async () => Object.keys(await storedStatuses(db)).length === 3, 'the good events');
    await until(async () => (await queueDepth(names.dead)) === 1, 'one dead letter');
    const inspect = await amqp.connect(AMQP_URL as string);
    const dead = await (await inspect.createChannel()).get(names.dead, { noAck: true });
    await inspect.close();
    if (!dead) throw new Error('the dead-letter queue is empty');
    expect(dead.properties.headers?.['x-arendenav-reason']).toMatch(/not well-formed XML/);
    expect(dead.properties.messageId).toBe('poison-1');
  });
});
