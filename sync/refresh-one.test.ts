import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Connector } from '../connectors/contract.js';
import type { Db } from '../store/db.js';
import { freshDatabase } from '../test/support/databases.js';
import { settings } from '../test/support/sync.js';
import { fakeMapper, partsOn, quarantineKeys, storedIds } from '../test/support/sync-parts.js';
import { createRefreshOne, fetchingSourceFor, sourceFor } from './refresh-one.js';
import { createSource } from './source.js';
import { createUnitProcessor } from './unit-processor.js';

const healthy = async () => ({ ok: true, detail: 'fake' });

describe('refresh one', () => {
  let db: Db;
  let drop: () => Promise<void>;
  let parts: ReturnType<typeof partsOn>;
  beforeEach(async () => {
    ({ db, drop } = await freshDatabase('pglite'));
    parts = partsOn(db);
    await parts.syncStore.ensureSource('s');
  });
  afterEach(async () => drop());

  const refreshOneWith = (connector: Connector) => {
    const refresh = createRefreshOne({ processor: createUnitProcessor(parts), logger: parts.logger });
    const source = createSource(settings('s'), connector, fakeMapper());
    return (sourceId: string, timeoutMs = 2_000) => refresh(source, sourceId, timeoutMs);
  };

  it('stores the record the source sends now and answers true', async () => {
    const asked: string[] = [];
    const refresh = refreshOneWith({
      health: healthy,
      fetchOne: async (id) => {
        asked.push(id);
        return { id, version: 2 };
      },
    });
    expect(await refresh('A-1')).toBe(true);
    expect(asked).toEqual(['A-1']);
    expect(await storedIds(db)).toEqual(['A-1']);
  });

  it('answers false within the time limit when the source hangs, and aborts the call', async () => {
    let signal: AbortSignal | undefined;
    const refresh = refreshOneWith({
      health: healthy,
      fetchOne: (_id, ctx) => {
        signal = ctx.signal;
        return new Promise(() => {});
      },
    });
    const started = Date.now();
    expect(await refresh('A-1', 150)).toBe(false);
    expect(Date.now() - started).toBeLessThan(1_000);
    expect(signal?.aborted).toBe(true);
    expect(await storedIds(db)).toEqual([]);
  });

  it('answers false for a record the source does not know, or one that does not map (which is quarantined)', async () => {
    const refresh = refreshOneWith({
      health: healthy,
      fetchOne: async (id) => (id === 'B-1' ? { id, bad: 'unknown status' } : undefined),
    });
    expect(await refresh('A-404')).toBe(false);
    expect(await refresh('B-1')).toBe(false);
    expect(await quarantineKeys(db, 's')).toEqual(['B-1']);
    expect(await storedIds(db)).toEqual([]);
  });

  it('answers false for a source that cannot fetch one record, or no source', async () => {
    const refresh = createRefreshOne({ processor: createUnitProcessor(parts), logger: parts.logger });
    expect(await refresh(createSource(settings('s'), { health: healthy }, fakeMapper()), 'A-1', 100)).toBe(
      false,
    );
    expect(await refresh(undefined, 'A-1', 100)).toBe(false);
  });
});

describe("a case's source", () => {
  const fetchOne = async () => undefined;
  const pullOnly = createSource(
    settings('pull', { freshnessSeconds: 600 }),
    { health: healthy },
    fakeMapper('m'),
  );
  const fetching = createSource(
    settings('fetch', { freshnessSeconds: 60 }),
    { health: healthy, fetchOne },
    fakeMapper('m'),
  );
  const elsewhere = createSource(
    settings('other', { municipality: '0180' }),
    { health: healthy, fetchOne },
    fakeMapper('m'),
  );

  it('is found by municipality and mapping; its freshness is the first match’s, fetch-one if any match can', () => {
    const origin = { municipalityCode: '2480', mappingId: 'm' };
    expect(sourceFor([pullOnly, fetching, elsewhere], origin)).toEqual({
      freshnessSeconds: 600,
      canFetchOne: true,
    });
    expect(sourceFor([pullOnly], origin)).toEqual({ freshnessSeconds: 600, canFetchOne: false });
    expect(sourceFor([pullOnly, fetching], { municipalityCode: '2480', mappingId: 'other' })).toBeUndefined();
    expect(sourceFor([elsewhere], origin)).toBeUndefined();
  });

  it('is the very source the case was synced from when the case names it, and only that one', () => {
    const origin = { id: 'pull', municipalityCode: '2480', mappingId: 'm' };
    // Another source of the same municipality and mapping could fetch, but the case came from "pull".
    expect(sourceFor([pullOnly, fetching], origin)).toEqual({ freshnessSeconds: 600, canFetchOne: false });
    expect(fetchingSourceFor([pullOnly, fetching], origin)).toBeUndefined();
    expect(fetchingSourceFor([pullOnly, fetching], { ...origin, id: 'fetch' })).toBe(fetching);
    // A source renamed since: found again by municipality and mapping.
    expect(sourceFor([pullOnly, fetching], { ...origin, id: 'gone' })?.canFetchOne).toBe(true);
  });

  it('to refresh from is the first match that can fetch one record', () => {
    const origin = { municipalityCode: '2480', mappingId: 'm' };
    expect(fetchingSourceFor([pullOnly, fetching, elsewhere], origin)).toBe(fetching);
    expect(fetchingSourceFor([pullOnly], origin)).toBeUndefined();
  });
});
