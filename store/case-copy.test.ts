/**
 * The bulk upsert (COPY and set-based SQL, PostgreSQL only) against the row-by-row path it replaces:
 * the same batches, in the same order, must leave the same outcomes, rows, history and outbox events.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { CanonicalCase } from '../schemas/case.js';
import { makeCase } from '../test/support/cases.js';
import { backends, freshDatabase } from '../test/support/databases.js';
import { bulkFits } from './case-copy.js';
import { removeBatch } from './case-removal.js';
import { REFERENCE_ONLY, upsertBatch } from './case-upsert.js';
import { connectPostgres, type Db, type Queryable } from './db.js';

/** Every batch, however small, on the bulk path where COPY is at hand. */
const ALL = { bulkFrom: 1 };
const T = (minute: number) => `2026-05-04T08:${String(minute).padStart(2, '0')}:00.000Z`;
const doc = (title: string) => ({ title, kind: 'beslut', receivedAt: T(0) });
const deadline = (dueAt: string, extended: boolean) => ({ dueAt, basis: 'SoL 4 kap.', extended });

/** First batch: cases to be changed, read again, outdated and deleted by the second. */
function first(): CanonicalCase[] {
  const b = makeCase({ sourceId: 'bk-b', status: 'received', updatedAt: T(1), documents: [doc('Ansökan')] });
  b.source.sourceVersion = 5;
  return [
    makeCase({ sourceId: 'bk-a', status: 'received', updatedAt: T(1) }),
    b,
    makeCase({ sourceId: 'bk-e', status: 'decided', updatedAt: T(9) }),
    makeCase({ sourceId: 'bk-c', status: 'received', updatedAt: T(1) }),
    makeCase({
      sourceId: 'bk-g',
      status: 'in_progress',
      updatedAt: T(1),
      documents: [doc('Ansökan')],
      deadline: deadline('2026-06-01', false),
    }),
  ];
}

/** Second batch, one of each outcome and event kind. */
function second(): CanonicalCase[] {
  const b = makeCase({ sourceId: 'bk-b', status: 'received', updatedAt: T(1), documents: [doc('Ansökan')] });
  b.source.sourceVersion = 9;
  b.source.fetchedAt = T(30);
  return [
    makeCase({ sourceId: 'bk-a', status: 'decided', updatedAt: T(2), awaiting: { who: 'applicant' } }),
    b,
    makeCase({
      sourceId: 'bk-d',
      status: 'in_progress',
      updatedAt: T(4),
      statusSince: T(3),
      statusHistory: [
        { code: 'received', sourceCode: 'REG', since: T(2) },
        { code: 'in_progress', sourceCode: 'HAND', since: T(3) },
      ],
    }),
    makeCase({ sourceId: 'bk-e', status: 'in_progress', updatedAt: T(8) }),
    makeCase({ sourceId: 'bk-c', status: 'decided', updatedAt: T(2) }),
    makeCase({
      sourceId: 'bk-g',
      status: 'in_progress',
      updatedAt: T(5),
      documents: [doc('Komplettering'), doc('Ansökan')],
      deadline: deadline('2026-06-01', true),
    }),
  ];
}

