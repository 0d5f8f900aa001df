import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createOmsorgData } from '../../simulators/case-data/index.js';
import { writeOmsorgExport } from '../../simulators/omsorg/export-file.js';
import { builtDist } from '../support/built-dist.js';
import { runLogged as run } from '../support/child-process.js';
import { freshDatabase } from '../support/databases.js';
import { needs } from '../support/requirements.js';

// The worker imports the compiled hub.
await builtDist();
const WORKER = new URL('./fixtures/sync-worker.mjs', import.meta.url).pathname;

describe.runIf(needs('postgres', import.meta.url))('two hub processes on one PostgreSQL', () => {
  it('never sync the same source at once: one runs it, the other sees the lease and stands back', async () => {
    const { db, url, drop } = await freshDatabase('postgres');
    try {
      const inbox = mkdtempSync(join(tmpdir(), 'arendenav-lease-'));
      await writeOmsorgExport(inbox, createOmsorgData({ cases: 400, seed: 31 }).list(), {
        fileName: 'omsorg-export-1.xml',
      });
      const startAt = String(Date.now() + 1500);
      const [a, b] = await Promise.all(
        ['hub-a', 'hub-b'].map((owner) =>
          run(process.execPath, [WORKER, url as string, owner, startAt, inbox], { timeout: 60_000 }),
        ),
      );
      const outcomes = [a, b]
        .map((r) => JSON.parse(r?.stdout.trim() ?? '{}'))
        .sort((x, y) => x.outcome.localeCompare(y.outcome));
      expect(outcomes.map((o) => o.outcome)).toEqual(['leased-elsewhere', 'ok']);
      expect(outcomes[1]).toMatchObject({ stored: 400, units: 1 });
      const { rows } = await db.query<{ owner: string; outcome: string }>(
        'SELECT owner, outcome FROM sync_runs',
      );
      expect(rows).toEqual([{ owner: outcomes[1].owner, outcome: 'ok' }]);
      const count = await db.query<{ n: string }>('SELECT count(*)::text AS n FROM cases');
      expect(count.rows[0]?.n).toBe('400');
    } finally {
      await drop();
    }
  });
});
