/** The hub's store and keys: where the embedded store lives, opening and migrating it, and the secret keys. */
import { hkdfSync, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { connectPostgres, type Db, openEmbedded } from '../store/db.js';
import { migrate } from '../store/migrate.js';
import type { Env, Mode } from './env.js';

/** Where the embedded store keeps its files (and, beside them, the lock that one process holds). */
export function embeddedStoreDir(env: Pick<Env, 'ARENDENAV_DATA_DIR'>): string {
  return join(resolve(env.ARENDENAV_DATA_DIR), 'pgdata');
}

/** Opens the configured store: PostgreSQL when DATABASE_URL is set, else the embedded store in the data dir. */
export async function openStore(env: Env): Promise<Db> {
  const db = env.DATABASE_URL
    ? await connectPostgres(env.DATABASE_URL)
    : await openEmbedded(embeddedStoreDir(env));
  await migrate(db);
  return db;
}

/** A key from the environment, or in demo mode a random one kept in the data dir so it survives restarts. */
function configuredKey(value: string | undefined, name: string, file: string, env: Env, mode: Mode): string {
  if (value) return value;
  if (mode === 'production') throw new Error(`${name} is required in production mode`);
  const dir = resolve(env.ARENDENAV_DATA_DIR);
  const path = join(dir, file);
  if (!existsSync(path)) {
    mkdirSync(dir, { recursive: true });
    writeFileSync(path, randomBytes(32).toString('base64url'), { mode: 0o600 });
  }
  return readFileSync(path, 'utf8').trim();
}

/** Demo mode keeps a random person-reference key in the data dir so references survive restarts. */
export function personRefKey(env: Env, mode: Mode): string {
  return configuredKey(env.PERSON_REF_KEY, 'PERSON_REF_KEY', 'person-ref-key', env, mode);
}

/** The case id key (CASE_ID_KEY); demo mode keeps a random one in the data dir, like the person-reference key. */
export function caseIdKey(env: Env, mode: Mode): string {
  return configuredKey(env.CASE_ID_KEY, 'CASE_ID_KEY', 'case-id-key', env, mode);
}

/**
 * A key for one purpose, derived from the person-reference key (HKDF, its own label per purpose):
 * every instance already shares that key, so what is derived from it is shared too, and knowing a
 * derived key tells nothing about the key it came from.
 */
export function derivedKey(secret: string, purpose: string): Buffer {
  return Buffer.from(hkdfSync('sha256', secret, Buffer.alloc(0), `arendenav ${purpose} v1`, 32));
}
