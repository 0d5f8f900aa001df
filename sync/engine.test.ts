import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Connector } from '../connectors/contract.js';
import type { Db } from '../store/db.js';
import { freshDatabase } from '../test/support/databases.js';
import { addSource, engineOn } from '../test/support/sync.js';
import { fakeMapper, storedIds, unitOf } from '../test/support/sync-parts.js';

let db: Db;
let drop: () => Promise<void>;

beforeEach(async () => {
  ({ db, drop } = await freshDatabase('pglite'));
});
afterEach(async () => drop());

const health = async () => ({ ok: true, detail: 'fake' });
const pulling: Connector = {
  health,
  async *pull() {
    yield unitOf([[{ id: 'A-1' }]], 'page-1').unit;
  },
};
const fetching: Connector = { health, fetchOne: async (id) => ({ id, version: 2 }) };

describe('sync engine', () => {
  it('shows each source as never run until it runs, then its counts, lag and next run', async () => {
    const { engine } = engineOn(db);
    await addSource(engine, 'pull', pulling, fakeMapper('m'), { everySeconds: 600 });
    expect(await engine.status()).toEqual([
      expect.objectContaining({
        id: 'pull',
        mapping: 'm 1.0.0',
        circuit: 'closed',
        running: false,
        nextRunAt: null,
        lastSuccessAt: null,
        lagSeconds: null,
        canFetchOne: false,
      }),
    ]);
    await engine.start(['pull']);
    try {
      await vi.waitFor(async () => expect((await engine.status())[0]?.lastSuccessAt).not.toBeNull());
      await vi.waitFor(() => expect(engine.status()).resolves.toMatchObject([{ running: false }]));
      const [status] = await engine.status();
      expect(status).toMatchObject({ recordsIn: 1, cursor: 'page-1', lagSeconds: expect.any(Number) });
      expect(Date.parse(status?.nextRunAt ?? '') - Date.now()).toBeGreaterThan(590_000);
    } finally {
      await engine.stop();
    }
    expect((await engine.status())[0]?.nextRunAt).toBeNull();
  });

  it('refreshes a case through the source of its municipality and mapping that can fetch one record', async () => {
    const { engine } = engineOn(db);
    await addSource(engine, 'pull', pulling, fakeMapper('m'));
    await addSource(engine, 'fetch', fetching, fakeMapper('m'));
    const key = { municipalityCode: '2480', mappingId: 'm', sourceId: 'A-7' };
    expect(engine.sourceFor(key)).toEqual({ freshnessSeconds: 3600, canFetchOne: true });
    expect(await engine.refreshCase(key, 1_000)).toBe(true);
    expect(await engine.refreshCase({ ...key, mappingId: 'other' }, 1_000)).toBe(false);
    expect(await engine.refreshOne('pull', 'A-8', 1_000)).toBe(false);
    expect(await storedIds(db)).toEqual(['A-7']);
  });
});
