/**
 * One subscription of the amqp connector: reads each message, dead-letters what cannot be read, and
 * hands the rest to the engine in commit batches (batcher.ts), settling every message of a batch
 * only after its commit or rollback.
 */
import { ConnectorError, type PullUnit } from '../contract.js';
import { decodeUtf8, InvalidUtf8 } from '../utf8.js';
import { parseRecord } from '../xml-file/transport.js';
import { createBatcher } from './batcher.js';
import { consume, type Delivery, type QueueTopology } from './transport.js';

export type SubscriptionOptions = {
  topology: QueueTopology;
  recordElement: string;
  batchSize: number;
  batchWaitMs: number;
  maxAttempts: number;
  reconnectDelayMs: number;
  onConnection?(connected: boolean): void;
};

type Outcome = Parameters<NonNullable<PullUnit['settle']>>[0];

/** A consumed message and the record read from it, waiting for its batch's commit. */
type Parsed = { record: unknown; message: Delivery };

/** How long close() waits for batches being stored to be acknowledged; what is left comes again. */
const CLOSE_WAIT_MS = 5000;

/** Why a message cannot be read, PII-free: unreadable now means unreadable on every try. */
function unreadable(error: unknown): string {
  if (error instanceof ConnectorError) return error.message;
  // Not UTF-8 is bad data with its byte offset, never replacement characters in the store.
  if (error instanceof InvalidUtf8) return `the message is not valid UTF-8 (byte ${error.offset})`;
  return 'unreadable message';
}

/**
 * Consumes until `close()`, which stops consuming, gives back what was not handed on yet, and lets
 * batches being stored finish (for a while) before the channel closes.
 *
 * @example
 * const subscription = await subscribeInBatches(options, deliver);
 * await subscription.close();
 */
export async function subscribeInBatches(
  options: SubscriptionOptions,
  deliver: (unit: PullUnit) => Promise<void>,
): Promise<{ close(): Promise<void>; connected(): boolean }> {
  const inFlight = new Set<Promise<void>>();
  let closing: Promise<void> | undefined;

  const settleOne = (message: Delivery, outcome: Outcome): void => {
    if (outcome.ok) message.ack();
    // The hub failed (store away): give it back without counting, after a pause.
    else if (outcome.retryable) message.release(options.reconnectDelayMs);
    else if (message.attempts + 1 >= options.maxAttempts) message.deadLetter(outcome.reason);
    else message.retryLater();
  };

  const track = (work: Promise<void>): void => {
    const tracked = work
      .catch(() => {})
      .finally(() => {
        inFlight.delete(tracked);
        if (inFlight.size === 0) batches.ready();
      });
    inFlight.add(tracked);
  };

  /**
   * One unit, one transaction, for every message of the batch. A record the mapping refuses is
   * quarantined inside it and the unit still commits, so the outcome is the whole batch's.
   */
  const store = (items: Parsed[]): Promise<void> =>
    deliver({
      batches: [items.map((i) => i.record)],
      cursor: null,
      label: items.length === 1 ? 'message' : `${items.length} messages`,
      async settle(outcome) {
        // A message whose channel closed meanwhile is the broker's again: it comes back on its own.
        const live = items.filter((i) => i.message.live());
        if (outcome.ok || outcome.retryable || live.length <= 1)
          for (const { message } of live) settleOne(message, outcome);
        // One message spoiled the batch: each goes again alone, in turn, so that only the one at
        // fault counts an attempt (and is dead-lettered after maxAttempts).
        else
          track(
            (async () => {
              for (const item of live) await store([item]).catch(() => {});
            })(),
          );
      },
    });

  const batches = createBatcher<Parsed>({
    size: options.batchSize,
    waitMs: options.batchWaitMs,
    busy: () => inFlight.size > 0,
    onBatch: (items) => {
      const live = items.filter((i) => i.message.live());
      if (live.length > 0) track(store(live));
    },
  });

  const consumer = await consume(
    options.topology,
    async (message) => {
      // Not taken any more: it stays unacknowledged and comes back when the channel closes.
      if (closing) return;
      let record: unknown;
      try {
        record = parseRecord(decodeUtf8(message.content), options.recordElement, { where: 'the message' });
      } catch (error) {
        // Alone to the dead letters: it never holds up or fails the batch of the others.
        message.deadLetter(unreadable(error));
        return;
      }
      batches.add({ record, message });
    },
    {
      reconnectDelayMs: options.reconnectDelayMs,
      onState: (state) => options.onConnection?.(state === 'connected'),
    },
  );

  return {
    connected: consumer.connected,
    close() {
      closing ??= (async () => {
        await consumer.stopConsuming();
        // Not handed on yet: unacknowledged, they come back when the channel closes.
        batches.drain();
        // Batches being stored are acknowledged if their commit comes soon; else they come again.
        let timer: NodeJS.Timeout | undefined;
        await Promise.race([
          Promise.allSettled([...inFlight]),
          new Promise((resolve) => {
            timer = setTimeout(resolve, CLOSE_WAIT_MS);
          }),
        ]);
        clearTimeout(timer);
        await consumer.close();
      })();
      return closing;
    },
  };
}
