/**
 * The citizen notifier against a real SMTP server on loopback, on both store backends: one message per
 * change and person, in their language, with nothing of the case in it, however often it is delivered.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { notificationBoxes } from '../app/hub-notifications.js';
import { createLogger } from '../app/logger.js';
import { createRelay } from '../events/relay.js';
import { createPersonRefHasher } from '../person/person-ref.js';
import type { CanonicalCase, StatusCode } from '../schemas/case.js';
import type { NotificationChannel, NotificationLanguage } from '../schemas/notification.js';
import { type CaseStore, createCaseStore } from '../store/case-store.js';
import { expireNotificationsIn } from '../store/citizen-notifications.js';
import type { Db } from '../store/db.js';
import { writePassedDeadlines } from '../store/deadline-events.js';
import { ensureBuiltInSubscription, replayFrom } from '../store/event-deliveries.js';
import { saveChoice } from '../store/notification-choices.js';
import { writeEvents } from '../store/outbox.js';
import { makeCase } from '../test/support/cases.js';
import { backends, freshDatabase } from '../test/support/databases.js';
import { PNR_MAJA, PNR_OTHER, PNR_PROTECTED } from '../test/support/fixtures.js';
import { freePort } from '../test/support/free-port.js';
import { startSmtpSink } from '../test/support/smtp-sink.js';
import type { DigitalMail, DigitalMailbox } from './digital-mailbox.js';
import { createNotificationMailer, type NotificationMailer } from './email.js';
import { createNotificationSink, NOTIFICATIONS_SUBSCRIPTION, type NotifierDeps } from './notifier.js';
import { DEFAULT_QUIET_HOURS } from './quiet-hours.js';

const KEY = 'notifier-test-key-0123456789abcdef0123';
const logger = createLogger({ level: 'silent' });
const refs = createPersonRefHasher(KEY);
const boxes = notificationBoxes(KEY);
const MAJA = refs.fromInput(PNR_MAJA) as string;
const NILS = refs.fromInput(PNR_OTHER) as string;
const HIDDEN = refs.fromInput(PNR_PROTECTED) as string;
/** Tuesday 2 June 2026, 12:00 in Stockholm: outside the quiet hours. */
const MIDDAY = new Date('2026-06-02T10:00:00Z');
const PUBLIC_URL = 'https://arenden.umea.example';

/** Maja applies; her neighbour Nils is a party too; the third party has protected identity. */
function theCase(
  o: { status?: StatusCode; since?: string; at?: string; awaiting?: 'applicant' } = {},
): CanonicalCase {
  return makeCase({
    sourceId: 'N-1',
    reference: 'BN 2026-004711',
    title: 'Nybyggnad av fritidshus vid Tavelsjön',
    status: o.status ?? 'in_progress',
    statusSince: o.since ?? '2026-05-01T08:00:00.000Z',
    updatedAt: o.at ?? o.since ?? '2026-05-01T08:00:00.000Z',
    ...(o.awaiting ? { awaiting: { who: o.awaiting } } : {}),
    deadline: { dueAt: '2026-05-30', basis: 'PBL 9 kap. 27 §', extended: false },
    parties: [
      { role: 'applicant', displayName: 'Maja Testberg', personRef: MAJA, protectedIdentity: false },
      { role: 'neighbour', displayName: 'Nils Granne', personRef: NILS, protectedIdentity: false },
      { role: 'co_applicant', personRef: HIDDEN, protectedIdentity: true },
    ],
  });
}

