/**
 * One process per embedded data dir, with real processes: a second `arendenav` on a data dir in use
 * stops at once with a message naming the dir (no stack trace) while the first keeps serving, and a
 * lock left by a process killed with -9 does not block the next start. Runs dist/, built first.
 */
import type { ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { builtDist } from '../support/built-dist.js';
import { runLogged as run, spawnLogged } from '../support/child-process.js';

const CLI = fileURLToPath(new URL('cli/main.js', await builtDist()));
const dataDir = mkdtempSync(join(tmpdir(), 'arendenav-lock-'));
const env = {
  PATH: process.env.PATH,
  PORT: '0',
  HOST: '127.0.0.1',
  ARENDENAV_DATA_DIR: dataDir,
  ARENDENAV_METRICS_PORT: 'off',
  LOG_LEVEL: 'warn',
};
const children: ChildProcess[] = [];

/** Starts `arendenav demo` on the shared data dir and waits for its address. */
async function startDemo(): Promise<{ child: ChildProcess; url: string }> {
  const child = spawnLogged(process.execPath, [CLI, 'demo'], { env });
  children.push(child);
  let out = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    out += chunk.toString();
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    out += chunk.toString();
  });
  const deadline = Date.now() + 90_000;
  while (Date.now() < deadline) {
    const url = /is running on (http:\/\/\S+)/.exec(out)?.[1];
    if (url) return { child, url };
    if (child.exitCode !== null) throw new Error(`the demo exited (${child.exitCode}): ${out.slice(-500)}`);
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error('the demo did not start within 90 s');
}

/** A second process on the data dir: its exit code and stderr. */
async function second(args: string[]): Promise<{ code: number; stderr: string; ms: number }> {
  const started = Date.now();
  const result = await run(process.execPath, [CLI, ...args], { env, timeout: 30_000 }).then(
    () => ({ code: 0, stderr: '' }),
    (e: { code: number; stderr: string }) => ({ code: e.code, stderr: e.stderr }),
  );
  return { ...result, ms: Date.now() - started };
}

/** The store answers (readiness may lag while the demo's first syncs keep the embedded store busy). */
async function ready(url: string): Promise<number> {
  const deadline = Date.now() + 60_000;
  let status = 0;
  while (Date.now() < deadline) {
    status = (await fetch(`${url}/readyz`)).status;
    if (status === 200) break;
    await new Promise((r) => setTimeout(r, 500));
  }
  return status;
}

afterAll(async () => {
  for (const child of children)
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  rmSync(dataDir, { recursive: true, force: true });
});

describe('one arendenav per embedded data dir', () => {
  it('refuses a second process with the data dir named, keeps the first serving, and survives kill -9', async () => {
    const first = await startDemo();
    const lockFile = join(dataDir, 'pgdata.lock');
    expect(JSON.parse(readFileSync(lockFile, 'utf8')).pid).toBe(first.child.pid);

    // A second demo (stopped before its simulators start) and a second command that opens the store.
    for (const args of [['demo'], ['retention', 'run', '--dry-run']]) {
      const refused = await second(args);
      expect(refused.code).toBe(1);
      expect(refused.stderr).toContain(`data dir ${join(dataDir, 'pgdata')} is in use by another arendenav`);
      expect(refused.stderr).toContain(`process ${first.child.pid}`);
      expect(refused.stderr).not.toMatch(/\n\s+at /);
      expect(refused.ms).toBeLessThan(15_000);
    }
    // The refused ones did not take the lock away.
    expect(JSON.parse(readFileSync(lockFile, 'utf8')).pid).toBe(first.child.pid);
    expect(await ready(first.url)).toBe(200);

    // Killed without a chance to clean up: the lock file stays, naming a process that is gone.
    const gone = new Promise((done) => first.child.once('exit', done));
    first.child.kill('SIGKILL');
    await gone;
    expect(existsSync(lockFile)).toBe(true);

    const next = await startDemo();
    expect(await ready(next.url)).toBe(200);
    expect(JSON.parse(readFileSync(lockFile, 'utf8')).pid).toBe(next.child.pid);

    // A clean stop removes the lock.
    const stopped = new Promise((done) => next.child.once('exit', done));
    next.child.kill('SIGTERM');
    await stopped;
    expect(existsSync(lockFile)).toBe(false);
  }, 240_000);
});
