/**
 * Events out to RabbitMQ (issue 15): each outbox event published as a structured CloudEvent to a
 * durable topic exchange, on a confirm channel. The only place that speaks AMQP for events out.
 *
 * An event counts as delivered only when the broker confirmed it (for a persistent message routed to
 * a durable queue: written to disk). A lost or refused connection fails the batch ("broker
 * unavailable"); the relay tries again with backoff and this sink reconnects on the next round.
 */
import amqp, { type ChannelModel, type ConfirmChannel } from 'amqplib';
import type { Logger } from '../app/logger.js';
import type { OutboxEvent } from '../store/event-deliveries.js';
import { routingKey, toCloudEvent } from './cloudevent.js';
import type { EventSink, SinkOutcome } from './relay.js';

/** The exchange events go to when none is configured. */
export const DEFAULT_EVENTS_EXCHANGE = 'arendenav.case-events';
export const CLOUDEVENTS_CONTENT_TYPE = 'application/cloudevents+json';

export type AmqpSinkOptions = {
  /** amqp(s)://user:password@host:port/vhost: never logged (it holds the password). */
  url: string;
  exchange?: string;
  /** The hub's public address; each event's `source` is its municipality's cases there. */
  sourceBase: string;
  logger: Logger;
  /** How long to wait for a connection before the round fails (ms). */
  connectTimeoutMs?: number;
  /** How long to wait for the broker's confirms before the batch fails and the connection is dropped (ms). */
  confirmTimeoutMs?: number;
  /**
   * While the broker cannot be reached, events wait this long and are tried again without spending
   * an attempt: the hub's own broker being down is no fault of an event, and no outage, however long,
   * dead-letters the exchange's deliveries (the backlog and the log say it is down). Default 2 s.
   */
  unavailableRetryMs?: number;
};

export type AmqpSink = {
  sink: EventSink;
  /** True while a channel is open. */
  connected(): boolean;
  close(): Promise<void>;
};

const UNAVAILABLE = 'broker unavailable';

/**
 * Closes a connection, but gives up on the broker's answer after `waitMs` and drops the socket: a
 * broker that blocks publishers (a memory or disk alarm) never reads the close either.
 */
async function closeOrDrop(conn: ChannelModel, waitMs: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const gaveUp = new Promise<'gave up'>((resolve) => {
    timer = setTimeout(() => resolve('gave up'), waitMs);
  });
  const outcome = await Promise.race([conn.close().catch(() => 'closed' as const), gaveUp]);
  clearTimeout(timer);
  if (outcome === 'gave up') {
    // amqplib has no public abort; its connection's socket is `connection.stream`.
    (conn as unknown as { connection?: { stream?: { destroy(): void } } }).connection?.stream?.destroy();
  }
}

/**
 * @example
 * const out = createAmqpSink({ url, sourceBase: 'https://arenden.umea.se', logger });
 * const relay = createRelay({ db, subscriptionId: 'amqp', sink: out.sink, logger });
 * // … await relay.stop(); await out.close();
 */
