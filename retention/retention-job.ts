/**
 * The retention job (gallring): removes what the hub keeps past its retention period — quarantine
 * entries with their sealed payloads, audit entries, sealed export files — and anonymises the
 * information center's closed contacts, one hub instance at a time, and reports counts only, never
 * what it removed.
 */
import { Counter, Gauge, type Registry } from 'prom-client';
import type { Logger } from '../app/logger.js';
import { expireAuditEntries } from '../store/audit-log.js';
import { expireNotificationsIn } from '../store/citizen-notifications.js';
import { anonymiseContactsIn } from '../store/contact-retention.js';
import type { Db } from '../store/db.js';
import { expireEventsIn } from '../store/event-retention.js';
import type { RetentionSettings } from '../sync/sources-config.js';
import type { SyncStore } from '../sync/sync-store.js';

/** Any constant works; it only has to be the same for every hub process (and differ from migrate's). */
export const RETENTION_LOCK_KEY = 4_248_010_002;
/** Audit entries removed per run at most, so a first run after years does not hold one huge transaction. */
export const AUDIT_ROWS_PER_RUN = 50_000;
/** Contacts anonymised per run at most, for the same reason. */
export const CONTACT_ROWS_PER_RUN = 10_000;
/** Outbox events removed per run at most. */
export const EVENT_ROWS_PER_RUN = 100_000;

export type RetentionCounts = {
  quarantine: number;
  audit: number;
  contacts: number;
  events: number;
  /** Citizen notification rows (issue 15) whose change no event can deliver again. */
  notifications: number;
  files: number;
};

export type RetentionOutcome =
  | {
      ran: true;
      dryRun: boolean;
      removed: RetentionCounts;
      /** The SQLSTATE when the audit part failed (e.g. 42501: the hub's role lacks EXECUTE); else null. */
      auditError: string | null;
      /** Sources whose kept files could not be pruned. */
      fileErrors: number;
    }
  | { ran: false; reason: 'running-elsewhere' };

export type RetentionJobDeps = {
  db: Db;
  syncStore: Pick<SyncStore, 'expireQuarantineIn'>;
  /** The sources' kept files (the sync engine's pruneKept). */
  pruneFiles: (options: { dryRun: boolean }) => Promise<{ removed: number; failed: number }>;
  settings: RetentionSettings;
  logger: Logger;
  registry: Registry;
  /** Before the first scheduled run, so a hub starting up is not slowed by it. */
  firstRunAfterMs?: number;
};

/** An error's code or name: a message may name a file (fs) or quote a value. */
function errorCode(error: unknown): string {
  const { code, name } = (error ?? {}) as { code?: unknown; name?: unknown };
  return typeof code === 'string' ? code : typeof name === 'string' ? name : 'unknown';
}

function retentionMetrics(registry: Registry) {
  return {
    removed: new Counter({
      name: 'arendenav_retention_removed_total',
      help: 'Things removed (contacts: anonymised) by the retention job because their retention period had passed, by what (quarantine, audit, contact, event, notification, file)',
      labelNames: ['what'],
      registers: [registry],
    }),
    lastRun: new Gauge({
      name: 'arendenav_retention_last_run_timestamp_seconds',
      help: 'Unix time of the last retention run this hub instance carried out',
      registers: [registry],
    }),
  };
}

/**
 * @example
 * const job = createRetentionJob({ db, syncStore, pruneFiles: sync.pruneKept, settings, logger, registry });
 * await job.run({ dryRun: true });
 * job.start();
 */
