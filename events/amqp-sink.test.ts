import { randomBytes, randomUUID } from 'node:crypto';
import amqp, { type GetMessage } from 'amqplib';
import { CloudEvent } from 'cloudevents';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../app/logger.js';
import { loadPolicy } from '../policy/load-policy.js';
import { searchIndexRule } from '../policy/protected-identity.js';
import { createCaseStore } from '../store/case-store.js';
import type { Db } from '../store/db.js';
import { ensureBuiltInSubscription, type OutboxEvent } from '../store/event-deliveries.js';
import { drain } from '../test/support/amqp-queues.js';
import { makeCase } from '../test/support/cases.js';
import { freshDatabase } from '../test/support/databases.js';
import { freePort } from '../test/support/free-port.js';
import { capturingDestination } from '../test/support/log-sink.js';
import { type RabbitNode, startRabbitNode } from '../test/support/rabbitmq-node.js';
import { needs } from '../test/support/requirements.js';
import { CLOUDEVENTS_CONTENT_TYPE, createAmqpSink } from './amqp-sink.js';
import { createRelay } from './relay.js';

const AMQP_URL = needs('rabbitmq', import.meta.url);
const DATABASE = needs('postgres', import.meta.url);
const SOURCE = 'https://arenden.example.se';

function logged() {
  const lines: string[] = [];
  return { lines, logger: createLogger({ level: 'info', destination: capturingDestination(lines) }) };
}

let position = 0;
function event(o: Partial<OutboxEvent> = {}): OutboxEvent {
  position += 1;
  return {
    position,
    id: randomUUID(),
    caseId: randomUUID(),
    municipality: '2480',
    domain: 'building_permit',
    type: 'updated',
    data: { changed: ['status'], status: { code: 'decided', previous: 'in_progress', since: null } },
    occurredAt: '2026-03-02T09:15:00.000Z',
    recordedAt: '2026-03-02T09:15:01.000Z',
    attempts: 0,
    ...o,
  };
}

/** A durable queue of the test's own bound to `exchange` with `keys`. */
async function boundQueue(url: string, exchange: string, keys: string[]): Promise<string> {
  const queue = `${exchange}.${keys.join('+')}`;
  const conn = await amqp.connect(url);
  try {
    const ch = await conn.createChannel();
    await ch.assertExchange(exchange, 'topic', { durable: true });
    await ch.assertQueue(queue, { durable: true });
    for (const key of keys) await ch.bindQueue(queue, exchange, key);
  } finally {
    await conn.close();
  }
  return queue;
}

async function deleteExchange(url: string, exchange: string, queues: string[]): Promise<void> {
  const conn = await amqp.connect(url);
  try {
    const ch = await conn.createChannel();
    for (const q of queues) await ch.deleteQueue(q);
    await ch.deleteExchange(exchange);
  } finally {
    await conn.close();
  }
}

const body = (m: GetMessage) => JSON.parse(m.content.toString('utf8')) as Record<string, unknown>;

