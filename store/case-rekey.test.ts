/**
 * Re-keying stored case ids: cases minted under the old unkeyed scheme (UUIDv5 of public inputs)
 * move to keyed ids with their history, audit entries and tombstones, nothing lost; a second run
 * changes nothing; the append-only guards still refuse everything else.
 */
import { v5 as uuidv5 } from 'uuid';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type CaseKey, createCaseIdMinter } from '../schemas/case-id.js';
import { makeCase } from '../test/support/cases.js';
import { backends, freshDatabase } from '../test/support/databases.js';
import { createAuditLog } from './audit-log.js';
import { checkCaseIdKey } from './case-id-key.js';
import { rekeyCaseIds } from './case-rekey.js';
import { createCaseStore } from './case-store.js';
import type { Db } from './db.js';

/** The namespace of the ids the hub minted before keyed ids. */
const OLD_NAMESPACE = 'f3b9c0de-5a1e-4c6e-9a57-2d7f0e8a4b61';
const oldId = (k: CaseKey) => uuidv5(`${k.municipalityCode}/${k.sourceSystem}/${k.sourceId}`, OLD_NAMESPACE);
const keyOf = (sourceId: string): CaseKey => ({ municipalityCode: '2480', sourceSystem: 'byggr', sourceId });
const NEW = createCaseIdMinter('rekey-test-new-key-0123456789abcdef0123');
const NEWER = createCaseIdMinter('rekey-test-newer-key-0123456789abcdef012');

/** Every row of every table that holds a case id, in a stable order, for before/after comparisons. */
async function snapshot(db: Db) {
  const q = async (sql: string) => (await db.query(sql)).rows;
  return {
    cases: await q(
      `SELECT id::text, doc ->> 'id' AS doc_id, reference, status_code, source_id FROM cases ORDER BY source_id`,
    ),
    history: await q(
      `SELECT c.source_id, h.seq, h.code, h.since FROM case_status_history h JOIN cases c ON c.id = h.case_id
        ORDER BY c.source_id, h.seq`,
    ),
    allHistory: await q('SELECT count(*)::int AS n FROM case_status_history'),
    audit: await q('SELECT id, case_id::text, shown, subject, action, at FROM audit_log ORDER BY id'),
    tombstones: await q(
      'SELECT case_id::text, source_deleted_at FROM case_tombstones ORDER BY source_deleted_at',
    ),
  };
}

