/**
 * Least privilege on real PostgreSQL: the hub runs as a role that `arendenav db grant-app-role` set
 * up, does all its work, and cannot change, delete or truncate the audit log, nor switch off its guard.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../app/logger.js';
import { createMetrics } from '../../app/metrics.js';
import { createPersonRefHasher } from '../../person/person-ref.js';
import { loadPolicy } from '../../policy/load-policy.js';
import { searchIndexRule } from '../../policy/protected-identity.js';
import { createRetentionJob } from '../../retention/retention-job.js';
import { createCaseIdMinter } from '../../schemas/case-id.js';
import { grantAppRole } from '../../store/app-role.js';
import { createAuditLog, expireAuditEntries } from '../../store/audit-log.js';
import { checkCaseIdKey } from '../../store/case-id-key.js';
import { rekeyCaseIds } from '../../store/case-rekey.js';
import { createCaseStore } from '../../store/case-store.js';
import { createContactStore } from '../../store/contact-store.js';
import { connectPostgres, type Db } from '../../store/db.js';
import { migrate } from '../../store/migrate.js';
import { RetentionSchema } from '../../sync/sources-config.js';
import { createSyncStore } from '../../sync/sync-store.js';
import { TEST_PERSON_REF_KEY } from '../support/app.js';
import { builtDist } from '../support/built-dist.js';
import { makeCase, TEST_CASE_ID_KEY } from '../support/cases.js';
import { runLogged as run } from '../support/child-process.js';
import { backends, freshDatabase } from '../support/databases.js';
import { fixtureCases } from '../support/fixtures.js';

const CLI = fileURLToPath(new URL('cli/main.js', await builtDist()));

describe('grant-app-role on the embedded store', () => {
  it('says roles exist only in PostgreSQL instead of pretending to grant', async () => {
    const embedded = await freshDatabase('pglite');
    try {
      await expect(grantAppRole(embedded.db, 'hub_app')).rejects.toThrow(/only in PostgreSQL/);
    } finally {
      await embedded.drop();
    }
  });
});

// Roles exist only in PostgreSQL; without a server this file fails (test/support/requirements.ts).
for (const backend of backends(import.meta.url).filter((b) => b === 'postgres')) {
  describe(`the hub's database role (${backend})`, () => {
    const role = `hub_${randomBytes(4).toString('hex')}`;
    let owner: Awaited<ReturnType<typeof freshDatabase>>;
    let app: Db;

    const asOwner = async (sql: string) => {
      const client = new pg.Client({ connectionString: owner.url });
      await client.connect();
      try {
        await client.query(sql);
      } finally {
        await client.end();
      }
    };

    beforeAll(async () => {
      owner = await freshDatabase('postgres');
      await asOwner(`CREATE ROLE ${role} LOGIN`);
      const { stdout } = await run(process.execPath, [CLI, 'db', 'grant-app-role', role], {
        env: { PATH: process.env.PATH, DATABASE_URL: owner.url },
      });
      expect(stdout).toContain(`granted the hub's privileges to ${role}`);
      const url = new URL(owner.url as string);
      url.username = role;
      app = await connectPostgres(url.toString(), { max: 2 });
    });
    afterAll(async () => {
      await app?.close();
      await owner?.drop();
      const client = new pg.Client({ connectionString: process.env.TEST_DATABASE_URL });
      await client.connect();
      await client.query(`DROP ROLE IF EXISTS ${role}`);
      await client.end();
    });

    it('starts (nothing to migrate), stores cases, updates them and appends to the audit log', async () => {
      expect(await migrate(app)).toEqual([]);
      // A fresh database takes the hub's case id key, as the hub records it at start.
      expect(await checkCaseIdKey(app, createCaseIdMinter(TEST_CASE_ID_KEY).fingerprint)).toBe('recorded');
      const store = createCaseStore(app, { searchIndex: searchIndexRule(loadPolicy()) });
      const cases = Object.values(fixtureCases(createPersonRefHasher(TEST_PERSON_REF_KEY)));
      await store.upsertMany(cases);
      const first = cases[0] as (typeof cases)[number];
      const later = makeCase({
        ...first,
        sourceId: first.source.sourceId,
        status: 'decided',
        updatedAt: '2026-05-30T08:00:00.000Z',
      });
      await store.upsertMany([{ ...later, id: first.id }]);
      expect((await store.get(first.id))?.case.status.code).toBe('decided');
      const audit = createAuditLog(app);
      await audit.write({
        subject: 'kc-test',
        role: 'infocenter',
        action: 'case.read',
        caseId: first.id,
        shown: ['status'],
        masked: [],
        requestId: 'r-1',
      });
      expect((await audit.find({ caseId: first.id, limit: 5 }))[0]?.subject).toBe('kc-test');
    });

    it('keeps sync state, runs and the quarantine as the engine does', async () => {
      const sync = createSyncStore(app);
      await sync.ensureSource('umea-byggr');
      expect(await sync.acquireLease('umea-byggr', 'hub-a', 60_000)).toBe(true);
      const run = await sync.startRun('umea-byggr', 'hub-a');
      await sync.noteAttempt('umea-byggr');
      await app.transaction(async (tx) => {
        await sync.quarantineIn(tx, {
          sourceId: 'umea-byggr',
          sourceRecordId: 'rec-1',
          reasons: [{ field: 'status', message: 'unknown status code' } as never],
          payload: Buffer.from('sealed'),
          mappingId: 'byggr-arendeexport/bygglov',
          mappingVersion: '1.1.0',
        });
        await sync.setCursorIn(tx, 'umea-byggr', 'cursor-1', { stored: 1, quarantined: 1 });
      });
      await app.transaction((tx) => sync.releaseQuarantinedIn(tx, 'umea-byggr', ['rec-1']));
      await sync.noteFailure('umea-byggr', 'timeout');
      await sync.noteSuccess('umea-byggr');
      await sync.finishRun(run, 'ok', { stored: 1, quarantined: 1, units: 1 });
      await sync.releaseLease('umea-byggr', 'hub-a');
      expect(await sync.cursor('umea-byggr')).toBe('cursor-1');
      expect(await sync.quarantined('umea-byggr')).toEqual([]);
    });

    it.each([
      ['TRUNCATE', 'TRUNCATE audit_log'],
      ['DELETE', 'DELETE FROM audit_log'],
      ['UPDATE', "UPDATE audit_log SET subject = 'someone else'"],
      ['switching off the append-only trigger', 'ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_change'],
      ['dropping the table', 'DROP TABLE audit_log'],
    ])('cannot tamper with the audit log: %s', async (_what, sql) => {
      await expect(app.query(sql)).rejects.toThrow(/permission denied|must be owner/);
      const { rows } = await app.query<{ n: string }>('SELECT count(*)::text AS n FROM audit_log');
      expect(Number(rows[0]?.n)).toBeGreaterThan(0);
    });

    it('registers, answers and closes a contact, and can only append to its history', async () => {
      const contacts = createContactStore(app);
      const id = randomUUID();
      const at = '2026-06-01T10:00:00.000Z';
      const actor = { subject: 'kc-test', role: 'infocenter', municipality: '2480', office: 'KC' };
      await contacts.insert(
        {
          id,
          municipality: '2480',
          channel: 'phone',
          language: 'sv',
          topic: 'bygglov',
          question: 'Fråga.',
          ownerSubject: 'kc-test',
          ownerMunicipality: '2480',
          ownerOffice: 'KC',
          personRef: null,
          callbackSealed: Buffer.from('sealed'),
          caseIds: [],
          recordArrivedOn: null,
          recordDiarienummer: null,
          createdAt: at,
        },
        actor,
      );
      expect(await contacts.change({ id, from: 'open', step: 'answered', at, actor, answer: 'Svar.' })).toBe(
        true,
      );
      expect(
        await contacts.change({ id, from: 'open', step: 'closed', at, actor, outcome: 'answered_directly' }),
      ).toBe(true);
      expect((await contacts.get(id))?.callbackSealed).toBeNull();
      expect((await contacts.history(id)).map((h) => h.step)).toEqual(['registered', 'answered', 'closed']);
      await expect(
        app.query(`DELETE FROM contact_history WHERE contact_id = $1::uuid`, [id]),
      ).rejects.toThrow(/permission denied/);
      await expect(app.query(`UPDATE contact_history SET subject = 'x'`)).rejects.toThrow(
        /permission denied/,
      );
      await expect(app.query(`DELETE FROM contacts WHERE id = $1::uuid`, [id])).rejects.toThrow(
        /permission denied/,
      );
    });

    it('cannot re-key case ids: that rewrites history and audit entries, which only the owner may', async () => {
      const other = createCaseIdMinter('another-case-id-key-0123456789abcdef012');
      await expect(rekeyCaseIds(app, other)).rejects.toThrow(/permission denied/);
      await expect(app.query(`UPDATE case_id_key SET fingerprint = 'cik1_x'`)).rejects.toThrow(
        /permission denied/,
      );
      expect(await checkCaseIdKey(app, other.fingerprint)).toBe('mismatch');
    });

    it('removes audit entries past retention only through audit_log_expire, never by a DELETE of its own', async () => {
      // Entries written long ago (the owner may set `at`; the hub always writes now()).
      await asOwner(`INSERT INTO audit_log (at, subject, role, action, shown, request_id)
        VALUES (now() - interval '800 days', 'kc-old', 'infocenter', 'case.search', '{}', 'r-old'),
               (now() - interval '700 days', 'kc-kept', 'infocenter', 'case.search', '{}', 'r-kept')`);
      const before = await app.query<{ n: string }>('SELECT count(*)::text AS n FROM audit_log');
      await expect(app.query(`DELETE FROM audit_log WHERE request_id = 'r-old'`)).rejects.toThrow(
        /permission denied/,
      );
      // The setting the function uses for its own transaction opens nothing to the hub's role.
      await expect(
        app.transaction(async (tx) => {
          await tx.query(`SELECT set_config('arendenav.audit_expire_before', '2999-01-01', true)`);
          await tx.query('DELETE FROM audit_log');
        }),
      ).rejects.toThrow(/permission denied/);
      // Nor can it ask the function for a period that would wipe recent history.
      await expect(app.query('SELECT audit_log_expire(1, 1000000)')).rejects.toThrow(/at least 180 days/);
      expect(await expireAuditEntries(app, { keepDays: 730, maxRows: 1000, dryRun: true })).toBe(1);
      expect(await expireAuditEntries(app, { keepDays: 730, maxRows: 1000, dryRun: false })).toBe(1);
      const { rows } = await app.query<{ request_id: string }>(
        `SELECT request_id FROM audit_log WHERE request_id IN ('r-old', 'r-kept')`,
      );
      expect(rows.map((r) => r.request_id)).toEqual(['r-kept']);
      const after = await app.query<{ n: string }>('SELECT count(*)::text AS n FROM audit_log');
      expect(Number(after.rows[0]?.n)).toBe(Number(before.rows[0]?.n) - 1);
      // Only roles granted it may call the function: not PUBLIC.
      const { rows: acl } = await app.query<{ public: boolean; hub: boolean }>(
        `SELECT has_function_privilege('public', 'audit_log_expire(integer, integer)', 'EXECUTE') AS public,
                has_function_privilege($1, 'audit_log_expire(integer, integer)', 'EXECUTE') AS hub`,
        [role],
      );
      expect(acl[0]).toEqual({ public: false, hub: true });
    });

    it('expires quarantine entries past retention as the retention job does', async () => {
      const sync = createSyncStore(app);
      await app.transaction((tx) =>
        sync.quarantineIn(tx, {
          sourceId: 'umea-byggr',
          sourceRecordId: 'rec-old',
          reasons: [],
          payload: Buffer.from('sealed'),
          mappingId: 'byggr-arendeexport/bygglov',
          mappingVersion: '1.1.0',
        }),
      );
      await asOwner(
        `UPDATE quarantine SET first_seen_at = now() - interval '31 days' WHERE source_record_id = 'rec-old'`,
      );
      expect(await app.transaction((tx) => sync.expireQuarantineIn(tx, 30, false))).toBe(1);
      expect(await sync.quarantined('umea-byggr')).toEqual([]);
    });

    it('runs the retention job as the hub role; without EXECUTE (grant-app-role not re-run) the rest still runs', async () => {
      const job = (settings = {}) =>
        createRetentionJob({
          db: app,
          syncStore: createSyncStore(app),
          pruneFiles: async () => ({ removed: 0, failed: 0 }),
          settings: RetentionSchema.parse(settings),
          logger: createLogger({ level: 'silent' }),
          registry: createMetrics({ defaultMetrics: false }).registry,
        });
      await asOwner(`INSERT INTO audit_log (at, subject, role, action, shown, request_id)
        VALUES (now() - interval '900 days', 'kc-job', 'infocenter', 'case.search', '{}', 'r-job')`);
      await asOwner(`REVOKE EXECUTE ON FUNCTION audit_log_expire(integer, integer) FROM ${role}`);
      try {
        expect(await job().run()).toMatchObject({ ran: true, auditError: '42501', removed: { audit: 0 } });
      } finally {
        await asOwner(`GRANT EXECUTE ON FUNCTION audit_log_expire(integer, integer) TO ${role}`);
      }
      expect(await job().run()).toMatchObject({ ran: true, auditError: null, removed: { audit: 1 } });
    });

    it('refuses a role name that is not a plain identifier, and a role that does not exist', async () => {
      const env = { PATH: process.env.PATH, DATABASE_URL: owner.url };
      const injected = await run(process.execPath, [CLI, 'db', 'grant-app-role', 'x; DROP TABLE cases'], {
        env,
      }).catch((e) => e);
      expect(injected.code).toBe(1);
      expect(injected.stderr).toContain('is not a plain PostgreSQL role name');
      const missing = await run(process.execPath, [CLI, 'db', 'grant-app-role', 'nobody_here'], {
        env,
      }).catch((e) => e);
      expect(missing.stderr).toContain('no role "nobody_here": create it first');
    });
  });
}
