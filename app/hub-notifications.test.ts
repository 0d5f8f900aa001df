/**
 * The citizen notifier as the hub runs it: configured by the environment (SMTP_URL), it is an active
 * receiver that e-mails a citizen through a real SMTP server on loopback; without a channel it is an
 * inactive subscription and runs nothing.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { Registry } from 'prom-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadMunicipalities } from '../municipalities/load-municipalities.js';
import { createPersonRefHasher } from '../person/person-ref.js';
import { createCaseStore } from '../store/case-store.js';
import type { Db } from '../store/db.js';
import { saveChoice } from '../store/notification-choices.js';
import { makeCase } from '../test/support/cases.js';
import { freshDatabase } from '../test/support/databases.js';
import { PNR_MAJA } from '../test/support/fixtures.js';
import { startSmtpSink } from '../test/support/smtp-sink.js';
import { parseEnv } from './env.js';
import { hubEvents } from './hub-events.js';
import { citizenNotifications, notificationBoxes } from './hub-notifications.js';
import { createLogger } from './logger.js';

const KEY = 'hub-notifications-test-key-0123456789abcdef';
const logger = createLogger({ level: 'silent' });
const MAJA = createPersonRefHasher(KEY).fromInput(PNR_MAJA) as string;

let db: Db;
let drop: () => Promise<void>;
let smtp: Awaited<ReturnType<typeof startSmtpSink>>;

beforeAll(async () => {
  ({ db, drop } = await freshDatabase('pglite'));
  smtp = await startSmtpSink();
});
afterAll(async () => {
  await smtp.close();
  await drop();
});

const hubWith = (vars: Record<string, string>) =>
  hubEvents(
    {
      env: parseEnv({ ...vars, NOTIFY_QUIET_HOURS: 'off' }, 'demo'),
      db,
      logger,
      municipalities: loadMunicipalities(),
      registry: new Registry(),
      key: KEY,
    },
    [citizenNotifications()],
  );
const active = async () =>
  (
    await db.query<{ active: boolean }>(
      `SELECT active FROM event_subscriptions WHERE id = 'citizen-notifications'`,
    )
  ).rows[0]?.active;

describe('citizen notifications in the hub', () => {
  it('is off without a channel: the subscription inactive, no relay', async () => {
    const events = await hubWith({});
    expect(await active()).toBe(false);
    // The deadline watch only.
    expect(events.workers).toHaveLength(1);
  });

  it('with SMTP_URL e-mails a citizen who chose e-mail when the office awaits them', async () => {
    const events = await hubWith({
      SMTP_URL: smtp.url,
      ARENDENAV_PUBLIC_URL: 'https://arenden.umea.example',
    });
    expect(await active()).toBe(true);
    await saveChoice(db, [MAJA], {
      channel: 'email',
      language: 'sv',
      emailSealed: notificationBoxes(KEY).emailBox.seal('maja@example.se'),
      mailboxSealed: null,
    });
    const store = createCaseStore(db);
    const parties = [{ role: 'applicant' as const, personRef: MAJA, protectedIdentity: false }];
    await store.upsertMany([makeCase({ sourceId: 'H-1', parties })]);
    await store.upsertMany([
      makeCase({
        sourceId: 'H-1',
        parties,
        status: 'awaiting_applicant',
        updatedAt: '2026-06-01T08:00:00.000Z',
      }),
    ]);
    events.start();
    try {
      for (let i = 0; i < 100 && smtp.received.length === 0; i++) await sleep(100);
    } finally {
      await events.stop();
    }
    expect(smtp.received.map((r) => r.rcptTo)).toEqual([['maja@example.se']]);
    expect(smtp.received[0]?.mail.text).toContain('https://arenden.umea.example/mina-arenden?lang=sv');
    expect(smtp.received[0]?.mail.text).toContain('Umeå kommun');
  });
});
