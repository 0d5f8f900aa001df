/**
 * The AMQP consumer losing and regaining the real RabbitMQ broker: the consumer runs through a TCP
 * proxy on loopback that the test cuts and restores (the shared broker itself is never restarted).
 * The loss is logged (warn) and the return (info), with the source's id and nothing of any message,
 * and the sources' status shows the source disconnected meanwhile.
 */
import { randomBytes } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createLogger } from '../../app/logger.js';
import { createMetrics } from '../../app/metrics.js';
import { amqpConnector } from '../../connectors/amqp/index.js';
import { sourceHealth } from '../../pages/staff.js';
import { createCaseIdMinter } from '../../schemas/case-id.js';
import type { Db } from '../../store/db.js';
import { createEngineOn } from '../../sync/create-engine.js';
import { TEST_PERSON_REF_KEY } from '../support/app.js';
import { TEST_CASE_ID_KEY } from '../support/cases.js';
import { freshDatabase } from '../support/databases.js';
import { capturingDestination } from '../support/log-sink.js';
import { needs } from '../support/requirements.js';
import { mapperFor, settings } from '../support/sync.js';
import { tcpProxy } from '../support/tcp-proxy.js';

const AMQP_URL = needs('rabbitmq', import.meta.url);

async function until(check: () => Promise<boolean>, what: string, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`timed out waiting for ${what}`);
}

describe.runIf(AMQP_URL)('the AMQP consumer losing the broker', () => {
  let db: Db;
  let drop: () => Promise<void>;
  let proxy: Awaited<ReturnType<typeof tcpProxy>>;
  let hub: ReturnType<typeof createEngineOn>;
  let lines: string[];
  let registry: ReturnType<typeof createMetrics>['registry'];

  beforeEach(async () => {
    ({ db, drop } = await freshDatabase('pglite'));
    const broker = new URL(AMQP_URL as string);
    proxy = await tcpProxy(broker.hostname, Number(broker.port || 5672));
    const viaProxy = new URL(broker);
    viaProxy.hostname = '127.0.0.1';
    viaProxy.port = String(proxy.port);
    lines = [];
    ({ registry } = createMetrics({ defaultMetrics: false }));
    const logger = createLogger({ level: 'info', destination: capturingDestination(lines) });
    hub = createEngineOn({
      db,
      key: TEST_PERSON_REF_KEY,
      caseIds: createCaseIdMinter(TEST_CASE_ID_KEY),
      logger,
      owner: 'hub-a',
      registry,
    });
    const suffix = randomBytes(4).toString('hex');
    const config = amqpConnector.configSchema.parse({
      url: viaProxy.toString(),
      exchange: `omsorg.${suffix}`,
      queue: `arendenav.${suffix}`,
      routingKeys: ['arende.#'],
      reconnectDelayMs: 100,
    });
    await hub.engine.add(
      settings('umea-omsorg-events', { kind: 'amqp' }),
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

  const status = async () => (await hub.engine.status())[0];
  const logged = (msg: string) => lines.map((l) => JSON.parse(l)).filter((l) => l.msg === msg);

  it('logs the loss (warn) and the return (info) by source id, and shows the source disconnected meanwhile', async () => {
    await until(async () => (await status())?.connected === true, 'the first connection');
    expect(logged('lost the connection to the source')).toEqual([]);

    proxy.cut();
    await until(async () => (await status())?.connected === false, 'the loss to show');
    const lost = logged('lost the connection to the source');
    expect(lost).toHaveLength(1);
    expect(lost[0]).toMatchObject({ level: 'warn', source: 'umea-omsorg-events' });
    const current = await status();
    expect(current && sourceHealth(current)).toBe('failing');
    expect(await registry.metrics()).toContain(
      'arendenav_sync_source_connected{source="umea-omsorg-events"} 0',
    );

    proxy.restore();
    await until(async () => (await status())?.connected === true, 'the connection to come back');
    const back = logged('connected to the source again');
    expect(back).toHaveLength(1);
    expect(back[0]).toMatchObject({ level: 'info', source: 'umea-omsorg-events' });
    // The source's id and the usual fields only: nothing of a message, nor the broker's URL.
    for (const line of [...lost, ...back])
      expect(Object.keys(line).sort()).toEqual(['level', 'msg', 'service', 'source', 'time']);
    expect(await registry.metrics()).toContain(
      'arendenav_sync_source_connected{source="umea-omsorg-events"} 1',
    );

    // Stopping the hub closes the connection on purpose: that is not losing the broker.
    await hub.engine.stop();
    expect(logged('lost the connection to the source')).toHaveLength(1);
  });
});
