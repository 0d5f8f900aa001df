/**
 * `arendenav db migrate|grant-app-role <role>|rekey-case-ids`: schema changes, least privilege and
 * re-keying the case ids, run as the schema owner.
 */
import { type Env, EnvError, loadEnv } from '../app/env.js';
import { caseIdKey, openStore } from '../app/hub-store.js';
import { createCaseIdMinter } from '../schemas/case-id.js';
import { grantAppRole } from '../store/app-role.js';
import { rekeyCaseIds } from '../store/case-rekey.js';
import { connectPostgres } from '../store/db.js';
import { migrate } from '../store/migrate.js';

type Out = { out: (s: string) => void; err: (s: string) => void };

const USAGE = `Usage: arendenav db <migrate | grant-app-role <role> | rekey-case-ids>
  migrate                 apply pending migrations (DATABASE_URL as the schema owner)
  grant-app-role <role>   give an existing role exactly what the running hub needs: read and write
                          cases and sync state, only SELECT and INSERT on audit_log (no UPDATE, DELETE
                          or TRUNCATE). Run the hub as that role; run migrations as the owner.
  rekey-case-ids          mint every stored case id again under CASE_ID_KEY and rewrite it wherever it
                          is kept (cases, status history, audit log, tombstones), in one transaction;
                          after setting a new key, or once for ids from before keyed ids. Run as the
                          schema owner (DATABASE_URL), or on the embedded store (ARENDENAV_DATA_DIR)
                          with the hub stopped. Prints counts only; a second run changes nothing.
`;

/** Re-keys the case ids of the configured store (PostgreSQL, or the embedded one) and prints the counts. */
async function rekey(env: Env, io: Out): Promise<number> {
  if (env.DATABASE_URL && !env.CASE_ID_KEY) {
    io.err('arendenav db rekey-case-ids: CASE_ID_KEY is required with DATABASE_URL\n');
    return 2;
  }
  const caseIds = createCaseIdMinter(caseIdKey(env, 'demo'));
  const db = await openStore(env);
  try {
    io.out(`${JSON.stringify(await rekeyCaseIds(db, caseIds))}\n`);
    return 0;
  } catch (error) {
    io.err(`arendenav db: ${error instanceof Error ? error.message : String(error)}\n`);
    return 1;
  } finally {
    await db.close();
  }
}

export async function dbCommand(args: string[], io: Out): Promise<number> {
  const [action, role] = args;
  const known = action === 'migrate' || action === 'rekey-case-ids' || (action === 'grant-app-role' && role);
  if (!known || args.length > (action === 'grant-app-role' ? 2 : 1)) {
    io.err(USAGE);
    return 2;
  }
  let env: Env;
  try {
    env = loadEnv('demo');
  } catch (error) {
    if (error instanceof EnvError) {
      io.err(`arendenav db: ${error.message}\n`);
      return 2;
    }
    throw error;
  }
  if (action === 'rekey-case-ids') return rekey(env, io);
  const url = env.DATABASE_URL;
  if (!url) {
    io.err('arendenav db: DATABASE_URL is required (the embedded store has no roles and migrates itself)\n');
    return 2;
  }
  const db = await connectPostgres(url);
  try {
    if (action === 'migrate') {
      const applied = await migrate(db);
      io.out(applied.length ? `applied: ${applied.join(', ')}\n` : 'up to date\n');
    } else {
      await migrate(db);
      await grantAppRole(db, role as string);
      io.out(`granted the hub's privileges to ${role}\n`);
    }
    return 0;
  } catch (error) {
    io.err(`arendenav db: ${error instanceof Error ? error.message : String(error)}\n`);
    return 1;
  } finally {
    await db.close();
  }
}
