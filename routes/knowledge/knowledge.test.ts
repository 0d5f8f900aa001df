/** The knowledge base, happy paths: propose, review, publish, search in Swedish, suggest, answer from it. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findPersona, type Persona } from '../../demo/personas.js';
import { bearer, jsonPost, testApp } from '../../test/support/app.js';
import { backends } from '../../test/support/databases.js';
import { PNR_MAJA } from '../../test/support/fixtures.js';

const CALLBACK = '070-174 06 55';

describe.each(backends(import.meta.url))('the knowledge base on %s', (backend) => {
  let t: Awaited<ReturnType<typeof testApp>>;
  let agent: string;
  let reviewer: string;
  beforeAll(async () => {
    t = await testApp(backend);
    agent = await t.tokenFor('infocenter');
    // A colleague at the same center: under the default policy every agent reviews, never their own.
    reviewer = await t.identity.issue({ ...(findPersona('infocenter') as Persona), id: 'kc-umea-2' });
  });
  afterAll(async () => t.drop());

  const get = async (path: string, token = agent) => t.app.request(path, bearer(token));
  const post = async (path: string, body: unknown, token = agent) =>
    t.app.request(path, jsonPost(token, body));
  /** Proposes, submits and has the colleague publish an entry; returns its id. */
  const published = async (body: Record<string, unknown>) => {
    const res = await post('/api/v1/knowledge', { municipality: '2480', topic: 'bygglov', ...body });
    expect(res.status).toBe(201);
    const { id } = await res.json();
    expect((await post(`/api/v1/knowledge/${id}/submit`, {})).status).toBe(200);
    expect((await post(`/api/v1/knowledge/${id}/publish`, {}, reviewer)).status).toBe(200);
    return id as string;
  };
  const search = async (query: string, token = agent) =>
    (await (await get(`/api/v1/knowledge?${query}`, token)).json()).items as {
      id: string;
      rank: number | null;
      question: { sv: string };
    }[];

  it('takes an entry from proposal through review to published, each step in its history', async () => {
    const res = await post('/api/v1/knowledge', {
      municipality: '2480',
      topic: 'bygglov',
      question: { sv: 'Hur lång är handläggningstiden för bygglov?', en: 'How long does a permit take?' },
      answer: { sv: 'Tio veckor från komplett ansökan.', en: 'Ten weeks from a complete application.' },
      caseDomain: 'building_permit',
      caseType: 'BL',
    });
    expect(res.status).toBe(201);
    const draft = await res.json();
    expect(draft).toMatchObject({
      municipality: '2480',
      topic: { code: 'bygglov', label: { sv: 'Bygglov och anmälan' } },
      question: {
        sv: 'Hur lång är handläggningstiden för bygglov?',
        en: 'How long does a permit take?',
        ar: null,
      },
      status: 'draft',
      author: 'demo:infocenter',
      caseType: 'BL',
      caseStatus: null,
      publishedAt: null,
    });
    // Not published yet: agents searching do not find it.
    expect((await search('q=handläggningstid')).map((i) => i.id)).not.toContain(draft.id);

    await post(`/api/v1/knowledge/${draft.id}/submit`, {});
    const pub = await (await post(`/api/v1/knowledge/${draft.id}/publish`, {}, reviewer)).json();
    expect(pub).toMatchObject({ status: 'published', publishedBy: 'demo:kc-umea-2' });
    expect(pub.history.map((h: { step: string; subject: string }) => `${h.step}:${h.subject}`)).toEqual([
      'proposed:demo:infocenter',
      'submitted:demo:infocenter',
      'published:demo:kc-umea-2',
    ]);
    expect((await search('q=handläggningstid')).map((i) => i.id)).toContain(draft.id);

    const withdrawn = await (await post(`/api/v1/knowledge/${draft.id}/withdraw`, {}, reviewer)).json();
    expect(withdrawn.status).toBe('withdrawn');
    expect((await search('q=handläggningstid')).map((i) => i.id)).not.toContain(draft.id);
  });

  it('proposes an entry from an answered contact, copying its texts and topic but never its person', async () => {
    const contact = await (
      await post('/api/v1/contacts', {
        municipality: '2480',
        channel: 'phone',
        topic: 'avfall',
        question: 'När töms kärlen i Holmsund?',
        answer: 'Varannan tisdag; schemat finns på webben.',
        personnummer: PNR_MAJA,
        callbackNumber: CALLBACK,
      })
    ).json();
    expect(contact.personRef).not.toBeNull();
    const res = await post('/api/v1/knowledge', { fromContact: contact.id });
    expect(res.status).toBe(201);
    const draft = await res.json();
    expect(draft).toMatchObject({
      municipality: '2480',
      topic: { code: 'avfall' },
      question: { sv: 'När töms kärlen i Holmsund?', en: null, ar: null },
      answer: { sv: 'Varannan tisdag; schemat finns på webben.' },
      fromContact: contact.id,
    });
    const { rows } = await t.db.query<{ row: string }>(
      'SELECT row_to_json(k)::text AS row FROM knowledge_entries k WHERE id = $1::uuid',
      [draft.id],
    );
    expect(rows[0]?.row).not.toContain(contact.personRef);
    expect(rows[0]?.row).not.toContain('174 06 55');
    expect(JSON.stringify(draft)).not.toContain('pr1_');
    // Reading the contact's texts is a contact read, audited with the contact's person.
    const audit = await t.db.query<{ action: string; person_refs: string[] }>(
      `SELECT action, person_refs FROM audit_log WHERE contact_id = $1::uuid ORDER BY id DESC LIMIT 1`,
      [contact.id],
    );
    expect(audit.rows[0]).toEqual({ action: 'contact.read', person_refs: [contact.personRef] });
  });

  it('records on the contact and its history that an answer came from the knowledge base', async () => {
    const entry = await published({
      question: { sv: 'Kostar ett bygglov för altan något?' },
      answer: { sv: 'Ja, enligt taxan.' },
    });
    const contact = await (
      await post('/api/v1/contacts', {
        municipality: '2480',
        channel: 'phone',
        topic: 'bygglov',
        question: 'Vad kostar altanen?',
      })
    ).json();
    const res = await post(`/api/v1/contacts/${contact.id}/answer`, {
      answer: 'Ja, enligt taxan.',
      knowledgeEntry: entry,
    });
    expect(res.status).toBe(200);
    const answered = await res.json();
    expect(answered.knowledgeEntry).toBe(entry);
    expect(answered.history.at(-1)).toMatchObject({ step: 'answered', knowledgeEntry: entry });
    // A later answer of the agent's own replaces it on the contact; the history keeps both.
    const own = await (await post(`/api/v1/contacts/${contact.id}/answer`, { answer: 'Se taxan.' })).json();
    expect(own.knowledgeEntry).toBeNull();
    expect(own.history.filter((h: { step: string }) => h.step === 'answered')).toEqual([
      expect.objectContaining({ knowledgeEntry: entry }),
      expect.not.objectContaining({ knowledgeEntry: expect.anything() }),
    ]);
    const { rows } = await t.db.query<{ n: string }>(
      `SELECT count(*)::text AS n FROM contact_history WHERE knowledge_entry_id = $1::uuid AND step = 'answered'`,
      [entry],
    );
    expect(rows[0]?.n).toBe('1');
  });

  it('records the entry when a contact is registered already answered from the knowledge base', async () => {
    const entry = await published({
      question: { sv: 'Var hittar jag ritningarna till mitt hus?' },
      answer: { sv: 'Beställ dem från bygglovsarkivet.' },
    });
    const res = await post('/api/v1/contacts', {
      municipality: '2480',
      channel: 'phone',
      topic: 'bygglov',
      question: 'Ritningar till huset?',
      answer: 'Beställ dem från bygglovsarkivet.',
      knowledgeEntry: entry,
    });
    expect(res.status).toBe(201);
    const contact = await res.json();
    expect(contact.knowledgeEntry).toBe(entry);
    expect(
      contact.history.map((h: { step: string; knowledgeEntry?: string }) => [h.step, h.knowledgeEntry]),
    ).toEqual([
      ['registered', undefined],
      ['answered', entry],
    ]);
  });

  it('edits a draft, and a withdrawn entry back into a draft', async () => {
    const id = await published({ question: { sv: 'Gammal fråga?' }, answer: { sv: 'Gammalt svar.' } });
    await post(`/api/v1/knowledge/${id}/withdraw`, {}, reviewer);
    const res = await t.app.request(`/api/v1/knowledge/${id}`, {
      method: 'PATCH',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${agent}` },
      body: JSON.stringify({
        answer: { sv: 'Nytt svar.', ar: 'جواب جديد.' },
        question: { sv: 'Ny fråga?', ar: 'سؤال جديد؟' },
      }),
    });
    expect(res.status).toBe(200);
    const edited = await res.json();
    expect(edited).toMatchObject({
      status: 'draft',
      answer: { sv: 'Nytt svar.', ar: 'جواب جديد.', en: null },
    });
    expect(edited.history.at(-1)).toMatchObject({ step: 'edited', subject: 'demo:infocenter' });
  });
});
