/**
 * The broker connection dropping while a commit batch is being stored: the commit succeeds, but the
 * acknowledgements have no channel to go to. Regressions: the hub thrown off (an ack on the dead
 * channel throwing), a batch acknowledged on the new channel by its old delivery tags, and events
 * lost or stored twice. The consumer runs through a TCP proxy on loopback that the test cuts (the
 * shared broker is never touched); the commit is held open in the database itself.
 */
import { randomBytes } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { amqpConnector } from '../../connectors/amqp/index.js';
import { createOmsorgData } from '../../simulators/case-data/index.js';
import { publishOmsorgEvents } from '../../simulators/omsorg/publish.js';
import type { Db } from '../../store/db.js';
import { queueDepth, until } from '../support/amqp-queues.js';
import { freshDatabase } from '../support/databases.js';
import { needs } from '../support/requirements.js';
import { addSource, engineOn, mapperFor, storedStatuses } from '../support/sync.js';
import { tcpProxy } from '../support/tcp-proxy.js';

const AMQP_URL = needs('rabbitmq', import.meta.url);
const DATABASE_URL = needs('postgres', import.meta.url);

/**
 * Until `restore()`, every transaction that writes a case waits `seconds` at its COMMIT (once per
 * transaction), then commits; `held()` counts the commits that waited.
 */
async function slowCommits(db: Db, seconds: number) {
  await db.query('CREATE SEQUENCE test_held_commits');
  await db.query(
    `CREATE FUNCTION test_hold_commit() RETURNS trigger LANGUAGE plpgsql AS $$
     BEGIN
       IF current_setting('test.held', true) IS DISTINCT FROM 'yes' THEN
         PERFORM set_config('test.held', 'yes', true);
         PERFORM nextval('test_held_commits');
         PERFORM pg_sleep(${seconds});
       END IF;
       RETURN NULL;
     END $$`,
  );
  await db.query(
    `CREATE CONSTRAINT TRIGGER test_hold_commit AFTER INSERT OR UPDATE ON cases
     DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION test_hold_commit()`,
  );
  return {
    async held() {
      const { rows } = await db.query<{ n: string }>(
        'SELECT (CASE WHEN is_called THEN last_value ELSE 0 END)::text AS n FROM test_held_commits',
      );
      return Number(rows[0]?.n ?? 0);
    },
    async restore() {
      await db.query('DROP TRIGGER test_hold_commit ON cases');
      await db.query('DROP FUNCTION test_hold_commit()');
    },
  };
}

describe.runIf(AMQP_URL && DATABASE_URL)('amqp connector: the broker lost while a batch commits', () => {
  let db: Db;
  let drop: () => Promise<void>;
  let proxy: Awaited<ReturnType<typeof tcpProxy>>;
  let hub: ReturnType<typeof engineOn>;
  let names: { exchange: string; queue: string };

  beforeEach(async () => {
    ({ db, drop } = await freshDatabase('postgres'));
    const broker = new URL(AMQP_URL as string);
    proxy = await tcpProxy(broker.hostname, Number(broker.port || 5672));
    const viaProxy = new URL(broker);
    viaProxy.hostname = '127.0.0.1';
    viaProxy.port = String(proxy.port);
    const suffix = randomBytes(4).toString('hex');
    names = { exchange: `omsorg.${suffix}`, queue: `arendenav.${suffix}` };
    hub = engineOn(db);
    const config = amqpConnector.configSchema.parse({
      url: viaProxy.toString(),
      exchange: names.exchange,
      queue: names.queue,
      routingKeys: ['arende.#'],
      prefetch: 100,
      batchSize: 100,
      batchWaitMs: 300,
      reconnectDelayMs: 100,
    });
    await addSource(
      hub.engine,
      'umea-omsorg-events',
      amqpConnector.create(config),
      mapperFor('omsorg-xml/socialtjanst'),
    );
    await hub.engine.start();
  });

  afterEach(async () => {
    await hub.engine.stop();
    await proxy.close();
    await drop();
  });

  it('commits, cannot acknowledge, stays up, and stores the redelivered events once', async () => {
    const held = await slowCommits(db, 2);
    const data = createOmsorgData({ cases: 50, seed: 181 });
    await publishOmsorgEvents(AMQP_URL as string, names.exchange, data.list());
    await until(async () => (await held.held()) >= 1, 'a commit held open');
    proxy.cut();
    // The held commit goes through while the channel is gone: its acknowledgements cannot be sent.
    await until(async () => Object.keys(await storedStatuses(db)).length === 50, 'the committed batch');
    await held.restore();
    proxy.restore();
    // Nothing was acknowledged: the broker gives every event again, to the reconnected consumer.
    await until(async () => (await hub.engine.status())[0]?.connected === true, 'the connection back');
    await until(
      async () => ((await hub.engine.status())[0]?.recordsIn ?? 0) >= 100,
      'the events stored again',
    );
    // Acknowledged this time: stopped now, the hub leaves nothing in the queue.
    await hub.engine.stop();
    expect(await queueDepth(AMQP_URL as string, names.queue)).toBe(0);
    const { rows } = await db.query<{ n: string; h: string }>(
      'SELECT (SELECT count(*) FROM cases)::text AS n, (SELECT count(*) FROM case_status_history)::text AS h',
    );
    // Stored again, the same versions change nothing: one row and one status entry per case.
    expect(rows[0]).toEqual({ n: '50', h: '50' });
  });
});
