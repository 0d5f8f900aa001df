/** The overdue-alert job of a hub: built from the environment, or none (said once) without an SMTP relay. */
import { resolve } from 'node:path';
import { createSmtpMailer } from '../contacts/alert-mail.js';
import { loadOffices } from '../contacts/load-offices.js';
import { createOverdueAlertJob, type OverdueAlertJob } from '../contacts/overdue-alerts.js';
import type { Municipalities } from '../municipalities/municipality-schema.js';
import type { Db } from '../store/db.js';
import type { Env } from './env.js';
import type { Logger } from './logger.js';

/**
 * The job when SMTP_URL is set; else undefined, logged once at start. The offices file is read either
 * way, so a bad one stops start-up whether or not mail is on.
 *
 * @example
 * const alerts = hubAlertJob(env, { db, logger, municipalities });
 * alerts?.start(); // … await alerts?.stop();
 */
export function hubAlertJob(
  env: Env,
  hub: { db: Db; logger: Logger; municipalities: Municipalities },
): OverdueAlertJob | undefined {
  const offices = loadOffices(env.ARENDENAV_TASK_OFFICES ? resolve(env.ARENDENAV_TASK_OFFICES) : undefined);
  if (!env.SMTP_URL) {
    hub.logger.info('overdue-task alerts are off: no SMTP_URL');
    return undefined;
  }
  return createOverdueAlertJob({
    db: hub.db,
    mailer: createSmtpMailer(env.SMTP_URL, env.SMTP_FROM),
    offices,
    publicUrl: env.ARENDENAV_PUBLIC_URL ?? `http://localhost:${env.PORT}`,
    municipalityName: (code) => hub.municipalities.get(code)?.name,
    logger: hub.logger,
    now: () => new Date(),
    everyMs: env.ARENDENAV_TASK_ALERT_MINUTES * 60_000,
  });
}
