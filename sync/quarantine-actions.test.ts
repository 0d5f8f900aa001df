/**
 * An admin's actions on one quarantined record, against a real database: retry (stored and released,
 * or refused again with the attempt counted), a payload sealed under a retired key left alone, release,
 * and a dry run that stores nothing and carries no value out, only kinds and lengths.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createSealedBox } from '../person/sealed-box.js';
import type { Db } from '../store/db.js';
import { freshDatabase } from '../test/support/databases.js';
import { fakeMapper, partsOn, quarantineKeys, storedIds, unitOf } from '../test/support/sync-parts.js';
import { createQuarantineActions, maskValue } from './quarantine-actions.js';
import { createUnitProcessor } from './unit-processor.js';

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

function actions() {
  return createQuarantineActions({ ...parts, processor: createUnitProcessor(parts) });
}

async function quarantine(mapper: ReturnType<typeof fakeMapper>, records: { id: string; bad: string }[]) {
  await createUnitProcessor(parts).process({ settings: { id: SOURCE }, mapper }, unitOf([records]).unit);
}

describe('quarantine actions', () => {
  it('retries one record: refused again (attempt counted), then stored and released once the mapping is fixed', async () => {
    const mapper = fakeMapper();
    await quarantine(mapper, [
      { id: 'B-1', bad: 'bad date' },
      { id: 'C-1', bad: 'unknown status' },
    ]);
    const target = { settings: { id: SOURCE }, mapper };
    expect(await actions().retry(target, 'B-1')).toEqual({
      outcome: 'refused',
      reasons: [{ field: 'status', message: 'bad date' }],
    });
    const entries = await parts.syncStore.quarantined(SOURCE);
    expect(entries.find((e) => e.sourceRecordId === 'B-1')?.attempts).toBe(2);

    mapper.fixes.push('bad date');
    expect(await actions().retry(target, 'B-1')).toEqual({ outcome: 'stored' });
    expect(await storedIds(db)).toEqual(['B-1']);
    // Only the record asked for: C-1 waits.
    expect(await quarantineKeys(db, SOURCE)).toEqual(['C-1']);
    expect(await actions().retry(target, 'B-1')).toEqual({ outcome: 'not-found' });
  });

  it('leaves a payload sealed under a retired key where it is', async () => {
    const mapper = fakeMapper();
    await parts.syncStore.quarantineIn(db, {
      sourceId: SOURCE,
      sourceRecordId: 'B-1',
      reasons: [{ field: 'status', message: 'bad date' }],
      payload: createSealedBox('a-retired-key-0123456789abcdef-0123', 'quarantine').seal({ id: 'B-1' }),
      mappingId: mapper.id,
      mappingVersion: mapper.version,
    });
    expect(await actions().retry({ settings: { id: SOURCE }, mapper }, 'B-1')).toEqual({
      outcome: 'unreadable',
    });
    expect(await actions().dryRun(mapper, SOURCE, 'B-1')).toEqual({ outcome: 'unreadable' });
    expect(mapper.calls).toEqual([]);
    expect(await quarantineKeys(db, SOURCE)).toEqual(['B-1']);
  });

  it('releases one record, payload and all; a second release finds nothing', async () => {
    const mapper = fakeMapper();
    await quarantine(mapper, [
      { id: 'B-1', bad: 'bad date' },
      { id: 'C-1', bad: 'bad date' },
    ]);
    expect(await actions().release(SOURCE, 'B-1')).toBe(true);
    expect(await actions().release(SOURCE, 'B-1')).toBe(false);
    expect(await quarantineKeys(db, SOURCE)).toEqual(['C-1']);
  });

  it('masks every value: a kind and a length, never the content', () => {
    expect(maskValue('19900321-2389')).toEqual({ kind: 'text', size: 13 });
    expect(maskValue(['a', 'b'])).toEqual({ kind: 'list', size: 2 });
    expect(maskValue({ name: 'Maja Testberg' })).toEqual({ kind: 'object' });
    expect(maskValue(null)).toEqual({ kind: 'empty' });
    expect(maskValue('')).toEqual({ kind: 'empty' });
    expect(maskValue(3)).toEqual({ kind: 'number' });
    expect(maskValue(false)).toEqual({ kind: 'boolean' });
  });
});
