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
 * A broker restart takes seconds, so the first retries come quickly. The cap is low because an
 * event's wait grows with every failed attempt: after an outage the events resume within the cap
 * (the fault drill measured 30 s cap → 50 s catch-up after a 13 s outage). With 100 attempts the
 * deliveries wait out an outage of 8 to 16 minutes before they are dead-lettered (the admin is
 * alerted and replays from a position).
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
