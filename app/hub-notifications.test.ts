/**
 * The citizen notifier as the hub runs it: configured by the environment (SMTP_URL), it is an active
 * receiver that e-mails a citizen through a real SMTP server on loopback; without a channel it is an
 * inactive subscription and runs nothing.
 */

import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { Registry } from 'prom-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadMunicipalities } from '../municipalities/load-municipalities.js';
import { createPersonRefHasher } from '../person/person-ref.js';
import { startMinaMeddelandenSimulator } from '../simulators/mina-meddelanden/index.js';
import { createCaseStore } from '../store/case-store.js';
import type { Db } from '../store/db.js';
import { saveChoice } from '../store/notification-choices.js';
import { makeCase } from '../test/support/cases.js';
import { freshDatabase } from '../test/support/databases.js';
import { PNR_MAJA } from '../test/support/fixtures.js';
import { startSmtpSink } from '../test/support/smtp-sink.js';
import { makeSigningCert } from '../test/support/throwaway-signing-cert.js';
import { EnvError, parseEnv } from './env.js';
import { hubEvents } from './hub-events.js';
import {
  citizenNotifications,
  digitalMailboxFrom,
  notificationBoxes,
  notificationChannels,
} from './hub-notifications.js';
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

  it('with MINA_MEDDELANDEN_* sends digital mail, signed, to a citizen who chose it, and the page offers it', async () => {
    const ORG = '212000-2411';
    const signing = makeSigningCert('Umeå kommun', '162120002411');
    const sim = await startMinaMeddelandenSimulator({
      senders: [{ id: '162120002411', certificates: [signing.certificatePem] }],
    });
    const dir = mkdtempSync(join(tmpdir(), 'arendenav-mm-'));
    try {
      writeFileSync(join(dir, 'key.pem'), signing.privateKeyPem, { mode: 0o600 });
      writeFileSync(join(dir, 'cert.pem'), signing.certificatePem);
      const vars = {
        MINA_MEDDELANDEN_URL: sim.recipientUrl,
        MINA_MEDDELANDEN_SENDER_ORGNR: ORG,
        MINA_MEDDELANDEN_SENDER_NAME: 'Umeå kommun',
        MINA_MEDDELANDEN_SIGNING_KEY_FILE: join(dir, 'key.pem'),
        MINA_MEDDELANDEN_SIGNING_CERT_FILE: join(dir, 'cert.pem'),
        MINA_MEDDELANDEN_SUPPORT_TEXT: 'Kontaktcenter 090-16 10 00',
      };
      const env = parseEnv({ ...vars, NOTIFY_QUIET_HOURS: 'off' }, 'demo');
      expect(notificationChannels(env, digitalMailboxFrom(env) !== undefined)).toEqual(['digital_mail']);
      const maja12 = PNR_MAJA.replace('-', '');
      sim.mailboxes.set(maja12, 'reachable');
      await db.query('DELETE FROM notification_choices');
      await saveChoice(db, [MAJA], {
        channel: 'digital_mail',
        language: 'en',
        emailSealed: null,
        mailboxSealed: notificationBoxes(KEY).mailboxBox.seal(maja12),
      });
      const events = await hubWith(vars);
      expect(await active()).toBe(true);
      const store = createCaseStore(db);
      const parties = [{ role: 'applicant' as const, personRef: MAJA, protectedIdentity: false }];
      await store.upsertMany([makeCase({ sourceId: 'H-2', parties })]);
      await store.upsertMany([
        makeCase({ sourceId: 'H-2', parties, status: 'decided', updatedAt: '2026-06-02T08:00:00.000Z' }),
      ]);
      events.start();
      try {
        for (let i = 0; i < 100 && sim.deliveries().length === 0; i++) await sleep(100);
      } finally {
        await events.stop();
      }
      const [delivery, ...more] = sim.deliveries();
      expect(more).toEqual([]);
      expect(delivery?.recipient).toBe(maja12);
      expect(delivery?.seal.signaturesOk).toBe(true);
      expect(JSON.stringify(delivery?.messages)).not.toContain('Nybyggnad');
    } finally {
      await sim.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('stops start-up when digital mail is half configured, naming what is missing', () => {
    const half = () => parseEnv({ MINA_MEDDELANDEN_URL: 'https://far.example/Recipient/v3' }, 'demo');
    expect(half).toThrow(EnvError);
    expect(half).toThrow(/MINA_MEDDELANDEN_SENDER_ORGNR: required when MINA_MEDDELANDEN_URL is set/);
    expect(() =>
      parseEnv(
        {
          MINA_MEDDELANDEN_URL: 'http://127.0.0.1:1/Recipient/v3',
          MINA_MEDDELANDEN_SENDER_ORGNR: '212000-2411',
          MINA_MEDDELANDEN_SENDER_NAME: 'Umeå kommun',
          MINA_MEDDELANDEN_SIGNING_KEY_FILE: '/run/secrets/key.pem',
          MINA_MEDDELANDEN_SIGNING_CERT_FILE: '/run/secrets/cert.pem',
          MINA_MEDDELANDEN_SUPPORT_TEXT: 'Kontaktcenter',
          DATABASE_URL: 'postgres://x@127.0.0.1/x',
          OIDC_ISSUER: 'https://idp.example',
          OIDC_AUDIENCE: 'arendenav',
          PERSON_REF_KEY: 'k'.repeat(40),
          CASE_ID_KEY: 'c'.repeat(40),
        },
        'production',
      ),
    ).toThrow(/https is required in production mode/);
  });
});
