/**
 * Overdue alerts over a real SMTP server on loopback: each office is told once how many of its tasks
 * are overdue, in Swedish, English and Arabic, with no personal data; across two runs and two
 * concurrent hub instances exactly once; and a refused mail leaves its tasks for the next run.
 */
import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createLogger } from '../../app/logger.js';
import { createSmtpMailer } from '../../contacts/alert-mail.js';
import { loadOffices } from '../../contacts/load-offices.js';
import { createOverdueAlertJob } from '../../contacts/overdue-alerts.js';
import { createPersonRefHasher } from '../../person/person-ref.js';
import { createContactStore } from '../../store/contact-store.js';
import { connectPostgres, type Db } from '../../store/db.js';
import { createTaskStore } from '../../store/task-store.js';
import { TEST_PERSON_REF_KEY } from '../support/app.js';
import { backends, freshDatabase } from '../support/databases.js';
import { PNR_MAJA } from '../support/fixtures.js';
import { capturingDestination } from '../support/log-sink.js';
import { startSmtpSink } from '../support/smtp-sink.js';

const NOW = new Date('2026-06-10T08:00:00Z');
const QUESTION = 'Maja Testberg undrar om garaget på Tallen 4';
const PERSON_REF = createPersonRefHasher(TEST_PERSON_REF_KEY).fromInput(PNR_MAJA) as string;
const actor = { subject: 'demo:infocenter', role: 'infocenter', municipality: '2480', office: 'KC' };