export function createAmqpSink(options: AmqpSinkOptions): AmqpSink {
  const exchange = options.exchange ?? DEFAULT_EVENTS_EXCHANGE;
  const connectTimeoutMs = options.connectTimeoutMs ?? 5_000;
  const confirmTimeoutMs = options.confirmTimeoutMs ?? 30_000;
  const unavailableRetryMs = options.unavailableRetryMs ?? 2_000;
  /** A broker that cannot be reached defers the event; any other failure is the event's attempt. */
  const waitForBroker = (outcome: SinkOutcome): SinkOutcome =>
    outcome.outcome === 'failed' && outcome.error === UNAVAILABLE
      ? { outcome: 'deferred', until: new Date(Date.now() + unavailableRetryMs) }
      : outcome;
  let connection: ChannelModel | undefined;
  let channel: ConfirmChannel | undefined;
  let opening: Promise<ConfirmChannel> | undefined;
  let closed = false;
  // Said once per outage, not once per round.
  let reportedDown = false;

  const reason = (error: unknown) => (error instanceof Error ? error.message : String(error));

  function lost(error?: unknown): void {
    channel = undefined;
    connection = undefined;
    if (closed || reportedDown) return;
    reportedDown = true;
    options.logger.warn(
      { exchange, ...(error === undefined ? {} : { err: reason(error) }) },
      'events out: RabbitMQ connection lost; deliveries wait and retry',
    );
  }

  async function open(): Promise<ConfirmChannel> {
    const conn = await amqp.connect(options.url, { timeout: connectTimeoutMs });
    // Without listeners an 'error' event would crash the process; 'close' follows every error.
    conn.on('error', () => {});
    conn.on('close', (error?: unknown) => {
      if (connection === conn) lost(error);
    });
    try {
      const ch = await conn.createConfirmChannel();
      ch.on('error', () => {});
      ch.on('close', () => {
        if (channel === ch) {
          // The channel went (a broker-side error) while the connection stayed: drop both, start clean.
          lost();
          void conn.close().catch(() => {});
        }
      });
      await ch.assertExchange(exchange, 'topic', { durable: true });
      if (closed) throw new Error('sink closed');
      connection = conn;
      channel = ch;
      if (reportedDown) options.logger.info({ exchange }, 'events out: RabbitMQ connection back');
      reportedDown = false;
      return ch;
    } catch (error) {
      await closeOrDrop(conn, 2_000);
      throw error;
    }
  }

  async function ready(): Promise<ConfirmChannel> {
    if (channel) return channel;
    opening ??= open().finally(() => {
      opening = undefined;
    });
    return opening;
  }

  function publishOne(ch: ConfirmChannel, event: OutboxEvent): Promise<SinkOutcome> {
    const cloudEvent = toCloudEvent(event, options.sourceBase);
    const body = Buffer.from(JSON.stringify(cloudEvent));
    return new Promise((resolve) => {
      try {
        ch.publish(
          exchange,
          routingKey(event),
          body,
          {
            persistent: true,
            contentType: CLOUDEVENTS_CONTENT_TYPE,
            messageId: event.id,
            type: cloudEvent.type,
            timestamp: Math.floor(Date.parse(event.occurredAt) / 1000),
            appId: 'arendenav',
          },
          (error) =>
            resolve(
              error
                ? {
                    outcome: 'failed',
                    error: /nack/i.test(reason(error)) ? 'broker refused the event' : UNAVAILABLE,
                  }
                : { outcome: 'delivered' },
            ),
        );
      } catch {
        // The channel closed between rounds: nothing was sent.
        resolve({ outcome: 'failed', error: UNAVAILABLE });
      }
    });
  }

  const sink: EventSink = async (events) => {
    const outcomes = new Map<number, SinkOutcome>();
    if (closed) return outcomes;
    let ch: ConfirmChannel;
    try {
      ch = await ready();
    } catch (error) {
      lost(error);
      for (const e of events)
        outcomes.set(e.position, waitForBroker({ outcome: 'failed', error: UNAVAILABLE }));
      return outcomes;
    }
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<'timeout'>((resolve) => {
      timer = setTimeout(() => resolve('timeout'), confirmTimeoutMs);
    });
    const confirmed = Promise.all(
      events.map(async (e) => {
        outcomes.set(e.position, waitForBroker(await publishOne(ch, e)));
      }),
    );
    const result = await Promise.race([confirmed, timedOut]);
    clearTimeout(timer);
    if (result === 'timeout') {
      // Confirms that never came: the events count as failed (sent again later, receivers
      // deduplicate by id), and the connection is dropped so that late confirms change nothing.
      for (const e of events) {
        if (!outcomes.has(e.position))
          outcomes.set(e.position, { outcome: 'failed', error: 'broker did not confirm in time' });
      }
      const conn = connection;
      lost(new Error('confirms timed out'));
      if (conn) await closeOrDrop(conn, 0);
    }
    return new Map(outcomes);
  };

  return {
    sink,
    connected: () => channel !== undefined,
    async close() {
      closed = true;
      const conn = connection;
      channel = undefined;
      connection = undefined;
      if (conn) await closeOrDrop(conn, 2_000);
    },
  };
}
