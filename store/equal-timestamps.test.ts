/**
 * Versions of one case with the same source change time: the stored case never depends on the order
 * they were delivered in (issue 13, item 6), in either half of the newer-wins guard.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type CanonicalCase, CanonicalCaseSchema } from '../schemas/case.js';
import { makeCase } from '../test/support/cases.js';
import { backends, freshDatabase } from '../test/support/databases.js';
import { type CaseStore, createCaseStore } from './case-store.js';
import { contentHash, mappingVersionOrder } from './case-version.js';
import type { Db } from './db.js';

/** The hash the store computes: of the case as the model check gives it back. */
const hashOf = (c: CanonicalCase) => contentHash(CanonicalCaseSchema.parse(c));

const AT = '2026-06-01T08:00:00.000Z';

/** Two versions of one case at the same time, differing in content only, named by their hash order. */
function hashOrdered(sourceId: string): { low: CanonicalCase; high: CanonicalCase } {
  const a = makeCase({ sourceId, status: 'in_progress', updatedAt: AT });
  const b = makeCase({ sourceId, status: 'decided', updatedAt: AT });
  return hashOf(a) < hashOf(b) ? { low: a, high: b } : { low: b, high: a };
}

/** An older event (in progress, version 1) whose hash is greater than the newer one's (decided, version 2). */
function versionedPair(sourceId: string): { older: CanonicalCase; newer: CanonicalCase } {
  const newer = makeCase({ sourceId, status: 'decided', updatedAt: AT });
  newer.source.sourceVersion = 2;
  for (let n = 0; ; n += 1) {
    const older = makeCase({ sourceId, status: 'in_progress', updatedAt: AT, title: `Nybyggnad ${n}` });
    older.source.sourceVersion = 1;
    // Chosen so that the content hash alone would pick the older event: only the version can save it.
    if (hashOf(older) > hashOf(newer)) return { older, newer };
  }
}

describe.each(backends(import.meta.url))('equal source timestamps on %s', (backend) => {
  let db: Db;
  let drop: () => Promise<void>;
  let store: CaseStore;

  beforeAll(async () => {
    ({ db, drop } = await freshDatabase(backend));
    store = createCaseStore(db);
  });
  afterAll(async () => drop());

  const stored = async (id: string) => {
    const got = await store.get(id);
    const { fetchedAt: _f, ...source } = got?.case.source ?? ({} as CanonicalCase['source']);
    return { case: { ...got?.case, source }, history: got?.history.map((h) => h.code) };
  };
  const forget = (id: string) => db.query('DELETE FROM cases WHERE id = $1', [id]);

  it('ends in the same stored case whichever of two same-time versions arrives first', async () => {
    const { low, high } = hashOrdered('eq-1');
    expect(await store.upsertMany([low])).toEqual(['inserted']);
    expect(await store.upsertMany([high])).toEqual(['updated']);
    const lowFirst = await stored(low.id);
    await forget(low.id);
    expect(await store.upsertMany([high])).toEqual(['inserted']);
    expect(await store.upsertMany([low])).toEqual(['stale']);
    const highFirst = await stored(low.id);
    // The history is what the hub saw on the way (here one order passed through the other version).
    expect(highFirst.case).toEqual(lowFirst.case);
    expect(highFirst.case.status?.code).toBe(high.status.code);
    expect(highFirst.history?.at(-1)).toBe(high.status.code);
    // The same inside one batch, in both orders.
    for (const batch of [
      [low, high],
      [high, low],
    ]) {
      await forget(low.id);
      await store.upsertMany(batch);
      expect((await stored(low.id)).case).toEqual(lowFirst.case);
    }
  });

  it('never lets a redelivered older event flip a decided case back, when the source numbers its versions', async () => {
    const { older, newer } = versionedPair('eq-2');
    await store.upsertMany([older]);
    expect(await store.upsertMany([newer])).toEqual(['updated']);
    expect(await store.upsertMany([older])).toEqual(['stale']);
    const got = await store.get(newer.id);
    expect(got?.case.status.code).toBe('decided');
    expect(got?.case.source.sourceVersion).toBe(2);
    expect(got?.history.map((h) => h.code)).toEqual(['in_progress', 'decided']);
    // And in one batch, redelivered first.
    await forget(newer.id);
    expect(await store.upsertMany([newer, older])).toEqual(['updated', 'inserted']);
    expect((await store.get(newer.id))?.case.status.code).toBe('decided');
  });

  it('orders versions without a source version below numbered ones, and higher numbers above lower', async () => {
    const plain = makeCase({ sourceId: 'eq-3', status: 'decided', updatedAt: AT });
    const numbered = makeCase({ sourceId: 'eq-3', status: 'in_progress', updatedAt: AT });
    numbered.source.sourceVersion = 0;
    await store.upsertMany([numbered]);
    expect(await store.upsertMany([plain])).toEqual(['stale']);
    expect((await store.get(plain.id))?.case.status.code).toBe('in_progress');
  });

  it('lets a later mapping version correct a same-time case whatever the hashes say', async () => {
    const c = makeCase({ sourceId: 'eq-4', updatedAt: AT });
    const fixes = ['1.0.1', '1.0.10', '1.1.0-rc.1', '1.1.0', '2.0.0'].map((mappingVersion, n) => ({
      ...c,
      title: `Rättad titel ${n}`,
      source: { ...c.source, mappingVersion },
    }));
    for (const fix of fixes) {
      await store.upsertMany([c]);
      expect(await store.upsertMany([fix])).toEqual(['updated']);
    }
    // Redelivered older mapping output is refused.
    expect(await store.upsertMany([c, ...fixes.slice(0, 4)])).toEqual(new Array(5).fill('stale'));
    expect((await store.get(c.id))?.case.title).toBe('Rättad titel 4');
  });

  it('sorts mapping versions the same in SQL as in the hub', async () => {
    const versions = ['1.0.0', '1.0.0-rc.1', '10.2.3', '2.0.0', '1.2.3-beta-2', 'v1', '12345678901.0.0', ''];
    for (const v of versions) {
      const { rows } = await db.query<{ o: string }>('SELECT mapping_version_order($1) AS o', [v]);
      expect(rows[0]?.o, v).toBe(mappingVersionOrder(v));
    }
    expect(mappingVersionOrder('1.0.0-rc.1') < mappingVersionOrder('1.0.0')).toBe(true);
    expect(mappingVersionOrder('2.0.0') < mappingVersionOrder('10.2.3')).toBe(true);
  });
});
