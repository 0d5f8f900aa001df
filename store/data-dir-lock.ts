/**
 * One process per embedded data dir: PGlite has no lock of its own, and two processes writing one
 * data dir corrupt it. A lock file beside the dir names its owner (pid, host, process start time);
 * a lock whose owner is gone (killed with -9, a crash) is taken over, a live owner's is refused.
 */
import { randomBytes } from 'node:crypto';
import { linkSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';

/** Another live process holds the data dir; the message names the dir and the owner, never a stack. */
export class DataDirInUseError extends Error {
  override name = 'DataDirInUseError';
}

export type DataDirLock = {
  /** The lock file (`<dir>.lock`). */
  readonly path: string;
  /** Removes the lock file if it is still this process's; also done when the process exits. */
  release(): void;
};

type Owner = { pid: number; host: string; started?: string; nonce: string };

/**
 * Takes the lock on `dir`, or throws `DataDirInUseError` when a live process holds it.
 *
 * @example
 * const lock = lockDataDir('/var/lib/arendenav/pgdata');
 * try { ... } finally { lock.release(); }
 */
export function lockDataDir(dir: string): DataDirLock {
  const path = `${dir}.lock`;
  const started = processStart(process.pid);
  const me: Owner = {
    pid: process.pid,
    host: hostname(),
    ...(started ? { started } : {}),
    nonce: randomBytes(8).toString('hex'),
  };
  const text = JSON.stringify(me);
  // Written whole to a file of our own, then linked into place: the lock file never exists half
  // written, and the link fails when another process got there first.
  const draft = `${path}.${process.pid}.${me.nonce}`;
  writeFileSync(draft, text, { mode: 0o600 });
  try {
    for (let attempt = 0; attempt < 3; attempt++) {
      try {
        linkSync(draft, path);
        return held(path, text);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      }
      const seen = readText(path);
      if (seen === undefined) continue; // removed meanwhile: try again
      const owner = parseOwner(seen);
      if (owner && isAlive(owner)) throw inUse(dir, owner);
      // Its owner is gone: remove it, unless another process replaced it since it was read.
      if (readText(path) === seen) removeQuietly(path);
    }
    throw new DataDirInUseError(
      `the embedded store's data dir ${dir} is being taken by another process at the same time; try again`,
    );
  } finally {
    removeQuietly(draft);
  }
}

/**
 * Throws `DataDirInUseError` when a live process holds `dir`, without taking the lock: for work that
 * must not start at all (the demo's simulators write into the data dir) before the store is opened.
 */
export function assertDataDirFree(dir: string): void {
  const seen = readText(`${dir}.lock`);
  const owner = seen === undefined ? undefined : parseOwner(seen);
  if (owner && isAlive(owner)) throw inUse(dir, owner);
}

function held(path: string, text: string): DataDirLock {
  const release = () => {
    process.removeListener('exit', release);
    if (readText(path) === text) removeQuietly(path);
  };
  process.once('exit', release);
  return { path, release };
}

function inUse(dir: string, owner: Owner): DataDirInUseError {
  const where = owner.host === hostname() ? `process ${owner.pid}` : `process ${owner.pid} on ${owner.host}`;
  return new DataDirInUseError(
    `the embedded store's data dir ${dir} is in use by another arendenav (${where}). ` +
      'Stop that one first, or give this one its own ARENDENAV_DATA_DIR (or a DATABASE_URL).',
  );
}

/** Whether the lock's owner still runs: a live pid that is the same process (not a pid reused since). */
function isAlive(owner: Owner): boolean {
  // Another host's processes cannot be seen from here: its lock stands until removed by hand.
  if (owner.host !== hostname()) return true;
  try {
    process.kill(owner.pid, 0);
  } catch (error) {
    // EPERM: it exists, but belongs to another user.
    if ((error as NodeJS.ErrnoException).code !== 'EPERM') return false;
  }
  const started = processStart(owner.pid);
  return owner.started === undefined || started === undefined || started === owner.started;
}

/** The process's start time in clock ticks since boot (Linux `/proc/<pid>/stat`, field 22), if known. */
function processStart(pid: number): string | undefined {
  const stat = readText(`/proc/${pid}/stat`);
  // The command name (field 2) may hold spaces and parentheses: count fields after its last ')'.
  const fields = stat?.slice(stat.lastIndexOf(')') + 2).split(' ');
  return fields?.[19];
}

function parseOwner(text: string): Owner | undefined {
  try {
    const value = JSON.parse(text) as Partial<Owner>;
    return Number.isInteger(value.pid) && typeof value.host === 'string' ? (value as Owner) : undefined;
  } catch {
    return undefined; // not ours, or damaged: nobody can be holding it
  }
}

function readText(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
}

function removeQuietly(path: string): void {
  try {
    unlinkSync(path);
  } catch {
    // already gone
  }
}
