import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { createOmsorgData } from '../../simulators/case-data/index.js';
import { writeOmsorgExport } from '../../simulators/omsorg/export-file.js';
import { builtDist } from '../support/built-dist.js';
import { runLogged as run } from '../support/child-process.js';
import { cliWorkspace } from '../support/cli-workspace.js';

const CLI = fileURLToPath(new URL('cli/main.js', await builtDist()));

describe('arendenav sync --source <id> --once', () => {
  it('runs one configured source against the embedded store and prints the outcome', async () => {
    const ws = await cliWorkspace('cli');
    await writeOmsorgExport(ws.inbox, createOmsorgData({ cases: 15, seed: 91 }).list(), {
      fileName: 'export.xml',
    });
    const { stdout } = await ws.syncOnce({ timeout: 60_000 });
    expect(JSON.parse(stdout.trim())).toMatchObject({
      source: 'umea-omsorg-export',
      outcome: 'ok',
      stored: 15,
      units: 1,
    });
    // The export held personnummer in clear: once stored, the file is gone (no keepProcessed).
    expect(readdirSync(join(ws.inbox, 'processed'))).toEqual([]);
    expect(readdirSync(ws.inbox).sort()).toEqual(['failed', 'processed']);

    const unknown = await ws.cli(['sync', '--source', 'nowhere', '--once']).catch((e) => e);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('no source "nowhere" (configured: umea-omsorg-export)');
    ws.remove();
    // Two runs of the CLI, each opening the embedded store: on a loaded machine one took 18 s.
  }, 90_000);

  it('a demo that cannot start (a broken mapping) says why and exits instead of hanging', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'arendenav-cli-'));
    cpSync(new URL('../../mappings', import.meta.url).pathname, join(dir, 'mappings'), { recursive: true });
    const file = join(dir, 'mappings', 'byggr-arendeexport', 'bygglov.yaml');
    writeFileSync(file, readFileSync(file, 'utf8').replace('Pågående: in_progress', 'Pågående: working'));
    const env = {
      PATH: process.env.PATH,
      ARENDENAV_MAPPINGS_DIR: join(dir, 'mappings'),
      ARENDENAV_DATA_DIR: join(dir, 'data'),
      PORT: '0',
    };
    const failed = await run(process.execPath, [CLI, 'demo'], { env, timeout: 30_000 }).catch((e) => e);
    expect(failed.killed).toBe(false);
    expect(failed.code).toBe(1);
    expect(failed.stderr).toMatch(
      /bygglov\.yaml:\d+:\d+: tables\.status\.Pågående: "working" is not a canonical status/,
    );
    // The simulators wrote their first export (personnummer in clear) before the demo gave up.
    rmSync(dir, { recursive: true, force: true });
  });
});

describe('commands that serve nothing, against a real database', () => {
  it('refuse to run without PERSON_REF_KEY instead of making up a demo key', async () => {
    const failed = await run(process.execPath, [CLI, 'sync', '--source', 'x', '--once'], {
      env: { PATH: process.env.PATH, DATABASE_URL: 'postgres://hub@db.invalid/arendenav' },
    }).then(
      () => undefined,
      (e: { code: number; stderr: string }) => e,
    );
    expect(failed?.code).toBe(2);
    expect(failed?.stderr).toContain('PERSON_REF_KEY is required with DATABASE_URL');
  });
});
