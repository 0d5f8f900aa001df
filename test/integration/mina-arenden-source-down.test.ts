/**
 * A partial answer from the real sync engine: one source read a moment ago, another whose office
 * system does not answer (nothing listens on its port). Mina ärenden still answers 200 with every
 * stored event, and `delfragor` names the source whose events may be missing (503) and the one that
 * is current (200).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { restConnector } from '../../connectors/rest/index.js';
import { testApp } from '../support/app.js';
import { type CountingSource, startCountingSource } from '../support/counting-source.js';
import { backends, freshDatabase } from '../support/databases.js';
import { freePort } from '../support/free-port.js';
import { ask, fraga, seedMinaArenden, testProducers, UMEA_PATH } from '../support/mina-arenden.js';
import { addSource, engineOn, mapperFor } from '../support/sync.js';

const mapper = mapperFor('ss12000/placering');
const retry = { retry: { maxAttempts: 1, initialDelayMs: 10, maxDelayMs: 20 } };

describe.each(backends(import.meta.url))('Mina ärenden with a source down on %s', (backend) => {
  let office: CountingSource;
  let t: Awaited<ReturnType<typeof testApp>>;
  let stop: () => Promise<void>;

  beforeAll(async () => {
    office = await startCountingSource({ records: 2, delayMs: 0 });
    office.open();
    const database = await freshDatabase(backend);
    const { engine } = engineOn(database.db);
    const rest = (baseUrl: string) =>
      restConnector.create(
        restConnector.configSchema.parse({ baseUrl, listPath: office.listPath, pageSize: 20 }),
      );
    await addSource(engine, 'umea-skola', rest(office.url), mapper, retry);
    await addSource(engine, 'umea-skola-gammal', rest(`http://127.0.0.1:${await freePort()}`), mapper, retry);
    expect((await engine.runOnce('umea-skola')).outcome).toBe('ok');
    expect((await engine.runOnce('umea-skola-gammal')).outcome).toBe('failed');
    t = await testApp(backend, { database, sources: engine, minaArenden: { producers: testProducers() } });
    await seedMinaArenden(t.store, t.personRefs);
    stop = async () => {
      await engine.stop();
      await t.drop();
      await office.close();
    };
  });
  afterAll(async () => stop());

  it('answers 200 with the stored events and a 503 delfraga for the source that is down', async () => {
    const res = await t.app.request(UMEA_PATH, ask(fraga()));
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body.kundhandelser[0].totaltAntalKundhandelser).toBe(6);
    expect(
      body.delfragor.map((d: { status: string; httpCode: number; message: string }) => [
        d.status,
        d.httpCode,
        d.message.split(':')[0],
      ]),
    ).toEqual([
      ['OK', 200, 'umea-skola'],
      ['EJ_TILLGANGLIG', 503, 'umea-skola-gammal'],
    ]);
    expect(body.delfragor[1].message).toContain('kan saknas eller vara inaktuella');
  });
});