export function createRetentionJob(deps: RetentionJobDeps) {
  const metrics = retentionMetrics(deps.registry);
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<RetentionOutcome> | undefined;
  let stopped = false;

  async function runNow(dryRun: boolean): Promise<RetentionOutcome> {
    // A transaction-scoped advisory lock: released by the commit, or by the database if this process dies.
    const outcome = await deps.db.transaction(async (tx): Promise<RetentionOutcome> => {
      const { rows } = await tx.query<{ locked: boolean }>('SELECT pg_try_advisory_xact_lock($1) AS locked', [
        RETENTION_LOCK_KEY,
      ]);
      if (!rows[0]?.locked) return { ran: false, reason: 'running-elsewhere' };
      const quarantine = await deps.syncStore.expireQuarantineIn(tx, deps.settings.quarantineDays, dryRun);
      // A failing audit part (a role not yet granted the function) must not stop the rest.
      let audit = 0;
      let auditError: string | null = null;
      await tx.query('SAVEPOINT retention_audit');
      try {
        audit = await expireAuditEntries(tx, {
          keepDays: deps.settings.auditDays,
          maxRows: AUDIT_ROWS_PER_RUN,
          dryRun,
        });
        await tx.query('RELEASE SAVEPOINT retention_audit');
      } catch (error) {
        await tx.query('ROLLBACK TO SAVEPOINT retention_audit');
        auditError = errorCode(error);
      }
      const contacts = await anonymiseContactsIn(
        tx,
        { months: deps.settings.contactMonths, byMunicipality: deps.settings.contactMonthsByMunicipality },
        { dryRun, maxRows: CONTACT_ROWS_PER_RUN },
      );
      const events = await expireEventsIn(tx, deps.settings.eventDays, {
        dryRun,
        maxRows: EVENT_ROWS_PER_RUN,
      });
      // After the events: a message row goes once no event of its case is left to be replayed.
      const notifications = await expireNotificationsIn(tx, deps.settings.eventDays, {
        dryRun,
        maxRows: EVENT_ROWS_PER_RUN,
      });
      const files = await deps.pruneFiles({ dryRun });
      return {
        ran: true,
        dryRun,
        removed: { quarantine, audit, contacts, events, notifications, files: files.removed },
        auditError,
        fileErrors: files.failed,
      };
    });
    if (!outcome.ran) {
      deps.logger.info({ retention: 'running-elsewhere' }, 'retention run skipped');
      return outcome;
    }
    // Counts only: never a record id, a case id, a subject or a file name.
    const failed = outcome.auditError !== null || outcome.fileErrors > 0;
    deps.logger[failed ? 'warn' : 'info'](
      {
        retention: {
          dryRun,
          ...outcome.removed,
          auditError: outcome.auditError,
          fileErrors: outcome.fileErrors,
        },
      },
      dryRun ? 'retention dry run' : 'retention run',
    );
    if (!dryRun) {
      metrics.removed.inc({ what: 'quarantine' }, outcome.removed.quarantine);
      metrics.removed.inc({ what: 'audit' }, outcome.removed.audit);
      metrics.removed.inc({ what: 'contact' }, outcome.removed.contacts);
      metrics.removed.inc({ what: 'event' }, outcome.removed.events);
      metrics.removed.inc({ what: 'notification' }, outcome.removed.notifications);
      metrics.removed.inc({ what: 'file' }, outcome.removed.files);
      metrics.lastRun.set(Date.now() / 1000);
    }
    return outcome;
  }

  function schedule(delayMs: number): void {
    if (stopped) return;
    timer = setTimeout(() => {
      running = runNow(false);
      void running
        .catch((error: unknown) => deps.logger.warn({ reason: errorCode(error) }, 'retention run failed'))
        .finally(() => {
          running = undefined;
          schedule(deps.settings.everyMinutes * 60_000);
        });
    }, delayMs);
    timer.unref?.();
  }

  return {
    /** One run now (the CLI, tests); with `dryRun` it counts what would go and removes nothing. */
    run: ({ dryRun = false }: { dryRun?: boolean } = {}) => runNow(dryRun),

    /** Runs shortly after start and then every `everyMinutes`; hubs that find the lock taken skip their turn. */
    start(): void {
      stopped = false;
      schedule(deps.firstRunAfterMs ?? 60_000);
    },

    /** Stops the timer and waits for a run under way. */
    async stop(): Promise<void> {
      stopped = true;
      clearTimeout(timer);
      await running?.catch(() => {});
    },
  };
}

export type RetentionJob = ReturnType<typeof createRetentionJob>;
