/** The environment of a command that serves nothing (sync, retention, sealed-file): parsed once, errors said plainly. */
import { type Env, EnvError, loadEnv } from '../app/env.js';

/**
 * The environment for a one-off command. Nothing is served, so the demo-mode defaults (embedded
 * store, local keys) are allowed, but not against a real database (DATABASE_URL) without PERSON_REF_KEY
 * and CASE_ID_KEY.
 * A bad setting is told on stderr, naming the command; undefined then.
 *
 * @example
 * const env = toolEnv('sync', io);
 * if (!env) return 2;
 */
export function toolEnv(
  command: string,
  io: { err: (s: string) => void },
  needs: readonly ('PERSON_REF_KEY' | 'CASE_ID_KEY')[] = ['PERSON_REF_KEY', 'CASE_ID_KEY'],
): Env | undefined {
  try {
    const env = loadEnv('demo');
    // Against a real database, a missing key would write a random demo key and store (or seal)
    // everything under references no running hub can match: refuse instead.
    for (const key of needs) {
      if (env.DATABASE_URL && !env[key]) {
        io.err(
          `arendenav ${command}: ${key} is required with DATABASE_URL (the demo's own key is for the embedded store only)\n`,
        );
        return undefined;
      }
    }
    return env;
  } catch (error) {
    if (error instanceof EnvError) {
      io.err(`arendenav ${command}: ${error.message}\n`);
      return undefined;
    }
    throw error;
  }
}
