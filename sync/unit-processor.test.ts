import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createLogger } from '../app/logger.js';
import { ConnectorError } from '../connectors/contract.js';
import type { CaseStore } from '../store/case-store.js';
import type { Db } from '../store/db.js';
import { freshDatabase } from '../test/support/databases.js';
import { capturingDestination } from '../test/support/log-sink.js';
import {
  type FakeRecord,
  fakeMapper,
  partsOn,
  quarantineKeys,
  storedIds,
  unitOf,
} from '../test/support/sync-parts.js';
import { BATCHES_IN_FLIGHT, contentKey, createUnitProcessor } from './unit-processor.js';

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

const target = (mapper = fakeMapper()) => ({ settings: { id: SOURCE }, mapper });
const cursor = async () => parts.syncStore.cursor(SOURCE);

/** A store whose write of a batch holding source id BOOM fails, as a lost connection would. */
function failingStore(): Pick<CaseStore, 'upsertManyIn' | 'removeIn'> {
  return {
    removeIn: parts.store.removeIn,
    upsertManyIn: (tx, cases, options) =>
      cases.some((c) => c.source.sourceId === 'BOOM')
        ? Promise.reject(new Error('connection lost'))
        : parts.store.upsertManyIn(tx, cases, options),
  };
}

describe('unit processor', () => {
  it('removes what the source deleted, by record or by its list, and releases their quarantine entries', async () => {
    const mapper = fakeMapper();
    mapper.mapping = {
      municipality: { code: '2480', name: 'Umeå' },
      sourceSystem: 'byggr',
    } as typeof mapper.mapping;
    const plain = mapper.map.bind(mapper);
    mapper.map = async (record, context) => {
      const r = record as FakeRecord & { gallrad?: boolean };
      if (!r.gallrad) return plain(record, context);
      const stored = await plain({ id: r.id }, context);
      return stored.ok === true
        ? {
            ok: 'deleted',
            caseId: stored.case.id,
            sourceId: r.id ?? '',
            at: '2026-12-01T00:00:00.000Z',
            warnings: [],
          }
        : stored;
    };
    const processor = createUnitProcessor(parts);
    await processor.process(
      target(mapper),
      unitOf([[{ id: 'A-1' }, { id: 'A-2' }, { id: 'A-3', bad: 'x' }]]).unit,
    );
    expect(await storedIds(db)).toEqual(['A-1', 'A-2']);
    expect(await quarantineKeys(db, SOURCE)).toEqual(['A-3']);
    const { unit } = unitOf([[{ id: 'A-1', gallrad: true } as FakeRecord]]);
    await processor.process(target(mapper), {
      ...unit,
      deletions: [
        { sourceId: 'A-2', at: '2026-12-01T00:00:00.000Z' },
        { sourceId: 'A-3', at: '2026-12-01T00:00:00.000Z' },
      ],
    });
    expect(await storedIds(db)).toEqual([]);
    // The quarantined record's sealed payload goes too: nothing of a thinned case lingers.
    expect(await quarantineKeys(db, SOURCE)).toEqual([]);
    // Each tombstone keeps what its id is minted from, so re-keying the case ids can move it too.
    const { rows } = await db.query(
      'SELECT municipality_code, source_system, source_id FROM case_tombstones ORDER BY source_id',
    );
    expect(rows).toEqual(
      ['A-1', 'A-2', 'A-3'].map((id) => ({
        municipality_code: '2480',
        source_system: 'byggr',
        source_id: id,
      })),
    );
  });

  it('stores a case a mapping left an unreadable party out of, and says so by count and log, without values', async () => {
    const lines: string[] = [];
    const logger = createLogger({ level: 'info', destination: capturingDestination(lines) });
    const mapper = fakeMapper();
    const plain = mapper.map.bind(mapper);
    mapper.map = async (record, context) => {
      const result = await plain(record, context);
      return result.ok
        ? {
            ...result,
            warnings: [{ field: 'parties[1].ref', message: 'not a personnummer or organisationsnummer' }],
          }
        : result;
    };
    const processor = createUnitProcessor({ ...parts, logger });
    const { unit } = unitOf([[{ id: 'A-1' }]]);
    expect(await processor.process(target(mapper), unit)).toEqual({ stored: 1, quarantined: 0 });
    expect(await storedIds(db)).toEqual(['A-1']);
    const metrics = await parts.metrics.records.get();
    expect(metrics.values).toContainEqual(
      expect.objectContaining({ labels: { source: SOURCE, outcome: 'item_left_out' }, value: 1 }),
    );
    expect(lines.join('\n')).toContain('parties[1].ref');
  });

  it('stores every batch of a unit with its cursor, then settles it ok with the counts', async () => {
    const processor = createUnitProcessor(parts);
    const { unit, settled } = unitOf([[{ id: 'A-1' }, { id: 'A-2' }], [{ id: 'A-3' }]], 'page-1');
    expect(await processor.process(target(), unit)).toEqual({ stored: 3, quarantined: 0 });
    expect(await storedIds(db)).toEqual(['A-1', 'A-2', 'A-3']);
    expect(await cursor()).toBe('page-1');
    expect(settled).toEqual([{ ok: true, stored: 3, quarantined: 0 }]);
    const [state] = await parts.syncStore.states();
    expect(state).toMatchObject({ recordsIn: 3, recordsFailed: 0 });
  });

  it('quarantines a record that does not map, with scrubbed reasons and a sealed payload; the rest of the batch is stored', async () => {
    const processor = createUnitProcessor(parts);
    const bad: FakeRecord = { id: 'B-1', bad: 'no status for 19121212-1212' };
    const nameless: FakeRecord = { bad: 'no id' };
    const { unit, settled } = unitOf([[{ id: 'A-1' }, bad, nameless, { id: 'A-2' }]], 'page-1');
    expect(await processor.process(target(), unit)).toEqual({ stored: 2, quarantined: 2 });
    expect(await storedIds(db)).toEqual(['A-1', 'A-2']);
    // No readable id: kept under a hash of its content, so a resend finds the same entry.
    expect(await quarantineKeys(db, SOURCE)).toEqual(['B-1', contentKey(nameless)].sort());
    const entry = (await parts.syncStore.quarantined(SOURCE)).find((q) => q.sourceRecordId === 'B-1');
    expect(entry?.reasons).toEqual([{ field: 'status', message: expect.not.stringContaining('1212') }]);
    expect(entry).toMatchObject({ mappingId: 'fake/mapping', mappingVersion: '1.0.0' });
    const payloads = await parts.syncStore.quarantinedPayloads(SOURCE);
    const sealed = payloads.find((p) => p.sourceRecordId === 'B-1')?.payload as Buffer;
    expect(sealed.toString('latin1')).not.toContain('19121212');
    expect(parts.quarantineBox.open(sealed)).toEqual(bad);
    expect(settled).toEqual([{ ok: true, stored: 2, quarantined: 2 }]);
  });

  it('a unit whose store write fails leaves no cases, no cursor and no quarantine entries, and settles not ok, retryable', async () => {
    const processor = createUnitProcessor({ ...parts, store: failingStore() });
    // The first batch (a case and a quarantined record) is written before the second one fails.
    const { unit, settled } = unitOf(
      [[{ id: 'A-1' }, { id: 'B-1', bad: 'no status' }], [{ id: 'BOOM' }]],
      'page-1',
    );
    await expect(processor.process(target(), unit)).rejects.toThrow('connection lost');
    expect(await storedIds(db)).toEqual([]);
    expect(await cursor()).toBeNull();
    expect(await quarantineKeys(db, SOURCE)).toEqual([]);
    expect(settled).toEqual([{ ok: false, reason: 'internal error while syncing', retryable: true }]);
  });

  it('writes a long unit batch after batch in order, one write at a time, reading at most a few batches ahead', async () => {
    const events: string[] = [];
    let writing = 0;
    let mostWriting = 0;
    const store: Pick<CaseStore, 'upsertManyIn' | 'removeIn'> = {
      removeIn: parts.store.removeIn,
      async upsertManyIn(tx, cases, options) {
        writing++;
        mostWriting = Math.max(mostWriting, writing);
        events.push(`write ${cases[0]?.source.sourceId}`);
        // A slow store: the reader gets ahead of it as far as it is allowed.
        await new Promise((resolve) => setTimeout(resolve, 30));
        try {
          return await parts.store.upsertManyIn(tx, cases, options);
        } finally {
          writing--;
        }
      },
    };
    async function* batches() {
      for (let b = 1; b <= 8; b++) {
        events.push(`read B${b}`);
        yield [{ id: `B${b}-1` }, { id: `B${b}-2` }];
      }
    }
    const processor = createUnitProcessor({ ...parts, store });
    const { unit, settled } = unitOf([], 'page-1');
    expect(await processor.process(target(), { ...unit, batches: batches() })).toEqual({
      stored: 16,
      quarantined: 0,
    });
    const writes = events.filter((e) => e.startsWith('write'));
    expect(writes).toEqual([1, 2, 3, 4, 5, 6, 7, 8].map((b) => `write B${b}-1`));
    expect(mostWriting).toBe(1);
    // When batch n is written, no batch past n + BATCHES_IN_FLIGHT has been read.
    for (let b = 1; b <= 8; b++) {
      const read = events.slice(0, events.indexOf(`write B${b}-1`)).filter((e) => e.startsWith('read'));
      expect(read.length).toBeLessThanOrEqual(b + BATCHES_IN_FLIGHT);
    }
    expect((await storedIds(db)).length).toBe(16);
    expect(await cursor()).toBe('page-1');
    expect(settled).toEqual([{ ok: true, stored: 16, quarantined: 0 }]);
  });

  it('a write failing mid-unit stops the reading, commits none of the unit and settles it not ok', async () => {
    let read = 0;
    async function* batches() {
      for (let b = 1; b <= 20; b++) {
        read++;
        yield [{ id: b === 3 ? 'BOOM' : `B${b}-1` }];
      }
    }
    const processor = createUnitProcessor({ ...parts, store: failingStore() });
    const { unit, settled } = unitOf([], 'page-1');
    await expect(processor.process(target(), { ...unit, batches: batches() })).rejects.toThrow(
      'connection lost',
    );
    expect(read).toBeLessThan(20);
    expect(await storedIds(db)).toEqual([]);
    expect(await cursor()).toBeNull();
    expect(settled).toEqual([{ ok: false, reason: 'internal error while syncing', retryable: true }]);
  });

  it('never acknowledges a unit before its commit: a cursor that cannot be written settles it not ok only', async () => {
    const syncStore = { ...parts.syncStore, setCursorIn: () => Promise.reject(new Error('disk full')) };
    const processor = createUnitProcessor({ ...parts, syncStore });
    const { unit, settled } = unitOf([[{ id: 'A-1' }]], 'page-1');
    await expect(processor.process(target(), unit)).rejects.toThrow('disk full');
    expect(settled).toEqual([{ ok: false, reason: 'internal error while syncing', retryable: true }]);
    expect(await storedIds(db)).toEqual([]);
  });

  it('a unit the source made unreadable stores nothing and settles not retryable, so it is set aside', async () => {
    const processor = createUnitProcessor(parts);
    const { unit, settled } = unitOf([], 'file-1');
    unit.batches = (async function* () {
      yield [{ id: 'A-1' }];
      throw new ConnectorError('bad_data', 'the file ends in the middle of a record', { retryable: false });
    })();
    await expect(processor.process(target(), unit)).rejects.toBeInstanceOf(ConnectorError);
    expect(await storedIds(db)).toEqual([]);
    expect(await cursor()).toBeNull();
    expect(settled).toEqual([
      { ok: false, reason: 'bad_data: the file ends in the middle of a record', retryable: false },
    ]);
  });

  it('a quarantined record that arrives again and maps leaves the quarantine', async () => {
    const processor = createUnitProcessor(parts);
    await processor.process(target(), unitOf([[{ id: 'B-1', bad: 'no status' }]]).unit);
    expect(await quarantineKeys(db, SOURCE)).toEqual(['B-1']);
    await processor.process(target(), unitOf([[{ id: 'B-1' }]]).unit);
    expect(await quarantineKeys(db, SOURCE)).toEqual([]);
    expect(await storedIds(db)).toEqual(['B-1']);
    // No cursor in either unit: the current one stays.
    expect(await cursor()).toBeNull();
  });
});

describe('unit processor and the event loop', () => {
  it('gives the event loop turns while it maps a long unit (staff reads are not held up)', async () => {
    const inner = fakeMapper();
    let lastTurn = performance.now();
    let longestWithoutTurn = 0;
    let ticking = true;
    const tick = () => {
      lastTurn = performance.now();
      if (ticking) setImmediate(tick);
    };
    setImmediate(tick);
    // Each record costs 0.2 ms of CPU, as a real mapping's expressions do: 2,000 of them, 400 ms.
    const slow = {
      ...inner,
      async map(record: unknown, context: Parameters<typeof inner.map>[1]) {
        const until = performance.now() + 0.2;
        while (performance.now() < until) {}
        longestWithoutTurn = Math.max(longestWithoutTurn, performance.now() - lastTurn);
        return inner.map(record, context);
      },
    };
    const records = Array.from({ length: 2_000 }, (_, i) => ({ id: `A-${i}`, bad: 'unmapped status' }));
    await createUnitProcessor(parts).process(target(slow), unitOf([records], 'c1').unit);
    ticking = false;
    // Without a pause the loop would wait for the whole unit (≈ 400 ms).
    expect(longestWithoutTurn).toBeLessThan(100);
  });
});
