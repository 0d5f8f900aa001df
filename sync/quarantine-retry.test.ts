import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createSealedBox } from '../person/sealed-box.js';
import type { Db } from '../store/db.js';
import { freshDatabase } from '../test/support/databases.js';
import { fakeMapper, partsOn, quarantineKeys, storedIds, unitOf } from '../test/support/sync-parts.js';
import { createQuarantineRetry } from './quarantine-retry.js';
import { contentKey, createUnitProcessor } from './unit-processor.js';

let db: Db;
let drop: () => Promise<void>;
let parts: ReturnType<typeof partsOn>;
const SOURCE = 'test-source';

beforeEach(async () => {
  ({ db, drop } = await freshDatabase('pglite'));
  parts = partsOn(db);
  await parts.syncStore.ensureSource(SOURCE);
});
afterEach(async () => drop());

/** Quarantines the records through the processor, as a run would have. */
async function quarantined(mapper: ReturnType<typeof fakeMapper>, records: Parameters<typeof unitOf>[0][0]) {
  await createUnitProcessor(parts).process({ settings: { id: SOURCE }, mapper }, unitOf([records]).unit);
  mapper.calls.length = 0;
}

describe('quarantine retry', () => {
  it('maps each waiting record once, stores those that map now and releases their entries, hash-keyed ones too', async () => {
    const mapper = fakeMapper();
    const nameless = { bad: 'bad date' };
    await quarantined(mapper, [
      { id: 'B-1', bad: 'bad date' },
      nameless,
      { id: 'C-1', bad: 'unknown status' },
    ]);
    expect(await quarantineKeys(db, SOURCE)).toEqual(['B-1', 'C-1', contentKey(nameless)].sort());

    mapper.fixes.push('bad date');
    const processor = createUnitProcessor(parts);
    const retry = createQuarantineRetry({ ...parts, processor });
    expect(await retry({ settings: { id: SOURCE }, mapper })).toBe(2);
    // Once per record: the case stored is the one this mapping made, not a second attempt's.
    expect(mapper.calls).toHaveLength(3);
    expect(await storedIds(db)).toEqual(['A-0', 'B-1']);
    expect(await quarantineKeys(db, SOURCE)).toEqual(['C-1']);
    const [state] = await parts.syncStore.states();
    expect(state).toMatchObject({ recordsIn: 2, quarantined: 1 });
  });

  it('leaves a record sealed under a key no longer configured where it is, without mapping it', async () => {
    const mapper = fakeMapper();
    const retired = createSealedBox('a-retired-key-0123456789abcdef-0123', 'quarantine');
    await db.transaction((tx) =>
      parts.syncStore.quarantineIn(tx, {
        sourceId: SOURCE,
        sourceRecordId: 'B-1',
        reasons: [{ field: 'status', message: 'bad date' }],
        payload: retired.seal({ id: 'B-1' }),
        mappingId: mapper.id,
        mappingVersion: mapper.version,
      }),
    );
    const retry = createQuarantineRetry({ ...parts, processor: createUnitProcessor(parts) });
    expect(await retry({ settings: { id: SOURCE }, mapper })).toBe(0);
    expect(mapper.calls).toEqual([]);
    expect(await quarantineKeys(db, SOURCE)).toEqual(['B-1']);
  });

  it('stores a record read from the current state as read then, not as read at the retry', async () => {
    const mapper = fakeMapper();
    const readAt = '2026-03-02T07:00:00.123Z';
    const { unit } = unitOf([[{ id: 'B-1', bad: 'bad date' }, { id: 'C-1' }]]);
    await createUnitProcessor(parts).process({ settings: { id: SOURCE }, mapper }, { ...unit, readAt });
    mapper.fixes.push('bad date');
    // Retried later: the copy waiting is still the one read at `readAt`, so its version is that read's.
    const retry = createQuarantineRetry({ ...parts, processor: createUnitProcessor(parts) });
    expect(await retry({ settings: { id: SOURCE }, mapper })).toBe(1);
    const { rows } = await db.query<{ id: string; v: string }>(
      "SELECT doc->'source'->>'sourceId' AS id, source_version::text AS v FROM cases ORDER BY 1",
    );
    expect(rows).toEqual([
      { id: 'B-1', v: String(Date.parse(readAt)) },
      { id: 'C-1', v: String(Date.parse(readAt)) },
    ]);
  });

  it('keeps every entry when the store write fails: the released entries commit with their cases', async () => {
    const mapper = fakeMapper();
    await quarantined(mapper, [{ id: 'B-1', bad: 'bad date' }, { bad: 'bad date' }]);
    mapper.fixes.push('bad date');
    const store = { ...parts.store, upsertManyIn: () => Promise.reject(new Error('connection lost')) };
    const retry = createQuarantineRetry({ ...parts, processor: createUnitProcessor({ ...parts, store }) });
    await expect(retry({ settings: { id: SOURCE }, mapper })).rejects.toThrow('connection lost');
    expect(await quarantineKeys(db, SOURCE)).toHaveLength(2);
    expect(await storedIds(db)).toEqual([]);
  });
});
