/** The Mina ärenden producers a hub answers for, and the address its events link to, from the environment. */
import { resolve } from 'node:path';
import { loadProducers, type Producers } from '../minaarenden/producers.js';
import type { Env, Mode } from './env.js';

/**
 * The producers file (ARENDENAV_MINA_ARENDEN) when named; otherwise the demo's built-in producers, or
 * none. Event links go to ARENDENAV_PUBLIC_URL, or in the demo to its own local address.
 *
 * @example
 * const minaArenden = minaArendenOptions(env, 'production');
 */
export function minaArendenOptions(
  env: Env,
  mode: Mode,
  demoProducers?: Producers,
): { producers: Producers; publicUrl?: string } {
  if (demoProducers && mode !== 'demo')
    throw new Error('built-in Mina ärenden keys are refused outside demo mode');
  const producers = env.ARENDENAV_MINA_ARENDEN
    ? loadProducers(resolve(env.ARENDENAV_MINA_ARENDEN))
    : (demoProducers ?? new Map());
  const publicUrl =
    env.ARENDENAV_PUBLIC_URL ??
    (mode === 'demo' && env.PORT !== 0 ? `http://localhost:${env.PORT}` : undefined);
  return { producers, ...(publicUrl ? { publicUrl } : {}) };
}
