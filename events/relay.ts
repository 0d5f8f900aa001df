/**
 * The outbox relay (issue 15): for one receiver, takes its due deliveries in order per case, hands them
 * to the receiver's sink and records how each went. Survives restarts (everything it knows is in the
 * database), runs safely in several hub instances at once (claims are leased rows), and retries a
 * failed delivery later with exponential backoff and jitter until the receiver's attempts are spent;
 * then the delivery is dead and `onDead` is told (the admin alert).
 */
import type { Logger } from '../app/logger.js';
import type { Db } from '../store/db.js';
import {
  claimDeliveries,
  type OutboxEvent,
  type Settlement,
  settleDeliveries,
} from '../store/event-deliveries.js';

/** What a sink says of one event: taken; failed (a reason without personal data); or not now (quiet hours). */
export type SinkOutcome =
  | { outcome: 'delivered' }
  | { outcome: 'failed'; error: string }
  | { outcome: 'deferred'; until: Date };

/**
 * A receiver's delivery: given events of distinct cases, in position order, it answers per position.
 * A position left out of the answer was not tried and is claimed again next round.
 */
export type EventSink = (events: readonly OutboxEvent[]) => Promise<Map<number, SinkOutcome>>;

export type Backoff = { baseMs: number; capMs: number };

/** 1 s doubling to 10 min: twelve attempts span about an hour and a half. */
export const DEFAULT_BACKOFF: Backoff = { baseMs: 1_000, capMs: 600_000 };

/**
 * The wait before the next attempt after `attempts` failures: exponential, capped, with "equal
 * jitter" (half fixed, half random), so many receivers failing at once do not retry in step.
 */
export function backoffDelay(attempts: number, backoff: Backoff, random: () => number = Math.random): number {
  const ceiling = Math.min(backoff.capMs, backoff.baseMs * 2 ** Math.max(0, attempts - 1));
  return Math.round(ceiling / 2 + random() * (ceiling / 2));
}

export type RelayOptions = {
  db: Db;
  subscriptionId: string;
  sink: EventSink;
  logger: Logger;
  /** Events per round (at most one per case). */
  batchSize?: number;
  /** How long a claim holds before another instance may take it over (ms). */
  leaseMs?: number;
  /** The pause when there was nothing to deliver, or the database failed (ms). */
  idleMs?: number;
  backoff?: Backoff;
  /** Deliveries that spent their last attempt now. */
  onDead?: (subscriptionId: string, positions: number[]) => void | Promise<void>;
  /** Delivered, failed and dead counts, for metrics. */
  onSettled?: (counts: { delivered: number; failed: number; dead: number }) => void;
  random?: () => number;
};

export type Relay = {
  /** Runs rounds until nothing is due; returns how many deliveries were settled as delivered. */
  drain(): Promise<number>;
  /** One round; returns how many events were claimed. */
  round(): Promise<number>;
  start(): void;
  stop(): Promise<void>;
};

/**
 * @example
 * const relay = createRelay({ db, subscriptionId: 'amqp', sink: publishToExchange, logger });
 * relay.start(); // … await relay.stop();
 */
export function createRelay(options: RelayOptions): Relay {
  const batchSize = options.batchSize ?? 200;
  const leaseMs = options.leaseMs ?? 60_000;
  const idleMs = options.idleMs ?? 500;
  const backoff = options.backoff ?? DEFAULT_BACKOFF;
  const random = options.random ?? Math.random;
  let delivered = 0;

  async function round(): Promise<number> {
    const { token, events } = await claimDeliveries(options.db, options.subscriptionId, {
      limit: batchSize,
      leaseMs,
    });
    if (events.length === 0) return 0;
    let outcomes: Map<number, SinkOutcome>;
    try {
      outcomes = await options.sink(events);
    } catch (error) {
      // A sink that throws failed every event it was given (the receiver is down, say).
      const reason = error instanceof Error ? error.message : String(error);
      outcomes = new Map(events.map((e) => [e.position, { outcome: 'failed', error: reason }]));
    }
    const settlements: Settlement[] = [];
    const counts = { delivered: 0, failed: 0, dead: 0 };
    for (const event of events) {
      const outcome = outcomes.get(event.position);
      if (!outcome) continue;
      if (outcome.outcome === 'delivered') {
        counts.delivered += 1;
        settlements.push({ position: event.position, outcome: 'delivered' });
      } else if (outcome.outcome === 'deferred') {
        settlements.push({ position: event.position, outcome: 'deferred', until: outcome.until });
      } else {
        counts.failed += 1;
        const retryAt = new Date(Date.now() + backoffDelay(event.attempts + 1, backoff, random));
        settlements.push({ position: event.position, outcome: 'failed', error: outcome.error, retryAt });
      }
    }
    const dead = await settleDeliveries(options.db, options.subscriptionId, token, settlements);
    counts.dead = dead.length;
    delivered += counts.delivered;
    options.onSettled?.(counts);
    if (dead.length > 0) {
      options.logger.warn(
        { subscription: options.subscriptionId, dead: dead.length },
        'event deliveries dead-lettered after their last attempt',
      );
      await options.onDead?.(options.subscriptionId, dead);
    }
    return events.length;
  }

  async function drain(): Promise<number> {
    const before = delivered;
    while ((await round()) > 0) {
      // keep going while there is something due
    }
    return delivered - before;
  }

  let running = false;
  let loop: Promise<void> | undefined;
  let wake: (() => void) | undefined;
  const pause = (ms: number) =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, ms);
      wake = () => {
        clearTimeout(timer);
        resolve();
      };
    });

  return {
    drain,
    round,
    start() {
      if (running) return;
      running = true;
      loop = (async () => {
        while (running) {
          let claimed = 0;
          try {
            claimed = await round();
          } catch (error) {
            options.logger.warn(
              {
                subscription: options.subscriptionId,
                err: error instanceof Error ? error.message : String(error),
              },
              'event relay round failed; trying again',
            );
          }
          if (claimed === 0 && running) await pause(idleMs);
        }
      })();
    },
    async stop() {
      running = false;
      wake?.();
      await loop;
    },
  };
}
