/**
 * The retention job removes exactly what is past its retention (quarantine entries, audit entries,
 * sealed export files), logs counts only, runs in one hub at a time, and the audit log still refuses
 * every ad-hoc DELETE and UPDATE.
 */
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createLogger } from '../app/logger.js';
import { createMetrics } from '../app/metrics.js';
import { xmlFileConnector } from '../connectors/xml-file/index.js';
import { createFileSealer } from '../person/sealed-file.js';
import { createOmsorgData } from '../simulators/case-data/index.js';
import { writeOmsorgExport } from '../simulators/omsorg/export-file.js';
import { expireAuditEntries } from '../store/audit-log.js';
import type { Db } from '../store/db.js';
import { RetentionSchema, type RetentionSettings } from '../sync/sources-config.js';
import { createSyncStore } from '../sync/sync-store.js';
import { TEST_PERSON_REF_KEY } from '../test/support/app.js';
import { backends, freshDatabase } from '../test/support/databases.js';
import { capturingDestination, recordMetrics } from '../test/support/log-sink.js';
import { addSource, engineOn, mapperFor } from '../test/support/sync.js';
import { createRetentionJob, RETENTION_LOCK_KEY } from './retention-job.js';

const DAY = 86_400_000;
const SUBJECT = 'kc-retention.tester';
const CASE_ID = '0b7f3c1e-6a7d-5b1f-9e3c-2a1d4f5e6b7c';

