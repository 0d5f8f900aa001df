/**
 * The personal-data scan covers what processes started by tests print only if every such process
 * goes through test/support/child-process.ts and it really writes their output to .tmp/test-output.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { childLogFile, type RunFailure, runLogged, spawnLogged } from './child-process.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** Files that may start a process otherwise: tools whose output is discarded and is not the hub's. */
const ALLOWED = new Set([
  'test/support/child-process.ts',
  'test/support/child-process.test.ts', // names the module in its patterns
  'test/support/built-dist.ts', // `npm run build`, whose output becomes the error when it fails
  'test/support/requirements.ts', // `openssl version`, output ignored
  'test/support/throwaway-pki.ts', // openssl making certificates
  'test/support/throwaway-signing-cert.ts', // openssl making a signing certificate, output ignored
  'store/data-dir-lock.test.ts', // a bare node process that prints its own pid and exits
]);

function testCode(): string[] {
  const found: string[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      if (['node_modules', 'dist', '.tmp', '.tools', '.data', '.git'].includes(entry.name)) continue;
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (
        /\.test\.ts$/.test(entry.name) ||
        (/^test\//.test(relative(ROOT, path)) && /\.m?[tj]s$/.test(path))
      )
        found.push(relative(ROOT, path));
    }
  };
  walk(ROOT);
  return found;
}

describe('processes started by tests', () => {
  it('are started only through runLogged/spawnLogged', () => {
    const direct = testCode().filter(
      (file) =>
        !ALLOWED.has(file) && /from 'node:child_process'/.test(readFileSync(join(ROOT, file), 'utf8')),
    );
    // Importing only the ChildProcess type starts nothing.
    const starting = direct.filter(
      (file) =>
        !/^import type \{[^}]*\} from 'node:child_process'/m.test(readFileSync(join(ROOT, file), 'utf8')),
    );
    expect(starting).toEqual([]);
  });

  it('have stdout and stderr written to the test output, also when they fail', async () => {
    const marker = `marker-${Date.now()}`;
    const script = `console.log('${marker}-out'); console.error('${marker}-err'); process.exit(3)`;
    const failed = (await runLogged(process.execPath, ['-e', script]).catch((e) => e)) as RunFailure;
    expect(failed.code).toBe(3);
    expect(failed.stdout).toBe(`${marker}-out\n`);
    expect(failed.stderr).toBe(`${marker}-err\n`);
    const log = readFileSync(childLogFile('node'), 'utf8');
    expect(log).toContain(`${marker}-out`);
    expect(log).toContain(`${marker}-err`);
  });

  it('leave out only the stdout of a command that prints the data asked for, not a log', async () => {
    const marker = `marker-${Date.now()}`;
    const script = `console.log('${marker}-data'); console.error('${marker}-err')`;
    const { stdout } = await runLogged(process.execPath, ['-e', script], { stdoutIsData: true });
    expect(stdout).toBe(`${marker}-data\n`);
    const log = readFileSync(childLogFile('node'), 'utf8');
    expect(log).not.toContain(`${marker}-data`);
    expect(log).toContain(`${marker}-err`);
  });

  it('spawned ones too, while the caller still reads their output', async () => {
    const marker = `marker-${Date.now()}`;
    const child = spawnLogged(process.execPath, [
      '-e',
      `console.log('${marker}-out'); console.error('${marker}-err')`,
    ]);
    let seen = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      seen += chunk.toString();
    });
    await new Promise((done) => child.once('close', done));
    // The log stream flushes after the child closes.
    await new Promise((r) => setTimeout(r, 50));
    expect(seen).toBe(`${marker}-out\n`);
    const log = readFileSync(childLogFile('node'), 'utf8');
    expect(log).toContain(`${marker}-out`);
    expect(log).toContain(`${marker}-err`);
  });
});
