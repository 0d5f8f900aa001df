/**
 * A file is settled (deleted, kept sealed, or set aside) only after its unit's commit. Regression:
 * settling first would lose the file's cases when the commit then fails. The commit is made to fail
 * in the database itself; the file must still be in the inbox, and all of it stored once the
 * database takes commits again.
 */
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createOmsorgData } from '../../simulators/case-data/index.js';
import { writeOmsorgExport } from '../../simulators/omsorg/export-file.js';
import type { Db } from '../../store/db.js';
import { backends, freshDatabase } from '../../test/support/databases.js';
import { failCommits } from '../../test/support/failing-commit.js';
import { addSource, engineOn, mapperFor, storedStatuses } from '../../test/support/sync.js';
import { xmlFileConnector } from './index.js';

describe.each(backends(import.meta.url))('xml-file: settle after commit, on %s', (backend) => {
  let db: Db;
  let drop: () => Promise<void>;
  let inbox: string;

  beforeEach(async () => {
    ({ db, drop } = await freshDatabase(backend));
    inbox = mkdtempSync(join(tmpdir(), 'arendenav-settle-'));
  });
  afterEach(async () => {
    await drop();
    rmSync(inbox, { recursive: true, force: true });
  });

  it('leaves the file in the inbox when the commit fails, and stores all of it when the database is back', async () => {
    const data = createOmsorgData({ cases: 30, seed: 141 });
    const file = await writeOmsorgExport(inbox, data.list(), { fileName: 'omsorg-export-20260504.xml' });
    const hub = engineOn(db);
    await addSource(
      hub.engine,
      'umea-omsorg-export',
      xmlFileConnector.create(xmlFileConnector.configSchema.parse({ inboxDir: inbox })),
      mapperFor('omsorg-xml/socialtjanst'),
    );
    const commits = await failCommits(db);
    const failed = await hub.engine.runOnce('umea-omsorg-export');
    expect(failed.outcome).toBe('failed');
    expect(await commits.attempts()).toBeGreaterThanOrEqual(1);
    // The hub failed, not the file: it stays where it was, untouched, and is not reported as bad.
    expect(existsSync(file.path)).toBe(true);
    expect(readdirSync(join(inbox, 'processed'))).toEqual([]);
    expect(readdirSync(join(inbox, 'failed'))).toEqual([]);
    expect(await storedStatuses(db)).toEqual({});

    await commits.restore();
    expect(await hub.engine.runOnce('umea-omsorg-export')).toMatchObject({ outcome: 'ok', stored: 30 });
    expect(Object.keys(await storedStatuses(db)).sort()).toEqual(
      data
        .list()
        .map((r) => r.Diarienummer)
        .sort(),
    );
    expect(existsSync(file.path)).toBe(false);
  });
});