describe.runIf(AMQP_URL)('events out to a RabbitMQ topic exchange', () => {
  const url = AMQP_URL as string;
  const exchange = `test.case-events.${randomBytes(4).toString('hex')}`;
  const queues: string[] = [];
  afterAll(async () => deleteExchange(url, exchange, queues));

  it('publishes each event as a valid structured CloudEvent: persistent, message id = event id, routed by municipality, domain and type', async () => {
    const umea = await boundQueue(url, exchange, ['2480.#']);
    const schools = await boundQueue(url, exchange, ['*.school_placement.*']);
    queues.push(umea, schools);
    const out = createAmqpSink({ url, exchange, sourceBase: SOURCE, logger: logged().logger });
    const events = [
      event(),
      event({ municipality: '2460', type: 'created' }),
      event({ domain: 'school_placement', type: 'deleted' }),
      event({ municipality: '2460', domain: 'school_placement' }),
    ];
    try {
      const outcomes = await out.sink(events);
      expect([...outcomes.values()]).toEqual(events.map(() => ({ outcome: 'delivered' })));
    } finally {
      await out.close();
    }
    const inUmea = await drain(url, umea);
    expect(inUmea.map((m) => m.properties.messageId)).toEqual([events[0]?.id, events[2]?.id]);
    expect(inUmea.map((m) => m.fields.routingKey)).toEqual([
      '2480.building_permit.updated',
      '2480.school_placement.deleted',
    ]);
    expect((await drain(url, schools)).map((m) => m.properties.messageId)).toEqual([
      events[2]?.id,
      events[3]?.id,
    ]);
    const [first] = inUmea as [GetMessage];
    expect(first.properties).toMatchObject({
      contentType: CLOUDEVENTS_CONTENT_TYPE,
      deliveryMode: 2,
      type: 'se.arendenav.case.updated',
      timestamp: Date.parse('2026-03-02T09:15:00.000Z') / 1000,
    });
    // The cloudevents SDK refuses an event that breaks the spec (it validates on construction).
    const ce = new CloudEvent(body(first) as never);
    expect(ce).toMatchObject({
      specversion: '1.0',
      id: events[0]?.id,
      subject: events[0]?.caseId,
      source: `${SOURCE}/municipalities/2480`,
      municipality: '2480',
      domain: 'building_permit',
    });
  });

  it('defers the batch without spending an attempt when no broker answers, without throwing or crashing', async () => {
    const { lines, logger } = logged();
    const nowhere = `amqp://guest:secret-password@127.0.0.1:${await freePort()}`;
    const out = createAmqpSink({ url: nowhere, exchange, sourceBase: SOURCE, logger });
    const events = [event(), event()];
    const before = Date.now();
    const outcomes = await out.sink(events);
    for (const outcome of outcomes.values()) {
      expect(outcome.outcome).toBe('deferred');
      // Tried again in about two seconds, however long the broker stays away.
      const until = outcome.outcome === 'deferred' ? outcome.until.getTime() : 0;
      expect(until).toBeGreaterThanOrEqual(before + 2_000);
      expect(until).toBeLessThan(Date.now() + 2_500);
    }
    expect(outcomes.size).toBe(events.length);
    await out.sink([event()]);
    expect(out.connected()).toBe(false);
    // Said once for the outage, and never with the URL (it holds the password).
    expect(lines.filter((l) => l.includes('connection lost'))).toHaveLength(1);
    expect(lines.join('\n')).not.toContain('secret-password');
    await out.close();
  });
});