describe.each(backends(import.meta.url))('citizen notifications on %s', (backend) => {
  let db: Db;
  let drop: () => Promise<void>;
  let store: CaseStore;
  let smtp: Awaited<ReturnType<typeof startSmtpSink>>;
  let mailer: NotificationMailer;
  let clock: Date;
  const digital: DigitalMail[] = [];
  const mailbox: DigitalMailbox = {
    async send(mail) {
      digital.push(mail);
      return { outcome: 'delivered', deliveryId: `d-${digital.length}` };
    },
  };

  const deps = (over: Partial<NotifierDeps> = {}): NotifierDeps => ({
    db,
    cases: store,
    ...boxes,
    mailer,
    digitalMailbox: mailbox,
    publicUrl: PUBLIC_URL,
    municipalityName: (code) => (code === '2480' ? 'Umeå' : undefined),
    quietHours: DEFAULT_QUIET_HOURS,
    now: () => clock,
    logger,
    ...over,
  });
  const relay = (over: Partial<NotifierDeps> = {}) =>
    createRelay({
      db,
      subscriptionId: NOTIFICATIONS_SUBSCRIPTION,
      sink: createNotificationSink(deps(over)),
      logger,
      backoff: { baseMs: 60_000, capMs: 60_000 },
    });
  /** Everything due now; a failed or deferred delivery waits (its time is the database's, not `clock`). */
  const drain = (over: Partial<NotifierDeps> = {}) => relay(over).drain();
  /** Makes every pending delivery due now (time passing, for retries and quiet hours). */
  const dueNow = () =>
    db.query(`UPDATE event_deliveries SET next_attempt_at = now() WHERE state = 'pending'`);

  async function choose(
    personRef: string,
    channel: NotificationChannel,
    language: NotificationLanguage,
    to?: string,
  ) {
    await saveChoice(db, [personRef], {
      channel,
      language,
      emailSealed: channel === 'email' ? boxes.emailBox.seal(to) : null,
      mailboxSealed: channel === 'digital_mail' ? boxes.mailboxBox.seal(to) : null,
    });
  }

  /** The case appears (no message: new to the hub is no change), then asks Maja for something. */
  async function awaitingApplicant() {
    await store.upsertMany([theCase()]);
    await store.upsertMany([theCase({ status: 'awaiting_applicant', since: '2026-06-01T07:30:00.000Z' })]);
  }

  beforeAll(async () => {
    ({ db, drop } = await freshDatabase(backend));
    store = createCaseStore(db);
    smtp = await startSmtpSink();
    mailer = createNotificationMailer(smtp.url, 'Umeå kommun <noreply@umea.example>', {
      messageIdDomain: 'arenden.umea.example',
    });
  });
  beforeEach(async () => {
    for (const table of [
      'citizen_notifications',
      'notification_choices',
      'event_subscriptions',
      'case_events',
    ])
      await db.query(`DELETE FROM ${table}`);
    await db.query('DELETE FROM case_status_history');
    await db.query('DELETE FROM cases');
    await ensureBuiltInSubscription(db, {
      id: NOTIFICATIONS_SUBSCRIPTION,
      kind: 'notifications',
      active: true,
    });
    smtp.received.length = 0;
    digital.length = 0;
    clock = MIDDAY;
  });
  afterAll(async () => {
    mailer.close();
    await smtp.close();
    await drop();
  });

  it('e-mails the applicant once, in their language and with nothing of the case, when the office awaits them; a redelivered event or a second event of the same change sends nothing more', async () => {
    await choose(MAJA, 'email', 'en', 'maja@example.se');
    await choose(NILS, 'email', 'sv', 'nils@example.se');
    await awaitingApplicant();
    await drain();

    expect(smtp.received).toHaveLength(1);
    const [{ rcptTo, mail }] = smtp.received as [(typeof smtp.received)[0]];
    expect(rcptTo).toEqual(['maja@example.se']);
    expect(mail.subject).toBe('Something has changed in one of your cases');
    expect(mail.text).toContain('Something has changed in one of your cases at Umeå Municipality.');
    expect(mail.text).toContain(`${PUBLIC_URL}/mina-arenden?lang=en`);
    expect(mail.headers.get('content-language')).toBe('en');
    expect(mail.messageId).toMatch(/^<[0-9a-f]{40}@arenden\.umea\.example>$/);
    const c = theCase();
    for (const secret of [
      c.reference,
      '004711',
      c.title,
      'Maja',
      'Testberg',
      'Nils',
      c.id,
      'awaiting',
      'Väntar',
      'Bygglov',
    ])
      expect(`${mail.subject}\n${mail.text}\n${mail.html || ''}`).not.toContain(secret);

    // The same event again (a replay from the start), and the ball passing to the applicant as its own event.
    expect(await replayFrom(db, NOTIFICATIONS_SUBSCRIPTION, 0)).toBeGreaterThan(0);
    await store.upsertMany([
      theCase({
        status: 'awaiting_applicant',
        since: '2026-06-01T07:30:00.000Z',
        at: '2026-06-01T09:00:00.000Z',
        awaiting: 'applicant',
      }),
    ]);
    // And a copy of the change's event under a new id (two events describing one change).
    const { rows } = await db.query<{ data: unknown; occurred_at: Date | string }>(
      `SELECT data, occurred_at FROM case_events WHERE 'status' = ANY(changed) ORDER BY position DESC LIMIT 1`,
    );
    await writeEvents(db, [
      {
        id: '0b6f1c9e-2f7a-4c55-9d2e-6a0e4f3b7c11',
        case_id: c.id,
        municipality_code: '2480',
        domain: 'building_permit',
        type: 'updated',
        changed: ['status'],
        data: rows[0]?.data as never,
        occurred_at: new Date(rows[0]?.occurred_at as string).toISOString(),
      },
    ]);
    await drain();
    expect(smtp.received).toHaveLength(1);
    const { rows: left } = await db.query<{ n: string }>(
      `SELECT count(*)::text AS n FROM event_deliveries WHERE subscription_id = $1 AND state <> 'delivered'`,
      [NOTIFICATIONS_SUBSCRIPTION],
    );
    expect(left[0]?.n).toBe('0');
  });

  it('tells every party of a decision, each in their own language', async () => {
    await choose(MAJA, 'email', 'sv', 'maja@example.se');
    await choose(NILS, 'email', 'ar', 'nils@example.se');
    await store.upsertMany([theCase()]);
    await store.upsertMany([theCase({ status: 'decided', since: '2026-06-01T12:00:00.000Z' })]);
    await drain();
    const byTo = new Map(smtp.received.map((r) => [r.rcptTo[0], r.mail]));
    expect([...byTo.keys()].sort()).toEqual(['maja@example.se', 'nils@example.se']);
    expect(byTo.get('maja@example.se')?.subject).toBe('Något har ändrats i ett av dina ärenden');
    expect(byTo.get('maja@example.se')?.text).toContain(
      'Något har ändrats i ett av dina ärenden hos Umeå kommun.',
    );
    expect(byTo.get('nils@example.se')?.subject).toBe('حدث تغيير في إحدى قضاياك');
    expect(byTo.get('nils@example.se')?.text).toContain('بلدية Umeå');
  });

  it('tells the applicant, not the neighbour, that the deadline passed, once however often the watch runs', async () => {
    await choose(MAJA, 'email', 'ar', 'maja@example.se');
    await choose(NILS, 'email', 'sv', 'nils@example.se');
    await store.upsertMany([theCase()]);
    await drain();
    const window = {
      today: '2026-06-02',
      since: '2026-05-26',
      limit: 10,
      passedAt: () => '2026-05-30T22:00:00.000Z',
    };
    expect(await writePassedDeadlines(db, window)).toBe(1);
    expect(await writePassedDeadlines(db, window)).toBe(0);
    await drain();
    await replayFrom(db, NOTIFICATIONS_SUBSCRIPTION, 0);
    await drain();
    expect(smtp.received.map((r) => r.rcptTo[0])).toEqual(['maja@example.se']);
    expect(smtp.received[0]?.mail.headers.get('content-language')).toBe('ar');
  });

  it('waits through the quiet hours (20–08 Stockholm time) and sends when they end', async () => {
    await choose(MAJA, 'email', 'sv', 'maja@example.se');
    clock = new Date('2026-06-02T19:30:00Z'); // 21:30 summer time
    await awaitingApplicant();
    // One round each (the deferral's end lies in the database's past: drain would go round for ever).
    await relay().round();
    await relay().round();
    expect(smtp.received).toHaveLength(0);
    const { rows } = await db.query<{ at: Date | string; attempts: number }>(
      `SELECT next_attempt_at AS at, attempts FROM event_deliveries d JOIN case_events e USING (position)
        WHERE d.subscription_id = $1 AND e.type = 'updated'`,
      [NOTIFICATIONS_SUBSCRIPTION],
    );
    expect(new Date(rows[0]?.at as string).toISOString()).toBe('2026-06-03T06:00:00.000Z');
    expect(rows[0]?.attempts).toBe(0);
    clock = new Date('2026-06-03T06:00:00Z');
    await dueNow();
    await drain();
    expect(smtp.received).toHaveLength(1);
  });

  it('sends nothing to a citizen who chose none, or who never chose', async () => {
    await choose(MAJA, 'none', 'sv');
    await store.upsertMany([theCase()]);
    await store.upsertMany([theCase({ status: 'decided', since: '2026-06-01T12:00:00.000Z' })]);
    await drain();
    expect(smtp.received).toHaveLength(0);
    expect(digital).toHaveLength(0);
    const { rows } = await db.query('SELECT 1 FROM citizen_notifications');
    expect(rows).toHaveLength(0);
  });

  it('tries again when the SMTP relay is down, and still sends one mail', async () => {
    await choose(MAJA, 'email', 'en', 'maja@example.se');
    await awaitingApplicant();
    const down = createNotificationMailer(
      `smtp://127.0.0.1:${await freePort()}`,
      'x <noreply@umea.example>',
      {
        timeoutMs: 2_000,
      },
    );
    await drain({ mailer: down });
    down.close();
    const failed = await db.query<{ attempts: number; last_error: string }>(
      `SELECT attempts, last_error FROM event_deliveries WHERE subscription_id = $1 AND state = 'pending'`,
      [NOTIFICATIONS_SUBSCRIPTION],
    );
    expect(failed.rows).toHaveLength(1);
    expect(failed.rows[0]?.attempts).toBe(1);
    expect(failed.rows[0]?.last_error).toMatch(/^E[A-Z]+/);
    expect(smtp.received).toHaveLength(0);
    await dueNow();
    await drain();
    await replayFrom(db, NOTIFICATIONS_SUBSCRIPTION, 0);
    await drain();
    expect(smtp.received).toHaveLength(1);
  });

  it('keeps a sent message’s row while an event of its case could deliver the change again', async () => {
    await choose(MAJA, 'email', 'sv', 'maja@example.se');
    await awaitingApplicant();
    await drain();
    await db.query(`UPDATE citizen_notifications SET claimed_at = now() - interval '40 days'`);
    const expire = () =>
      db.transaction((tx) => expireNotificationsIn(tx, 30, { dryRun: false, maxRows: 100 }));
    expect(await expire()).toBe(0);
    await db.query('DELETE FROM case_events');
    expect(await expire()).toBe(1);
  });

  it('gives a party with protected identity digital mail only, never e-mail', async () => {
    await choose(HIDDEN, 'email', 'sv', 'skyddad@example.se');
    await store.upsertMany([theCase()]);
    await store.upsertMany([theCase({ status: 'decided', since: '2026-06-01T12:00:00.000Z' })]);
    await drain();
    expect(smtp.received).toHaveLength(0);

    await choose(HIDDEN, 'digital_mail', 'en', '199006042395');
    await store.upsertMany([theCase({ status: 'appealed', since: '2026-06-02T08:00:00.000Z' })]);
    await store.upsertMany([theCase({ status: 'decided', since: '2026-06-02T09:00:00.000Z' })]);
    await drain();
    expect(digital).toHaveLength(1);
    // Delivered again: the same message id, nothing more sent.
    const { rows } = await db.query<{ p: string }>('SELECT max(position)::text AS p FROM case_events');
    await replayFrom(db, NOTIFICATIONS_SUBSCRIPTION, Number(rows[0]?.p));
    await drain();
    expect(smtp.received).toHaveLength(0);
    expect(digital).toHaveLength(1);
    expect(digital[0]).toMatchObject({
      to: '199006042395',
      language: 'en',
      subject: 'Something has changed in one of your cases',
    });
    expect(digital[0]?.id).toMatch(/^[0-9a-f]{40}$/);
  });
});
