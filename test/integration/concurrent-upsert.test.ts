/**
 * Two writers on two connections upserting versions of one new case at the same time: a row lock cannot
 * cover a row that does not exist yet, so the SQL half of the newer-wins guard (`ON CONFLICT … WHERE`
 * in store/case-upsert.ts) is what decides. Whatever the timing, the newer version is what stays.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type CanonicalCase, CanonicalCaseSchema } from '../../schemas/case.js';
import { type CaseStore, createCaseStore, type UpsertOutcome } from '../../store/case-store.js';
import { contentHash } from '../../store/case-version.js';
import { connectPostgres, type Db } from '../../store/db.js';
import { makeCase } from '../support/cases.js';
import { backends, freshDatabase } from '../support/databases.js';

/** The hash the store computes: of the case as the model check gives it back. */
const hashOf = (c: CanonicalCase) => contentHash(CanonicalCaseSchema.parse(c));

type Pair = { older: CanonicalCase; newer: CanonicalCase };

/** Three ways one version is newer than another: a later change time, a higher source version, a greater hash. */
function pairs(round: number): Pair[] {
  const id = (kind: string) => `cc-${kind}-${round}`;
  const later = {
    older: makeCase({ sourceId: id('t'), status: 'in_progress', updatedAt: '2026-06-01T08:00:00.000Z' }),
    newer: makeCase({ sourceId: id('t'), status: 'decided', updatedAt: '2026-06-01T08:00:01.000Z' }),
  };
  const numbered = {
    older: makeCase({ sourceId: id('v'), status: 'in_progress', updatedAt: '2026-06-01T08:00:00.000Z' }),
    newer: makeCase({ sourceId: id('v'), status: 'decided', updatedAt: '2026-06-01T08:00:00.000Z' }),
  };
  numbered.older.source.sourceVersion = 7;
  numbered.newer.source.sourceVersion = 8;
  const a = makeCase({ sourceId: id('h'), status: 'in_progress', updatedAt: '2026-06-01T08:00:00.000Z' });
  const b = makeCase({ sourceId: id('h'), status: 'decided', updatedAt: '2026-06-01T08:00:00.000Z' });
  const hashed = hashOf(a) < hashOf(b) ? { older: a, newer: b } : { older: b, newer: a };
  return [later, numbered, hashed];
}

