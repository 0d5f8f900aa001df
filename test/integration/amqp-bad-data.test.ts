/**
 * An AMQP message the connector cannot read is bad data: dead-lettered at once with its reason
 * (no contents), nothing of it stored, and the next message read. Each check here is one the
 * connector makes per message; removing it makes its test fail.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createOmsorgData } from '../../simulators/case-data/index.js';
import { renderArendeXml } from '../../simulators/omsorg/arende-xml.js';
import { publishOmsorgEvents } from '../../simulators/omsorg/publish.js';
import type { Db } from '../../store/db.js';
import { startAmqpHub } from '../support/amqp-hub.js';
import { drain, publishRaw, queueDepth, until } from '../support/amqp-queues.js';
import { freshDatabase } from '../support/databases.js';
import { needs } from '../support/requirements.js';
import { storedStatuses } from '../support/sync.js';

// Without a broker this file fails, saying how to get one; undefined only under the developer's opt-out.
const AMQP_URL = needs('rabbitmq', import.meta.url);

describe.runIf(AMQP_URL)('amqp connector: unreadable messages are dead-lettered', () => {
  let db: Db;
  let drop: () => Promise<void>;
  let started: Awaited<ReturnType<typeof startAmqpHub>>;

  beforeEach(async () => {
    ({ db, drop } = await freshDatabase('pglite'));
    started = await startAmqpHub(db, AMQP_URL as string);
  });
  afterEach(async () => {
    await started.hub.engine.stop();
    await drop();
  });

  /** Publishes `bodies` (hostile) and then good events; waits for the good ones and the dead letters. */
  async function publishAndSettle(bodies: { body: Buffer | string; messageId: string }[], seed: number) {
    const { names } = started;
    await publishRaw(
      AMQP_URL as string,
      names.exchange,
      bodies.map((b) => ({ ...b, routingKey: 'arende.utr' })),
    );
    const good = createOmsorgData({ cases: 3, seed }).list();
    await publishOmsorgEvents(AMQP_URL as string, names.exchange, good);
    await until(
      async () => Object.keys(await storedStatuses(db)).length >= good.length,
      'the good events',
      10_000,
    );
    await until(
      async () => (await queueDepth(AMQP_URL as string, names.dead)) === bodies.length,
      'the dead letters',
      10_000,
    );
    await until(
      async () => (await queueDepth(AMQP_URL as string, names.queue)) === 0,
      'an empty queue',
      10_000,
    );
    const dead = await drain(AMQP_URL as string, names.dead);
    return { good: good.map((r) => r.Diarienummer), dead };
  }

  it('dead-letters a message with a DOCTYPE (internal entity or external id) and stores nothing of it', async () => {
    const [one, two] = createOmsorgData({ cases: 2, seed: 161 }).list();
    if (!one || !two) throw new Error('no records');
    // Valid records otherwise: without the per-message DOCTYPE check the second would be stored.
    const entity = `<!DOCTYPE Arende [<!ENTITY x "INJICERAT">]>${renderArendeXml(one).replace('</Diarienummer>', '&x;</Diarienummer>')}`;
    const external = `<!DOCTYPE Arende SYSTEM "file:///etc/passwd">${renderArendeXml(two)}`;
    const { good, dead } = await publishAndSettle(
      [
        { body: entity, messageId: 'doctype-entity' },
        { body: external, messageId: 'doctype-external' },
      ],
      162,
    );
    expect(Object.keys(await storedStatuses(db)).sort()).toEqual([...good].sort());
    expect(dead.map((m) => m.properties.messageId).sort()).toEqual(['doctype-entity', 'doctype-external']);
    for (const m of dead) {
      expect(m.properties.headers?.['x-arendenav-reason']).toBe('the message declares a DOCTYPE or entities');
      // Straight to the dead letters: a message that cannot be read is not retried.
      expect(m.properties.headers?.['x-arendenav-attempts']).toBe(1);
    }
  });

  it('dead-letters a message that is not UTF-8 with the byte offset, never storing U+FFFD', async () => {
    const [record] = createOmsorgData({ cases: 1, seed: 163 }).list();
    if (!record) throw new Error('no record');
    const xml = renderArendeXml(record);
    const cut = xml.indexOf('</Diarienummer>');
    const body = Buffer.concat([
      Buffer.from(xml.slice(0, cut)),
      Buffer.from([0xff]),
      Buffer.from(xml.slice(cut)),
    ]);
    const { good, dead } = await publishAndSettle([{ body, messageId: 'latin-1' }], 164);
    expect(Object.keys(await storedStatuses(db)).sort()).toEqual([...good].sort());
    const { rows } = await db.query<{ n: string }>(
      "SELECT count(*)::text AS n FROM cases WHERE reference LIKE '%' || chr(65533) || '%'",
    );
    expect(rows[0]?.n).toBe('0');
    expect(dead).toHaveLength(1);
    expect(dead[0]?.properties.headers?.['x-arendenav-reason']).toBe(
      `the message is not valid UTF-8 (byte ${Buffer.byteLength(xml.slice(0, cut))})`,
    );
  });
});
