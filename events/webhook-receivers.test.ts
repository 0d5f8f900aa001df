import { setTimeout as sleep } from 'node:timers/promises';
import { Registry } from 'prom-client';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { parseEnv } from '../app/env.js';
import { type HubEvents, hubEvents } from '../app/hub-events.js';
import { createLogger } from '../app/logger.js';
import type { Principal } from '../app/principal.js';
import { createSmtpMailer } from '../contacts/alert-mail.js';
import { loadMunicipalities } from '../municipalities/load-municipalities.js';
import { loadPolicy } from '../policy/load-policy.js';
import { searchIndexRule } from '../policy/protected-identity.js';
import { type CaseStore, createCaseStore } from '../store/case-store.js';
import type { Db } from '../store/db.js';
import { TEST_PERSON_REF_KEY } from '../test/support/app.js';
import { makeCase } from '../test/support/cases.js';
import { backends, freshDatabase } from '../test/support/databases.js';
import { startSmtpSink } from '../test/support/smtp-sink.js';
import { startWebhookReceiver } from '../test/support/webhook-receiver.js';
import { createSubscriptions, subscriptionDepsOn } from './subscriptions.js';
import { webhookReceivers } from './webhook-receivers.js';

const logger = createLogger({ level: 'silent' });
const ADMIN: Principal = { kind: 'staff', subject: 'admin-umea', role: 'admin', municipality: '2480' };
const RULES = { allowHttp: true, allowPrivate: true };
const STATUSES = ['received', 'registered', 'in_progress', 'awaiting_applicant', 'decided'] as const;

async function until(what: string, ok: () => boolean | Promise<boolean>, ms = 15_000) {
  const end = Date.now() + ms;
  while (!(await ok())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await sleep(20);
  }
}

