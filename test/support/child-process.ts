/**
 * Processes a test starts (the compiled hub, its CLI, a worker), with everything they print to stdout
 * and stderr also appended to .tmp/test-output/, so that the personal-data scan after the suite
 * (scripts/scan-test-output.mjs) covers them too. Tests start processes only through these two.
 */
import {
  type ChildProcess,
  type ExecFileOptions,
  execFile,
  type SpawnOptions,
  spawn,
} from 'node:child_process';
import { appendFileSync, createWriteStream, mkdirSync } from 'node:fs';
import { basename, dirname } from 'node:path';

const OUTPUT = new URL('../../.tmp/test-output/', import.meta.url).pathname;

/** The file a child's output goes to: one per test worker and kind of child (`label`). */
export function childLogFile(label: string): string {
  mkdirSync(OUTPUT, { recursive: true });
  return `${OUTPUT}child-${label.replace(/[^\w.-]/g, '_')}-${process.pid}.txt`;
}

function labelOf(file: string, args: readonly string[]): string {
  const script = args.find((a) => a.endsWith('.js') || a.endsWith('.mjs'));
  // dist/cli/main.js → cli-main; fixtures/sync-worker.mjs → fixtures-sync-worker
  return script ? `${basename(dirname(script))}-${basename(script).replace(/\.m?js$/, '')}` : basename(file);
}

export type RunResult = { stdout: string; stderr: string };
/**
 * `stdoutIsData`: the command prints on stdout the data its operator asked for (`sealed-file open`
 * prints the export file), not a log; its stdout is then not written to the test output (its stderr is).
 */
export type RunOptions = ExecFileOptions & { stdoutIsData?: boolean };
/** What a failed run rejects with, as `execFile` does: the exit code and both outputs. */
export type RunFailure = Error & RunResult & { code?: number | string; killed?: boolean; signal?: string };

/** Like `promisify(execFile)` (utf8 output), and the output is logged whether the process succeeds or not. */
export function runLogged(
  file: string,
  args: readonly string[],
  { stdoutIsData = false, ...options }: RunOptions = {},
): Promise<RunResult> {
  const log = childLogFile(labelOf(file, args));
  return new Promise((resolve, reject) => {
    execFile(
      file,
      args,
      { maxBuffer: 64 * 1024 * 1024, ...options, encoding: 'utf8' },
      (error, stdout, stderr) => {
        appendFileSync(
          log,
          `${stdoutIsData ? '[stdout: the data asked for, not logged]\n' : stdout}${stderr}`,
        );
        if (error) reject(Object.assign(error, { stdout, stderr }) as RunFailure);
        else resolve({ stdout, stderr });
      },
    );
  });
}

/** Like `spawn`, with stdout and stderr always piped (a caller may read them too) and teed to the log. */
export function spawnLogged(file: string, args: readonly string[], options: SpawnOptions = {}): ChildProcess {
  const child = spawn(file, args, { ...options, stdio: ['ignore', 'pipe', 'pipe'] });
  const log = createWriteStream(childLogFile(labelOf(file, args)), { flags: 'a' });
  child.stdout?.pipe(log, { end: false });
  child.stderr?.pipe(log, { end: false });
  child.once('close', () => log.end());
  return child;
}
