/**
 * The RabbitMQ exchange as a receiver of events out (issue 15): subscription `amqp`, active only when
 * ARENDENAV_EVENTS_AMQP_URL is set, delivered by one relay per hub instance through the AMQP sink.
 */
import type { ReceiverKind } from '../app/hub-events.js';
import { ensureBuiltInSubscription } from '../store/event-deliveries.js';
import { createAmqpSink } from './amqp-sink.js';
import type { Backoff } from './relay.js';

export const AMQP_SUBSCRIPTION_ID = 'amqp';

/**
 * An unreachable broker defers events every 2 s without spending attempts (amqp-sink.ts), so an
 * outage of any length ends in delivery, not dead letters. The backoff is for what remains: a broker
 * that refuses an event or does not confirm it in time.
 */
export const AMQP_BACKOFF: Backoff = { baseMs: 250, capMs: 10_000 };
export const AMQP_MAX_ATTEMPTS = 100;

/**
 * @example
 * const events = await hubEvents(hub, [amqpReceiver]);
 */
export const amqpReceiver: ReceiverKind = async (hub, relay) => {
  const url = hub.env.ARENDENAV_EVENTS_AMQP_URL;
  await ensureBuiltInSubscription(hub.db, {
    id: AMQP_SUBSCRIPTION_ID,
    kind: 'amqp',
    active: url !== undefined,
    maxAttempts: AMQP_MAX_ATTEMPTS,
  });
  if (url === undefined) return [];
  const out = createAmqpSink({
    url,
    exchange: hub.env.ARENDENAV_EVENTS_EXCHANGE,
    sourceBase: hub.env.ARENDENAV_PUBLIC_URL ?? `http://localhost:${hub.env.PORT}`,
    logger: hub.logger,
  });
  const delivery = relay({ subscriptionId: AMQP_SUBSCRIPTION_ID, sink: out.sink, backoff: AMQP_BACKOFF });
  return [
    {
      start: () => delivery.start(),
      async stop() {
        await delivery.stop();
        await out.close();
      },
    },
  ];
};
