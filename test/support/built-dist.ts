/**
 * The compiled hub (dist/) as the multi-process tests run it, built first whenever any of its inputs
 * changed since this helper last built it: a test can never run a stale build. One build at a time
 * across the run's worker processes (a lock directory), and a failed build fails the tests that need it.
 */
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const DIST = new URL('../../dist/', import.meta.url);
const FINGERPRINT = join(ROOT, 'dist', '.inputs-fingerprint');
const LOCK = join(ROOT, '.tmp', 'build.lock');
const run = promisify(execFile);

/** Path, size and modification time of every file the build reads: what `npm run build` turns into dist/. */
export function inputsFingerprint(): string {
  const config = JSON.parse(readFileSync(join(ROOT, 'tsconfig.build.json'), 'utf8')) as { include: string[] };
  const hash = createHash('sha256');
  const add = (path: string) => {
    const stat = statSync(path);
    hash.update(`${path}\0${stat.size}\0${stat.mtimeMs}\n`);
  };
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) =>
      a.name.localeCompare(b.name),
    )) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.isFile() && !entry.name.endsWith('.test.ts')) add(path);
    }
  };
  for (const file of ['package.json', 'tsconfig.json', 'tsconfig.build.json']) add(join(ROOT, file));
  for (const folder of config.include) walk(join(ROOT, folder));
  return hash.digest('hex');
}

function builtFingerprint(): string | undefined {
  try {
    return readFileSync(FINGERPRINT, 'utf8');
  } catch {
    return undefined;
  }
}

function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Holds the lock while `work` runs; a lock left by a process that died is taken over. */
async function withLock<T>(work: () => Promise<T>): Promise<T> {
  mkdirSync(join(ROOT, '.tmp'), { recursive: true });
  const deadline = Date.now() + 5 * 60_000;
  for (;;) {
    try {
      mkdirSync(LOCK);
      writeFileSync(join(LOCK, 'pid'), String(process.pid));
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const holder = Number(readFileSync(join(LOCK, 'pid'), { encoding: 'utf8', flag: 'a+' }));
      if (holder && !pidAlive(holder)) rmSync(LOCK, { recursive: true, force: true });
      else if (Date.now() > deadline) throw new Error(`waited 5 min for ${LOCK} (held by process ${holder})`);
      else await new Promise((r) => setTimeout(r, 250));
    }
  }
  try {
    return await work();
  } finally {
    rmSync(LOCK, { recursive: true, force: true });
  }
}

/**
 * dist/, built from the current sources. Call at a test file's top level before using it.
 *
 * @example
 * const CLI = fileURLToPath(new URL('cli/main.js', await builtDist()));
 */
export async function builtDist(): Promise<URL> {
  await withLock(async () => {
    const inputs = inputsFingerprint();
    if (builtFingerprint() === inputs) return;
    rmSync(FINGERPRINT, { force: true });
    try {
      await run('npm', ['run', '--silent', 'build'], { cwd: ROOT, maxBuffer: 64 * 1024 * 1024 });
    } catch (error) {
      const { stdout = '', stderr = '' } = error as { stdout?: string; stderr?: string };
      throw new Error(`npm run build failed, so the tests of dist/ cannot run:\n${stdout}${stderr}`);
    }
    // The inputs as they were when the build started: an edit during the build builds again next time.
    writeFileSync(FINGERPRINT, inputs);
  });
  return DIST;
}
