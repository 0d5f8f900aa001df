/** Bad input to the contact register: each a clear error or a clear state, nothing lost, no personnummer echoed. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONTACT_TEXT_MAX } from '../../schemas/contact.js';
import { bearer, jsonPost, testApp } from '../../test/support/app.js';
import { backends } from '../../test/support/databases.js';
import { PNR_MAJA } from '../../test/support/fixtures.js';

const base = { municipality: '2480', channel: 'phone', topic: 'bygglov', question: 'Fråga om bygglov.' };

describe.each(backends(import.meta.url))('bad input to the contact register on %s', (backend) => {
  let t: Awaited<ReturnType<typeof testApp>>;
  let agent: string;
  beforeAll(async () => {
    t = await testApp(backend);
    agent = await t.tokenFor('infocenter');
  });
  afterAll(async () => t.drop());

  const register = (body: Record<string, unknown>) =>
    t.app.request('/api/v1/contacts', jsonPost(agent, { ...base, ...body }));
  const fields = async (res: Response) =>
    ((await res.json()).errors ?? []).map((e: { field: string }) => e.field);
  const count = async () =>
    Number((await t.db.query<{ n: string }>('SELECT count(*)::text AS n FROM contacts')).rows[0]?.n);

  it.each([
    ['an empty question', { question: '' }, 'question'],
    ['a question of spaces only', { question: '   ' }, 'question'],
    ['an oversized question', { question: 'x'.repeat(CONTACT_TEXT_MAX + 1) }, 'question'],
    ['an empty answer', { answer: '' }, 'answer'],
    ['an unknown channel', { channel: 'fax' }, 'channel'],
    ['a municipality that is no kommunkod', { municipality: 'Umeå' }, 'municipality'],
    ['a field nobody knows', { priority: 'high' }, ''],
  ])('refuses %s with 400 naming the field, and stores nothing', async (_, body, field) => {
    const before = await count();
    const res = await register(body);
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    if (field) expect(await fields(res)).toContain(field);
    expect(await count()).toBe(before);
  });

  it('refuses a topic not in the municipality’s list, even one another municipality has', async () => {
    for (const topic of ['flygplats', 'vatten']) {
      // 'vatten' is Nordmaling's topic, not Umeå's.
      const res = await register({ topic });
      expect(res.status).toBe(400);
      const problem = await res.json();
      expect(problem.detail).toMatch(/^Okänt ämne för kommunen/);
      expect(problem.errors).toEqual([expect.objectContaining({ field: 'topic' })]);
    }
  });

  it('refuses an invalid personnummer without echoing it', async () => {
    const res = await register({ personnummer: '19900321-2388' });
    expect(res.status).toBe(400);
    const text = await res.text();
    expect(text).not.toContain('0321');
    expect(JSON.parse(text).errors).toEqual([expect.objectContaining({ field: 'personnummer' })]);
  });

  it('answers 409 with a Swedish-first message to answering or closing a closed contact, and to reopening an open one', async () => {
    const { id } = await (await register({})).json();
    const reopenOpen = await t.app.request(`/api/v1/contacts/${id}/reopen`, jsonPost(agent, {}));
    expect(reopenOpen.status).toBe(409);
    expect((await reopenOpen.json()).detail).toMatch(/^Kontakten är redan öppen\./);
    await t.app.request(`/api/v1/contacts/${id}/close`, jsonPost(agent, { outcome: 'referred_elsewhere' }));
    const answer = await t.app.request(
      `/api/v1/contacts/${id}/answer`,
      jsonPost(agent, { answer: 'Sent svar.' }),
    );
    expect(answer.status).toBe(409);
    const problem = await answer.json();
    expect(problem).toMatchObject({ status: 409, title: 'Konflikt / Conflict' });
    expect(problem.detail).toMatch(
      /^Kontakten är avslutad; öppna den igen för att svara\. \/ The contact is closed/,
    );
    const close = await t.app.request(
      `/api/v1/contacts/${id}/close`,
      jsonPost(agent, { outcome: 'forwarded' }),
    );
    expect(close.status).toBe(409);
    expect((await close.json()).detail).toMatch(/^Kontakten är redan avslutad\./);
    // Nothing lost or changed: the first outcome and no answer, three refusals and no extra steps.
    const after = await (await t.app.request(`/api/v1/contacts/${id}`, bearer(agent))).json();
    expect(after).toMatchObject({ status: 'closed', outcome: 'referred_elsewhere', answer: null });
    expect(after.history.map((h: { step: string }) => h.step)).toEqual(['registered', 'closed']);
  });

  it('refuses closing without an outcome, or with one nobody knows', async () => {
    const { id } = await (await register({})).json();
    for (const body of [{}, { outcome: 'solved' }]) {
      const res = await t.app.request(`/api/v1/contacts/${id}/close`, jsonPost(agent, body));
      expect(res.status).toBe(400);
      expect(await fields(res)).toContain('outcome');
    }
  });

  it('refuses an id that is no uuid with 400', async () => {
    expect((await t.app.request('/api/v1/contacts/not-an-id', bearer(agent))).status).toBe(400);
  });

  it('masks a personnummer in every spelling people type, and never logs it', async () => {
    for (const spelling of ['19900321-2389', '900321-2389', '199003212389', '19900321 2389', '900321–2389']) {
      const contact = await (await register({ question: `Gäller ${spelling}, tack.` })).json();
      expect(contact.question).toBe('Gäller [personnummer], tack.');
      expect(contact.personRef).toBe(t.personRefs.fromInput(PNR_MAJA));
    }
    expect(t.logLines.join('\n')).not.toMatch(/0321.?2389/);
  });

  it('shows nothing when the read cannot be audited (fail closed)', async () => {
    const { id } = await (await register({ question: 'Hemlig fråga om grannen.' })).json();
    await t.db.query('ALTER TABLE audit_log RENAME TO audit_log_away');
    try {
      const res = await t.app.request(`/api/v1/contacts/${id}`, bearer(agent));
      expect(res.status).toBe(503);
      expect(await res.text()).not.toContain('grannen');
    } finally {
      await t.db.query('ALTER TABLE audit_log_away RENAME TO audit_log');
    }
  });
});
