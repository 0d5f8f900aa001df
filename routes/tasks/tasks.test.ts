/** Owned until answered: an agent forwards a contact, the office answers its task, the agent closes the contact. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, jsonPost, NOW, testApp } from '../../test/support/app.js';
import { backends } from '../../test/support/databases.js';
import { PNR_MAJA } from '../../test/support/fixtures.js';

describe.each(backends(import.meta.url))('forwarding and tasks on %s', (backend) => {
  let t: Awaited<ReturnType<typeof testApp>>;
  let agent: string;
  let officer: string;
  let clock = NOW;
  beforeAll(async () => {
    t = await testApp(backend, { now: () => clock });
    agent = await t.tokenFor('infocenter');
    officer = await t.tokenFor('bygglov');
  });
  afterAll(async () => t.drop());

  const register = async (body: Record<string, unknown> = {}) =>
    (
      await t.app.request(
        '/api/v1/contacts',
        jsonPost(agent, {
          municipality: '2480',
          channel: 'phone',
          topic: 'bygglov',
          question: 'Mitt garage?',
          ...body,
        }),
      )
    ).json();
  const forward = (id: string, body: Record<string, unknown>) =>
    t.app.request(`/api/v1/contacts/${id}/forward`, jsonPost(agent, body));

  it('forwards, the office answers, the answer is on the contact, and the agent closes it; every step in its history', async () => {
    clock = NOW;
    const contact = await register({ personnummer: PNR_MAJA });
    const res = await forward(contact.id, { office: 'BN', note: `Når ni sökanden ${PNR_MAJA}?` });
    expect(res.status).toBe(200);
    const forwarded = await res.json();
    // Monday 1 June + 5 working days (bygglov at BN): Monday 8 June, same time.
    expect(forwarded).toMatchObject({
      status: 'open',
      outcome: 'forwarded',
      owner: { subject: 'demo:infocenter' },
      task: {
        office: 'BN',
        officer: null,
        status: 'open',
        dueAt: '2026-06-08T10:00:00.000Z',
        overdue: false,
      },
    });
    const taskId = forwarded.task.id;
    expect(forwarded.tasks).toEqual([
      expect.objectContaining({ id: taskId, note: 'Når ni sökanden [personnummer]?', answer: null }),
    ]);
    expect(forwarded.history.at(-1)).toMatchObject({
      step: 'forwarded',
      outcome: 'forwarded',
      subject: 'demo:infocenter',
      taskId,
      taskOffice: 'BN',
    });

    const list = await (await t.app.request('/api/v1/tasks', bearer(officer))).json();
    expect(list.items.map((i: { id: string }) => i.id)).toContain(taskId);
    const task = await (await t.app.request(`/api/v1/tasks/${taskId}`, bearer(officer))).json();
    expect(task).toMatchObject({
      contactId: contact.id,
      question: 'Mitt garage?',
      topic: 'bygglov',
      status: 'open',
    });

    clock = new Date(NOW.getTime() + 3_600_000);
    const answered = await t.app.request(
      `/api/v1/tasks/${taskId}/answer`,
      jsonPost(officer, { answer: 'Beslut fattas vecka 24.' }),
    );
    expect(answered.status).toBe(200);
    expect(await answered.json()).toMatchObject({
      status: 'answered',
      answer: 'Beslut fattas vecka 24.',
      answeredBy: 'demo:bygglov',
      answeredAt: '2026-06-01T11:00:00.000Z',
      overdue: false,
    });
    const again = await t.app.request(
      `/api/v1/tasks/${taskId}/answer`,
      jsonPost(officer, { answer: 'Igen.' }),
    );
    expect(again.status).toBe(409);
    expect(again.headers.get('content-type')).toContain('application/problem+json');
    expect((await again.json()).detail).toMatch(/redan besvarad.*already been answered/);

    const back = await (await t.app.request(`/api/v1/contacts/${contact.id}`, bearer(agent))).json();
    expect(back.tasks[0]).toMatchObject({ answer: 'Beslut fattas vecka 24.', status: 'answered' });
    expect(back.status).toBe('open');
    const closed = await (
      await t.app.request(`/api/v1/contacts/${contact.id}/close`, jsonPost(agent, { outcome: 'forwarded' }))
    ).json();
    expect(closed.history.map((h: { step: string; subject: string }) => [h.step, h.subject])).toEqual([
      ['registered', 'demo:infocenter'],
      ['forwarded', 'demo:infocenter'],
      ['task_answered', 'demo:bygglov'],
      ['closed', 'demo:infocenter'],
    ]);
    expect(closed.history[2]).toMatchObject({ role: 'officer', office: 'BN', taskId, taskOffice: 'BN' });
  });

  it.each([
    ['bygglov', 'BUN', '2026-06-03T10:00:00.000Z', 'the topic’s default, 2 working days'],
    ['skola', 'BUN', '2026-06-03T10:00:00.000Z', 'the office’s norm for the topic, 48 hours'],
    ['avfall', 'BN', '2026-06-04T10:00:00.000Z', 'the file’s default, 3 working days'],
  ])('dues a %s question forwarded to %s at %s (%s)', async (topic, office, due) => {
    clock = NOW;
    const contact = await register({ topic });
    const res = await forward(contact.id, { office, note: 'Kan ni svara?' });
    expect((await res.json()).task.dueAt).toBe(due);
  });

  it('lists overdue first: the agent’s follow-ups and the office’s tasks, with task state and due time', async () => {
    clock = new Date('2026-03-02T09:00:00Z');
    const late = await register({ question: 'Sen fråga' });
    const plain = await register({ question: 'Utan uppgift' });
    const later = await register({ question: 'Senare fråga' });
    // Three working days before the other: the earliest due, and both past due on 20 March.
    await forward(late.id, { office: 'BN', note: 'Först.' });
    clock = new Date('2026-03-05T09:00:00Z');
    await forward(later.id, { office: 'BN', note: 'Sedan.' });
    clock = new Date('2026-03-20T09:00:00Z');
    const mine = await (await t.app.request('/api/v1/contacts', bearer(agent))).json();
    const questions = mine.items.map((c: { question: string }) => c.question);
    expect(questions.slice(0, 2)).toEqual(['Sen fråga', 'Senare fråga']);
    expect(questions.indexOf('Utan uppgift')).toBeGreaterThan(1);
    expect(mine.items[0].task).toMatchObject({ office: 'BN', status: 'open', overdue: true });
    expect(mine.items.find((c: { id: string }) => c.id === plain.id).task).toBeNull();

    const tasks = await (await t.app.request('/api/v1/tasks', bearer(officer))).json();
    const open = tasks.items.filter((i: { status: string }) => i.status === 'open');
    expect(open.slice(0, 2).map((i: { question: string }) => i.question)).toEqual([
      'Sen fråga',
      'Senare fråga',
    ]);
    expect(open[0].overdue).toBe(true);
    // Answered tasks come after every open one.
    const firstAnswered = tasks.items.findIndex((i: { status: string }) => i.status === 'answered');
    expect(firstAnswered).toBeGreaterThanOrEqual(open.length);
  });

  it('closes a task still open when its contact closes: the office can no longer answer it (409), and it is listed after the open ones', async () => {
    clock = NOW;
    const contact = await register({ question: 'Löst av kontaktcenter' });
    const { task } = await (await forward(contact.id, { office: 'BN', note: 'Behövs kanske inte.' })).json();
    clock = new Date(NOW.getTime() + 60_000);
    const closed = await (
      await t.app.request(
        `/api/v1/contacts/${contact.id}/close`,
        jsonPost(agent, { outcome: 'answered_directly' }),
      )
    ).json();
    expect(closed.tasks[0]).toMatchObject({
      status: 'closed',
      closedAt: '2026-06-01T10:01:00.000Z',
      answer: null,
    });
    const res = await t.app.request(
      `/api/v1/tasks/${task.id}/answer`,
      jsonPost(officer, { answer: 'Sent svar.' }),
    );
    expect(res.status).toBe(409);
    expect((await res.json()).detail).toMatch(/stängd.*closed/);
    expect(
      (await t.db.query('SELECT status, answer FROM contact_tasks WHERE id = $1::uuid', [task.id])).rows,
    ).toEqual([{ status: 'closed', answer: null }]);
    // Reopened, the contact may be forwarded again: the closed task no longer blocks it.
    await t.app.request(`/api/v1/contacts/${contact.id}/reopen`, jsonPost(agent, {}));
    expect((await forward(contact.id, { office: 'BN', note: 'Ändå.' })).status).toBe(200);
  });

  it('audits every read of a task by its contact, with the person reference, before showing it', async () => {
    clock = NOW;
    const contact = await register({ personnummer: PNR_MAJA });
    const { task } = await (await forward(contact.id, { office: 'BN', note: 'Läs.' })).json();
    await t.app.request(`/api/v1/tasks/${task.id}`, bearer(officer));
    const { rows } = await t.db.query<{ action: string; subject: string; person_refs: string[] }>(
      `SELECT action, subject, person_refs FROM audit_log
        WHERE contact_id = $1::uuid AND action LIKE 'task.%' ORDER BY id`,
      [contact.id],
    );
    expect(rows).toEqual([
      { action: 'task.read', subject: 'demo:bygglov', person_refs: [t.personRefs.fromInput(PNR_MAJA)] },
    ]);
    await t.db.query('ALTER TABLE audit_log RENAME TO audit_log_away');
    try {
      const res = await t.app.request(`/api/v1/tasks/${task.id}`, bearer(officer));
      expect(res.status).toBe(503);
      expect(await res.text()).not.toContain('Läs.');
    } finally {
      await t.db.query('ALTER TABLE audit_log_away RENAME TO audit_log');
    }
  });
});
