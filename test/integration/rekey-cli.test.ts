/**
 * Changing CASE_ID_KEY, as an operator does it, through the built command: the hub (and every command
 * that opens it) refuses the stored ids with a message naming the re-keying command; `arendenav db
 * rekey-case-ids` moves them, reporting counts only; a second run changes nothing; then the hub starts.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseEnv } from '../../app/env.js';
import { startHub } from '../../app/hub.js';
import { createCaseIdMinter } from '../../schemas/case-id.js';
import { createOmsorgData } from '../../simulators/case-data/index.js';
import { writeOmsorgExport } from '../../simulators/omsorg/export-file.js';
import { openEmbedded } from '../../store/db.js';
import { builtDist } from '../support/built-dist.js';
import { runLogged as run } from '../support/child-process.js';

const CLI = fileURLToPath(new URL('cli/main.js', await builtDist()));
const FIRST_KEY = 'rekey-cli-first-key-0123456789abcdef0123';
const SECOND_KEY = 'rekey-cli-second-key-0123456789abcdef012';
const CASES = 12;

type Failed = { code: number; stdout: string; stderr: string };

describe('arendenav db rekey-case-ids', () => {
  let dir: string;
  let env: Record<string, string | undefined>;
  const cli = (args: string[], caseIdKey: string) =>
    run(process.execPath, [CLI, ...args], { env: { ...env, CASE_ID_KEY: caseIdKey }, timeout: 60_000 });

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'arendenav-rekey-cli-'));
    mkdirSync(join(dir, 'inbox'));
    await writeOmsorgExport(join(dir, 'inbox'), createOmsorgData({ cases: CASES, seed: 95 }).list(), {
      fileName: 'export.xml',
    });
    writeFileSync(
      join(dir, 'sources.yaml'),
      'sources:\n  - { id: umea-omsorg-export, municipality: "2480", kind: xml-file, mapping: omsorg-xml/socialtjanst, config: { inboxDir: inbox } }\n',
    );
    env = {
      PATH: process.env.PATH,
      ARENDENAV_CONFIG: join(dir, 'sources.yaml'),
      ARENDENAV_DATA_DIR: join(dir, 'data'),
      LOG_LEVEL: 'warn',
    };
    const { stdout } = await cli(['sync', '--source', 'umea-omsorg-export', '--once'], FIRST_KEY);
    expect(JSON.parse(stdout.trim())).toMatchObject({ outcome: 'ok', stored: CASES });
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('with another key, a command that opens the hub refuses and names the re-keying command', async () => {
    const failed = (await cli(['sync', '--source', 'umea-omsorg-export', '--once'], SECOND_KEY).catch(
      (e) => e,
    )) as Failed;
    expect(failed.code).toBe(1);
    expect(failed.stderr).toContain('not minted with the configured CASE_ID_KEY');
    expect(failed.stderr).toContain('arendenav db rekey-case-ids');
    expect(failed.stderr).not.toContain(SECOND_KEY);
  });

  it('the hub refuses to start with it too, before it listens', async () => {
    const hubEnv = parseEnv(
      { ...env, CASE_ID_KEY: SECOND_KEY, PORT: '0', ARENDENAV_METRICS_PORT: 'off' },
      'demo',
    );
    await expect(startHub(hubEnv, 'demo', { startSync: false })).rejects.toThrow(
      /run `arendenav db rekey-case-ids`/,
    );
  });

  it('re-keys every case to the new key, prints counts only, and a second run changes nothing', async () => {
    const { stdout } = await cli(['db', 'rekey-case-ids'], SECOND_KEY);
    const counts = JSON.parse(stdout.trim());
    expect(counts).toMatchObject({ cases: CASES, auditEntries: 0, tombstones: 0, tombstonesLeft: 0 });
    expect(counts.history).toBeGreaterThanOrEqual(CASES);
    expect(Object.keys(counts).sort()).toEqual([
      'auditEntries',
      'cases',
      'history',
      'tombstones',
      'tombstonesLeft',
    ]);

    const again = await cli(['db', 'rekey-case-ids'], SECOND_KEY);
    expect(JSON.parse(again.stdout.trim())).toEqual({
      cases: 0,
      history: 0,
      auditEntries: 0,
      tombstones: 0,
      tombstonesLeft: 0,
    });
  });

  it('then the hub takes the new key, and every stored id is the one it mints', async () => {
    const { stdout } = await cli(['sync', '--source', 'umea-omsorg-export', '--once'], SECOND_KEY);
    expect(JSON.parse(stdout.trim())).toMatchObject({ outcome: 'ok' });
    const db = await openEmbedded(join(dir, 'data', 'pgdata'));
    try {
      const { rows } = await db.query<{
        id: string;
        municipality_code: string;
        source_system: string;
        source_id: string;
      }>('SELECT id::text, municipality_code, source_system, source_id FROM cases');
      const mint = createCaseIdMinter(SECOND_KEY);
      expect(rows).toHaveLength(CASES);
      for (const r of rows)
        expect(r.id).toBe(
          mint.mint({
            municipalityCode: r.municipality_code,
            sourceSystem: r.source_system,
            sourceId: r.source_id,
          }),
        );
    } finally {
      await db.close();
    }
  });

  it('against a real database it needs CASE_ID_KEY rather than make up a demo one', async () => {
    const failed = (await run(process.execPath, [CLI, 'db', 'rekey-case-ids'], {
      env: { PATH: process.env.PATH, DATABASE_URL: 'postgres://hub@db.invalid/arendenav' },
    }).catch((e) => e)) as Failed;
    expect(failed.code).toBe(2);
    expect(failed.stderr).toContain('CASE_ID_KEY is required with DATABASE_URL');
  });
});
