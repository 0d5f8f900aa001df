/**
 * Which key the stored case ids were minted with (its fingerprint, never the key), so a hub started
 * with another key refuses instead of writing a second set of ids beside the first.
 */
import type { Queryable } from './db.js';

export const REKEY_COMMAND = 'arendenav db rekey-case-ids';

export type CaseIdKeyCheck =
  /** A fresh database: the current key is recorded and ids are minted with it from now on. */
  | 'recorded'
  | 'matches'
  /** The ids were minted with another key (or, with no key recorded, the old unkeyed scheme). */
  | 'mismatch';

export class CaseIdKeyMismatch extends Error {
  constructor() {
    super(
      `the stored case ids were not minted with the configured CASE_ID_KEY: run \`${REKEY_COMMAND}\` (as the schema owner, with the new CASE_ID_KEY) to re-key them, or start with the key they were minted with`,
    );
    this.name = 'CaseIdKeyMismatch';
  }
}

/** The recorded fingerprint, if any. */
export async function recordedCaseIdKey(db: Queryable): Promise<string | undefined> {
  const { rows } = await db.query<{ fingerprint: string }>('SELECT fingerprint FROM case_id_key');
  return rows[0]?.fingerprint;
}

/**
 * Compares `fingerprint` with the recorded one. Nothing recorded and no case stored: a fresh
 * database, which takes the current key. Nothing recorded but cases stored: they predate keyed ids.
 */
export async function checkCaseIdKey(db: Queryable, fingerprint: string): Promise<CaseIdKeyCheck> {
  const recorded = await recordedCaseIdKey(db);
  if (recorded !== undefined) return recorded === fingerprint ? 'matches' : 'mismatch';
  const { rows } = await db.query<{ stored: boolean }>(
    `SELECT EXISTS (SELECT 1 FROM cases) OR EXISTS (SELECT 1 FROM case_tombstones) AS stored`,
  );
  if (rows[0]?.stored) return 'mismatch';
  // Two hubs starting on one fresh database: the second finds the first's row and compares.
  await db.query('INSERT INTO case_id_key (fingerprint) VALUES ($1) ON CONFLICT (singleton) DO NOTHING', [
    fingerprint,
  ]);
  return (await recordedCaseIdKey(db)) === fingerprint ? 'recorded' : 'mismatch';
}

/** Throws CaseIdKeyMismatch (naming the re-keying command) unless the stored ids are the key's. */
export async function requireCaseIdKey(db: Queryable, fingerprint: string): Promise<void> {
  if ((await checkCaseIdKey(db, fingerprint)) === 'mismatch') throw new CaseIdKeyMismatch();
}

/** Records `fingerprint` as the key of the stored ids (the re-keying's last step, in its transaction). */
export async function recordCaseIdKeyIn(tx: Queryable, fingerprint: string): Promise<void> {
  await tx.query(
    `INSERT INTO case_id_key (fingerprint) VALUES ($1)
     ON CONFLICT (singleton) DO UPDATE SET fingerprint = excluded.fingerprint, recorded_at = now()
     WHERE case_id_key.fingerprint IS DISTINCT FROM excluded.fingerprint`,
    [fingerprint],
  );
}
