/**
 * The operator's side of retention, through the built command: a source that keeps its processed
 * files keeps them sealed, `sealed-file open` shows one (refused where the production key is set unless
 * asked), and `retention run` reports counts only.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOmsorgData } from '../../simulators/case-data/index.js';
import { writeOmsorgExport } from '../../simulators/omsorg/export-file.js';
import { builtDist } from '../support/built-dist.js';
import { runLogged as run } from '../support/child-process.js';
import { clearPersonalData } from '../support/clear-personal-data.js';
import { type CliWorkspace, cliWorkspace } from '../support/cli-workspace.js';

const CLI = fileURLToPath(new URL('cli/main.js', await builtDist()));

describe('arendenav retention run and sealed-file open', () => {
  let ws: CliWorkspace;
  let dir: string;
  let env: Record<string, string | undefined>;
  let exported: string;
  let names: string[];

  beforeAll(async () => {
    ws = await cliWorkspace('retention-cli', {
      retention: '{ quarantineDays: 14, auditDays: 365 }',
      config: '{ inboxDir: inbox, keepProcessed: { days: 7 }, keepFailed: { days: 30 } }',
    });
    dir = ws.dir;
    env = ws.env;
    const records = createOmsorgData({ cases: 8, seed: 93 }).list();
    names = records.map((r) => r.Klient.Namn);
    const file = await writeOmsorgExport(ws.inbox, records, { fileName: 'omsorg-export-20260504.xml' });
    exported = readFileSync(file.path, 'utf8');
    const { stdout } = await ws.syncOnce({ timeout: 60_000 });
    expect(JSON.parse(stdout.trim())).toMatchObject({ outcome: 'ok', stored: 8 });
  });
  afterAll(() => ws.remove());

  it('keeps the processed file sealed only: nothing under the inbox in clear', () => {
    expect(readdirSync(join(dir, 'inbox', 'processed'))).toEqual([
      expect.stringMatching(/^\d{4}-\d\d-\d\dT[\d-]+Z-omsorg-export-20260504\.xml\.sealed$/),
    ]);
    expect(clearPersonalData(join(dir, 'inbox'), names)).toEqual([]);
  });

  it('opens a kept file for the operator, and refuses where the production key is set unless asked', async () => {
    const [sealed] = readdirSync(join(dir, 'inbox', 'processed'));
    const path = join(dir, 'inbox', 'processed', sealed as string);
    // What it prints is the export file itself, personal data the operator asked for: not a log.
    const { stdout } = await run(process.execPath, [CLI, 'sealed-file', 'open', path], {
      env,
      stdoutIsData: true,
    });
    expect(stdout).toBe(exported);

    const production = { ...env, PERSON_REF_KEY: 'a-production-key-that-is-long-enough-0123' };
    const refused = await run(process.execPath, [CLI, 'sealed-file', 'open', path], {
      env: production,
    }).catch((e) => e);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('add --in-production');
    expect(refused.stdout).toBe('');
    // Asked, it uses the production key, which did not seal this (demo) file: nothing is shown.
    const wrongKey = await run(process.execPath, [CLI, 'sealed-file', 'open', path, '--in-production'], {
      env: production,
    }).catch((e) => e);
    expect(wrongKey.code).toBe(1);
    expect(wrongKey.stderr).toContain('does not open with this key');
    expect(wrongKey.stdout).toBe('');
  });

  it('runs retention once (dry or not) and prints counts, nothing else', async () => {
    for (const args of [
      ['retention', 'run', '--dry-run'],
      ['retention', 'run'],
    ]) {
      const { stdout } = await run(process.execPath, [CLI, ...args], { env, timeout: 60_000 });
      expect(JSON.parse(stdout.trim())).toEqual({
        ran: true,
        dryRun: args.includes('--dry-run'),
        removed: { quarantine: 0, audit: 0, contacts: 0, events: 0, notifications: 0, files: 0 },
        auditError: null,
        fileErrors: 0,
      });
    }
    // Within its 7 days the sealed file stays.
    expect(readdirSync(join(dir, 'inbox', 'processed'))).toHaveLength(1);
    const usage = await run(process.execPath, [CLI, 'retention'], { env }).catch((e) => e);
    expect(usage.code).toBe(2);
    expect(usage.stderr).toContain('arendenav retention run [--dry-run]');
  });
});