describe.each(backends(import.meta.url))('re-keying case ids on %s', (backend) => {
  let db: Db;
  let drop: () => Promise<void>;
  const ids = {
    a: oldId(keyOf('A-1')),
    b: oldId(keyOf('B-2')),
    gone: oldId(keyOf('C-3')),
    back: oldId(keyOf('D-4')),
  };

  beforeAll(async () => {
    ({ db, drop } = await freshDatabase(backend));
    const store = createCaseStore(db);
    const old = (sourceId: string, o: Parameters<typeof makeCase>[0]) => ({
      ...makeCase({ sourceId, ...o }),
      id: oldId(keyOf(sourceId)),
    });
    await store.upsertMany([
      old('A-1', { status: 'received', updatedAt: '2026-02-01T08:00:00.000Z' }),
      old('B-2', { status: 'received', updatedAt: '2026-02-01T08:00:00.000Z' }),
      old('C-3', { status: 'received', updatedAt: '2026-02-01T08:00:00.000Z' }),
    ]);
    await store.upsertMany([
      old('A-1', { status: 'in_progress', updatedAt: '2026-02-10T08:00:00.000Z' }),
      old('B-2', { status: 'decided', updatedAt: '2026-02-11T08:00:00.000Z' }),
    ]);
    // C-3 removed before 009 (a tombstone without its source reference); D-4 removed, then sent again
    // newer (case and tombstone kept); E-5 removed since (a tombstone with its source reference).
    await db.transaction((tx) =>
      store.removeIn(tx, [
        { id: ids.gone, at: '2026-03-01T00:00:00.000Z' },
        { id: ids.back, at: '2026-03-02T00:00:00.000Z' },
        // Removed since migration 009: the tombstone keeps the source reference its id is minted from.
        { id: oldId(keyOf('E-5')), at: '2026-03-03T00:00:00.000Z', key: keyOf('E-5') },
      ]),
    );
    await store.upsertMany([old('D-4', { status: 'registered', updatedAt: '2026-03-05T08:00:00.000Z' })]);
    const audit = createAuditLog(db);
    const entry = { role: 'infocenter', masked: [] as string[], requestId: 'r' };
    await audit.write({
      ...entry,
      subject: 's1',
      action: 'case.read',
      caseId: ids.a,
      shown: ['status', 'title'],
    });
    await audit.write({
      ...entry,
      subject: 's2',
      action: 'case.search',
      shown: [ids.b, ids.a],
      resultCount: 2,
    });
    await audit.write({ ...entry, subject: 's3', action: 'case.denied', caseId: ids.gone, shown: [] });
    await audit.write({ ...entry, subject: 's4', action: 'audit.read', shown: ['entries'] });
  });
  afterAll(async () => drop());

  it('a database with cases but no recorded key holds ids of the old scheme: the check says mismatch', async () => {
    expect(await checkCaseIdKey(db, NEW.fingerprint)).toBe('mismatch');
  });

  it('moves every case and its history and audit entries to the keyed id, nothing lost', async () => {
    const before = await snapshot(db);
    const counts = await rekeyCaseIds(db, NEW);
    expect(counts).toEqual({ cases: 3, history: 5, auditEntries: 2, tombstones: 2, tombstonesLeft: 1 });
    const after = await snapshot(db);

    const mint = (sourceId: string) => NEW.mint(keyOf(sourceId));
    expect(after.cases).toEqual(
      before.cases.map((c) => ({
        ...c,
        id: mint(c.source_id as string),
        doc_id: mint(c.source_id as string),
      })),
    );
    expect(after.history).toEqual(before.history);
    expect(after.allHistory).toEqual(before.allHistory);
    const moved: Record<string, string> = {
      [ids.a]: mint('A-1'),
      [ids.b]: mint('B-2'),
      [ids.back]: mint('D-4'),
    };
    expect(after.audit).toEqual(
      before.audit.map((e) => ({
        ...e,
        case_id: moved[e.case_id as string] ?? e.case_id,
        shown: (e.shown as string[]).map((s) => moved[s] ?? s),
      })),
    );
    // A tombstone follows its case, or its own source reference; one from before 009 has none to mint from.
    expect(after.tombstones).toEqual([
      { ...before.tombstones[0] },
      { ...before.tombstones[1], case_id: mint('D-4') },
      { ...before.tombstones[2], case_id: mint('E-5') },
    ]);
    const store = createCaseStore(db);
    expect((await store.get(mint('A-1')))?.case.id).toBe(mint('A-1'));
    expect((await store.get(mint('A-1')))?.history.map((h) => h.code)).toEqual(['received', 'in_progress']);
    expect(await store.get(ids.a)).toBeUndefined();
    // The audit log answers for the case under its new id: the read of it and the search that listed it.
    const entries = await createAuditLog(db).find({ caseId: mint('A-1'), limit: 10 });
    expect(entries.map((e) => e.subject).sort()).toEqual(['s1', 's2']);
    expect(await checkCaseIdKey(db, NEW.fingerprint)).toBe('matches');
  });

  it('a second run changes nothing', async () => {
    const before = await snapshot(db);
    expect(await rekeyCaseIds(db, NEW)).toEqual({
      cases: 0,
      history: 0,
      auditEntries: 0,
      tombstones: 0,
      tombstonesLeft: 1,
    });
    expect(await snapshot(db)).toEqual(before);
  });

  it('a new key (a rotation) moves them again, and the old key no longer matches', async () => {
    const counts = await rekeyCaseIds(db, NEWER);
    expect(counts).toMatchObject({ cases: 3, history: 5, auditEntries: 2, tombstones: 2, tombstonesLeft: 1 });
    expect((await snapshot(db)).cases.map((c) => c.id)).toEqual(
      ['A-1', 'B-2', 'D-4'].map((s) => NEWER.mint(keyOf(s))),
    );
    expect(await checkCaseIdKey(db, NEWER.fingerprint)).toBe('matches');
    expect(await checkCaseIdKey(db, NEW.fingerprint)).toBe('mismatch');
  });

  it('history and audit log stay append-only outside the re-keying, and within it for anything but ids', async () => {
    await expect(db.query(`UPDATE case_status_history SET case_id = case_id`)).rejects.toThrow(/append-only/);
    await expect(db.query(`UPDATE audit_log SET case_id = NULL`)).rejects.toThrow(/append-only/);
    await expect(
      db.transaction(async (tx) => {
        await tx.query("SELECT set_config('arendenav.case_rekey', 'on', true)");
        await tx.query(`UPDATE audit_log SET subject = 'someone else'`);
      }),
    ).rejects.toThrow(/append-only/);
    await expect(
      db.transaction(async (tx) => {
        await tx.query("SELECT set_config('arendenav.case_rekey', 'on', true)");
        await tx.query(`UPDATE case_status_history SET code = 'closed'`);
      }),
    ).rejects.toThrow(/append-only/);
  });
});

describe('a fresh database', () => {
  it('takes the current key, and then refuses another', async () => {
    const { db, drop } = await freshDatabase('pglite');
    try {
      expect(await checkCaseIdKey(db, NEW.fingerprint)).toBe('recorded');
      expect(await checkCaseIdKey(db, NEW.fingerprint)).toBe('matches');
      expect(await checkCaseIdKey(db, NEWER.fingerprint)).toBe('mismatch');
    } finally {
      await drop();
    }
  });
});
