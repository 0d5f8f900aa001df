/**
 * The status copy's statement trigger (migrations 004, 027-029) on a PostgreSQL server: its work
 * stays bounded by the history rows of its own statement, however the cases table grew since the
 * session first planned it. One export file is one transaction: a plan made while `cases` held a
 * first batch, kept for the rest of the file, once read the whole primary key for every later batch.
 */
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeCase } from '../test/support/cases.js';
import { backends, freshDatabase } from '../test/support/databases.js';
import { REFERENCE_ONLY, upsertBatch } from './case-upsert.js';
import type { Queryable } from './db.js';

/** Rows each plan node on `cases` read (rows × loops), from auto_explain's text plan. */
function casesRowsRead(plan: string): number[] {
  return plan
    .split('\n')
    .filter((line) => / on cases c\b/.test(line))
    .map((line) => {
      const m = /actual time=[\d.]+\.\.[\d.]+ rows=(\d+) loops=(\d+)/.exec(line);
      if (!m) throw new Error(`no actual rows in plan line: ${line}`);
      return Number(m[1]) * Number(m[2]);
    });
}

describe.runIf(backends(import.meta.url).includes('postgres'))('the status copy trigger', () => {
  let client: pg.Client;
  let drop: () => Promise<void>;
  const plans: string[] = [];

  beforeAll(async () => {
    const fresh = await freshDatabase('postgres');
    drop = fresh.drop;
    client = new pg.Client({ connectionString: fresh.url });
    await client.connect();
    client.on('notice', (n) => {
      if (n.message?.includes('UPDATE cases c')) plans.push(n.message);
    });
    // Every statement's plan, nested ones (the trigger's) too, reported to this client as a notice.
    await client.query(`LOAD 'auto_explain'`);
    for (const setting of [
      'auto_explain.log_min_duration = 0',
      'auto_explain.log_analyze = on',
      'auto_explain.log_nested_statements = on',
      'auto_explain.log_level = notice',
    ])
      await client.query(`SET ${setting}`);
  });
  afterAll(async () => {
    await client?.end();
    await drop?.();
  });

  it('probes only the cases of its batch after the table grew within the transaction', async () => {
    const tx: Queryable = {
      query: async (sql, params) => ({ rows: (await client.query(sql, params)).rows }),
      exec: async (sql) => {
        await client.query(sql);
      },
    };
    const batch = (prefix: string, n: number) =>
      Array.from({ length: n }, (_, i) =>
        makeCase({ sourceId: `${prefix}-${i}`, reference: `BN 2026-${prefix}${i}`, status: 'received' }),
      );
    await client.query('BEGIN');
    // The first batch: the session plans the trigger's statement while `cases` holds 50 rows.
    await upsertBatch(tx, batch('a', 50), REFERENCE_ONLY);
    // The rest of a large file: 5,000 more cases in the same transaction.
    await client.query(
      `INSERT INTO cases
       SELECT (jsonb_populate_record(NULL::cases, to_jsonb(c) || jsonb_build_object(
                 'id', gen_random_uuid(), 'source_id', 'grown-' || g, 'reference', 'BN 2026-g' || g,
                 'reference_key', 'bn2026g' || g))).*
         FROM (SELECT * FROM cases LIMIT 1) c, generate_series(1, 5000) g`,
    );
    plans.length = 0;
    await upsertBatch(tx, batch('b', 20), REFERENCE_ONLY);
    await client.query('COMMIT');

    expect(plans.length).toBeGreaterThan(0);
    for (const plan of plans) {
      const read = casesRowsRead(plan);
      expect(read.length, plan).toBeGreaterThan(0);
      // 20 cases probed by key, not a walk over 5,070.
      for (const rows of read) expect(rows, plan).toBeLessThanOrEqual(20);
    }
  });
});
