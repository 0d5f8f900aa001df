/** The environment of a command that serves nothing (sync, retention, sealed-file): parsed once, errors said plainly. */
import { type Env, EnvError, loadEnv } from '../app/env.js';

/**
 * The environment for a one-off command. Nothing is served, so the demo-mode defaults (embedded
 * store, local key) are allowed. A bad setting is told on stderr, naming the command; undefined then.
 *
 * @example
 * const env = toolEnv('sync', io);
 * if (!env) return 2;
 */
export function toolEnv(command: string, io: { err: (s: string) => void }): Env | undefined {
  try {
    return loadEnv('demo');
  } catch (error) {
    if (error instanceof EnvError) {
      io.err(`arendenav ${command}: ${error.message}\n`);
      return undefined;
    }
    throw error;
  }
}
