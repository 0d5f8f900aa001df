/** An engine consuming a fresh, uniquely named RabbitMQ queue for the social-services events, for AMQP tests. */
import { randomBytes } from 'node:crypto';
import { amqpConnector } from '../../connectors/amqp/index.js';
import type { Db } from '../../store/db.js';
import { addSource, engineOn, mapperFor } from './sync.js';

export type AmqpNames = { exchange: string; queue: string; dead: string };

/** Starts an engine on `db` with one amqp source `umea-omsorg-events` at `url`, on queues no other test uses. */
export async function startAmqpHub(
  db: Db,
  url: string,
  options: { maxAttempts?: number; prefetch?: number; batchSize?: number; batchWaitMs?: number } = {},
) {
  const suffix = randomBytes(4).toString('hex');
  const names: AmqpNames = {
    exchange: `omsorg.${suffix}`,
    queue: `arendenav.${suffix}`,
    dead: `arendenav.${suffix}.dead`,
  };
  const hub = engineOn(db);
  const config = amqpConnector.configSchema.parse({
    url,
    exchange: names.exchange,
    queue: names.queue,
    routingKeys: ['arende.#'],
    prefetch: options.prefetch ?? 10,
    ...(options.batchSize !== undefined ? { batchSize: options.batchSize } : {}),
    ...(options.batchWaitMs !== undefined ? { batchWaitMs: options.batchWaitMs } : {}),
    maxAttempts: options.maxAttempts ?? 3,
    reconnectDelayMs: 200,
  });
  await addSource(
    hub.engine,
    'umea-omsorg-events',
    amqpConnector.create(config),
    mapperFor('omsorg-xml/socialtjanst'),
  );
  await hub.engine.start();
  return { hub, names };
}
