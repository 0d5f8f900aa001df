/**
 * The hub composes Mina ärenden from its environment: the producers file (ARENDENAV_MINA_ARENDEN) and
 * the public address its links use; a bad file stops start-up; built-in keys only in demo mode.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseEnv } from '../../app/env.js';
import { startHub } from '../../app/hub.js';
import { demoHubIdentity, loadDemoIdentity } from '../../demo/identity.js';
import { demoProducers } from '../../demo/mina-arenden.js';
import { apiKeyHash, ProducersError } from '../../minaarenden/producers.js';
import { type Backend, backends, freshDatabase } from '../support/databases.js';
import { ask, fraga, MAJA } from '../support/mina-arenden.js';

const KEY = 'hub-test-key-0123456789abcdef0123';
let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(process.env.TMPDIR ?? '/tmp', 'mina-arenden-hub-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function producersFile(name: string, sha256: string): string {
  const file = join(dir, name);
  writeFileSync(
    file,
    `version: 1.0.0\nproducers:\n  - municipality: "2480"\n    prefix: UMEA\n    name: Umeå kommun\n    apiKeys:\n      - sha256: ${sha256}\n`,
  );
  return file;
}

async function hubOn(backend: Backend, extra: Record<string, string>) {
  const dataDir = mkdtempSync(join(dir, 'data-'));
  const database = backend === 'postgres' ? await freshDatabase('postgres') : undefined;
  const env = parseEnv(
    {
      PORT: '0',
      HOST: '127.0.0.1',
      ARENDENAV_METRICS_PORT: 'off',
      ARENDENAV_DATA_DIR: dataDir,
      LOG_LEVEL: 'silent',
      ...(database?.url ? { DATABASE_URL: database.url } : {}),
      ...extra,
    },
    'demo',
  );
  const hub = await startHub(env, 'demo', {
    startSync: false,
    identity: demoHubIdentity(await loadDemoIdentity()),
    minaArenden: demoProducers(),
  });
  return {
    hub,
    async close() {
      await hub.close();
      await database?.drop();
    },
  };
}

describe.each(backends(import.meta.url))('the hub’s Mina ärenden on %s', (backend) => {
  it('answers with the keys of ARENDENAV_MINA_ARENDEN (over the demo’s) and nothing else', async () => {
    const { hub, close } = await hubOn(backend, {
      ARENDENAV_MINA_ARENDEN: producersFile('ok.yaml', apiKeyHash(KEY)),
      ARENDENAV_PUBLIC_URL: 'https://arendenav.example',
    });
    try {
      const url = `${hub.url}/mina-arenden/2480/kundhandelseFragaSynkron`;
      const res = await fetch(url, ask(fraga(), { 'x-api-key': KEY }));
      expect(res.status).toBe(200);
      const body = await res.json();
      expect(body.kundhandelser[0].part.kund.identifierare).toBe(MAJA);
      expect(body.delfragor.map((d: { status: string }) => d.status)).toEqual(['OK']);
      // The file replaces the demo's producers: the demo key and the demo's other municipalities are gone.
      expect(
        (await fetch(url, ask(fraga(), { 'x-api-key': 'demo-mina-arenden-nyckel-inte-hemlig' }))).status,
      ).toBe(401);
      expect(
        (
          await fetch(
            `${hub.url}/mina-arenden/2460/kundhandelseFragaSynkron`,
            ask(fraga(), { 'x-api-key': KEY }),
          )
        ).status,
      ).toBe(404);
    } finally {
      await close();
    }
  });
});

describe('start-up', () => {
  it('stops on a producers file holding a key instead of its hash', async () => {
    await expect(
      hubOn('pglite', { ARENDENAV_MINA_ARENDEN: producersFile('bad.yaml', 'my-secret-key') }),
    ).rejects.toThrow(ProducersError);
  });

  it('refuses built-in keys outside demo mode', async () => {
    const env = parseEnv({ PORT: '0', ARENDENAV_METRICS_PORT: 'off', LOG_LEVEL: 'silent' }, 'demo');
    await expect(startHub(env, 'production', { minaArenden: demoProducers() })).rejects.toThrow(/demo mode/);
  });
});
