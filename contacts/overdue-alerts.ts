/**
 * The overdue-alert job: finds forwarded contacts' tasks past their due time that no alert has gone
 * out for, and e-mails each office once with how many it has, whichever hub instance gets there first.
 * It logs offices and counts, never a task, a contact or a person.
 */
import type { Logger } from '../app/logger.js';
import type { Db } from '../store/db.js';
import { alertOffice, officesWithUnalertedOverdue } from '../store/task-alerts.js';
import { type Mailer, overdueAlertMail } from './alert-mail.js';
import type { TaskOffices } from './load-offices.js';

/** Where an office's officers see their tasks (the staff pages' task list). */
export const TASKS_PAGE_PATH = '/staff/uppgifter';

export type OverdueAlertDeps = {
  db: Db;
  mailer: Mailer;
  offices: TaskOffices;
  /** The hub's public origin, for the link in the mail. */
  publicUrl: string;
  /** A municipality's name for the mail (the kommunkod when unknown). */
  municipalityName?: (code: string) => string | undefined;
  logger: Logger;
  now: () => Date;
  everyMs?: number;
  firstRunAfterMs?: number;
};

export type AlertRun = { alerted: number; offices: number; failed: number; withoutAddress: number };

/** An error's code (nodemailer: EENVELOPE, ECONNECTION, …) and the SMTP reply code: never its message. */
function reasonOf(error: unknown): { code: string; responseCode?: number } {
  const { code, responseCode } = (error ?? {}) as { code?: unknown; responseCode?: unknown };
  return {
    code: typeof code === 'string' ? code : 'unknown',
    ...(typeof responseCode === 'number' ? { responseCode } : {}),
  };
}

/**
 * @example
 * const job = createOverdueAlertJob({ db, mailer, offices, publicUrl, logger, now: () => new Date() });
 * job.start(); // … await job.stop();
 */
export function createOverdueAlertJob(deps: OverdueAlertDeps) {
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<AlertRun> | undefined;
  let stopped = true;
  const link = new URL(TASKS_PAGE_PATH, deps.publicUrl).toString();
  // An office without a mailbox is logged once per process, not on every run.
  const reportedWithoutAddress = new Set<string>();

  async function runNow(): Promise<AlertRun> {
    const now = deps.now().toISOString();
    const run: AlertRun = { alerted: 0, offices: 0, failed: 0, withoutAddress: 0 };
    for (const key of await officesWithUnalertedOverdue(deps.db, now)) {
      const to = deps.offices.get(key.municipality)?.get(key.office)?.alertEmail;
      if (!to) {
        run.withoutAddress++;
        const id = `${key.municipality}/${key.office}`;
        if (!reportedWithoutAddress.has(id))
          deps.logger.warn({ alerts: key }, 'overdue tasks for an office without an alert address');
        reportedWithoutAddress.add(id);
        continue;
      }
      const municipality = deps.municipalityName?.(key.municipality) ?? key.municipality;
      try {
        const count = await alertOffice(deps.db, key, now, (n) =>
          deps.mailer.send(overdueAlertMail({ to, count: n, office: key.office, municipality, link })),
        );
        if (count > 0) {
          run.alerted += count;
          run.offices++;
        }
      } catch (error) {
        run.failed++;
        deps.logger.warn(
          { alerts: { ...key, ...reasonOf(error) } },
          'overdue alert not sent; retried next run',
        );
      }
    }
    if (run.alerted > 0 || run.failed > 0) deps.logger.info({ alerts: run }, 'overdue alerts');
    return run;
  }

  function schedule(delayMs: number): void {
    if (stopped) return;
    timer = setTimeout(() => {
      running = runNow();
      void running
        .catch((error: unknown) => deps.logger.warn({ alerts: reasonOf(error) }, 'overdue alert run failed'))
        .finally(() => {
          running = undefined;
          schedule(deps.everyMs ?? 5 * 60_000);
        });
    }, delayMs);
    timer.unref?.();
  }

  return {
    /** One run now (tests, the CLI). */
    run: runNow,
    /** Runs shortly after start and then every `everyMs` (default 5 minutes). */
    start(): void {
      stopped = false;
      schedule(deps.firstRunAfterMs ?? 30_000);
    },
    /** Stops the timer, waits for a run under way, and closes the mail transport. */
    async stop(): Promise<void> {
      stopped = true;
      clearTimeout(timer);
      await running?.catch(() => {});
      deps.mailer.close();
    },
  };
}

export type OverdueAlertJob = ReturnType<typeof createOverdueAlertJob>;
