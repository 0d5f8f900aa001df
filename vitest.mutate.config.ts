/**
 * The test run StrykerJS uses for each mutant (`npm run mutate`, stryker.config.json): the suite
 * without the browser tests and the tests that only drive the compiled hub (dist/ is built from the
 * unmutated sources, so those can never kill a mutant and only cost time), nor the AMQP test, which
 * restarts the broker (once per mutant would be a long outage for anyone sharing it).
 *
 * `MUTATE_TESTS` (comma-separated globs) narrows the run to one folder's own tests, so that folder
 * gets a score in minutes instead of the hours the related-tests run takes on two cores:
 *   MUTATE_TESTS='policy/**\/*.test.ts' npm run mutate -- --mutate policy/access.ts
 */
import { defineConfig, mergeConfig } from 'vitest/config';
import { browserSuites } from './test/support/browser-suites.js';
import { config as base } from './vitest.config.js';

const PROCESS_ONLY = [
  'test/integration/sync-cli.test.ts',
  'test/integration/retention-cli.test.ts',
  'test/integration/lease.test.ts',
  'test/integration/serve-modules.test.ts',
];
const RESTARTS_SHARED_SERVERS = ['test/integration/amqp-connector.test.ts'];
const focus = process.env.MUTATE_TESTS?.split(',')
  .map((glob) => glob.trim())
  .filter(Boolean);

export const config = mergeConfig(
  base,
  defineConfig({
    test: { exclude: ['test/e2e/**', ...browserSuites(), ...PROCESS_ONLY, ...RESTARTS_SHARED_SERVERS] },
  }),
);
// mergeConfig appends arrays; a focused run replaces the include list instead.
if (focus?.length && config.test) config.test.include = focus;

// biome-ignore lint/style/noDefaultExport: vitest loads the config through its default export
export default config;
