/**
 * Contacts past their municipality's retention period are anonymised by the retention job: the
 * person, the texts, the linked cases and the callback number go, with the tasks' texts; what the
 * statistics count stays; open contacts and contacts within their period are untouched; an
 * anonymised contact cannot be reopened; a dry run changes nothing.
 */
import { Registry } from 'prom-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../app/logger.js';
import { createRetentionJob } from '../retention/retention-job.js';
import { RetentionSchema } from '../sync/sources-config.js';
import { bearer, jsonPost, testApp } from '../test/support/app.js';
import { backends } from '../test/support/databases.js';
import { PNR_MAJA } from '../test/support/fixtures.js';
import { capturingDestination } from '../test/support/log-sink.js';

describe.each(backends(import.meta.url))('anonymising contacts after their retention on %s', (backend) => {
  let t: Awaited<ReturnType<typeof testApp>>;
  let agent: string;
  let officer: string;
  beforeAll(async () => {
    t = await testApp(backend);
    agent = await t.tokenFor('infocenter');
    officer = await t.tokenFor('bygglov');
  });
  afterAll(async () => t.drop());

  const post = async (path: string, body: unknown, token = agent) => {
    const res = await t.app.request(path, jsonPost(token, body));
    expect(res.status, path).toBeLessThan(300);
    return res.json();
  };
  /** A closed contact of `municipality` (closed `monthsAgo`), forwarded and answered by BN when in Umeå. */
  async function closedContact(monthsAgo: number, question: string) {
    const contact = await post('/api/v1/contacts', {
      municipality: '2480',
      channel: 'phone',
      topic: 'bygglov',
      question: `${question} (${PNR_MAJA})`,
      personnummer: PNR_MAJA,
      callbackNumber: '070-174 06 55',
      caseIds: [],
    });
    await post(`/api/v1/contacts/${contact.id}/forward`, { office: 'BN', note: `Ring ${PNR_MAJA}` });
    const tasks = (await (await t.app.request('/api/v1/tasks', bearer(officer))).json()).items;
    const task = tasks.find((x: { contactId: string }) => x.contactId === contact.id);
    await post(`/api/v1/tasks/${task.id}/answer`, { answer: 'Beslut vecka 12.' }, officer);
    await post(`/api/v1/contacts/${contact.id}/answer`, { answer: 'Beslut väntas vecka 12.' });
    await post(`/api/v1/contacts/${contact.id}/close`, { outcome: 'forwarded' });
    await t.db.query(
      `UPDATE contacts SET closed_at = now() - make_interval(months => $2::int) WHERE id = $1::uuid`,
      [contact.id, monthsAgo],
    );
    return contact.id as string;
  }
  const row = async (id: string) =>
    (
      await t.db.query<Record<string, unknown>>(
        `SELECT question, answer, person_ref, callback_sealed, cardinality(case_ids) AS cases, status,
                outcome, topic, channel, anonymised_at IS NOT NULL AS anonymised
           FROM contacts WHERE id = $1::uuid`,
        [id],
      )
    ).rows[0];

  it('anonymises closed contacts past the period, keeps the counted facts, and leaves the rest', async () => {
    const old = await closedContact(25, 'Gammal fråga om garaget');
    const recent = await closedContact(23, 'Nyare fråga om garaget');
    const open = await post('/api/v1/contacts', {
      municipality: '2480',
      channel: 'phone',
      topic: 'bygglov',
      question: 'Öppen fråga',
      personnummer: PNR_MAJA,
    });
    await t.db.query(`UPDATE contacts SET created_at = now() - interval '5 years' WHERE id = $1::uuid`, [
      open.id,
    ]);
    const lines: string[] = [];
    const job = createRetentionJob({
      db: t.db,
      syncStore: { expireQuarantineIn: async () => 0 },
      pruneFiles: async () => ({ removed: 0, failed: 0 }),
      settings: RetentionSchema.parse({}),
      logger: createLogger({ level: 'info', destination: capturingDestination(lines) }),
      registry: new Registry(),
    });

    expect(await job.run({ dryRun: true })).toMatchObject({ ran: true, removed: { contacts: 1 } });
    expect(await row(old)).toMatchObject({ anonymised: false });
    expect(await job.run()).toMatchObject({ ran: true, removed: { contacts: 1 } });
    expect(await row(old)).toEqual({
      question: '',
      answer: null,
      person_ref: null,
      callback_sealed: null,
      cases: 0,
      status: 'closed',
      outcome: 'forwarded',
      topic: 'bygglov',
      channel: 'phone',
      anonymised: true,
    });
    const tasks = await t.db.query<{ note: string; answer: string; office: string }>(
      'SELECT note, answer, office FROM contact_tasks WHERE contact_id = $1::uuid',
      [old],
    );
    expect(tasks.rows).toEqual([{ note: '', answer: '', office: 'BN' }]);
    // Within its period, and open ones however old: untouched.
    expect(await row(recent)).toMatchObject({
      anonymised: false,
      person_ref: expect.stringMatching(/^pr1_/),
    });
    expect(await row(open.id)).toMatchObject({ anonymised: false, status: 'open' });
    // The history's steps stay (they hold no text); the statistics still count the contact.
    const steps = await t.db.query('SELECT step FROM contact_history WHERE contact_id = $1::uuid', [old]);
    expect(steps.rows.map((r) => r.step)).toEqual([
      'registered',
      'forwarded',
      'task_answered',
      'answered',
      'closed',
    ]);
    // Counts only in the log, never a text or a person.
    expect(lines.join('\n')).not.toMatch(/garaget|pr1_|19900321|0701740655/);
    // Nothing left: a second run anonymises nothing.
    expect(await job.run()).toMatchObject({ removed: { contacts: 0 } });
  });

  it('shows an anonymised contact as such and refuses to reopen or answer it', async () => {
    const id = await closedContact(40, 'Ännu äldre fråga');
    const job = createRetentionJob({
      db: t.db,
      syncStore: { expireQuarantineIn: async () => 0 },
      pruneFiles: async () => ({ removed: 0, failed: 0 }),
      settings: RetentionSchema.parse({ contactMonthsByMunicipality: { '2480': 36 } }),
      logger: createLogger({ level: 'silent' }),
      registry: new Registry(),
    });
    expect(await job.run()).toMatchObject({ removed: { contacts: 1 } });
    const view = await (await t.app.request(`/api/v1/contacts/${id}`, bearer(agent))).json();
    expect(view).toMatchObject({
      question: '',
      answer: null,
      personRef: null,
      anonymisedAt: expect.any(String),
    });
    const reopened = await t.app.request(`/api/v1/contacts/${id}/reopen`, jsonPost(agent, {}));
    expect(reopened.status).toBe(409);
    expect((await reopened.json()).detail).toContain('gallrad');
    expect(await row(id)).toMatchObject({ status: 'closed', anonymised: true });
  });

  it('follows a municipality’s own period: Umeå keeping 36 months keeps a 30-month-old contact', async () => {
    const id = await closedContact(30, 'Fråga inom Umeås längre tid');
    const job = createRetentionJob({
      db: t.db,
      syncStore: { expireQuarantineIn: async () => 0 },
      pruneFiles: async () => ({ removed: 0, failed: 0 }),
      settings: RetentionSchema.parse({ contactMonths: 12, contactMonthsByMunicipality: { '2480': 36 } }),
      logger: createLogger({ level: 'silent' }),
      registry: new Registry(),
    });
    await job.run();
    expect(await row(id)).toMatchObject({ anonymised: false });
  });
});
