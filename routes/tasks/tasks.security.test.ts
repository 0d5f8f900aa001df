/** Who may forward and answer, and bad input: each refusal clear, nothing stored, municipalities kept apart. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findPersona, type Persona } from '../../demo/personas.js';
import { CONTACT_TEXT_MAX } from '../../schemas/contact.js';
import { bearer, jsonPost, testApp } from '../../test/support/app.js';
import { backends } from '../../test/support/databases.js';
import { PNR_MAJA } from '../../test/support/fixtures.js';

describe.each(backends(import.meta.url))('tasks: access and bad input on %s', (backend) => {
  let t: Awaited<ReturnType<typeof testApp>>;
  let agent: string;
  let officer: string;
  let contactId: string;
  let taskId: string;
  const officerOf = (municipality: string, office: string) =>
    t.identity.issue({
      ...(findPersona('bygglov') as Persona),
      id: `bn-${municipality}-${office}`,
      municipality,
      office,
    });
  beforeAll(async () => {
    t = await testApp(backend);
    agent = await t.tokenFor('infocenter');
    officer = await t.tokenFor('bygglov');
    const contact = await (
      await t.app.request(
        '/api/v1/contacts',
        jsonPost(agent, { municipality: '2480', channel: 'phone', topic: 'bygglov', question: 'Fråga.' }),
      )
    ).json();
    contactId = contact.id;
    const res = await t.app.request(
      `/api/v1/contacts/${contactId}/forward`,
      jsonPost(agent, { office: 'BN', note: 'Svara.' }),
    );
    taskId = (await res.json()).task.id;
  });
  afterAll(async () => t.drop());

  const count = async (sql: string) => Number((await t.db.query<{ n: string }>(sql)).rows[0]?.n);
  const fields = async (res: Response) =>
    ((await res.json()).errors ?? []).map((e: { field: string }) => e.field);

  it('answers another municipality’s officer of the same office, and another office’s officer, 404 like a missing task, and audits it', async () => {
    const vannas = await officerOf('2460', 'BN');
    const school = await officerOf('2480', 'BUN');
    const missing = await t.app.request('/api/v1/tasks/7a1c2e3f-4b5d-4c6e-8f70-9a1b2c3d4e5f', bearer(vannas));
    for (const token of [vannas, school]) {
      const hidden = await t.app.request(`/api/v1/tasks/${taskId}`, bearer(token));
      expect(hidden.status).toBe(404);
      const answer = await t.app.request(
        `/api/v1/tasks/${taskId}/answer`,
        jsonPost(token, { answer: 'Nej.' }),
      );
      expect(answer.status).toBe(404);
      const list = await (await t.app.request('/api/v1/tasks', bearer(token))).json();
      expect(list.items.map((i: { id: string }) => i.id)).not.toContain(taskId);
    }
    const strip = ({ requestId: _, ...rest }: Record<string, unknown>) => rest;
    expect(missing.status).toBe(404);
    expect(strip(await (await t.app.request(`/api/v1/tasks/${taskId}`, bearer(vannas))).json())).toEqual(
      strip(await missing.json()),
    );
    expect(
      await count(
        `SELECT count(*)::text AS n FROM audit_log WHERE action = 'task.denied' AND contact_id = '${contactId}'`,
      ),
    ).toBe(5); // two tokens × (read + answer), and the read compared with a missing task
    expect(await count(`SELECT count(*)::text AS n FROM contact_tasks WHERE status = 'answered'`)).toBe(0);
  });

  it('refuses the tasks endpoints to information-center staff, admins and citizens (403) and without a token (401)', async () => {
    for (const persona of ['infocenter', 'admin', 'medborgare']) {
      const token = await t.tokenFor(persona);
      expect((await t.app.request('/api/v1/tasks', bearer(token))).status).toBe(403);
      expect(
        (await t.app.request(`/api/v1/tasks/${taskId}/answer`, jsonPost(token, { answer: 'x' }))).status,
      ).toBe(403);
    }
    expect((await t.app.request(`/api/v1/tasks/${taskId}`)).status).toBe(401);
  });

  it('keeps forwarding to those who handle the contact: another municipality’s agent and an officer get 404', async () => {
    for (const token of [await t.tokenFor('kc-bjurholm'), officer]) {
      const res = await t.app.request(
        `/api/v1/contacts/${contactId}/forward`,
        jsonPost(token, { office: 'BUN', note: 'x' }),
      );
      expect(res.status).toBe(404);
    }
    expect(await count(`SELECT count(*)::text AS n FROM contact_tasks`)).toBe(1);
  });

  it.each([
    ['an office the municipality does not have', { office: 'XYZ', note: 'x' }, 422, 'office'],
    ['an office code that is too long', { office: 'B'.repeat(33), note: 'x' }, 400, 'office'],
    ['an empty note', { office: 'BN', note: '  ' }, 400, 'note'],
    ['an oversized note', { office: 'BN', note: 'x'.repeat(CONTACT_TEXT_MAX + 1) }, 400, 'note'],
    ['a personnummer as the named officer', { office: 'BN', officer: PNR_MAJA, note: 'x' }, 400, 'officer'],
  ])('refuses %s with a problem naming the field, and stores nothing', async (_, body, status, field) => {
    const other = await (
      await t.app.request(
        '/api/v1/contacts',
        jsonPost(agent, {
          municipality: '2480',
          channel: 'email',
          topic: 'bygglov',
          question: 'Annan fråga.',
        }),
      )
    ).json();
    const res = await t.app.request(`/api/v1/contacts/${other.id}/forward`, jsonPost(agent, body));
    expect(res.status).toBe(status);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    const text = await res.text();
    expect(text).not.toContain('0321');
    expect(await fields(new Response(text))).toEqual([field]);
    expect(
      await count(`SELECT count(*)::text AS n FROM contact_tasks WHERE contact_id = '${other.id}'`),
    ).toBe(0);
    const contact = (await t.db.query(`SELECT outcome FROM contacts WHERE id = $1::uuid`, [other.id]))
      .rows[0];
    expect(contact).toEqual({ outcome: null });
    expect(
      await count(`SELECT count(*)::text AS n FROM contact_history WHERE contact_id = '${other.id}'`),
    ).toBe(1);
  });

  it('refuses forwarding a contact with an open task, or a closed one, with 409', async () => {
    const twice = await t.app.request(
      `/api/v1/contacts/${contactId}/forward`,
      jsonPost(agent, { office: 'BUN', note: 'x' }),
    );
    expect(twice.status).toBe(409);
    expect((await twice.json()).detail).toMatch(/öppen uppgift/);
    const other = await (
      await t.app.request(
        '/api/v1/contacts',
        jsonPost(agent, { municipality: '2480', channel: 'web', topic: 'bygglov', question: 'Stängs.' }),
      )
    ).json();
    await t.app.request(
      `/api/v1/contacts/${other.id}/close`,
      jsonPost(agent, { outcome: 'answered_directly' }),
    );
    const closed = await t.app.request(
      `/api/v1/contacts/${other.id}/forward`,
      jsonPost(agent, { office: 'BN', note: 'x' }),
    );
    expect(closed.status).toBe(409);
    expect((await closed.json()).detail).toMatch(/avslutad/);
    expect(
      await count(`SELECT count(*)::text AS n FROM contact_tasks WHERE contact_id = '${other.id}'`),
    ).toBe(0);
  });

  it('refuses an empty or oversized answer (400) and masks a personnummer typed into one', async () => {
    for (const answer of ['', 'x'.repeat(CONTACT_TEXT_MAX + 1)]) {
      const res = await t.app.request(`/api/v1/tasks/${taskId}/answer`, jsonPost(officer, { answer }));
      expect(res.status).toBe(400);
      expect(await fields(res)).toEqual(['answer']);
    }
    const res = await t.app.request(
      `/api/v1/tasks/${taskId}/answer`,
      jsonPost(officer, { answer: `Gäller ${PNR_MAJA}.` }),
    );
    expect((await res.json()).answer).toBe('Gäller [personnummer].');
    const stored = await t.db.query(
      `SELECT row_to_json(t)::text AS row FROM contact_tasks t WHERE id = $1::uuid`,
      [taskId],
    );
    expect(JSON.stringify(stored.rows)).not.toContain('0321');
  });
});
