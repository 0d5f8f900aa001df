/** The `amqp` connector: case events from a message broker, acknowledged only after the store commit. */
import { z } from 'zod';
import { ConnectorError, defineConnector } from '../contract.js';
import { decodeUtf8, InvalidUtf8 } from '../utf8.js';
import { parseRecord } from '../xml-file/transport.js';
import { consume } from './transport.js';

const ConfigSchema = z
  .object({
    url: z
      .string()
      .regex(/^amqps?:\/\//, 'an amqp:// or amqps:// URL')
      .describe('Broker URL (secret: it holds credentials)'),
    exchange: z.string().min(1),
    exchangeType: z.enum(['topic', 'direct', 'fanout']).default('topic'),
    queue: z.string().min(1).describe('This hub’s durable queue'),
    deadLetterQueue: z.string().min(1).optional().describe('Default: <queue>.dead'),
    routingKeys: z.array(z.string().min(1)).min(1).default(['#']),
    prefetch: z.number().int().min(1).max(1000).default(20),
    maxAttempts: z.number().int().min(1).max(100).default(5),
    recordElement: z
      .string()
      .regex(/^[A-Za-z_][\w.-]*$/)
      .default('Arende'),
    reconnectDelayMs: z.number().int().min(10).default(1000),
  })
  .strict();
export type AmqpConfig = z.infer<typeof ConfigSchema>;

export const amqpConnector = defineConnector<AmqpConfig>({
  kind: 'amqp',
  version: '1.0.0',
  description:
    'Case events (one <Arende> per message) from RabbitMQ; ack after commit, dead-letter after N attempts',
  configSchema: ConfigSchema,
  secrets: ['url'],
  create(config) {
    let consumer: Awaited<ReturnType<typeof consume>> | undefined;
    const topology = {
      url: config.url,
      exchange: config.exchange,
      exchangeType: config.exchangeType,
      queue: config.queue,
      deadLetterQueue: config.deadLetterQueue ?? `${config.queue}.dead`,
      routingKeys: config.routingKeys,
      prefetch: config.prefetch,
    };
    return {
      async subscribe(deliver, ctx) {
        try {
          consumer = await consume(
            topology,
            async (message) => {
              let record: unknown;
              try {
                // Not UTF-8 is bad data with its byte offset, never replacement characters in the store.
                record = parseRecord(decodeUtf8(message.content), config.recordElement, {
                  where: 'the message',
                });
              } catch (error) {
                // Unreadable now means unreadable on every try: straight to the dead letters.
                message.deadLetter(
                  error instanceof ConnectorError
                    ? error.message
                    : error instanceof InvalidUtf8
                      ? `the message is not valid UTF-8 (byte ${error.offset})`
                      : 'unreadable message',
                );
                return;
              }
              await deliver({
                batches: [[record]],
                cursor: null,
                label: 'message',
                async settle(outcome) {
                  if (outcome.ok) message.ack();
                  // The hub failed (store away): give it back without counting, after a pause.
                  else if (outcome.retryable) message.release(config.reconnectDelayMs);
                  else if (message.attempts + 1 >= config.maxAttempts) message.deadLetter(outcome.reason);
                  else message.retryLater();
                },
              });
            },
            {
              reconnectDelayMs: config.reconnectDelayMs,
              onState: (state) => ctx.onConnection?.(state === 'connected'),
            },
          );
        } catch (cause) {
          throw new ConnectorError('unavailable', 'cannot connect to the message broker', {
            retryable: true,
            cause,
          });
        }
        return { close: async () => consumer?.close() };
      },
      async health() {
        return consumer?.connected()
          ? { ok: true, detail: `consuming ${config.queue}` }
          : { ok: false, detail: 'not connected to the message broker' };
      },
      async close() {
        await consumer?.close();
      },
    };
  },
});
