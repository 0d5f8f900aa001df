/** `arendenav db migrate|grant-app-role <role>`: schema changes and least privilege, run as the schema owner. */
import { EnvError, loadEnv } from '../app/env.js';
import { grantAppRole } from '../store/app-role.js';
import { connectPostgres } from '../store/db.js';
import { migrate } from '../store/migrate.js';

type Out = { out: (s: string) => void; err: (s: string) => void };

const USAGE = `Usage: arendenav db <migrate | grant-app-role <role>>
  migrate                 apply pending migrations (DATABASE_URL as the schema owner)
  grant-app-role <role>   give an existing role exactly what the running hub needs: read and write
                          cases and sync state, only SELECT and INSERT on audit_log (no UPDATE, DELETE
                          or TRUNCATE). Run the hub as that role; run migrations as the owner.
`;

export async function dbCommand(args: string[], io: Out): Promise<number> {
  const [action, role] = args;
  if (action !== 'migrate' && !(action === 'grant-app-role' && role)) {
    io.err(USAGE);
    return 2;
  }
  let url: string | undefined;
  try {
    url = loadEnv('demo').DATABASE_URL;
  } catch (error) {
    if (error instanceof EnvError) {
      io.err(`arendenav db: ${error.message}\n`);
      return 2;
    }
    throw error;
  }
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
