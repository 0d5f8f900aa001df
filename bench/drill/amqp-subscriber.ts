/**
 * The RabbitMQ subscriber of the events drill: hub instances whose `amqp` receiver publishes to a
 * throwaway broker node, a consumer with its own durable queue bound to the exchange (manual
 * acknowledgements, reconnecting), and the fault: the broker killed with -9 mid-way and restarted.
 */
import amqp, { type ChannelModel } from 'amqplib';
import { Registry } from 'prom-client';
import { parseEnv } from '../../app/env.js';
import { type HubEvents, hubEvents } from '../../app/hub-events.js';
import type { Logger } from '../../app/logger.js';
import { AMQP_SUBSCRIPTION_ID, amqpReceiver } from '../../events/amqp-receiver.js';
import { loadMunicipalities } from '../../municipalities/load-municipalities.js';
import type { Db } from '../../store/db.js';
import type { RabbitNode } from '../../test/support/rabbitmq-node.js';
import { BENCH_PERSON_REF_KEY } from '../generate-cases.js';
import type { DrillSubscriber, Receipt } from './events-drill.js';

export type AmqpSubscriberOptions = {
  db: Db;
  broker: RabbitNode;
  logger: Logger;
  /** Hub instances, each with its own relay and connection (default 2). */
  hubs?: number;
  /** When to kill the broker (share of changes written, default 0.4) and for how long it stays down (ms). */
  killAt?: number;
  downMs?: number;
  exchange?: string;
  queue?: string;
  log?: (line: string) => void;
};

/** A consumer that records every message and acknowledges it after, reconnecting when the broker goes. */
function consumer(url: string, exchange: string, queue: string, log: (line: string) => void) {
  const receipts: Receipt[] = [];
  let connection: ChannelModel | undefined;
  let stopped = false;
  let connects = 0;

  async function connect(): Promise<void> {
    const conn = await amqp.connect(url);
    conn.on('error', () => {});
    conn.on('close', () => {
      connection = undefined;
      if (!stopped) retry();
    });
    const ch = await conn.createChannel();
    ch.on('error', () => {});
    await ch.assertExchange(exchange, 'topic', { durable: true });
    await ch.assertQueue(queue, { durable: true });
    await ch.bindQueue(queue, exchange, '#');
    await ch.prefetch(500);
    await ch.consume(queue, (m) => {
      if (!m) return;
      const body = JSON.parse(m.content.toString('utf8')) as {
        id: string;
        subject: string;
        data: { position: number };
      };
      receipts.push({ id: body.id, caseId: body.subject, position: body.data.position });
      try {
        ch.ack(m);
      } catch {
        // The channel went with the broker: the message comes again (a duplicate, counted).
      }
    });
    connection = conn;
    connects += 1;
    if (connects > 1) log(`amqp consumer: reconnected, ${receipts.length} messages so far`);
  }

  function retry(): void {
    setTimeout(() => {
      if (stopped) return;
      connect().catch(() => retry());
    }, 250).unref();
  }

  return {
    receipts,
    connect,
    async close() {
      stopped = true;
      await connection?.close().catch(() => {});
    },
  };
}

/**
 * @example
 * const broker = await startRabbitNode('drill');
 * const amqpSub = amqpSubscriber({ db, broker, logger });
 * await runEventsDrill({ db, subscribers: [amqpSub], changes: 10_000, cases: 500 });
 */
export function amqpSubscriber(options: AmqpSubscriberOptions): DrillSubscriber {
  const exchange = options.exchange ?? 'arendenav.case-events';
  const queue = options.queue ?? 'drill.case-events';
  const listener = consumer(options.broker.url, exchange, queue, options.log ?? (() => {}));
  const running: HubEvents[] = [];
  const downMs = options.downMs ?? 5_000;
  return {
    name: AMQP_SUBSCRIPTION_ID,
    async start() {
      // The queue is bound before the first event is published: RabbitMQ drops what no queue takes.
      await listener.connect();
      const env = parseEnv(
        { ARENDENAV_EVENTS_AMQP_URL: options.broker.url, ARENDENAV_EVENTS_EXCHANGE: exchange },
        'demo',
      );
      const municipalities = loadMunicipalities();
      for (let i = 0; i < (options.hubs ?? 2); i += 1) {
        const hub = await hubEvents(
          {
            env,
            db: options.db,
            logger: options.logger,
            municipalities,
            registry: new Registry(),
            key: BENCH_PERSON_REF_KEY,
          },
          [amqpReceiver],
        );
        hub.start();
        running.push(hub);
      }
    },
    received: () => listener.receipts,
    fault: {
      at: options.killAt ?? 0.4,
      async run() {
        const killedAt = Date.now();
        await options.broker.kill();
        await new Promise((r) => setTimeout(r, downMs));
        const restarting = Date.now();
        await options.broker.start();
        const back = Date.now();
        const s = (ms: number) => Math.round(ms / 100) / 10;
        return `broker killed (-9), restarted after ${s(restarting - killedAt)} s, accepting again after ${s(back - killedAt)} s`;
      },
    },
    async stop() {
      for (const hub of running) await hub.stop();
      await listener.close();
    },
  };
}