describe.each(backends(import.meta.url))('webhook receivers on %s', (backend) => {
  let db: Db;
  let drop: () => Promise<void>;
  let store: CaseStore;
  let smtp: Awaited<ReturnType<typeof startSmtpSink>>;
  let hook: Awaited<ReturnType<typeof startWebhookReceiver>>;
  let events: HubEvents;
  let registry: Registry;
  const subscriptions = () =>
    createSubscriptions({ ...subscriptionDepsOn(db, { secret: TEST_PERSON_REF_KEY, rules: RULES }), logger });

  /** Each case passes through the statuses in order: `perCase` events per case. */
  async function changes(cases: number, perCase: number, prefix: string) {
    for (let step = 0; step < perCase; step += 1) {
      await store.upsertMany(
        Array.from({ length: cases }, (_, n) =>
          makeCase({
            sourceId: `${prefix}-${n}`,
            status: STATUSES[step % STATUSES.length],
            updatedAt: new Date(Date.UTC(2026, 1, 1 + step)).toISOString(),
          }),
        ),
      );
    }
  }

  async function subscribe(input: { maxAttempts?: number; alertEmail?: string } = {}) {
    const { subscription, secret } = await subscriptions().create(ADMIN, { url: hook.url, ...input });
    hook.setSecret(secret);
    return subscription.id;
  }

  const sequences = () => {
    const by = new Map<string, number[]>();
    for (const t of hook.taken) {
      const subject = String(t.body.subject);
      by.set(subject, [...(by.get(subject) ?? []), Number(t.body.sequence)]);
    }
    return by;
  };
  const inOrder = () =>
    [...sequences().values()].every((list) => list.every((p, i) => i === 0 || p > (list[i - 1] as number)));
  const outboxIds = async () =>
    (await db.query<{ id: string }>('SELECT id FROM case_events ORDER BY position')).rows.map((r) => r.id);

  beforeAll(async () => {
    ({ db, drop } = await freshDatabase(backend));
    store = createCaseStore(db, { searchIndex: searchIndexRule(loadPolicy()) });
    smtp = await startSmtpSink();
  });
  beforeEach(async () => {
    for (const table of ['event_subscriptions', 'case_events', 'case_status_history', 'cases'])
      await db.query(`DELETE FROM ${table}`);
    smtp.received.length = 0;
    hook = await startWebhookReceiver();
    const env = parseEnv(
      {
        ARENDENAV_WEBHOOK_ALLOW_HTTP: 'true',
        ARENDENAV_WEBHOOK_ALLOW_PRIVATE: 'true',
        ARENDENAV_WEBHOOK_BACKOFF_BASE_MS: '20',
        ARENDENAV_WEBHOOK_BACKOFF_CAP_MS: '80',
        ARENDENAV_WEBHOOK_TIMEOUT_MS: '2000',
        ARENDENAV_PUBLIC_URL: 'https://arenden.umea.example',
        SMTP_URL: smtp.url,
      },
      'demo',
    );
    registry = new Registry();
    events = await hubEvents(
      { env, db, logger, municipalities: loadMunicipalities(), registry, key: TEST_PERSON_REF_KEY },
      [
        webhookReceivers({
          mailer: (e) => createSmtpMailer(e.SMTP_URL as string, e.SMTP_FROM),
          pollMs: 40,
          idleMs: 20,
        }),
      ],
    );
  });
  afterEach(async () => {
    await events.stop();
    await hook.close();
  });
  afterAll(async () => {
    await smtp.close();
    await drop();
  });

  it('delivers every event once, signed and verified, in order per case', async () => {
    await subscribe();
    events.start();
    await changes(3, 3, 'a');
    await until('nine deliveries', () => hook.taken.length >= 9);
    await sleep(150);
    expect(hook.taken.map((t) => t.id).sort()).toEqual((await outboxIds()).sort());
    expect(hook.refusedSignatures).toEqual([]);
    expect(inOrder()).toBe(true);
  });

  it('a receiver down for a while gets everything after retries, in order per case', async () => {
    const id = await subscribe();
    await hook.down();
    events.start();
    await changes(2, 3, 'b');
    await until('failed attempts', async () => {
      const { rows } = await db.query<{ n: number }>(
        'SELECT max(attempts)::int AS n FROM event_deliveries WHERE subscription_id = $1',
        [id],
      );
      return (rows[0]?.n ?? 0) >= 2;
    });
    const { rows } = await db.query<{ last_error: string }>(
      'SELECT DISTINCT last_error FROM event_deliveries WHERE subscription_id = $1 AND last_error IS NOT NULL',
      [id],
    );
    expect(rows.map((r) => r.last_error)).toEqual(['connection refused']);
    await hook.up();
    await until('six deliveries', () => hook.taken.length >= 6);
    await sleep(150);
    expect(hook.taken.map((t) => t.id).sort()).toEqual((await outboxIds()).sort());
    expect(inOrder()).toBe(true);
  });

  it('dead-letters after the subscription’s attempts and sends one alert mail with no personal data', async () => {
    const id = await subscribe({ maxAttempts: 3, alertEmail: 'drift@umea.example' });
    hook.setMode({ status: 500 });
    events.start();
    await changes(3, 1, 'c');
    await until('three dead deliveries', async () => {
      const { rows } = await db.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM event_deliveries WHERE subscription_id = $1 AND state = 'dead'`,
        [id],
      );
      return rows[0]?.n === 3;
    });
    await until('the alert mail', () => smtp.received.length >= 1);
    // Another delivery dying within the hour sends no second mail.
    await changes(1, 1, 'c-later');
    await until('four dead deliveries', async () => {
      const { rows } = await db.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM event_deliveries WHERE subscription_id = $1 AND state = 'dead'`,
        [id],
      );
      return rows[0]?.n === 4;
    });
    await sleep(300);
    expect(hook.attempts).toBe(12);
    expect(smtp.received).toHaveLength(1);
    const [mail] = smtp.received;
    expect(mail?.rcptTo).toEqual(['drift@umea.example']);
    const text = `${mail?.mail.subject}\n${mail?.mail.text}`;
    expect(text).toContain(id);
    expect(text).toContain(`https://arenden.umea.example/api/v1/subscriptions/${id}/deliveries?state=dead`);
    expect(text).toContain('/replay');
    const c = makeCase({ sourceId: 'c-0' });
    for (const content of [c.id, c.reference, c.title, '19121212', 'Tolvan'])
      expect(text).not.toContain(content);
    // The receiver's answer (it quoted a personnummer) was not kept: only the status.
    const { rows } = await db.query<{ last_error: string }>(
      'SELECT DISTINCT last_error FROM event_deliveries WHERE subscription_id = $1',
      [id],
    );
    expect(rows).toEqual([{ last_error: 'HTTP 500' }]);
    expect(await registry.metrics()).toMatch(
      new RegExp(`arendenav_event_deliveries_total\\{subscription="${id}",outcome="dead"\\} 4`),
    );
  });

  it('a replay from a position delivers the events again, with the same ids', async () => {
    const id = await subscribe();
    events.start();
    await changes(2, 2, 'd');
    await until('four deliveries', () => hook.taken.length >= 4);
    const first = hook.taken.map((t) => t.id);
    const positions = hook.taken.map((t) => Number(t.body.sequence)).sort((a, b) => a - b);
    const from = positions[1] as number;
    expect(await subscriptions().replay(ADMIN, id, from)).toEqual({ replayed: 3 });
    await until('three more', () => hook.taken.length >= 7);
    await sleep(150);
    expect(hook.taken).toHaveLength(7);
    const again = hook.taken.slice(4).map((t) => t.id);
    const expected = hook.taken.slice(0, 4).filter((t) => Number(t.body.sequence) >= from);
    expect(new Set(again)).toEqual(new Set(expected.map((t) => t.id)));
    expect(new Set([...first, ...again]).size).toBe(4);
  });

  it('stops delivering to a deactivated webhook, and signs with the new secret after a rotation', async () => {
    const id = await subscribe();
    events.start();
    await changes(1, 1, 'e');
    await until('one delivery', () => hook.taken.length >= 1);
    await subscriptions().update(ADMIN, id, { active: false });
    await sleep(200);
    await changes(1, 2, 'e');
    await sleep(300);
    expect(hook.taken).toHaveLength(1);
    const { secret } = await subscriptions().rotateSecret(ADMIN, id, { graceHours: 0 });
    hook.setSecret(secret);
    await subscriptions().update(ADMIN, id, { active: true });
    // Deactivated, it was not fanned out to; a replay from the start brings the missed one.
    const { rows } = await db.query<{ p: string }>('SELECT min(position)::text AS p FROM case_events');
    await subscriptions().replay(ADMIN, id, Number(rows[0]?.p));
    await until('both events', () => hook.taken.length >= 3);
    expect(hook.refusedSignatures).toEqual([]);
  });

  it('keeps delivering to a receiver that has not switched yet: the old secret signs during the grace period', async () => {
    const id = await subscribe();
    events.start();
    await changes(1, 1, 'g');
    await until('one delivery', () => hook.taken.length >= 1);
    // Rotated with the default grace period; the receiver still holds the old secret.
    const { rotationGraceUntil } = await subscriptions().rotateSecret(ADMIN, id);
    expect(rotationGraceUntil).not.toBeNull();
    // The receivers notice the rotation within a poll (40 ms here) and sign with both secrets.
    await sleep(300);
    await changes(1, 2, 'g');
    await until('the second delivery', () => hook.taken.length >= 2);
    expect(hook.refusedSignatures).toEqual([]);
    expect(String(hook.taken[1]?.headers['webhook-signature']).split(' ')).toHaveLength(2);
  });
});
