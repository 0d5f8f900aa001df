/** Test databases: every store test runs on embedded PGlite and on real PostgreSQL (TEST_DATABASE_URL). */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { connectPostgres, type Db, openEmbedded } from '../../store/db.js';
import { migrate } from '../../store/migrate.js';
import { missingMessage, needs } from './requirements.js';

export type Backend = 'pglite' | 'postgres';

const serverUrl = process.env.TEST_DATABASE_URL;

/**
 * The backends a test file (`import.meta.url`) runs on: both. Without a PostgreSQL server the file
 * fails (test/support/requirements.ts), unless the developer opted out: then PGlite only, reported.
 */
export function backends(fileUrl: string): Backend[] {
  return needs('postgres', fileUrl) ? ['pglite', 'postgres'] : ['pglite'];
}

/** A fresh, migrated database of the given kind; `drop` removes it. */
export async function freshDatabase(
  backend: Backend,
): Promise<{ db: Db; url?: string; drop: () => Promise<void> }> {
  if (backend === 'pglite') {
    const db = await openEmbedded();
    await migrate(db);
    return { db, drop: () => db.close() };
  }
  if (!serverUrl) throw new Error(missingMessage('postgres', 'A test asking freshDatabase("postgres")'));
  return freshPostgresDatabase(serverUrl);
}

/** A fresh, migrated database on the PostgreSQL server of `serverUrl` (a drill brings its own server). */
export async function freshPostgresDatabase(
  serverUrl: string,
  options: { max?: number } = {},
): Promise<{ db: Db; url: string; drop: () => Promise<void> }> {
  const name = `t_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const db = await connectPostgres(url.toString(), { max: options.max ?? 4 });
  await migrate(db);
  return {
    db,
    url: url.toString(),
    async drop() {
      await db.close();
      const c = new pg.Client({ connectionString: serverUrl });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}
