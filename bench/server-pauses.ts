/**
 * What stalled the bench's API server while a row was measured: the delay of its event loop (a request
 * ready to run waits at least that long) and its garbage-collection pauses. Read and reset by the bench
 * after each row (`GET /bench/pauses`), so a latency tail can be told to come from the hub's process
 * (GC, a long synchronous task) or from elsewhere (the database, the machine).
 */
import { monitorEventLoopDelay, PerformanceObserver } from 'node:perf_hooks';

export type Pauses = {
  loopP99Ms: number;
  loopMaxMs: number;
  gcCount: number;
  gcMaxMs: number;
  gcTotalMs: number;
};

/** The monitor's timer, in ms: it records each whole interval, so this much is subtracted as no delay. */
const RESOLUTION_MS = 10;

export function createPauseMonitor(): { take(): Pauses; stop(): void } {
  const loop = monitorEventLoopDelay({ resolution: RESOLUTION_MS });
  loop.enable();
  let gc = { count: 0, max: 0, total: 0 };
  const observer = new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      gc.count += 1;
      gc.total += entry.duration;
      gc.max = Math.max(gc.max, entry.duration);
    }
  });
  observer.observe({ entryTypes: ['gc'] });
  const delayMs = (ns: number) => Math.max(0, Math.round((ns / 1e6 - RESOLUTION_MS) * 100) / 100);
  return {
    take() {
      const pauses = {
        loopP99Ms: delayMs(loop.percentile(99)),
        loopMaxMs: delayMs(loop.max),
        gcCount: gc.count,
        gcMaxMs: Math.round(gc.max * 100) / 100,
        gcTotalMs: Math.round(gc.total),
      };
      loop.reset();
      gc = { count: 0, max: 0, total: 0 };
      return pauses;
    },
    stop() {
      loop.disable();
      observer.disconnect();
    },
  };
}

/** "event loop p99 2.1 ms, max 14 ms; GC 12 pauses, max 6.3 ms, 31 ms in all" */
export function describePauses(p: Pauses): string {
  return (
    `event loop p99 ${p.loopP99Ms} ms, max ${p.loopMaxMs} ms; ` +
    `GC ${p.gcCount} pauses, max ${p.gcMaxMs} ms, ${p.gcTotalMs} ms in all`
  );
}
