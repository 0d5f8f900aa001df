/**
 * The deadline watch (issue 15): writes an event when an open case's statutory deadline passes, so
 * receivers and citizens hear of it like any other change. Runs shortly after start and then every
 * `everyMs`; safe in several hub instances at once (one event per case and due date).
 */
import type { Logger } from '../app/logger.js';
import { stockholmDate } from '../schemas/deadline.js';
import type { Db } from '../store/db.js';
import { writePassedDeadlines } from '../store/deadline-events.js';

const DAY_MS = 86_400_000;

/** The instant a Stockholm calendar day starts (summer or winter time), as ISO. */
export function stockholmDayStart(date: string): string {
  for (const offset of ['+01:00', '+02:00']) {
    const at = Date.parse(`${date}T00:00:00${offset}`);
    if (stockholmDate(new Date(at)) === date && stockholmDate(new Date(at - 1)) !== date) {
      return new Date(at).toISOString();
    }
  }
  throw new Error(`no Stockholm midnight found for ${date}`);
}

/** The day after `date` (YYYY-MM-DD). */
function nextDay(date: string): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + DAY_MS).toISOString().slice(0, 10);
}

export type DeadlineWatchOptions = {
  db: Db;
  logger: Logger;
  now: () => Date;
  /** Deadlines that passed longer ago than this are not announced (default 7 days). */
  windowDays?: number;
  everyMs?: number;
  firstRunAfterMs?: number;
};

/**
 * @example
 * const watch = createDeadlineWatch({ db, logger, now: () => new Date() });
 * await watch.run(); // the number of events written
 */
export function createDeadlineWatch(options: DeadlineWatchOptions) {
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<number> | undefined;
  let stopped = true;

  async function run(): Promise<number> {
    const now = options.now();
    const today = stockholmDate(now);
    const since = stockholmDate(new Date(now.getTime() - (options.windowDays ?? 7) * DAY_MS));
    let total = 0;
    for (;;) {
      const written = await writePassedDeadlines(options.db, {
        today,
        since,
        limit: 500,
        passedAt: (dueAt) => stockholmDayStart(nextDay(dueAt)),
      });
      total += written;
      if (written < 500) break;
    }
    if (total > 0) options.logger.info({ deadlines: { passed: total } }, 'deadlines passed');
    return total;
  }

  function schedule(delayMs: number): void {
    if (stopped) return;
    timer = setTimeout(() => {
      running = run();
      void running
        .catch((error: unknown) =>
          options.logger.warn(
            { err: error instanceof Error ? error.message : String(error) },
            'deadline watch failed; trying again next run',
          ),
        )
        .finally(() => {
          running = undefined;
          schedule(options.everyMs ?? 15 * 60_000);
        });
    }, delayMs);
    timer.unref?.();
  }

  return {
    run,
    start(): void {
      stopped = false;
      schedule(options.firstRunAfterMs ?? 20_000);
    },
    async stop(): Promise<void> {
      stopped = true;
      clearTimeout(timer);
      await running?.catch(() => {});
    },
  };
}