describe.runIf(backends(import.meta.url).includes('postgres'))('concurrent writers on PostgreSQL', () => {
  let drop: () => Promise<void>;
  let db: Db;
  const writers: { db: Db; store: CaseStore }[] = [];

  beforeAll(async () => {
    const fresh = await freshDatabase('postgres');
    ({ db, drop } = fresh);
    for (let n = 0; n < 2; n += 1) {
      const own = await connectPostgres(fresh.url as string, { max: 2 });
      writers.push({ db: own, store: createCaseStore(own) });
    }
  });
  afterAll(async () => {
    for (const w of writers) await w.db.close();
    await drop();
  });

  let retried = 0;
  const write = async (n: number, c: CanonicalCase): Promise<UpsertOutcome[]> => {
    const w = writers[n] as { db: Db; store: CaseStore };
    for (let attempt = 1; ; attempt += 1) {
      try {
        return await w.db.transaction((tx) => w.store.upsertManyIn(tx, [c]));
      } catch (error) {
        // Two inserts of one new case at the same instant can meet in its second unique index (see
        // writeCases): one fails and its unit is tried again, as the engine does. Nothing else may fail.
        const code = (error as { code?: string }).code;
        if (attempt >= 3 || (code !== '23505' && code !== '40P01')) throw error;
        retried += 1;
      }
    }
  };

  /** `first` writes and holds its transaction open; `second` reads before that commits, then writes. */
  const overlap = async (first: CanonicalCase, second: CanonicalCase) => {
    let wrote!: () => void;
    const written = new Promise<void>((resolve) => {
      wrote = resolve;
    });
    const a = (writers[0] as { db: Db; store: CaseStore }).db.transaction(async (tx) => {
      const outcome = await (writers[0] as { store: CaseStore }).store.upsertManyIn(tx, [first]);
      wrote();
      await sleep(60);
      return outcome;
    });
    await written;
    const b = write(1, second);
    return Promise.all([a, b]);
  };

  const current = async (id: string) => {
    const { rows } = await db.query<{ status_code: string; hash: string; history: string[] }>(
      `SELECT c.status_code, c.content_hash AS hash,
              ARRAY(SELECT h.code FROM case_status_history h WHERE h.case_id = c.id ORDER BY h.seq) AS history
         FROM cases c WHERE c.id = $1`,
      [id],
    );
    return rows[0];
  };

  it('keeps the newer version when it committed first and the older writer read before it (the SQL guard)', async () => {
    for (let round = 0; round < 4; round += 1) {
      for (const { older, newer } of pairs(round)) {
        const [first, second] = await overlap(newer, older);
        expect(first).toEqual(['inserted']);
        expect(second).toEqual(['stale']);
        expect(await current(newer.id)).toEqual({
          status_code: newer.status.code,
          hash: hashOf(newer),
          history: [newer.status.code],
        });
      }
    }
  });

  it('stores the newer version over an older one committed meanwhile, its history continuing the older', async () => {
    for (let round = 10; round < 14; round += 1) {
      for (const { older, newer } of pairs(round)) {
        const [first, second] = await overlap(older, newer);
        expect(first).toEqual(['inserted']);
        expect(second).toEqual(['updated']);
        expect(await current(newer.id)).toEqual({
          status_code: newer.status.code,
          hash: hashOf(newer),
          history: [older.status.code, newer.status.code],
        });
      }
    }
  });

  it('keeps the later read time of unchanged content whichever writer committed first', async () => {
    const read = (sourceId: string, readMs: number) => {
      const c = makeCase({ sourceId, status: 'in_progress', updatedAt: '2026-06-01T00:00:00.000Z' });
      c.source.sourceVersion = readMs;
      return c;
    };
    const version = async (id: string) =>
      (await db.query<{ v: string }>('SELECT source_version::text AS v FROM cases WHERE id = $1', [id]))
        .rows[0]?.v;
    for (let round = 0; round < 4; round += 1) {
      const earlier = read(`cc-r-${round}`, 1_780_000_000_000 + round);
      const later = read(`cc-r-${round}`, 1_780_000_060_000 + round);
      // The later read over the earlier one committed meanwhile: its read time is kept, nothing else changes.
      await overlap(earlier, later);
      expect(await version(later.id)).toBe(String(later.source.sourceVersion));
      expect(await current(later.id)).toEqual({
        status_code: 'in_progress',
        hash: hashOf(later),
        history: ['in_progress'],
      });
      await db.query('DELETE FROM cases WHERE id = $1', [later.id]);
      // The earlier read over the later one: nothing is lowered.
      const [, second] = await overlap(later, earlier);
      expect(second).toEqual(['stale']);
      expect(await version(later.id)).toBe(String(later.source.sourceVersion));
    }
  });

  it('always ends with the newer version over many rounds of two writers at once', async () => {
    for (let round = 100; round < 140; round += 1) {
      for (const { older, newer } of pairs(round)) {
        // Who starts first changes from round to round; neither writer may fail.
        const [x, y] = round % 2 === 0 ? [older, newer] : [newer, older];
        await Promise.all([write(0, x), write(1, y)]);
        const got = await current(newer.id);
        expect(got?.hash).toBe(hashOf(newer));
        expect(got?.status_code).toBe(newer.status.code);
        expect(got?.history.at(-1)).toBe(newer.status.code);
      }
    }
    // Retries are the exception, not the way the rounds get through.
    expect(retried).toBeLessThan(20);
  });
});
