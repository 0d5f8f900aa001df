/** A queue of injected faults for fault drills: "the next N calls fail / hang / …", plus a fixed delay. */

export type FaultQueue<K extends string> = {
  /** Queues `count` faults of `kind`; they are served in the order queued, one per call. */
  add(kind: K, count?: number): void;
  /** The fault for this call, if any (consumes it). */
  take(): K | undefined;
  /** Faults still queued, in order. */
  pending(): K[];
  /** Delay before every answer, in milliseconds (0 = none). */
  delayMs: number;
  /** Drops queued faults and the delay. */
  clear(): void;
};

export function createFaultQueue<K extends string>(delayMs = 0): FaultQueue<K> {
  const queue: K[] = [];
  return {
    add(kind, count = 1) {
      if (!Number.isInteger(count) || count < 0) throw new RangeError('count must be a whole number ≥ 0');
      for (let i = 0; i < count; i++) queue.push(kind);
    },
    take: () => queue.shift(),
    pending: () => [...queue],
    delayMs,
    clear() {
      queue.length = 0;
      this.delayMs = 0;
    },
  };
}

/** Waits `ms` milliseconds (no timer when 0, so undelayed calls stay synchronous-fast). */
export function sleep(ms: number): Promise<void> {
  return ms > 0 ? new Promise((resolve) => setTimeout(resolve, ms)) : Promise.resolve();
}