describe.runIf(backends(import.meta.url).includes('postgres'))('the bulk upsert on PostgreSQL', () => {
  let db: Db;
  let drop: () => Promise<void>;
  let url: string;

  beforeAll(async () => {
    const fresh = await freshDatabase('postgres');
    ({ db, drop } = fresh);
    url = fresh.url as string;
    await db.query(
      `INSERT INTO event_subscriptions (id, kind, active) VALUES ('bk-amqp', 'amqp', true) ON CONFLICT DO NOTHING`,
    );
  });
  beforeEach(async () => {
    for (const table of [
      'event_deliveries',
      'case_events',
      'case_status_history',
      'cases',
      'case_tombstones',
    ])
      await db.query(`DELETE FROM ${table}`);
  });
  afterAll(async () => drop());

  /** The row-by-row path: the same transaction without COPY. */
  const rowByRow = (tx: Queryable): Queryable => ({ query: tx.query.bind(tx), exec: tx.exec.bind(tx) });

  /** Both batches (the second twice in one transaction, as a sync unit's pages are); what they left. */
  async function run(bulk: boolean) {
    const via = (tx: Queryable) => (bulk ? tx : rowByRow(tx));
    await db.transaction(async (tx) => {
      expect(bulkFits(via(tx), first(), 1)).toBe(bulk);
      await upsertBatch(via(tx), first(), REFERENCE_ONLY, ALL);
    });
    const gone = first()[3] as CanonicalCase;
    await db.transaction((tx) => removeBatch(tx, [{ id: gone.id, at: T(3) }]));
    const outcomes = await db.transaction(async (tx) => [
      await upsertBatch(via(tx), second(), REFERENCE_ONLY, ALL),
      await upsertBatch(via(tx), second(), REFERENCE_ONLY, ALL),
    ]);
    const cases = await db.query(
      `SELECT id, status_code, status_since, status_source_code, content_hash, source_version::text, fetched_at,
              source_updated_at, doc, search::text FROM cases ORDER BY id`,
    );
    const history = await db.query(
      'SELECT case_id, seq, code, source_code, since FROM case_status_history ORDER BY case_id, seq',
    );
    const events = await db.query(
      'SELECT case_id, type, changed, data, occurred_at FROM case_events ORDER BY position',
    );
    const deliveries = await db.query('SELECT count(*)::int AS n FROM event_deliveries');
    return {
      outcomes,
      cases: cases.rows,
      history: history.rows,
      events: events.rows,
      deliveries: deliveries.rows,
    };
  }

  it('leaves what the row-by-row path leaves: outcomes, cases, status copies, history and events', async () => {
    const reference = await run(false);
    expect(reference.outcomes).toEqual([
      ['updated', 'unchanged', 'inserted', 'stale', 'stale', 'updated'],
      ['unchanged', 'unchanged', 'unchanged', 'stale', 'stale', 'unchanged'],
    ]);
    // One event per created case (the first batch's, D), the deletion of C, and per changed case (A, G).
    expect(reference.events.map((e) => [e.type, e.changed])).toEqual([
      ['created', ['status']],
      ['created', ['status', 'documents']],
      ['created', ['status']],
      ['created', ['status']],
      ['created', ['status', 'deadline', 'documents']],
      ['deleted', []],
      ['updated', ['status', 'awaiting']],
      ['created', ['status']],
      ['updated', ['deadline', 'documents']],
    ]);
    await db.query('DELETE FROM event_deliveries');
    for (const table of ['case_events', 'case_status_history', 'cases', 'case_tombstones'])
      await db.query(`DELETE FROM ${table}`);
    const bulk = await run(true);
    expect(bulk).toEqual(reference);
  });

  it('keeps the status columns a copy of the newest history entry', async () => {
    await run(true);
    const { rows } = await db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM cases c
         LEFT JOIN LATERAL (SELECT h.code, h.since, h.source_code FROM case_status_history h
                             WHERE h.case_id = c.id ORDER BY h.seq DESC LIMIT 1) AS h ON true
        WHERE (c.status_code, c.status_since, c.status_source_code) IS DISTINCT FROM (h.code, h.since, h.source_code)`,
    );
    expect(rows[0]?.n).toBe(0);
  });

  it('settles a case another writer inserted after the batch looked for it, by the same rule', async () => {
    const other = await connectPostgres(url, { max: 1 });
    try {
      for (const [round, otherWins] of [
        [0, false],
        [1, true],
      ] as const) {
        const older = makeCase({ sourceId: `bk-r${round}`, status: 'received', updatedAt: T(1) });
        const newer = makeCase({ sourceId: `bk-r${round}`, status: 'decided', updatedAt: T(2) });
        const [theirs, ours] = otherWins ? [newer, older] : [older, newer];
        let release!: () => void;
        const held = new Promise<void>((resolve) => {
          release = resolve;
        });
        let wrote!: () => void;
        const written = new Promise<void>((resolve) => {
          wrote = resolve;
        });
        const first = other.transaction(async (tx) => {
          await upsertBatch(tx, [theirs], REFERENCE_ONLY);
          wrote();
          await held;
        });
        await written;
        // The bulk batch finds no row (the other insert is not committed) and waits in its INSERT.
        const second = db.transaction((tx) => upsertBatch(tx, [ours], REFERENCE_ONLY, ALL));
        for (let waiting = 0; waiting === 0; ) {
          const { rows } = await db.query<{ n: number }>(
            `SELECT count(*)::int AS n FROM pg_stat_activity
              WHERE datname = current_database() AND wait_event_type = 'Lock'`,
          );
          waiting = rows[0]?.n ?? 0;
        }
        release();
        await first;
        expect(await second).toEqual([otherWins ? 'stale' : 'updated']);
        const { rows } = await db.query<{ status_code: string; history: string[]; events: string[] }>(
          `SELECT c.status_code,
                  ARRAY(SELECT h.code FROM case_status_history h WHERE h.case_id = c.id ORDER BY h.seq) AS history,
                  ARRAY(SELECT e.type FROM case_events e WHERE e.case_id = c.id ORDER BY e.position) AS events
             FROM cases c WHERE c.id = $1`,
          [newer.id],
        );
        expect(rows[0]).toEqual({
          status_code: 'decided',
          history: otherWins ? ['decided'] : ['received', 'decided'],
          events: otherWins ? ['created'] : ['created', 'updated'],
        });
      }
    } finally {
      await other.close();
    }
  });
});
