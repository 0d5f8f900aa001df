/**
 * The `amqp` connector: case events from a message broker, stored in commit batches bounded by size
 * and time, each message acknowledged only after its batch's commit.
 */
import { z } from 'zod';
import { ConnectorError, defineConnector } from '../contract.js';
import { subscribeInBatches } from './subscription.js';

/** Messages per commit unless configured: large enough that the commit is no longer the bottleneck. */
const DEFAULT_BATCH_SIZE = 250;

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
    prefetch: z
      .number()
      .int()
      .min(1)
      .max(5000)
      .default(500)
      .describe('Unacknowledged messages in flight: at least one commit batch, better two'),
    batchSize: z
      .number()
      .int()
      .min(1)
      .max(5000)
      .optional()
      .describe(`Messages per commit at most; default ${DEFAULT_BATCH_SIZE}, or prefetch if smaller`),
    batchWaitMs: z
      .number()
      .int()
      .min(1)
      .max(1000)
      .default(25)
      .describe('How long the first message of a batch waits for company before it is committed'),
    maxAttempts: z.number().int().min(1).max(100).default(5),
    recordElement: z
      .string()
      .regex(/^[A-Za-z_][\w.-]*$/)
      .default('Arende'),
    reconnectDelayMs: z.number().int().min(10).default(1000),
  })
  .strict()
  // A batch larger than the prefetch never fills: the broker stops sending until something is acked.
  .refine((c) => c.batchSize === undefined || c.batchSize <= c.prefetch, {
    message: 'batchSize must not exceed prefetch',
    path: ['batchSize'],
  });
export type AmqpConfig = z.infer<typeof ConfigSchema>;

/** Messages per commit at most: as configured, else the default, never more than the prefetch. */
export const commitBatchSize = (config: Pick<AmqpConfig, 'batchSize' | 'prefetch'>): number =>
  config.batchSize ?? Math.min(DEFAULT_BATCH_SIZE, config.prefetch);

export const amqpConnector = defineConnector<AmqpConfig>({
  kind: 'amqp',
  version: '1.0.0',
  description:
    'Case events (one <Arende> per message) from RabbitMQ, committed in batches; ack after commit, dead-letter after N attempts',
  configSchema: ConfigSchema,
  secrets: ['url'],
  create(config) {
    let subscription: Awaited<ReturnType<typeof subscribeInBatches>> | undefined;
    return {
      async subscribe(deliver, ctx) {
        try {
          subscription = await subscribeInBatches(
            {
              topology: {
                url: config.url,
                exchange: config.exchange,
                exchangeType: config.exchangeType,
                queue: config.queue,
                deadLetterQueue: config.deadLetterQueue ?? `${config.queue}.dead`,
                routingKeys: config.routingKeys,
                prefetch: config.prefetch,
              },
              recordElement: config.recordElement,
              batchSize: commitBatchSize(config),
              batchWaitMs: config.batchWaitMs,
              maxAttempts: config.maxAttempts,
              reconnectDelayMs: config.reconnectDelayMs,
              onConnection: ctx.onConnection,
            },
            deliver,
          );
        } catch (cause) {
          throw new ConnectorError('unavailable', 'cannot connect to the message broker', {
            retryable: true,
            cause,
          });
        }
        const current = subscription;
        return { close: () => current.close() };
      },
      async health() {
        return subscription?.connected()
          ? { ok: true, detail: `consuming ${config.queue}` }
          : { ok: false, detail: 'not connected to the message broker' };
      },
      async close() {
        await subscription?.close();
      },
    };
  },
});
