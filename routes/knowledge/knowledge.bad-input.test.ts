/** Bad input to the knowledge base: each a clear error naming the field, nothing stored, no personnummer echoed. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findPersona, type Persona } from '../../demo/personas.js';
import { KNOWLEDGE_QUERY_MAX, KNOWLEDGE_TEXT_MAX } from '../../schemas/knowledge.js';
import { bearer, jsonPost, testApp } from '../../test/support/app.js';
import { backends } from '../../test/support/databases.js';
import { PNR_MAJA } from '../../test/support/fixtures.js';

const base = {
  municipality: '2480',
  topic: 'bygglov',
  question: { sv: 'Behöver jag bygglov för solceller?' },
  answer: { sv: 'Oftast inte, utom i kulturmiljöer.' },
};

describe.each(backends(import.meta.url))('bad input to the knowledge base on %s', (backend) => {
  let t: Awaited<ReturnType<typeof testApp>>;
  let agent: string;
  let reviewer: string;
  beforeAll(async () => {
    t = await testApp(backend);
    agent = await t.tokenFor('infocenter');
    reviewer = await t.identity.issue({ ...(findPersona('infocenter') as Persona), id: 'kc-umea-2' });
  });
  afterAll(async () => t.drop());

  const post = (path: string, body: unknown, token = agent) => t.app.request(path, jsonPost(token, body));
  const propose = (body: Record<string, unknown>) => post('/api/v1/knowledge', { ...base, ...body });
  const fields = async (res: Response) =>
    ((await res.json()).errors ?? []).map((e: { field: string }) => e.field);
  const count = async () =>
    Number((await t.db.query<{ n: string }>('SELECT count(*)::text AS n FROM knowledge_entries')).rows[0]?.n);
  const patch = (id: string, body: unknown) =>
    t.app.request(`/api/v1/knowledge/${id}`, {
      method: 'PATCH',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${agent}` },
      body: JSON.stringify(body),
    });

  it.each([
    ['an empty Swedish question', { question: { sv: '' } }, 'question.sv'],
    ['an answer of spaces only', { answer: { sv: '   ' } }, 'answer.sv'],
    ['an oversized answer', { answer: { sv: 'x'.repeat(KNOWLEDGE_TEXT_MAX + 1) } }, 'answer.sv'],
    ['no Swedish text', { question: { en: 'Solar panels?' } }, 'question.sv'],
    ['an English question without its answer', { question: { sv: 'Solceller?', en: 'Solar?' } }, 'answer.en'],
    ['a language nobody reads here', { question: { sv: 'Solceller?', fi: 'Aurinko?' } }, 'question.fi'],
    ['no municipality (and no contact)', { municipality: undefined }, 'municipality'],
    ['a case status that is no canonical code', { caseStatus: 'pending' }, 'caseStatus'],
    ['a control character', { question: { sv: 'Sol\u0000celler?' } }, 'question.sv'],
  ])('refuses %s with 400 naming the field, and stores nothing', async (_, body, field) => {
    const before = await count();
    const res = await propose(body);
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    expect(await fields(res)).toContain(field);
    expect(await count()).toBe(before);
  });

  it('refuses a topic not in the municipality’s list, even one another municipality has', async () => {
    for (const topic of ['flygplats', 'vatten']) {
      const res = await propose({ topic });
      expect(res.status).toBe(400);
      expect((await res.json()).errors).toEqual([expect.objectContaining({ field: 'topic' })]);
    }
  });

  it('refuses a personnummer typed into any text, naming each field and echoing no number', async () => {
    const before = await count();
    for (const spelling of [PNR_MAJA, '900321-2389', '199003212389', '19900321 2389']) {
      const res = await propose({
        question: { sv: 'Solceller?', en: `For ${spelling}?` },
        answer: { sv: `Gäller ${spelling}.`, en: 'Yes.' },
      });
      expect(res.status).toBe(400);
      const text = await res.text();
      expect(text).not.toMatch(/0321.?2389/);
      expect(JSON.parse(text).errors.map((e: { field: string }) => e.field)).toEqual([
        'question.en',
        'answer.sv',
      ]);
    }
    expect(await count()).toBe(before);
    const { id } = await (await propose({})).json();
    const res = await patch(id, { answer: { sv: `Ring ${PNR_MAJA}.` } });
    expect(res.status).toBe(400);
    expect(await fields(res)).toEqual(['answer.sv']);
    expect(t.logLines.join('\n')).not.toMatch(/0321.?2389/);
  });

  it('keeps a masked person from a contact out of review: "[personnummer]" must be rewritten first (422)', async () => {
    const contact = await (
      await post('/api/v1/contacts', {
        municipality: '2480',
        channel: 'phone',
        topic: 'bygglov',
        question: `Hur går det för ${PNR_MAJA}?`,
        answer: 'Beslut kommer inom tio veckor.',
      })
    ).json();
    const draft = await (await post('/api/v1/knowledge', { fromContact: contact.id })).json();
    expect(draft.question.sv).toBe('Hur går det för [personnummer]?');
    const submit = await post(`/api/v1/knowledge/${draft.id}/submit`, {});
    expect(submit.status).toBe(422);
    expect(await fields(submit)).toEqual(['question.sv']);
    await patch(draft.id, { question: { sv: 'Hur lång tid tar ett bygglov?' } });
    expect((await post(`/api/v1/knowledge/${draft.id}/submit`, {})).status).toBe(200);
  });

  it('refuses proposing from an unanswered contact (422) or one that does not exist (404)', async () => {
    const open = await (
      await post('/api/v1/contacts', {
        municipality: '2480',
        channel: 'web',
        topic: 'skola',
        question: 'Skolval?',
      })
    ).json();
    const res = await post('/api/v1/knowledge', { fromContact: open.id });
    expect(res.status).toBe(422);
    expect(await fields(res)).toEqual(['fromContact']);
    const missing = await post('/api/v1/knowledge', { fromContact: '5d0c8b9e-2f6a-4c1d-9b7e-3a2f1c0d4e5f' });
    expect(missing.status).toBe(404);
  });

  it('answers 409 to steps out of order, and changes nothing', async () => {
    const { id } = await (await propose({})).json();
    const early = await post(`/api/v1/knowledge/${id}/publish`, {}, reviewer);
    expect(early.status).toBe(409);
    expect((await early.json()).detail).toMatch(/^Bara en post under granskning publiceras/);
    await post(`/api/v1/knowledge/${id}/submit`, {});
    expect((await post(`/api/v1/knowledge/${id}/submit`, {})).status).toBe(409);
    await post(`/api/v1/knowledge/${id}/publish`, {}, reviewer);
    const edit = await patch(id, { answer: { sv: 'Nytt.' } });
    expect(edit.status).toBe(409);
    expect((await edit.json()).detail).toMatch(/^En publicerad post ändras inte/);
    await post(`/api/v1/knowledge/${id}/withdraw`, {}, reviewer);
    expect((await post(`/api/v1/knowledge/${id}/withdraw`, {}, reviewer)).status).toBe(409);
    const after = await (await t.app.request(`/api/v1/knowledge/${id}`, bearer(agent))).json();
    expect(after.answer.sv).toBe(base.answer.sv);
    expect(after.history.map((h: { step: string }) => h.step)).toEqual([
      'proposed',
      'submitted',
      'published',
      'withdrawn',
    ]);
  });

  it('refuses an empty edit, and a search text that is too long or a suggestion too short', async () => {
    const { id } = await (await propose({})).json();
    expect((await patch(id, {})).status).toBe(400);
    const long = await t.app.request(
      `/api/v1/knowledge?q=${'a'.repeat(KNOWLEDGE_QUERY_MAX + 1)}`,
      bearer(agent),
    );
    expect(long.status).toBe(400);
    expect(await fields(long)).toEqual(['q']);
    expect((await t.app.request('/api/v1/knowledge/suggest?q=a', bearer(agent))).status).toBe(400);
    expect((await t.app.request('/api/v1/knowledge?status=secret', bearer(agent))).status).toBe(400);
    // Only punctuation: no word to search for, so no filter (rather than an error or every row twice).
    expect((await t.app.request('/api/v1/knowledge?q=%26%7C!', bearer(agent))).status).toBe(200);
  });

  it('answers with a knowledge entry only when it is a published entry of the contact’s municipality (else 422)', async () => {
    const contact = await (
      await post('/api/v1/contacts', {
        municipality: '2480',
        channel: 'phone',
        topic: 'bygglov',
        question: 'Solceller?',
      })
    ).json();
    const draft = await (await propose({})).json();
    const bjurholm = await t.tokenFor('kc-bjurholm');
    const elsewhere = await (
      await post('/api/v1/knowledge', { ...base, municipality: '2403' }, bjurholm)
    ).json();
    for (const knowledgeEntry of [draft.id, elsewhere.id, '5d0c8b9e-2f6a-4c1d-9b7e-3a2f1c0d4e5f']) {
      const res = await post(`/api/v1/contacts/${contact.id}/answer`, {
        answer: 'Se posten.',
        knowledgeEntry,
      });
      expect(res.status).toBe(422);
      expect(await fields(res)).toEqual(['knowledgeEntry']);
    }
    const bad = await post(`/api/v1/contacts/${contact.id}/answer`, {
      answer: 'Se posten.',
      knowledgeEntry: 'x',
    });
    expect(bad.status).toBe(400);
    // Registering: the same rule, and an entry only with an answer; nothing is registered.
    const contacts = async () =>
      Number((await t.db.query<{ n: string }>('SELECT count(*)::text AS n FROM contacts')).rows[0]?.n);
    const before = await contacts();
    const register = { municipality: '2480', channel: 'phone', topic: 'bygglov', question: 'Solceller?' };
    const unpublished = await post('/api/v1/contacts', {
      ...register,
      answer: 'Se posten.',
      knowledgeEntry: draft.id,
    });
    expect(unpublished.status).toBe(422);
    expect(await fields(unpublished)).toEqual(['knowledgeEntry']);
    const unanswered = await post('/api/v1/contacts', { ...register, knowledgeEntry: draft.id });
    expect(unanswered.status).toBe(400);
    expect(await fields(unanswered)).toEqual(['knowledgeEntry']);
    expect(await contacts()).toBe(before);
    const after = await (await t.app.request(`/api/v1/contacts/${contact.id}`, bearer(agent))).json();
    expect(after).toMatchObject({ answer: null, knowledgeEntry: null });
  });
});
