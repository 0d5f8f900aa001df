/**
 * The amqp connector's commit batches against the real RabbitMQ. Regressions: one commit per message
 * (the slow path), a batch acknowledged before its commit (events lost when the commit then fails),
 * one unreadable message failing or holding up the good ones consumed with it, and a record the
 * mapping refuses taking its batch down with it.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createOmsorgData, type OmsorgArende } from '../../simulators/case-data/index.js';
import { renderArendeXml } from '../../simulators/omsorg/arende-xml.js';
import { publishOmsorgEvents } from '../../simulators/omsorg/publish.js';
import type { Db } from '../../store/db.js';
import { startAmqpHub } from '../support/amqp-hub.js';
import { drain, publishRaw, queueDepth, until } from '../support/amqp-queues.js';
import { freshDatabase } from '../support/databases.js';
import { failCommits } from '../support/failing-commit.js';
import { needs } from '../support/requirements.js';
import { storedStatuses } from '../support/sync.js';

// Without a broker this file fails, saying how to get one; undefined only under the developer's opt-out.
const AMQP_URL = needs('rabbitmq', import.meta.url);

/** A record as the source would send it, as a raw message body. */
const asMessage = (record: OmsorgArende) => ({
  routingKey: 'arende.utr',
  body: renderArendeXml(record),
  messageId: record['@id'],
});

describe.runIf(AMQP_URL)('amqp connector: commit batches', () => {
  let db: Db;
  let drop: () => Promise<void>;
  let started: Awaited<ReturnType<typeof startAmqpHub>>;
  const url = AMQP_URL as string;

  beforeEach(async () => {
    ({ db, drop } = await freshDatabase('pglite'));
    // A long wait: whatever arrives together is one batch, however slow the machine.
    started = await startAmqpHub(db, url, { prefetch: 200, batchSize: 100, batchWaitMs: 300 });
  });
  afterEach(async () => {
    await started.hub.engine.stop();
    await drop();
  });

  /** Transactions that wrote the current case rows (each row carries its writer's id as xmin). */
  const commitsOfCases = async () => {
    const { rows } = await db.query<{ n: number }>('SELECT count(DISTINCT xmin::text)::int AS n FROM cases');
    return rows[0]?.n ?? 0;
  };
  const emptyQueue = () =>
    until(async () => (await queueDepth(url, started.names.queue)) === 0, 'an empty queue');

  it('stores 200 events published at once in a few commits and acknowledges every one', async () => {
    const data = createOmsorgData({ cases: 200, seed: 171 });
    await publishOmsorgEvents(url, started.names.exchange, data.list(), { confirmEvery: 200 });
    await until(async () => Object.keys(await storedStatuses(db)).length === 200, 'all 200 cases');
    await emptyQueue();
    // One commit per message would make 200 (the engine may join batches that arrive together).
    expect(await commitsOfCases()).toBeLessThanOrEqual(10);
    expect(await queueDepth(url, started.names.dead)).toBe(0);
  });

  it('acknowledges nothing while the commits fail: stopped then, the hub leaves every event in the queue', async () => {
    const commits = await failCommits(db);
    const data = createOmsorgData({ cases: 100, seed: 172 });
    await publishOmsorgEvents(url, started.names.exchange, data.list(), { confirmEvery: 100 });
    await until(async () => (await commits.attempts()) >= 2, 'two refused commits');
    await started.hub.engine.stop();
    // Unacknowledged, every event went back to the queue when the channel closed; none dead-lettered.
    expect(await queueDepth(url, started.names.queue)).toBe(100);
    expect(await queueDepth(url, started.names.dead)).toBe(0);
    expect(await storedStatuses(db)).toEqual({});

    await commits.restore();
    await started.hub.engine.start();
    await until(async () => Object.keys(await storedStatuses(db)).length === 100, 'all 100 cases');
    await emptyQueue();
    expect(Object.keys(await storedStatuses(db)).sort()).toEqual(
      data
        .list()
        .map((r) => r.Diarienummer)
        .sort(),
    );
  });

  it('dead-letters an unreadable message alone and stores the good ones consumed with it', async () => {
    const good = createOmsorgData({ cases: 20, seed: 173 }).list();
    const messages = good.map(asMessage);
    messages.splice(10, 0, {
      routingKey: 'arende.utr',
      body: '<Arende id="broken"><Diarienummer>SN 1</Diarie',
      messageId: 'broken-1',
    });
    await publishRaw(url, started.names.exchange, messages);
    await until(async () => Object.keys(await storedStatuses(db)).length === 20, 'the 20 good cases');
    await until(async () => (await queueDepth(url, started.names.dead)) === 1, 'one dead letter');
    await emptyQueue();
    const dead = await drain(url, started.names.dead);
    expect(dead.map((m) => m.properties.messageId)).toEqual(['broken-1']);
    expect(dead[0]?.properties.headers?.['x-arendenav-reason']).toMatch(/not well-formed XML/);
    // Read at once, never retried: one attempt.
    expect(dead[0]?.properties.headers?.['x-arendenav-attempts']).toBe(1);
  });

  it('quarantines a record the mapping refuses inside the commit of its batch, which stores the others', async () => {
    const records = createOmsorgData({ cases: 21, seed: 174 }).list();
    const [refused, ...good] = records;
    if (!refused) throw new Error('no records');
    // An unknown status code: well-formed XML the mapping cannot map.
    const unknownStatus = { ...refused, Status: { ...refused.Status, '@kod': 'VILANDE' } };
    await publishRaw(
      url,
      started.names.exchange,
      [...good.slice(0, 10), unknownStatus, ...good.slice(10)].map(asMessage),
    );
    await until(async () => Object.keys(await storedStatuses(db)).length === 20, 'the 20 good cases');
    await emptyQueue();
    const { rows } = await db.query<{ record: string; together: boolean }>(
      `SELECT q.source_record_id AS record,
              EXISTS (SELECT 1 FROM cases c WHERE c.xmin::text = q.xmin::text) AS together
         FROM quarantine q`,
    );
    // Quarantined by its own id, in the same transaction as cases of its batch, and acknowledged.
    expect(rows).toEqual([{ record: refused['@id'], together: true }]);
    expect(await queueDepth(url, started.names.dead)).toBe(0);
  });
});
