/**
 * Sync bookkeeping that outlives a database outage: a run's outcome, last error and failure count are
 * written when the run ends, and when the database is away right then, the writes wait here (in this
 * process, per source, in order) and are written on the next attempt: the next run of the source, or
 * the next look at the sources' status. So the failed run still shows, with its reason and its count.
 */
import type { Logger } from '../app/logger.js';
import { describe } from './resilience.js';

type Write = { what: string; run: () => Promise<void> };

/** A database away for hours must not grow memory without end: the oldest waiting writes give way. */
const MAX_WAITING = 100;

/**
 * @example
 * const books = createBookkeeping(logger);
 * await books.write('umea-skola', 'failure', () => syncStore.noteFailure('umea-skola', reason));
 * await books.flush(); // before the status is read
 */
export function createBookkeeping(logger: Pick<Logger, 'warn' | 'info'>) {
  const waiting = new Map<string, Write[]>();

  /** Writes what waits for `sourceId`, oldest first, until one fails (the database is still away). */
  async function flushSource(sourceId: string): Promise<void> {
    const queue = waiting.get(sourceId);
    if (!queue || queue.length === 0) return;
    const before = queue.length;
    while (queue.length > 0) {
      try {
        await (queue[0] as Write).run();
      } catch {
        return;
      }
      queue.shift();
    }
    waiting.delete(sourceId);
    logger.info({ source: sourceId, writes: before }, 'sync bookkeeping written after the store came back');
  }

  return {
    /** Writes now, after anything still waiting for the source; when the database is away, keeps it. */
    async write(sourceId: string, what: string, run: () => Promise<void>): Promise<void> {
      await flushSource(sourceId);
      const queue = waiting.get(sourceId);
      if (!queue) {
        try {
          await run();
          return;
        } catch (error) {
          logger.warn(
            { source: sourceId, write: what, reason: describe(error) },
            'sync bookkeeping kept until the store is back',
          );
        }
      }
      const kept = waiting.get(sourceId) ?? [];
      kept.push({ what, run });
      if (kept.length > MAX_WAITING) kept.splice(0, kept.length - MAX_WAITING);
      waiting.set(sourceId, kept);
    },

    /** Writes what waits, for one source or all; what still cannot be written keeps waiting. */
    async flush(sourceId?: string): Promise<void> {
      for (const id of sourceId ? [sourceId] : [...waiting.keys()]) await flushSource(id);
    },

    /** How many writes wait for the source (for tests and the status). */
    waiting: (sourceId: string): number => waiting.get(sourceId)?.length ?? 0,
  };
}

export type Bookkeeping = ReturnType<typeof createBookkeeping>;
