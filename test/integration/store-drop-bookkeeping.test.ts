/**
 * The database drops during a sync run (a real PostgreSQL: this test's own throwaway database has
 * its connections terminated and refused; the shared server is never touched). The run's outcome,
 * last error and failure count must not be lost with it: once the database is back, the sources
 * view shows the failed run.
 */
import { join } from 'node:path';
import pg from 'pg';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Connector, PullUnit } from '../../connectors/contract.js';
import { readExample } from '../../mappings/engine/examples.js';
import { shippedMappingsDir } from '../../mappings/location.js';
import type { Db } from '../../store/db.js';
import { freshDatabase } from '../support/databases.js';
import { needs } from '../support/requirements.js';
import { addSource, engineOn, mapperFor } from '../support/sync.js';

const serverUrl = needs('postgres', import.meta.url);
const placement = readExample(join(shippedMappingsDir(), 'ss12000/examples/forskola-placerad.json')).source;

let db: Db;
let name: string;
let drop: () => Promise<void>;

/** Runs `sql` on the server as the admin, outside the throwaway database. */
async function admin(sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/** Our own database only: refuse new connections and end the open ones. */
async function cutDatabase(): Promise<void> {
  await admin(`ALTER DATABASE ${name} ALLOW_CONNECTIONS false`);
  await admin(
    `SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '${name}' AND pid <> pg_backend_pid()`,
  );
}
const restoreDatabase = () => admin(`ALTER DATABASE ${name} ALLOW_CONNECTIONS true`);

const unit = (label: string): PullUnit => ({ batches: [[placement]], cursor: label, label });

async function runOf(id: string) {
  const { rows } = await db.query<{ outcome: string | null; finished: boolean }>(
    'SELECT outcome, finished_at IS NOT NULL AS finished FROM sync_runs WHERE source_id = $1 ORDER BY id',
    [id],
  );
  return rows;
}

describe.runIf(serverUrl)('when the database drops during a run', () => {
  beforeEach(async () => {
    const fresh = await freshDatabase('postgres');
    ({ db, drop } = fresh);
    name = new URL(fresh.url as string).pathname.slice(1);
    if (!/^t_[0-9a-f]{12}$/.test(name)) throw new Error('not a throwaway database');
  });
  afterEach(async () => {
    await restoreDatabase();
    await drop();
  });

  it('keeps the run’s outcome, last error and failure count and writes them once the database is back', async () => {
    const connector: Connector = {
      health: async () => ({ ok: true, detail: 'in-test' }),
      async *pull() {
        yield unit('page-1');
        await cutDatabase();
        yield unit('page-2');
      },
    };
    const { engine } = engineOn(db);
    await addSource(engine, 'umea-skola', connector, mapperFor('ss12000/placering'), {
      retry: { maxAttempts: 0, initialDelayMs: 10, maxDelayMs: 10 },
    });
    const run = await engine.runOnce('umea-skola');
    expect(run).toMatchObject({ outcome: 'failed', units: 1, error: 'the case store is not reachable' });

    await restoreDatabase();
    const [status] = await engine.status();
    expect(status).toMatchObject({
      lastError: 'the case store is not reachable',
      consecutiveFailures: 1,
      recordsIn: 1,
    });
    expect(await runOf('umea-skola')).toEqual([
      { outcome: 'the case store is not reachable', finished: true },
    ]);
  });

  it('records a run that could not even start, and counts it', async () => {
    const connector: Connector = {
      health: async () => ({ ok: true, detail: 'in-test' }),
      async *pull() {
        yield unit('page-1');
      },
    };
    const { engine } = engineOn(db);
    await addSource(engine, 'umea-skola', connector, mapperFor('ss12000/placering'));
    await cutDatabase();
    expect(await engine.runOnce('umea-skola')).toMatchObject({
      outcome: 'failed',
      error: 'the case store is not reachable',
    });
    await restoreDatabase();
    const [status] = await engine.status();
    expect(status).toMatchObject({ lastError: 'the case store is not reachable', consecutiveFailures: 1 });
    expect(status?.lastAttemptAt).not.toBeNull();
    expect(await runOf('umea-skola')).toEqual([
      { outcome: 'the case store is not reachable', finished: true },
    ]);
    // The next run, with the store back, succeeds and is counted as such.
    expect(await engine.runOnce('umea-skola')).toMatchObject({ outcome: 'ok', stored: 1 });
    expect((await engine.status())[0]).toMatchObject({ lastError: null, consecutiveFailures: 0 });
  });
});
