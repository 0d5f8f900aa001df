/**
 * What some tests need beyond Node: a PostgreSQL server, a RabbitMQ broker, Chromium, the openssl CLI.
 * A test that needs one and does not find it FAILS, saying what is missing and how to get it; it never
 * skips silently. A developer may opt out on purpose (ARENDENAV_TEST_SERVERS=none): the suites that
 * cannot run are then listed loudly at the end of the run (test/support/global-setup.ts), never in CI.
 */
import { execFileSync } from 'node:child_process';
import { appendFileSync, existsSync, mkdirSync } from 'node:fs';
import { dirname, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

export type Requirement = 'postgres' | 'rabbitmq' | 'chromium' | 'openssl';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
/** One line per suite that did not run because of the opt-out; read by the global setup's teardown. */
export const NOT_RUN_FILE = `${ROOT}.tmp/not-run-suites.txt`;

const HOW: Record<Requirement, { what: string; get: string }> = {
  postgres: {
    what: 'a PostgreSQL server (TEST_DATABASE_URL is not set)',
    get: 'set TEST_DATABASE_URL=postgres://user@host:port/db (scripts/ensure-postgres.sh starts one)',
  },
  rabbitmq: {
    what: 'a RabbitMQ broker (TEST_AMQP_URL is not set)',
    get: 'set TEST_AMQP_URL=amqp://guest:guest@127.0.0.1:5672 (scripts/ensure-rabbitmq.sh starts one)',
  },
  chromium: {
    what: 'Chromium (CHROMIUM_PATH is not set and neither /usr/bin/chromium nor /usr/bin/chromium-browser exists)',
    get: 'set CHROMIUM_PATH=/path/to/chromium (scripts/ensure-chromium.sh installs Debian’s)',
  },
  openssl: {
    what: 'the openssl command (not on the PATH)',
    get: 'install it (apt-get install openssl)',
  },
};

/** True when the developer chose to run without the servers they lack (never allowed in CI). */
export function optedOut(): boolean {
  const value = process.env.ARENDENAV_TEST_SERVERS;
  if (value === undefined || value === '') return false;
  if (value !== 'none') {
    throw new Error(
      `ARENDENAV_TEST_SERVERS="${value}": the only value is "none" (run without missing servers)`,
    );
  }
  if (process.env.CI === 'true') throw new Error('ARENDENAV_TEST_SERVERS=none is not allowed in CI');
  return true;
}

/** Where to find Chromium: CHROMIUM_PATH, else Debian's usual paths. */
export function chromiumExecutable(): string | undefined {
  const candidates = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'];
  return candidates.find((p): p is string => Boolean(p && existsSync(p)));
}

function hasOpenssl(): boolean {
  try {
    execFileSync('openssl', ['version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/** The requirement's address (URL, path, or the command's name) when this machine has it. */
export function locate(requirement: Requirement): string | undefined {
  switch (requirement) {
    case 'postgres':
      return process.env.TEST_DATABASE_URL || undefined;
    case 'rabbitmq':
      return process.env.TEST_AMQP_URL || undefined;
    case 'chromium':
      return chromiumExecutable();
    case 'openssl':
      return hasOpenssl() ? 'openssl' : undefined;
  }
}

/** The message a run without `requirement` fails with. */
export function missingMessage(requirement: Requirement, suite: string): string {
  const { what, get } = HOW[requirement];
  return [
    `${suite} needs ${what}.`,
    `Run every test with its servers: bash scripts/test.sh; or ${get}.`,
    'To run without it on purpose: ARENDENAV_TEST_SERVERS=none (the suites not run are listed at the end).',
  ].join('\n');
}

/**
 * The requirement's address, for a test file to call at load (`import.meta.url`). Missing, it throws
 * (the file fails with the message); opted out, it records the suite as not run and returns undefined,
 * which the file uses to leave out only what needs the server (`describe.runIf(needs(...))`).
 *
 * @example
 * const AMQP_URL = needs('rabbitmq', import.meta.url);
 * describe.runIf(AMQP_URL)('amqp connector against RabbitMQ', () => { … });
 */
export function needs(requirement: Requirement, fileUrl: string): string | undefined {
  const found = locate(requirement);
  if (found) return found;
  const suite = relative(ROOT, fileURLToPath(fileUrl));
  if (!optedOut()) throw new Error(missingMessage(requirement, suite));
  recordNotRun(suite, requirement);
  return undefined;
}

export function recordNotRun(suite: string, requirement: Requirement): void {
  mkdirSync(dirname(NOT_RUN_FILE), { recursive: true });
  appendFileSync(NOT_RUN_FILE, `${suite}\t${requirement}\n`);
}
