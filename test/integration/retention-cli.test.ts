/**
 * The operator's side of retention, through the built command: a source that keeps its processed
 * files keeps them sealed, `sealed-file open` shows one (refused where the production key is set unless
 * asked), and `retention run` reports counts only.
 */
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOmsorgData } from '../../simulators/case-data/index.js';
import { writeOmsorgExport } from '../../simulators/omsorg/export-file.js';
import { builtDist } from '../support/built-dist.js';
import { runLogged as run } from '../support/child-process.js';
import { clearPersonalData } from '../support/clear-personal-data.js';

const CLI = fileURLToPath(new URL('cli/main.js', await builtDist()));

describe('arendenav retention run and sealed-file open', () => {
  let dir: string;
  let env: Record<string, string | undefined>;
  let exported: string;
  let names: string[];

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'arendenav-retention-cli-'));
    mkdirSync(join(dir, 'inbox'));
    const records = createOmsorgData({ cases: 8, seed: 93 }).list();
    names = records.map((r) => r.Klient.Namn);
    const file = await writeOmsorgExport(join(dir, 'inbox'), records, {
      fileName: 'omsorg-export-20260504.xml',
    });
    exported = readFileSync(file.path, 'utf8');
    writeFileSync(
      join(dir, 'sources.yaml'),
      [
        'retention: { quarantineDays: 14, auditDays: 365 }',
        'sources:',
        '  - id: umea-omsorg-export',
        '    municipality: "2480"',
        '    kind: xml-file',
        '    mapping: omsorg-xml/socialtjanst',
        '    config: { inboxDir: inbox, keepProcessed: { days: 7 }, keepFailed: { days: 30 } }',
        '',
      ].join('\n'),
    );
    env = {
      PATH: process.env.PATH,
      ARENDENAV_CONFIG: join(dir, 'sources.yaml'),
      ARENDENAV_DATA_DIR: join(dir, 'data'),
      LOG_LEVEL: 'warn',
    };
    const { stdout } = await run(
      process.execPath,
      [CLI, 'sync', '--source', 'umea-omsorg-export', '--once'],
      {
        env,
        timeout: 60_000,
      },
    );
    expect(JSON.parse(stdout.trim())).toMatchObject({ outcome: 'ok', stored: 8 });
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

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
        removed: { quarantine: 0, audit: 0, files: 0 },
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
