/** The data-dir lock's rules in one process; test/integration/data-dir-lock-cli.test.ts runs real processes. */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { assertDataDirFree, DataDirInUseError, lockDataDir } from './data-dir-lock.js';

let root: string;
const dir = () => join(root, 'pgdata');
afterEach(() => rmSync(root, { recursive: true, force: true }));
const fresh = () => {
  root = mkdtempSync(join(tmpdir(), 'arendenav-lock-unit-'));
};

/** The pid of a process that has exited. */
function deadPid(): number {
  const child = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))']);
  return Number(child.stdout.toString());
}

describe('lockDataDir', () => {
  it('refuses a second holder while the first holds it, and frees it on release', () => {
    fresh();
    const lock = lockDataDir(dir());
    expect(() => lockDataDir(dir())).toThrow(DataDirInUseError);
    expect(() => assertDataDirFree(dir())).toThrow(`data dir ${dir()} is in use by another arendenav`);
    lock.release();
    expect(existsSync(lock.path)).toBe(false);
    lockDataDir(dir()).release();
  });

  it('takes over a lock whose process is gone, or whose pid now belongs to another process', () => {
    fresh();
    const path = `${dir()}.lock`;
    writeFileSync(path, JSON.stringify({ pid: deadPid(), host: hostname(), nonce: 'x' }));
    const lock = lockDataDir(dir());
    expect(JSON.parse(readFileSync(path, 'utf8')).pid).toBe(process.pid);
    lock.release();
    // This very pid, but a process started at another time: the pid was reused.
    writeFileSync(path, JSON.stringify({ pid: process.pid, host: hostname(), started: '1', nonce: 'y' }));
    lockDataDir(dir()).release();
  });

  it('takes over a damaged lock file, and leaves another host’s lock alone', () => {
    fresh();
    const path = `${dir()}.lock`;
    writeFileSync(path, 'not json');
    lockDataDir(dir()).release();
    writeFileSync(path, JSON.stringify({ pid: deadPid(), host: 'elsewhere.example', nonce: 'z' }));
    expect(() => lockDataDir(dir())).toThrow(/on elsewhere\.example/);
  });

  it('does not remove a lock it no longer holds', () => {
    fresh();
    const lock = lockDataDir(dir());
    const other = JSON.stringify({ pid: process.pid, host: hostname(), nonce: 'other' });
    writeFileSync(lock.path, other);
    lock.release();
    expect(readFileSync(lock.path, 'utf8')).toBe(other);
  });
});
