/**
 * A message is acknowledged only after its commit. Regression: acknowledging first loses the event
 * when the commit then fails (the end state alone cannot show it). The commit is made to fail in the
 * database itself while events arrive; none may be acknowledged or dead-lettered meanwhile, and every
 * one is stored once the database takes commits again.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createOmsorgData } from '../../simulators/case-data/index.js';
import { publishOmsorgEvents } from '../../simulators/omsorg/publish.js';
import type { Db } from '../../store/db.js';
import { startAmqpHub } from '../support/amqp-hub.js';
import { queueDepth, until } from '../support/amqp-queues.js';
import { backends, freshDatabase } from '../support/databases.js';
import { failCommits } from '../support/failing-commit.js';
import { needs } from '../support/requirements.js';
import { storedStatuses } from '../support/sync.js';

// Without a broker this file fails, saying how to get one; undefined only under the developer's opt-out.
const AMQP_URL = needs('rabbitmq', import.meta.url);

describe.runIf(AMQP_URL).each(backends(import.meta.url))(
  'amqp connector: acknowledge after commit, on %s',
  (backend) => {
    let db: Db;
    let drop: () => Promise<void>;
    let started: Awaited<ReturnType<typeof startAmqpHub>>;

    beforeEach(async () => {
      ({ db, drop } = await freshDatabase(backend));
      started = await startAmqpHub(db, AMQP_URL as string, { maxAttempts: 2 });
    });
    afterEach(async () => {
      await started.hub.engine.stop();
      await drop();
    });

    it('gives every event back while its commit fails, and stores each once the database is back', async () => {
      const { names } = started;
      const commits = await failCommits(db);
      const data = createOmsorgData({ cases: 12, seed: 151 });
      await publishOmsorgEvents(AMQP_URL as string, names.exchange, data.list());
      // Several refused commits: the events were read and given back, and read again.
      await until(async () => (await commits.attempts()) >= 3, 'three refused commits', 10_000);
      expect(await storedStatuses(db)).toEqual({});
      // A failing hub is not a bad message: nothing is dead-lettered, however often it was tried.
      expect(await queueDepth(AMQP_URL as string, names.dead)).toBe(0);

      await commits.restore();
      await until(async () => Object.keys(await storedStatuses(db)).length === 12, 'all 12 cases', 10_000);
      await until(
        async () => (await queueDepth(AMQP_URL as string, names.queue)) === 0,
        'an empty queue',
        10_000,
      );
      expect(Object.keys(await storedStatuses(db)).sort()).toEqual(
        data
          .list()
          .map((r) => r.Diarienummer)
          .sort(),
      );
      expect(await queueDepth(AMQP_URL as string, names.dead)).toBe(0);
    });
  },
);
