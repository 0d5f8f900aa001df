/**
 * AMQP transport of the amqp connector (amqplib): a durable queue bound to the source's exchange,
 * manual acknowledgements, a dead-letter queue, and reconnection after the broker goes away. The
 * only place the connector speaks AMQP.
 */
import amqp, { type Channel, type ChannelModel, type ConsumeMessage } from 'amqplib';

export type QueueTopology = {
  url: string;
  exchange: string;
  exchangeType: 'topic' | 'direct' | 'fanout';
  queue: string;
  deadLetterQueue: string;
  routingKeys: string[];
  prefetch: number;
};

export type Delivery = {
  /** The raw body: decoding it (strictly, as UTF-8) is the connector's business, not the wire's. */
  content: Uint8Array;
  messageId: string | undefined;
  /** How many times this message has been tried before. */
  attempts: number;
  /**
   * False once the channel it came on has closed: the broker has taken it back (it comes again), so
   * it is neither stored nor settled from here on.
   */
  live(): boolean;
  ack(): void;
  /** Puts the message back at the end of the queue with one more attempt counted. */
  retryLater(): void;
  /** Gives the message back to the broker untouched after `delayMs` (the hub, not the message, failed). */
  release(delayMs: number): void;
  /** Moves the message to the dead-letter queue with a PII-free reason. */
  deadLetter(reason: string): void;
};

const ATTEMPTS = 'x-arendenav-attempts';
const REASON = 'x-arendenav-reason';

/**
 * Consumes the queue until `close()`. When the connection drops (a broker restart), it reconnects
 * with growing delays; unacknowledged messages come back from the broker, so nothing is lost.
 */
export async function consume(
  topology: QueueTopology,
  onMessage: (delivery: Delivery) => Promise<void>,
  events: { onState?: (state: 'connected' | 'disconnected') => void; reconnectDelayMs?: number } = {},
): Promise<{ stopConsuming(): Promise<void>; close(): Promise<void>; connected(): boolean }> {
  let closed = false;
  let connection: ChannelModel | undefined;
  let channel: Channel | undefined;
  let consumerTag: string | undefined;
  let delay = events.reconnectDelayMs ?? 1000;

  const wrap = (ch: Channel, open: () => boolean, message: ConsumeMessage): Delivery => {
    const headers = message.properties.headers ?? {};
    const attempts = Number(headers[ATTEMPTS] ?? 0);
    const safely = (fn: () => void) => {
      // After a broker restart the old channel is gone; the broker redelivers what was not acked.
      try {
        fn();
      } catch {
        /* channel closed */
      }
    };
    const republish = (queue: string, extra: Record<string, unknown>) =>
      ch.sendToQueue(queue, message.content, {
        persistent: true,
        contentType: message.properties.contentType,
        messageId: message.properties.messageId,
        headers: { ...headers, ...extra },
      });
    return {
      content: message.content,
      messageId: message.properties.messageId,
      attempts,
      live: open,
      ack: () => safely(() => ch.ack(message)),
      retryLater: () =>
        safely(() => {
          republish(topology.queue, { [ATTEMPTS]: attempts + 1 });
          ch.ack(message);
        }),
      release: (delayMs) => {
        setTimeout(() => safely(() => ch.nack(message, false, true)), delayMs).unref();
      },
      deadLetter: (reason) =>
        safely(() => {
          republish(topology.deadLetterQueue, { [ATTEMPTS]: attempts + 1, [REASON]: reason.slice(0, 500) });
          ch.ack(message);
        }),
    };
  };

  async function connect(): Promise<void> {
    const conn = await amqp.connect(topology.url);
    conn.on('error', () => {});
    conn.on('close', () => {
      channel = undefined;
      connection = undefined;
      // Closing on purpose (the hub stops) is not losing the broker.
      if (closed) return;
      events.onState?.('disconnected');
      scheduleReconnect();
    });
    const ch = await conn.createChannel();
    let open = true;
    ch.on('error', () => {});
    ch.on('close', () => {
      open = false;
      // A channel the broker closed on its own (the connection still up) would leave the hub deaf:
      // dropping the connection brings the reconnect, with a fresh channel.
      if (channel === ch && !closed) void conn.close().catch(() => {});
    });
    await ch.assertExchange(topology.exchange, topology.exchangeType, { durable: true });
    await ch.assertQueue(topology.deadLetterQueue, { durable: true });
    await ch.assertQueue(topology.queue, { durable: true });
    for (const key of topology.routingKeys) await ch.bindQueue(topology.queue, topology.exchange, key);
    await ch.prefetch(topology.prefetch);
    ({ consumerTag } = await ch.consume(topology.queue, (message) => {
      if (message) void onMessage(wrap(ch, () => open, message)).catch(() => {});
    }));
    connection = conn;
    channel = ch;
    delay = events.reconnectDelayMs ?? 1000;
    events.onState?.('connected');
  }

  function scheduleReconnect(): void {
    const wait = delay;
    delay = Math.min(delay * 2, 30_000);
    setTimeout(() => {
      if (closed) return;
      connect().catch(() => scheduleReconnect());
    }, wait).unref();
  }

  await connect();
  return {
    connected: () => Boolean(channel),
    /** No new messages from here on (those in hand can still be settled); no reconnecting either. */
    async stopConsuming() {
      closed = true;
      if (channel && consumerTag) await channel.cancel(consumerTag).catch(() => {});
    },
    async close() {
      closed = true;
      await channel?.close().catch(() => {});
      await connection?.close().catch(() => {});
    },
  };
}
