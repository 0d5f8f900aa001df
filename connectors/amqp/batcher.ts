/**
 * Commit batches of the amqp connector: consumed messages are collected until there are `size` of
 * them or `waitMs` have passed since the first, whichever comes first, and handed on together, so a
 * stream of events commits in a few transactions instead of one per message. While the store is busy
 * with an earlier batch, a batch whose time is up keeps collecting until the store is free (group
 * commit): waiting in the store's queue as many small transactions would only be slower.
 */

export type Batcher<T> = {
  /** Adds one item; hands the batch on when it is full. */
  add(item: T): void;
  /** Hands on what is collected now (nothing when empty). */
  flush(): void;
  /** Takes what is collected without handing it on (the caller gives it back), and stops the timer. */
  drain(): T[];
  /** The store may be free again: hands on the batch whose time is up, if any and if it is. */
  ready(): void;
  /** Items collected and not yet handed on. */
  size(): number;
};

/**
 * @example
 * const batcher = createBatcher({ size: 250, waitMs: 25, onBatch: (items) => store(items) });
 * batcher.add(message);
 */
export function createBatcher<T>(options: {
  size: number;
  waitMs: number;
  onBatch: (items: T[]) => void;
  /** True while the store is busy with an earlier batch; default never. */
  busy?: () => boolean;
}): Batcher<T> {
  let items: T[] = [];
  let timer: NodeJS.Timeout | undefined;
  /** The first item has waited `waitMs`: the batch goes as soon as the store is free. */
  let due = false;

  const take = (): T[] => {
    clearTimeout(timer);
    timer = undefined;
    due = false;
    const taken = items;
    items = [];
    return taken;
  };

  const flush = (): void => {
    const batch = take();
    if (batch.length > 0) options.onBatch(batch);
  };

  return {
    add(item) {
      items.push(item);
      if (items.length >= options.size) flush();
      // The clock starts with a batch's first message: none waits longer than `waitMs` for company.
      else if (!timer && !due)
        timer = setTimeout(() => {
          timer = undefined;
          due = true;
          if (!options.busy?.()) flush();
        }, options.waitMs);
    },
    flush,
    drain: take,
    ready() {
      if (due && !options.busy?.()) flush();
    },
    size: () => items.length,
  };
}
