/** Group commit of audit entries (store/audit-batch.ts), on every backend. */
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backends, freshDatabase } from '../test/support/databases.js';
import { createAuditWriter } from './audit-batch.js';
import type { AuditEntry } from './audit-log.js';
import type { Db } from './db.js';

const CASE = '0b7f3c1e-6a7d-5b1f-9e3c-2a1d4f5e6b7c';
let serial = 0;
/** An entry with a request id of its own, to find its row by. */
const entry = (over: Partial<AuditEntry> = {}): AuditEntry => ({
  subject: 's1',
  role: 'infocenter',
  action: 'case.read',
  caseId: CASE,
  shown: ['status'],
  masked: [],
  requestId: `req-${++serial}`,
  personRefs: ['ref-a'],
  municipality: '2480',
  ...over,
});

async function rowsOf(db: Db, requestIds: readonly string[]) {
  const { rows } = await db.query<{ request_id: string; tx: string; shown: string[] }>(
    'SELECT request_id, xmin::text AS tx, shown FROM audit_log WHERE request_id = ANY($1::text[]) ORDER BY id',
    [requestIds],
  );
  return rows;
}

describe.each(backends(import.meta.url))('audit group commit on %s', (backend) => {
  let db: Db;
  let url: string | undefined;
  let drop: () => Promise<void>;
  beforeAll(async () => {
    ({ db, url, drop } = await freshDatabase(backend));
  });
  afterAll(async () => drop());

  it('writes concurrent entries in one INSERT: one transaction, every row, in the order written', async () => {
    const writer = createAuditWriter(db);
    const entries = Array.from({ length: 20 }, (_, i) => entry({ shown: [`f${i}`] }));
    await Promise.all(entries.map((e) => writer.write(e)));
    const rows = await rowsOf(
      db,
      entries.map((e) => e.requestId),
    );
    expect(rows.map((r) => r.request_id)).toEqual(entries.map((e) => e.requestId));
    expect(new Set(rows.map((r) => r.tx)).size).toBe(1);
    expect(rows[7]?.shown).toEqual(['f7']);
  });

  // pgstattuple's look into the index: a PostgreSQL server only.
  if (backend === 'postgres')
    it('puts each entry into the GIN indexes as it is written, leaving no pending list for a later read to merge', async () => {
      await db.query('CREATE EXTENSION IF NOT EXISTS pgstattuple');
      const writer = createAuditWriter(db);
      await Promise.all(
        Array.from({ length: 30 }, (_, i) =>
          writer.write(
            entry({
              action: 'case.search',
              shown: [`g${i}`, `h${i}`],
              personRefs: [`pr1_${String(i).padStart(43, 'P')}`],
            }),
          ),
        ),
      );
      for (const index of ['audit_log_shown_idx', 'audit_log_person_refs_idx']) {
        const { rows } = await db.query<{ pending_tuples: string | number }>(
          'SELECT pending_tuples FROM pgstatginindex($1::regclass)',
          [index],
        );
        expect({ index, pending: Number(rows[0]?.pending_tuples) }).toEqual({ index, pending: 0 });
      }
    });

  it('keeps batches within maxBatch', async () => {
    const writer = createAuditWriter(db, { maxBatch: 4 });
    const entries = Array.from({ length: 10 }, () => entry());
    await Promise.all(entries.map((e) => writer.write(e)));
    const rows = await rowsOf(
      db,
      entries.map((e) => e.requestId),
    );
    expect(rows).toHaveLength(10);
    const perTx = new Map<string, number>();
    for (const r of rows) perTx.set(r.tx, (perTx.get(r.tx) ?? 0) + 1);
    expect([...perTx.values()].sort()).toEqual([2, 4, 4]);
  });

  it('resolves a write only when its row is committed and visible to another connection', async () => {
    const writer = createAuditWriter(db);
    const entries = Array.from({ length: 5 }, () => entry());
    const ids = entries.map((e) => e.requestId);
    const seen = await Promise.all(
      entries.map(async (e) => {
        await writer.write(e);
        if (!url) return (await rowsOf(db, [e.requestId])).length;
        // Another session of the server: it sees only committed rows.
        const other = new pg.Client({ connectionString: url });
        await other.connect();
        try {
          const { rows } = await other.query('SELECT 1 FROM audit_log WHERE request_id = $1', [e.requestId]);
          return rows.length;
        } finally {
          await other.end();
        }
      }),
    );
    expect(seen).toEqual([1, 1, 1, 1, 1]);
    expect(await rowsOf(db, ids)).toHaveLength(5);
  });

  it('refuses only the entry that cannot be written; its neighbours in the batch are written', async () => {
    const writer = createAuditWriter(db);
    const good = [entry(), entry(), entry()];
    const bad = entry({ caseId: 'not-a-uuid' });
    const results = await Promise.allSettled([
      writer.write(good[0] as AuditEntry),
      writer.write(bad),
      writer.write(good[1] as AuditEntry),
      writer.write(good[2] as AuditEntry),
    ]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled', 'fulfilled']);
    const rows = await rowsOf(
      db,
      [...good, bad].map((e) => e.requestId),
    );
    expect(rows.map((r) => r.request_id)).toEqual(good.map((e) => e.requestId));
  });

  it('writes what is queued when closed, then refuses new entries', async () => {
    const writer = createAuditWriter(db);
    const entries = Array.from({ length: 6 }, () => entry());
    const writes = entries.map((e) => writer.write(e));
    await writer.close();
    expect(
      await rowsOf(
        db,
        entries.map((e) => e.requestId),
      ),
    ).toHaveLength(6);
    await Promise.all(writes);
    await expect(writer.write(entry())).rejects.toThrow('closed');
  });
});

describe.each(backends(import.meta.url))('audit group commit without its store on %s', (backend) => {
  it('refuses every waiting write, promptly and together', async () => {
    const { db, drop } = await freshDatabase(backend);
    const writer = createAuditWriter(db);
    await writer.write(entry());
    await drop();
    const results = await Promise.allSettled(Array.from({ length: 8 }, () => writer.write(entry())));
    expect(results.every((r) => r.status === 'rejected')).toBe(true);
    await writer.close();
  });
});
