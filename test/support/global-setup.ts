/**
 * Once per test run: checks the opt-out (ARENDENAV_TEST_SERVERS), and at the end lists loudly every
 * suite that did not run because a server it needs was missing (test/support/requirements.ts).
 */
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { browserSuites } from './browser-suites.js';
import { locate, NOT_RUN_FILE, optedOut, recordNotRun } from './requirements.js';

export function setup(): void {
  rmSync(NOT_RUN_FILE, { force: true });
  // Throws on a value other than "none", and in CI.
  if (!optedOut()) return;
  // The browser suites are left out by the config itself (vitest.config.ts): record them here.
  if (!locate('chromium')) for (const suite of browserSuites()) recordNotRun(suite, 'chromium');
}

export function teardown(): void {
  if (!existsSync(NOT_RUN_FILE)) return;
  const lines = [...new Set(readFileSync(NOT_RUN_FILE, 'utf8').split('\n').filter(Boolean))].sort();
  if (lines.length === 0) return;
  const rule = '!'.repeat(78);
  const list = lines.map((line) => {
    const [suite, requirement] = line.split('\t');
    return `!!  ${suite}  (needs ${requirement})`;
  });
  process.stderr.write(
    [
      '',
      rule,
      `!!  ARENDENAV_TEST_SERVERS=none: ${lines.length} test file(s) NOT RUN in full (their tests needing these left out):`,
      ...list,
      '!!  Run everything with: bash scripts/test.sh',
      rule,
      '',
    ].join('\n'),
  );
}