describe.each(backends(import.meta.url))('overdue alerts on %s', (backend) => {
  let db: Db;
  let url: string | undefined;
  let drop: () => Promise<void>;
  let lines: string[];
  let smtp: Awaited<ReturnType<typeof startSmtpSink>>;
  const ids: string[] = [];
  beforeEach(async () => {
    ({ db, url, drop } = await freshDatabase(backend));
    lines = [];
    smtp = await startSmtpSink();
    ids.length = 0;
  });
  afterEach(async () => {
    await smtp.close();
    await drop();
  });

  /** A contact forwarded to `office`, due `dueAt`; answered when asked. */
  async function task(
    office: string,
    dueAt: string,
    options: { answered?: boolean; municipality?: string } = {},
  ) {
    const contactId = randomUUID();
    const taskId = randomUUID();
    ids.push(contactId, taskId);
    const municipality = options.municipality ?? '2480';
    await createContactStore(db).insert(
      {
        id: contactId,
        municipality,
        channel: 'phone',
        language: 'sv',
        topic: 'bygglov',
        question: QUESTION,
        ownerSubject: actor.subject,
        ownerMunicipality: municipality,
        ownerOffice: 'KC',
        personRef: PERSON_REF,
        callbackSealed: null,
        caseIds: [],
        recordArrivedOn: null,
        recordDiarienummer: null,
        createdAt: '2026-06-01T08:00:00.000Z',
      },
      actor,
    );
    const tasks = createTaskStore(db);
    await tasks.forward(
      {
        id: taskId,
        contactId,
        office,
        officer: 'bo.byggare',
        note: `Ring ${QUESTION}`,
        dueAt,
        createdAt: '2026-06-01T08:00:00.000Z',
      },
      actor,
    );
    if (options.answered) await tasks.answer(taskId, 'Svar.', '2026-06-02T08:00:00.000Z', actor);
  }

  const jobOn = (on: Db, smtpUrl = smtp.url) =>
    createOverdueAlertJob({
      db: on,
      mailer: createSmtpMailer(smtpUrl, 'Ärendenav <noreply@arendenav.example>', { timeoutMs: 5_000 }),
      offices: loadOffices(),
      publicUrl: 'https://arendenav.umea.example',
      municipalityName: (code) => ({ '2480': 'Umeå', '2460': 'Vännäs' })[code],
      logger: createLogger({ level: 'info', destination: capturingDestination(lines) }),
      now: () => NOW,
      firstRunAfterMs: 5,
    });
  const unalerted = async () =>
    Number(
      (
        await db.query<{ n: string }>(
          `SELECT count(*)::text AS n FROM contact_tasks WHERE alerted_at IS NULL AND status = 'open'`,
        )
      ).rows[0]?.n,
    );

  it('mails each office once with its count, sv then en then ar, a link, and no personal data', async () => {
    await task('BN', '2026-06-09T08:00:00Z');
    await task('BN', '2026-06-10T08:00:00Z'); // due this very moment: overdue
    await task('BN', '2026-06-11T08:00:00Z'); // not yet due
    await task('BN', '2026-06-05T08:00:00Z', { answered: true }); // answered: never alerted
    await task('BUN', '2026-06-08T08:00:00Z');
    await task('BN', '2026-06-08T08:00:00Z', { municipality: '2460' });
    await task('MBN', '2026-06-08T08:00:00Z'); // a known office without an alert address
    const job = jobOn(db);
    expect(await job.run()).toEqual({ alerted: 4, offices: 3, failed: 0, withoutAddress: 1 });
    expect(await job.run()).toEqual({ alerted: 0, offices: 0, failed: 0, withoutAddress: 1 });
    await job.stop();

    const byRecipient = Object.fromEntries(smtp.received.map((r) => [r.rcptTo.join(','), r.mail]));
    expect(Object.keys(byRecipient).sort()).toEqual([
      'bygg@vannas.example',
      'bygglov@umea.example',
      'skolplacering@umea.example',
    ]);
    const bn = byRecipient['bygglov@umea.example'];
    expect(bn?.subject).toBe(
      'Försenade uppgifter: 2 för BN, Umeå / Overdue tasks: 2 for BN, Umeå / مهام متأخرة: 2',
    );
    const text = bn?.text ?? '';
    const sv = text.indexOf('2 vidarebefordrade frågor till BN, Umeå har passerat sin svarstid.');
    const en = text.indexOf('2 forwarded questions to BN, Umeå are past their due time.');
    const ar = text.indexOf('2 من الأسئلة المحالة إلى BN, Umeå تجاوزت موعد الرد.');
    expect(sv).toBeGreaterThanOrEqual(0);
    expect(en).toBeGreaterThan(sv);
    expect(ar).toBeGreaterThan(en);
    expect(text).toContain('https://arendenav.umea.example/staff/uppgifter');
    expect(byRecipient['skolplacering@umea.example']?.text).toContain(
      '1 vidarebefordrad fråga till BUN, Umeå',
    );
    for (const { mail } of smtp.received) {
      const whole = `${mail.subject}\n${mail.text}\n${JSON.stringify([...mail.headers])}`;
      for (const secret of [
        'Maja',
        'Testberg',
        'Tallen',
        'garaget',
        PNR_MAJA,
        '199003212389',
        PERSON_REF,
        'bo.byggare',
        ...ids,
      ])
        expect(whole).not.toContain(secret);
    }
    expect(await unalerted()).toBe(2); // the one not yet due, and the office without an address
    // The office without an address is logged once, by its code; nothing about any task or person.
    expect(lines.filter((l) => l.includes('without an alert address'))).toHaveLength(1);
    const logged = lines.join('\n');
    for (const secret of ['Maja', 'Tallen', PERSON_REF, 'bygglov@umea.example', ...ids])
      expect(logged).not.toContain(secret);
  });

  it('alerts exactly once when two hub instances run at the same moment', async () => {
    for (const due of ['2026-06-01T08:00:00Z', '2026-06-02T08:00:00Z', '2026-06-03T08:00:00Z'])
      await task('BN', due);
    await task('BUN', '2026-06-03T08:00:00Z');
    // On PostgreSQL the second instance has connections of its own, as a second hub would.
    const other = backend === 'postgres' ? await connectPostgres(url as string, { max: 2 }) : db;
    try {
      const [a, b] = [jobOn(db), jobOn(other)];
      const runs = await Promise.all([a.run(), b.run(), a.run(), b.run()]);
      expect(runs.reduce((sum, r) => sum + r.alerted, 0)).toBe(4);
      await Promise.all([a.stop(), b.stop()]);
    } finally {
      if (other !== db) await other.close();
    }
    const counts = smtp.received.map((r) => [
      r.rcptTo[0],
      /Overdue tasks: (\d+)/.exec(r.mail.subject ?? '')?.[1],
    ]);
    // One mail per office; a split between instances would show as two mails whose counts add up.
    expect(counts.sort()).toEqual([
      ['bygglov@umea.example', '3'],
      ['skolplacering@umea.example', '1'],
    ]);
  });

  it('leaves the tasks unalerted when the relay refuses, logs it without personal data, and alerts on the next run', async () => {
    await task('BN', '2026-06-01T08:00:00Z');
    const refusing = await startSmtpSink({ refuse: true });
    try {
      const job = jobOn(db, refusing.url);
      expect(await job.run()).toEqual({ alerted: 0, offices: 0, failed: 1, withoutAddress: 0 });
      await job.stop();
    } finally {
      await refusing.close();
    }
    expect(refusing.received).toHaveLength(0);
    expect(await unalerted()).toBe(1);
    const failure = lines
      .map((l) => JSON.parse(l))
      .find((l) => l.msg === 'overdue alert not sent; retried next run');
    expect(failure?.alerts).toEqual({
      municipality: '2480',
      office: 'BN',
      code: 'EENVELOPE',
      responseCode: 550,
    });
    for (const secret of ['Maja', 'bygglov@umea.example', 'Mailbox unavailable', ...ids])
      expect(lines.join('\n')).not.toContain(secret);

    const job = jobOn(db);
    expect(await job.run()).toMatchObject({ alerted: 1, failed: 0 });
    await job.stop();
    expect(smtp.received.map((r) => r.rcptTo)).toEqual([['bygglov@umea.example']]);
    expect(await unalerted()).toBe(0);
  });

  it('runs on its schedule once started, and stop() ends it', async () => {
    await task('BN', '2026-06-01T08:00:00Z');
    const job = jobOn(db);
    job.start();
    await expect.poll(() => smtp.received.length, { timeout: 5_000 }).toBe(1);
    await job.stop();
    expect(await unalerted()).toBe(0);
  });
});
