/** Loads the bench cases through the store's real write path (upsertMany) and reports the rate. */
import type { CaseStore } from '../store/case-store.js';
import type { Db } from '../store/db.js';
import type { CaseGenerator } from './generate-cases.js';

export type LoadResult = {
  skipped: boolean;
  loaded: number;
  seconds: number;
  rowsPerSecond: number;
  vacuumSeconds: number;
  /** When skipped: what the load that filled the database measured, as it recorded it. */
  previous?: string;
};

export type LoadOptions = { batch: number; concurrency: number; log: (line: string) => void };

async function countCases(db: Db): Promise<number> {
  const { rows } = await db.query<{ n: string }>('SELECT count(*)::text AS n FROM cases');
  return Number(rows[0]?.n ?? 0);
}

/** The last load's rate is kept as the database's comment, so a run that skips loading can still print it. */
async function previousLoad(db: Db): Promise<string | undefined> {
  const { rows } = await db.query<{ note: string | null }>(
    `SELECT shobj_description(oid, 'pg_database') AS note FROM pg_database WHERE datname = current_database()`,
  );
  return rows[0]?.note ?? undefined;
}

async function recordLoad(db: Db, note: string): Promise<void> {
  // COMMENT takes no parameters; the note is built from numbers and a date only, never from input.
  const { rows } = await db.query<{ sql: string }>(
    `SELECT format('COMMENT ON DATABASE %I IS %L', current_database(), $1::text) AS sql`,
    [note],
  );
  if (rows[0]) await db.query(rows[0].sql);
}

async function exists(db: Db, id: string): Promise<boolean> {
  const { rows } = await db.query('SELECT 1 FROM cases WHERE id = $1', [id]);
  return rows.length > 0;
}

/**
 * Where loading has to start: nothing to do when the database already holds exactly this data
 * set, the middle of it after an interrupted load, or a clean table when it holds something else.
 */
async function startIndex(db: Db, gen: CaseGenerator, options: LoadOptions): Promise<number | 'done'> {
  const count = await countCases(db);
  if (count === 0) return 0;
  const first = await exists(db, gen.caseAt(0).id);
  if (count === gen.rows && first && (await exists(db, gen.caseAt(gen.rows - 1).id))) return 'done';
  if (count > gen.rows || !first) {
    options.log(`bench database holds ${count} other cases: emptying it`);
    await db.query('TRUNCATE cases CASCADE');
    return 0;
  }
  // Batches commit out of order when several are in flight; back up past any that may be missing.
  const resume = Math.max(0, (Math.floor(count / options.batch) - options.concurrency) * options.batch);
  options.log(
    `bench database holds ${count} of ${gen.rows} cases: resuming at ${resume} (upserts are idempotent)`,
  );
  return resume;
}

/**
 * Loads `gen.rows` cases in batches of `options.batch`, `options.concurrency` batches in flight so
 * that building the next batch in Node overlaps PostgreSQL writing the last one.
 */
export async function loadCases(
  db: Db,
  store: CaseStore,
  gen: CaseGenerator,
  options: LoadOptions,
): Promise<LoadResult> {
  const start = await startIndex(db, gen, options);
  if (start === 'done') {
    options.log(`bench database already holds exactly ${gen.rows} bench cases: not reloading`);
    const previous = await previousLoad(db);
    return {
      skipped: true,
      loaded: 0,
      seconds: 0,
      rowsPerSecond: 0,
      vacuumSeconds: 0,
      ...(previous ? { previous } : {}),
    };
  }
  const started = performance.now();
  let next = start;
  let done = 0;
  let reported = 0;
  const total = gen.rows - start;
  const worker = async () => {
    while (next < gen.rows) {
      const from = next;
      const to = Math.min(gen.rows, from + options.batch);
      next = to;
      const batch = [];
      for (let i = from; i < to; i++) batch.push(gen.caseAt(i));
      const outcomes = await store.upsertMany(batch);
      if (outcomes.length !== batch.length)
        throw new Error('upsertMany returned the wrong number of outcomes');
      done += batch.length;
      if (done - reported >= total / 20 || done === total) {
        reported = done;
        const seconds = (performance.now() - started) / 1000;
        options.log(
          `loaded ${start + done}/${gen.rows} (${Math.round(done / seconds)} rows/s, ${seconds.toFixed(0)} s)`,
        );
      }
    }
  };
  await Promise.all(Array.from({ length: options.concurrency }, worker));
  const seconds = (performance.now() - started) / 1000;
  const count = await countCases(db);
  if (count !== gen.rows) throw new Error(`expected ${gen.rows} cases after loading, found ${count}`);
  // A real store reaches this state through autovacuum; measuring before it would measure the load.
  const vacuumStarted = performance.now();
  options.log('VACUUM (ANALYZE) cases, case_status_history …');
  await db.query('VACUUM (ANALYZE) cases, case_status_history');
  const rowsPerSecond = total / seconds;
  await recordLoad(
    db,
    `${new Date().toISOString()}: ${total} cases${start > 0 ? ` (resumed at ${start})` : ''} ` +
      `in ${seconds.toFixed(1)} s = ${Math.round(rowsPerSecond)} rows/s, batches of ${options.batch}, ` +
      `${options.concurrency} in flight`,
  );
  return {
    skipped: false,
    loaded: total,
    seconds,
    rowsPerSecond,
    vacuumSeconds: (performance.now() - vacuumStarted) / 1000,
  };
}