describe.runIf(AMQP_URL && DATABASE)('events out while the broker is killed and restarted', () => {
  let broker: RabbitNode;
  let db: Db;
  let drop: () => Promise<void>;

  beforeAll(async () => {
    // The database first: a broker started beside a database that failed would outlive the test.
    ({ db, drop } = await freshDatabase('postgres'));
    broker = await startRabbitNode('sink');
    await ensureBuiltInSubscription(db, { id: 'amqp', kind: 'amqp', active: true, maxAttempts: 100 });
  }, 120_000);
  afterAll(async () => {
    await broker?.remove();
    await drop?.();
  });

  it('fails a batch the broker does not confirm in time, drops the connection and publishes on a new one', async () => {
    const exchange = 'test.blocked';
    const queue = await boundQueue(broker.url, exchange, ['#']);
    const out = createAmqpSink({
      url: broker.url,
      exchange,
      sourceBase: SOURCE,
      logger: logged().logger,
      confirmTimeoutMs: 1_000,
    });
    try {
      expect([...(await out.sink([event()])).values()]).toEqual([{ outcome: 'delivered' }]);
      // A memory alarm: the broker stops reading from publishers, so no confirm comes.
      await broker.ctl(['set_vm_memory_high_watermark', '0']);
      const blocked = [event(), event()];
      const outcomes = await out.sink(blocked);
      expect([...outcomes.values()]).toEqual(
        blocked.map(() => ({ outcome: 'failed', error: 'broker did not confirm in time' })),
      );
      expect(out.connected()).toBe(false);
      await broker.ctl(['set_vm_memory_high_watermark', '0.4']);
      expect([...(await out.sink([event()])).values()]).toEqual([{ outcome: 'delivered' }]);
    } finally {
      await broker.ctl(['set_vm_memory_high_watermark', '0.4']);
      await out.close();
    }
    // The unconfirmed ones may or may not have arrived (at least once); the confirmed ones did.
    expect((await drain(broker.url, queue)).length).toBeGreaterThanOrEqual(2);
  }, 60_000);

  it('fails what it cannot publish and delivers it after the broker is back, in order per case', async () => {
    const exchange = 'arendenav.case-events';
    const queue = await boundQueue(broker.url, exchange, ['2480.#']);
    const { lines, logger } = logged();
    const out = createAmqpSink({ url: broker.url, sourceBase: SOURCE, logger, connectTimeoutMs: 2_000 });
    const relay = createRelay({
      db,
      subscriptionId: 'amqp',
      sink: out.sink,
      logger,
      backoff: { baseMs: 20, capMs: 100 },
    });
    const store = createCaseStore(db, { searchIndex: searchIndexRule(loadPolicy()) });
    const statuses = ['received', 'registered', 'in_progress', 'decided'] as const;
    const write = (step: number) =>
      store.upsertMany(
        [0, 1, 2].map((n) =>
          makeCase({
            sourceId: `sink-${n}`,
            status: statuses[step],
            updatedAt: new Date(Date.UTC(2026, 1, 1 + step)).toISOString(),
          }),
        ),
      );
    try {
      await write(0);
      expect(await relay.drain()).toBe(3);
      await broker.kill();
      await write(1);
      await write(2);
      // Tried and put off: the broker is gone, which spends no attempt. The case's later event waits behind its earlier one.
      expect(await relay.round()).toBe(3);
      const waiting = await db.query<{ state: string; attempts: number; later: boolean }>(
        `SELECT state, attempts, next_attempt_at > now() AS later FROM event_deliveries WHERE state = 'pending' ORDER BY position LIMIT 3`,
      );
      expect(waiting.rows).toEqual([0, 1, 2].map(() => ({ state: 'pending', attempts: 0, later: true })));
      await broker.start();
      await write(3);
      for (let i = 0; i < 100; i += 1) {
        await relay.drain();
        const { rows } = await db.query<{ n: string }>(
          `SELECT count(*)::text AS n FROM event_deliveries WHERE state <> 'delivered'`,
        );
        if (rows[0]?.n === '0') break;
        await new Promise((r) => setTimeout(r, 50));
      }
    } finally {
      await out.close();
    }
    const received = (await drain(broker.url, queue)).map(body);
    const written = await db.query<{ id: string; case_id: string; position: string }>(
      'SELECT id, case_id, position::text FROM case_events ORDER BY position',
    );
    // The events published before the kill survived it (persistent, confirmed): none is missing.
    expect(new Set(received.map((b) => b.id))).toEqual(new Set(written.rows.map((r) => r.id)));
    const perCase = new Map<string, number[]>();
    const seen = new Set<string>();
    for (const b of received) {
      if (seen.has(b.id as string)) continue;
      seen.add(b.id as string);
      const data = b.data as { position: number };
      perCase.set(b.subject as string, [...(perCase.get(b.subject as string) ?? []), data.position]);
    }
    for (const list of perCase.values()) expect(list).toEqual([...list].sort((a, b) => a - b));
    expect(perCase.size).toBe(3);
    expect(lines.some((l) => l.includes('connection lost'))).toBe(true);
    expect(lines.some((l) => l.includes('connection back'))).toBe(true);
  }, 120_000);
});
