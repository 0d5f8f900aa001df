/** Publishes social-services case events to RabbitMQ: one `<Arende>` per message, confirmed and persistent. */
import { once } from 'node:events';
import { connect, type Options } from 'amqplib';
import type { OmsorgArende } from '../case-data/index.js';
import { renderArendeXml } from './arende-xml.js';

export type OmsorgEventMessage = { routingKey: string; content: Buffer; options: Options.Publish };

export type PublishOmsorgOptions = {
  /** Declare the exchange (durable, of `exchangeType`) before publishing. Default true. */
  assertExchange?: boolean;
  /** Default `topic`. */
  exchangeType?: 'topic' | 'direct' | 'fanout';
  /** Wait for the broker's confirms after this many messages (and at the end). Default 100. */
  confirmEvery?: number;
};

/**
 * The message for one record: routing key `arende.<status>` (lower case, e.g. `arende.utr`), body the
 * `<Arende>` element, message id `<id>@<senastAndrad>` so a redelivered or republished version can be
 * recognised as the same event.
 */
export function omsorgEventMessage(record: OmsorgArende): OmsorgEventMessage {
  return {
    routingKey: `arende.${record.Status['@kod'].toLowerCase()}`,
    content: Buffer.from(renderArendeXml(record), 'utf8'),
    options: {
      persistent: true,
      contentType: 'application/xml',
      contentEncoding: 'utf-8',
      messageId: `${record['@id']}@${record['@senastAndrad']}`,
      timestamp: Math.floor(Date.parse(record['@senastAndrad']) / 1000),
      type: 'omsorg.arende',
      appId: 'omsorg-simulator',
    },
  };
}

/**
 * Connects, publishes every record on a confirm channel and closes. Resolves when the broker has
 * confirmed every message; rejects if it refuses one or the connection fails.
 */
export async function publishOmsorgEvents(
  amqpUrl: string,
  exchange: string,
  records: Iterable<OmsorgArende> | AsyncIterable<OmsorgArende>,
  options: PublishOmsorgOptions = {},
): Promise<{ published: number }> {
  const confirmEvery = options.confirmEvery ?? 100;
  const connection = await connect(amqpUrl);
  // Errors also reject the pending call; without a listener an 'error' event would crash the process.
  connection.on('error', () => {});
  try {
    const channel = await connection.createConfirmChannel();
    channel.on('error', () => {});
    if (options.assertExchange ?? true)
      await channel.assertExchange(exchange, options.exchangeType ?? 'topic', { durable: true });
    let published = 0;
    for await (const record of records) {
      const message = omsorgEventMessage(record);
      // false means the channel's buffer is full: wait for it to drain rather than grow memory.
      if (!channel.publish(exchange, message.routingKey, message.content, message.options))
        await once(channel, 'drain');
      published++;
      if (published % confirmEvery === 0) await channel.waitForConfirms();
    }
    await channel.waitForConfirms();
    await channel.close();
    return { published };
  } finally {
    await connection.close().catch(() => {});
  }
}
