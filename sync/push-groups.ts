/**
 * Push deliveries arriving together (up to the connector's prefetch) go to the store as one unit:
 * one commit per message is the slow part of a broker path. Each delivery still settles on its own
 * (acknowledged after the commit, or given back), so grouping weakens no guarantee.
 */
import type { PullUnit } from '../connectors/contract.js';

/** At most this many deliveries in one group, waiting at most this long for company. */
const GROUP_SIZE = 100;
const GROUP_WAIT_MS = 20;

/** Wraps `process` (which stores one unit) into a delivery handler that stores groups. */
export function groupDeliveries(
  process: (unit: PullUnit) => Promise<void>,
): (unit: PullUnit) => Promise<void> {
  let waiting: { unit: PullUnit; done: (error?: unknown) => void }[] = [];
  let timer: NodeJS.Timeout | undefined;
  const flush = () => {
    clearTimeout(timer);
    timer = undefined;
    const group = waiting;
    waiting = [];
    if (group.length === 0) return;
    const combined: PullUnit = {
      batches: (async function* () {
        for (const { unit } of group) for await (const batch of unit.batches) yield batch;
      })(),
      cursor: null,
      label: `${group.length} message(s)`,
      async settle(outcome) {
        await Promise.all(group.map(({ unit }) => unit.settle?.(outcome)));
      },
    };
    process(combined).then(
      () => {
        for (const { done } of group) done();
      },
      (error: unknown) => {
        for (const { done } of group) done(error);
      },
    );
  };
  return (unit) =>
    new Promise<void>((resolve, reject) => {
      waiting.push({ unit, done: (error) => (error ? reject(error) : resolve()) });
      if (waiting.length >= GROUP_SIZE) flush();
      else timer ??= setTimeout(flush, GROUP_WAIT_MS);
    });
}
