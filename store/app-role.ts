/**
 * Least privilege for the running hub. The owner of the schema runs migrations; the hub itself runs
 * as a role that may read and write what its work needs, and may only append to the audit log: no
 * UPDATE, DELETE or TRUNCATE there, and no way to drop the trigger that guards it (only owners can).
 * Its one way to remove audit entries is the retention function, for entries past their period.
 */
import type { Db } from './db.js';

/** What the hub does to each table, and nothing more. */
export const APP_ROLE_GRANTS: Readonly<Record<string, readonly string[]>> = {
  schema_migrations: ['SELECT'],
  // DELETE: a case thinned (gallrad) in its source is removed here too.
  cases: ['SELECT', 'INSERT', 'UPDATE', 'DELETE'],
  case_tombstones: ['SELECT', 'INSERT', 'UPDATE'],
  case_status_history: ['SELECT', 'INSERT'],
  sync_sources: ['SELECT', 'INSERT', 'UPDATE'],
  sync_runs: ['SELECT', 'INSERT', 'UPDATE'],
  quarantine: ['SELECT', 'INSERT', 'UPDATE', 'DELETE'],
  audit_log: ['SELECT', 'INSERT'],
  // DELETE: windows past their end are removed by the hub itself.
  rate_limit_hits: ['SELECT', 'INSERT', 'UPDATE', 'DELETE'],
  // A fresh database takes the hub's case id key; changing it is the owner's re-keying, never the hub's.
  case_id_key: ['SELECT', 'INSERT'],
  // UPDATE: answering, closing (which removes the sealed callback number) and reopening.
  contacts: ['SELECT', 'INSERT', 'UPDATE'],
  // Append-only like the audit log: every step of a contact is kept.
  contact_history: ['SELECT', 'INSERT'],
  // UPDATE: edits and the review's steps (submitted, published, withdrawn).
  knowledge_entries: ['SELECT', 'INSERT', 'UPDATE'],
  // Append-only: who proposed, edited and approved an entry.
  knowledge_history: ['SELECT', 'INSERT'],
  // UPDATE: the office's answer, and marking the one overdue alert sent.
  contact_tasks: ['SELECT', 'INSERT', 'UPDATE'],
  // UPDATE: the unit head corrects a month's total; who and when is in the audit log.
  contact_volumes: ['SELECT', 'INSERT', 'UPDATE'],
  // DELETE: events past their retention period (after every receiver has them).
  case_events: ['SELECT', 'INSERT', 'DELETE'],
  // UPDATE/DELETE: admins manage webhooks; the hub keeps its own receivers' rows.
  event_subscriptions: ['SELECT', 'INSERT', 'UPDATE', 'DELETE'],
  // UPDATE: claimed, delivered, retried, dead-lettered, replayed.
  event_deliveries: ['SELECT', 'INSERT', 'UPDATE', 'DELETE'],
  // UPDATE: a citizen changes their choice; DELETE: a choice under a reference a key rotation replaced.
  notification_choices: ['SELECT', 'INSERT', 'UPDATE', 'DELETE'],
  // UPDATE: a claimed message settled; DELETE: rows past their retention period.
  citizen_notifications: ['SELECT', 'INSERT', 'UPDATE', 'DELETE'],
};

/**
 * Functions the hub may call. audit_log_expire runs as the owner and removes only audit entries past
 * the retention period (at least 180 days old): the one way the hub's role can shorten the log.
 */
export const APP_ROLE_FUNCTIONS: readonly string[] = ['audit_log_expire(integer, integer)'];

const ROLE_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

/**
 * Grants `role` (which must exist) exactly APP_ROLE_GRANTS, revoking anything else it held on these
 * tables first, so running it again after a change leaves no stale privilege. Run as the owner.
 */
export async function grantAppRole(db: Db, role: string): Promise<void> {
  if (!ROLE_NAME.test(role)) throw new Error(`"${role}" is not a plain PostgreSQL role name (a-z, 0-9, _)`);
  if (db.kind !== 'postgres') throw new Error('roles exist only in PostgreSQL, not in the embedded store');
  const { rows } = await db.query<{ exists: boolean }>(
    'SELECT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = $1) AS exists',
    [role],
  );
  if (!rows[0]?.exists)
    throw new Error(`no role "${role}": create it first (CREATE ROLE ${role} LOGIN PASSWORD …)`);
  await db.transaction(async (tx) => {
    await tx.exec(`GRANT USAGE ON SCHEMA public TO ${role}`);
    for (const [table, privileges] of Object.entries(APP_ROLE_GRANTS)) {
      await tx.exec(`REVOKE ALL ON TABLE ${table} FROM ${role}`);
      await tx.exec(`GRANT ${privileges.join(', ')} ON TABLE ${table} TO ${role}`);
    }
    for (const fn of APP_ROLE_FUNCTIONS) {
      await tx.exec(`REVOKE ALL ON FUNCTION ${fn} FROM ${role}`);
      await tx.exec(`GRANT EXECUTE ON FUNCTION ${fn} TO ${role}`);
    }
    // bigserial ids (sync_runs, audit_log) draw from sequences.
    await tx.exec(`GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO ${role}`);
  });
}
