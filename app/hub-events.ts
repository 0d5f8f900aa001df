/**
 * Events out of a hub (issue 15): one outbox relay per receiver the hub runs. Each receiver kind
 * (the RabbitMQ exchange, webhooks, citizen notifications) contributes its relays from the
 * environment; a receiver that is not configured is marked inactive, so no deliveries pile up for it.
 */
import { Counter, type Registry } from 'prom-client';
import { createSmtpMailer } from '../contacts/alert-mail.js';
import { amqpReceiver } from '../events/amqp-receiver.js';
import { createDeadlineWatch } from '../events/deadline-watch.js';
import { createRelay, type Relay, type RelayOptions } from '../events/relay.js';
import { webhookReceivers } from '../events/webhook-receivers.js';
import type { Municipalities } from '../municipalities/municipality-schema.js';
import type { Db } from '../store/db.js';
import type { Env } from './env.js';
import { citizenNotifications } from './hub-notifications.js';
import type { Logger } from './logger.js';

/** What a receiver kind needs from the hub. */
export type EventHub = {
  env: Env;
  db: Db;
  logger: Logger;
  municipalities: Municipalities;
  registry: Registry;
  /** The person-reference key (PERSON_REF_KEY, or the demo's): receivers derive their own keys from it. */
  key: string;
};

/** A running part of events out: relays, or a manager of relays (webhooks come and go). */
export type EventWorker = { start(): void; stop(): Promise<void> };

/** Builds a receiver kind's workers; it ensures its own subscription rows (active or not). */
export type ReceiverKind = (
  hub: EventHub,
  relay: (options: Omit<RelayOptions, 'db' | 'logger'>) => Relay,
) => Promise<EventWorker[]>;

/** The receiver kinds of a hub, in start order. */
export const RECEIVER_KINDS: readonly ReceiverKind[] = [
  amqpReceiver,
  webhookReceivers({
    mailer: (env) => (env.SMTP_URL ? createSmtpMailer(env.SMTP_URL, env.SMTP_FROM) : undefined),
  }),
  citizenNotifications(),
];

export type HubEvents = EventWorker & { workers: EventWorker[] };

/**
 * @example
 * const events = await hubEvents({ env, db, logger, municipalities, registry, key });
 * events.start(); // … await events.stop();
 */
export async function hubEvents(
  hub: EventHub,
  kinds: readonly ReceiverKind[] = RECEIVER_KINDS,
): Promise<HubEvents> {
  const outcomes = new Counter({
    name: 'arendenav_event_deliveries_total',
    help: 'Event deliveries settled, by receiver and outcome (delivered, failed, dead)',
    labelNames: ['subscription', 'outcome'],
    registers: [hub.registry],
  });
  const relay = (options: Omit<RelayOptions, 'db' | 'logger'>) =>
    createRelay({
      ...options,
      db: hub.db,
      logger: hub.logger,
      onSettled: (counts) => {
        for (const [outcome, n] of Object.entries(counts)) {
          if (n > 0) outcomes.inc({ subscription: options.subscriptionId, outcome }, n);
        }
        options.onSettled?.(counts);
      },
    });
  // Time, not a source, passes deadlines: the watch writes those events for every receiver.
  const workers: EventWorker[] = [
    createDeadlineWatch({ db: hub.db, logger: hub.logger, now: () => new Date() }),
  ];
  for (const kind of kinds) workers.push(...(await kind(hub, relay)));
  return {
    workers,
    start() {
      for (const w of workers) w.start();
    },
    async stop() {
      await Promise.all(workers.map((w) => w.stop()));
    },
  };
}
