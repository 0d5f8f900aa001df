/**
 * Reads of the current state of one case with the same source change time, ordered by when they
 * were read (the source version a state-reading source's units carry): a later read wins whatever the
 * hashes, an unchanged re-read writes nothing but keeps the later read time, so a slower read of
 * other content begun before it cannot win afterwards. (The SQL half: test/integration/concurrent-upsert.test.ts.)
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type CanonicalCase, CanonicalCaseSchema } from '../schemas/case.js';
import { makeCase } from '../test/support/cases.js';
import { backends, freshDatabase } from '../test/support/databases.js';
import { type CaseStore, createCaseStore } from './case-store.js';
import { contentHash } from './case-version.js';
import type { Db } from './db.js';

const hashOf = (c: CanonicalCase) => contentHash(CanonicalCaseSchema.parse(c));
const AT = '2026-06-01T00:00:00.000Z';
const MORNING = Date.parse('2026-06-01T07:00:00Z');

/** A read of the case at `readMs`: registered, or decided with a hash smaller than the registered one's. */
function reads(sourceId: string) {
  const registered = makeCase({ sourceId, status: 'in_progress', updatedAt: AT });
  let decided = makeCase({ sourceId, status: 'decided', updatedAt: AT });
  for (let n = 0; hashOf(decided) > hashOf(registered); n += 1)
    decided = makeCase({ sourceId, status: 'decided', updatedAt: AT, title: `Nybyggnad ${n}` });
  const at = (c: CanonicalCase, readMs: number): CanonicalCase => ({
    ...structuredClone(c),
    source: { ...structuredClone(c.source), sourceVersion: readMs },
  });
  return {
    registered: (readMs: number) => at(registered, readMs),
    decided: (readMs: number) => at(decided, readMs),
  };
}

describe.each(backends(import.meta.url))('reads of the current state on %s', (backend) => {
  let db: Db;
  let drop: () => Promise<void>;
  let store: CaseStore;

  beforeAll(async () => {
    ({ db, drop } = await freshDatabase(backend));
    store = createCaseStore(db);
  });
  afterAll(async () => drop());

  const row = async (id: string) =>
    (
      await db.query<{ source_version: string; updated_at: string; status_code: string; history: string }>(
        `SELECT c.source_version::text AS source_version, c.updated_at::text AS updated_at, c.status_code,
                (SELECT count(*)::text FROM case_status_history h WHERE h.case_id = c.id) AS history
           FROM cases c WHERE c.id = $1`,
        [id],
      )
    ).rows[0];

  it('the later read wins though its hash is smaller; an earlier one arriving late is stale', async () => {
    const r = reads('ro-1');
    expect(await store.upsertMany([r.registered(MORNING)])).toEqual(['inserted']);
    expect(await store.upsertMany([r.decided(MORNING + 3_600_000)])).toEqual(['updated']);
    expect(await store.upsertMany([r.registered(MORNING + 60_000)])).toEqual(['stale']);
    const got = await store.get(r.registered(0).id);
    expect(got?.case.status.code).toBe('decided');
    expect(got?.case.source.sourceVersion).toBe(MORNING + 3_600_000);
    expect(got?.history.map((h) => h.code)).toEqual(['in_progress', 'decided']);
  });

  it('an unchanged re-read writes nothing and no history, but a read begun before it cannot win after', async () => {
    const r = reads('ro-2');
    const id = r.registered(0).id;
    expect(await store.upsertMany([r.registered(MORNING)])).toEqual(['inserted']);
    const before = await row(id);
    expect(await store.upsertMany([r.registered(MORNING + 7_200_000)])).toEqual(['unchanged']);
    expect(await row(id)).toEqual({ ...before, source_version: String(MORNING + 7_200_000) });
    // An older copy of the same content lowers nothing.
    expect(await store.upsertMany([r.registered(MORNING + 60_000)])).toEqual(['unchanged']);
    expect((await row(id))?.source_version).toBe(String(MORNING + 7_200_000));
    // A slow read of the decision, asked for before the re-read, arrives last: the re-read is newer.
    expect(await store.upsertMany([r.decided(MORNING + 3_600_000)])).toEqual(['stale']);
    expect(await row(id)).toMatchObject({ status_code: 'in_progress', history: '1' });
    // In one batch the same: versions with equal content keep the greater read time.
    expect(await store.upsertMany([r.decided(MORNING + 9_000_000), r.decided(MORNING + 9_500_000)])).toEqual([
      'updated',
      'unchanged',
    ]);
    expect(await row(id)).toMatchObject({
      status_code: 'decided',
      history: '2',
      source_version: String(MORNING + 9_500_000),
    });
  });
});
