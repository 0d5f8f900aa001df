/** One SQL interface over two backends: a PostgreSQL server (`pg`) or the embedded PGlite store. */
import { mkdirSync } from 'node:fs';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { PGlite as PGliteInstance } from '@electric-sql/pglite';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { lockDataDir } from './data-dir-lock.js';

export type Row = Record<string, unknown>;

export interface Queryable {
  query<T extends Row = Row>(sql: string, params?: unknown[]): Promise<{ rows: T[] }>;
  /** Runs a script of several statements without parameters (migrations). */
  exec(sql: string): Promise<void>;
  /**
   * Streams `chunks` (COPY text format) into `COPY … FROM STDIN`: only inside a transaction on a
   * PostgreSQL server (PGlite has no COPY FROM STDIN over its query interface).
   */
  copyFrom?(sql: string, chunks: Iterable<string>): Promise<void>;
}

export interface Db extends Queryable {
  readonly kind: 'postgres' | 'pglite';
  /** Runs `fn` in one transaction; rolls back when it throws. */
  transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

// Keep timestamps as the server's text so they round-trip without a JS Date in between.
const TIMESTAMPTZ_OID = 1184;
const TIMESTAMP_OID = 1114;

/**
 * Connects to a PostgreSQL server.
 *
 * @example
 * const db = await connectPostgres('postgres://postgres@127.0.0.1:5432/arendenav');
 */
export async function connectPostgres(url: string, options: { max?: number } = {}): Promise<Db> {
  const pool = new pg.Pool({
    connectionString: url,
    max: options.max ?? 10,
    connectionTimeoutMillis: 5_000,
    idleTimeoutMillis: 30_000,
    types: {
      getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
        oid === TIMESTAMPTZ_OID || oid === TIMESTAMP_OID
          ? (v: string) => v
          : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
    },
  });
  // An idle client losing its server must not crash the process; the next query reports it.
  pool.on('error', () => {});
  await pool.query('SELECT 1');
  return {
    kind: 'postgres',
    async query<T extends Row>(sql: string, params?: unknown[]) {
      const r = await pool.query(sql, params as unknown[]);
      return { rows: r.rows as T[] };
    },
    async exec(sql: string) {
      await pool.query(sql);
    },
    async transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T> {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        const result = await fn({
          async query<R extends Row>(sql: string, params?: unknown[]) {
            const r = await client.query(sql, params as unknown[]);
            return { rows: r.rows as R[] };
          },
          async exec(sql: string) {
            await client.query(sql);
          },
          async copyFrom(sql: string, chunks: Iterable<string>) {
            await pipeline(Readable.from(chunks), client.query(copyFrom(sql)));
          },
        });
        await client.query('COMMIT');
        return result;
      } catch (error) {
        await client.query('ROLLBACK').catch(() => {});
        throw error;
      } finally {
        client.release();
      }
    },
    close: () => pool.end(),
  };
}

/**
 * Opens (creating if needed) the embedded PostgreSQL-compatible store in `dataDir`;
 * `dataDir` undefined gives an in-memory store for tests.
 */
export async function openEmbedded(dataDir?: string): Promise<Db> {
  if (dataDir) mkdirSync(dataDir, { recursive: true });
  // One process per data dir (PGlite does not check): a second one stops here with a clear message.
  const lock = dataDir ? lockDataDir(dataDir) : undefined;
  let lite: PGliteInstance;
  try {
    // Loaded only when used: a hub on a PostgreSQL server never pays for the embedded engine.
    const { PGlite } = await import('@electric-sql/pglite');
    const { pg_trgm } = await import('@electric-sql/pglite/contrib/pg_trgm');
    const { btree_gin } = await import('@electric-sql/pglite/contrib/btree_gin');
    lite = await PGlite.create(dataDir, {
      extensions: { pg_trgm, btree_gin },
      parsers: { [TIMESTAMPTZ_OID]: (v: string) => v, [TIMESTAMP_OID]: (v: string) => v },
    });
  } catch (error) {
    lock?.release();
    throw error;
  }
  return {
    kind: 'pglite',
    async query<T extends Row>(sql: string, params?: unknown[]) {
      const r = await lite.query<T>(sql, params);
      return { rows: r.rows };
    },
    async exec(sql: string) {
      await lite.exec(sql);
    },
    transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T> {
      return lite.transaction(async (tx) =>
        fn({
          async query<R extends Row>(sql: string, params?: unknown[]) {
            const r = await tx.query<R>(sql, params);
            return { rows: r.rows };
          },
          async exec(sql: string) {
            await tx.exec(sql);
          },
        }),
      );
    },
    async close() {
      try {
        await lite.close();
      } finally {
        lock?.release();
      }
    },
  };
}