for (const backend of backends(import.meta.url)) {
  describe(`the retention job (${backend})`, () => {
    let db: Db;
    let url: string | undefined;
    let drop: () => Promise<void>;
    let inbox: string;
    let clock: Date;
    let lines: string[];

    beforeEach(async () => {
      ({ db, url, drop } = await freshDatabase(backend));
      inbox = mkdtempSync(join(tmpdir(), 'arendenav-retention-'));
      clock = new Date();
      lines = [];
    });
    afterEach(async () => {
      await drop();
      rmSync(inbox, { recursive: true, force: true });
    });

    /** A hub's engine with one xml-file source keeping processed files 7 days; and its retention job. */
    async function hub(settings: Partial<RetentionSettings> = {}) {
      const { engine } = engineOn(db);
      const connector = xmlFileConnector.create(
        xmlFileConnector.configSchema.parse({ inboxDir: inbox, keepProcessed: { days: 7 } }),
        { sealer: createFileSealer(TEST_PERSON_REF_KEY, 'export file'), now: () => clock },
      );
      await addSource(engine, 'umea-omsorg-export', connector, mapperFor('omsorg-xml/socialtjanst'));
      const { registry } = createMetrics({ defaultMetrics: false });
      const job = createRetentionJob({
        db,
        syncStore: createSyncStore(db),
        pruneFiles: engine.pruneKept,
        settings: RetentionSchema.parse(settings),
        logger: createLogger({ level: 'info', destination: capturingDestination(lines) }),
        registry,
      });
      return { engine, job, registry };
    }

    async function quarantine(id: string, daysAgo: number) {
      const sync = createSyncStore(db);
      await db.transaction((tx) =>
        sync.quarantineIn(tx, {
          sourceId: 'umea-omsorg-export',
          sourceRecordId: id,
          reasons: [{ path: 'status', message: 'unknown status' } as never],
          payload: Buffer.from('sealed'),
          mappingId: 'omsorg-xml/socialtjanst',
          mappingVersion: '1.0.0',
        }),
      );
      await db.query(
        `UPDATE quarantine SET first_seen_at = now() - make_interval(days => $2) WHERE source_record_id = $1`,
        [id, daysAgo],
      );
    }

    async function audit(requestId: string, daysAgo: number) {
      await db.query(
        `INSERT INTO audit_log (at, subject, role, action, case_id, shown, request_id)
         VALUES (now() - make_interval(days => $2), $3, 'infocenter', 'case.read', $4, '{status}', $1)`,
        [requestId, daysAgo, SUBJECT, CASE_ID],
      );
    }

    const left = async (sql: string) => (await db.query<{ id: string }>(sql)).rows.map((r) => r.id).sort();

    it('removes exactly what is past retention, counts a dry run first, and logs counts only', async () => {
      const { engine, job, registry } = await hub({ quarantineDays: 30, auditDays: 730 });
      // Two exports, processed five days apart: each kept sealed for 7 days from its own processing.
      const data = createOmsorgData({ cases: 6, seed: 21 });
      await writeOmsorgExport(inbox, data.list().slice(0, 3), { fileName: 'omsorg-export-20260501.xml' });
      clock = new Date(Date.now() - 8 * DAY);
      expect(await engine.runOnce('umea-omsorg-export')).toMatchObject({ outcome: 'ok', stored: 3 });
      await writeOmsorgExport(inbox, data.list().slice(3), { fileName: 'omsorg-export-20260506.xml' });
      clock = new Date(Date.now() - 3 * DAY);
      expect(await engine.runOnce('umea-omsorg-export')).toMatchObject({ outcome: 'ok', stored: 3 });
      clock = new Date();
      await quarantine('OMS-OLD', 31);
      await quarantine('OMS-EDGE', 29);
      await quarantine('OMS-NEW', 0);
      await audit('r-old', 800);
      await audit('r-older', 731);
      await audit('r-edge', 729);
      await audit('r-new', 0);

      const dry = await job.run({ dryRun: true });
      expect(dry).toEqual({
        ran: true,
        dryRun: true,
        removed: { quarantine: 1, audit: 2, contacts: 0, events: 0, notifications: 0, files: 1 },
        auditError: null,
        fileErrors: 0,
      });
      expect(await left('SELECT source_record_id AS id FROM quarantine')).toHaveLength(3);
      expect(await left('SELECT request_id AS id FROM audit_log')).toHaveLength(4);
      expect(readdirSync(join(inbox, 'processed'))).toHaveLength(2);

      expect(await job.run()).toEqual({
        ran: true,
        dryRun: false,
        removed: { quarantine: 1, audit: 2, contacts: 0, events: 0, notifications: 0, files: 1 },
        auditError: null,
        fileErrors: 0,
      });
      expect(await left('SELECT source_record_id AS id FROM quarantine')).toEqual(['OMS-EDGE', 'OMS-NEW']);
      expect(await left('SELECT request_id AS id FROM audit_log')).toEqual(['r-edge', 'r-new']);
      expect(readdirSync(join(inbox, 'processed'))).toEqual([
        expect.stringMatching(/^\d{4}-\d\d-\d\dT[\d-]+Z-omsorg-export-20260506\.xml\.sealed$/),
      ]);
      // Nothing left to do: a second run removes nothing.
      expect(await job.run()).toMatchObject({ removed: { quarantine: 0, audit: 0, files: 0 } });

      const retentionLines = lines.filter((l) => l.includes('retention'));
      expect(retentionLines.map((l) => JSON.parse(l).retention)).toEqual([
        {
          dryRun: true,
          quarantine: 1,
          audit: 2,
          contacts: 0,
          events: 0,
          notifications: 0,
          files: 1,
          auditError: null,
          fileErrors: 0,
        },
        {
          dryRun: false,
          quarantine: 1,
          audit: 2,
          contacts: 0,
          events: 0,
          notifications: 0,
          files: 1,
          auditError: null,
          fileErrors: 0,
        },
        {
          dryRun: false,
          quarantine: 0,
          audit: 0,
          contacts: 0,
          events: 0,
          notifications: 0,
          files: 0,
          auditError: null,
          fileErrors: 0,
        },
      ]);
      const logged = lines.join('\n');
      for (const secret of ['OMS-OLD', 'omsorg-export-2026', SUBJECT, CASE_ID, 'r-old', '.sealed'])
        expect(logged).not.toContain(secret);

      const metrics = await registry.metrics();
      recordMetrics(metrics);
      // The dry run counted nothing into the metric.
      expect(metrics).toContain('arendenav_retention_removed_total{what="quarantine"} 1');
      expect(metrics).toContain('arendenav_retention_removed_total{what="audit"} 2');
      expect(metrics).toContain('arendenav_retention_removed_total{what="file"} 1');
    });

    it('the audit log still refuses ad-hoc DELETE and UPDATE, and the retention function a period under 180 days', async () => {
      await audit('r-ancient', 5000);
      await expect(db.query('DELETE FROM audit_log')).rejects.toThrow(/append-only/);
      await expect(db.query(`DELETE FROM audit_log WHERE request_id = 'r-ancient'`)).rejects.toThrow(
        /append-only/,
      );
      await expect(db.query(`UPDATE audit_log SET subject = 'someone else'`)).rejects.toThrow(/append-only/);
      await expect(expireAuditEntries(db, { keepDays: 30, maxRows: 10, dryRun: false })).rejects.toThrow(
        /kept at least 180 days/,
      );
      // The function's permission to delete ends with its call, even inside the same transaction.
      await audit('r-ancient-2', 5000);
      await expect(
        db.transaction(async (tx) => {
          expect(await expireAuditEntries(tx, { keepDays: 180, maxRows: 1, dryRun: false })).toBe(1);
          await tx.query('DELETE FROM audit_log');
        }),
      ).rejects.toThrow(/append-only/);
      expect(await left('SELECT request_id AS id FROM audit_log')).toEqual(['r-ancient', 'r-ancient-2']);
      expect(await expireAuditEntries(db, { keepDays: 180, maxRows: 10, dryRun: false })).toBe(2);
    });

    it('runs on its schedule once started, and stop() waits for the run under way', async () => {
      const { engine } = await hub();
      const { registry } = createMetrics({ defaultMetrics: false });
      const job = createRetentionJob({
        db,
        syncStore: createSyncStore(db),
        pruneFiles: engine.pruneKept,
        settings: RetentionSchema.parse({}),
        logger: createLogger({ level: 'info', destination: capturingDestination(lines) }),
        registry,
        firstRunAfterMs: 5,
      });
      await audit('r-old', 800);
      job.start();
      await expect
        .poll(() => lines.filter((l) => l.includes('"retention run"')).length, { timeout: 5_000 })
        .toBe(1);
      await job.stop();
      expect(await left('SELECT request_id AS id FROM audit_log')).toEqual([]);
      expect(await registry.metrics()).toMatch(/arendenav_retention_last_run_timestamp_seconds \d/);
    });

    if (backend === 'postgres') {
      it('runs in one hub at a time: while another holds the lock, a run is skipped and removes nothing', async () => {
        const { job } = await hub();
        await audit('r-old', 800);
        const other = new pg.Client({ connectionString: url });
        await other.connect();
        try {
          await other.query('BEGIN');
          await other.query('SELECT pg_advisory_xact_lock($1)', [RETENTION_LOCK_KEY]);
          expect(await job.run()).toEqual({ ran: false, reason: 'running-elsewhere' });
          expect(await left('SELECT request_id AS id FROM audit_log')).toEqual(['r-old']);
          await other.query('ROLLBACK');
          expect(await job.run()).toMatchObject({ ran: true, removed: { audit: 1 } });
        } finally {
          await other.end();
        }
      });
    }
  });
}
