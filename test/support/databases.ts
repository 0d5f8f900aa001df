/** Test databases: every store test runs on embedded PGlite and, when a server is given, on real PostgreSQL. */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { connectPostgres, type Db, openEmbedded } from '../../store/db.js';
import { migrate } from '../../store/migrate.js';

export type Backend = 'pglite' | 'postgres';

const serverUrl = process.env.TEST_DATABASE_URL;
if (process.env.CI === 'true' && !serverUrl) {
  throw new Error(
    'CI must run the store tests against PostgreSQL: TEST_DATABASE_URL is not set (run scripts/test.sh).',
  );
}

/** The backends this run covers; CI always has both. */
export const BACKENDS: Backend[] = serverUrl ? ['pglite', 'postgres'] : ['pglite'];

/** A fresh, migrated database of the given kind; `drop` removes it. */
export async function freshDatabase(
  backend: Backend,
): Promise<{ db: Db; url?: string; drop: () => Promise<void> }> {
  if (backend === 'pglite') {
    const db = await openEmbedded();
    await migrate(db);
    return { db, drop: () => db.close() };
  }
  if (!serverUrl) throw new Error('TEST_DATABASE_URL is not set');
  const name = `t_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const db = await connectPostgres(url.toString(), { max: 4 });
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
