/** Finding knowledge: Swedish full-text search (stemming, prefixes, ranking), case-page filters, suggestions. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findPersona, type Persona } from '../../demo/personas.js';
import { bearer, jsonPost, testApp } from '../../test/support/app.js';
import { backends } from '../../test/support/databases.js';
import { PNR_MAJA } from '../../test/support/fixtures.js';

const CALLBACK = '070-174 06 55';

describe.each(backends(import.meta.url))('searching the knowledge base on %s', (backend) => {
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

  it('searches in Swedish: stemming both ways, prefixes while typing, best match first', async () => {
    const permit = await published({
      question: { sv: 'Behöver jag bygglov för ett garage?' },
      answer: { sv: 'Ett garage större än attefallsmåtten kräver bygglov.' },
    });
    const fence = await published({
      question: { sv: 'Får jag bygga ett plank mot gatan?' },
      answer: { sv: 'Plank högre än 110 cm kräver ofta bygglovet som för en tillbyggnad.' },
    });
    const carport = await published({
      question: { sv: 'Behövs lov för en carport?' },
      answer: { sv: 'En carport räknas som ett garage utan väggar.' },
    });
    const other = await published({
      question: { sv: 'Hur söker jag förhandsbesked?' },
      answer: { sv: 'Ansök via e-tjänsten.' },
    });
    // "bygglovet" finds "bygglov" (the stemmer keeps -et; the query asks for the stem too).
    expect((await search('q=bygglovet')).map((i) => i.id)).toEqual(expect.arrayContaining([permit, fence]));
    // While typing: "bygglo" and "garag" are prefixes.
    const typing = await search('q=bygglo');
    expect(typing.map((i) => i.id)).toEqual(expect.arrayContaining([permit, fence]));
    expect(typing.map((i) => i.id)).not.toContain(other);
    // Every word required: the fence says "bygglovet" but nothing of garages.
    expect((await search('q=garag%20bygglov')).map((i) => i.id)).toEqual([permit]);
    // Ranked: "garage" in the question (weight A) beats "garage" only in the answer (weight B).
    const ranked = await search('q=garage');
    expect(ranked.map((i) => i.id)).toEqual([permit, carport]);
    expect(ranked[0]?.rank).toBeGreaterThan(ranked[1]?.rank as number);
    // Inflected Swedish forms stem alike: "handläggningstiden" ~ "handläggningstid".
    expect((await search('q=f%C3%B6rhandsbeskedet')).map((i) => i.id)).toContain(other);
  });

  it('gives a case page the entries for its case type and status (and those for every status)', async () => {
    const any = await published({
      question: { sv: 'Vad händer med ett startbesked?' },
      answer: { sv: 'Startbeskedet kommer efter tekniskt samråd.' },
      caseType: 'ST',
    });
    const decided = await published({
      question: { sv: 'Mitt bygglov är beviljat, vad nu?' },
      answer: { sv: 'Vänta på startbesked innan du bygger.' },
      caseType: 'ST',
      caseStatus: 'decided',
    });
    await published({
      question: { sv: 'Väntar ni på mig?' },
      answer: { sv: 'Komplettera det som efterfrågas.' },
      caseType: 'ST',
      caseStatus: 'awaiting_applicant',
    });
    // The entry for this very status first, then the one for every status.
    expect((await search('caseType=ST&caseStatus=decided')).map((i) => i.id)).toEqual([decided, any]);
  });

  it('suggests published entries and earlier answered contacts as excerpts without person data, audited', async () => {
    const entry = await published({
      question: { sv: 'Hur ansöker jag om strandskyddsdispens?' },
      answer: { sv: 'Ansök hos miljö- och hälsoskydd.' },
    });
    const contact = await (
      await post('/api/v1/contacts', {
        municipality: '2480',
        channel: 'phone',
        topic: 'bygglov',
        question: `Gäller ${PNR_MAJA}: strandskyddet vid stugan?`,
        answer: 'Strandskydd gäller 100 meter från stranden.',
        callbackNumber: CALLBACK,
      })
    ).json();
    // An unanswered contact is never suggested.
    await post('/api/v1/contacts', {
      municipality: '2480',
      channel: 'phone',
      topic: 'bygglov',
      question: 'Strandskydd vid sjön?',
    });
    const res = await get('/api/v1/knowledge/suggest?q=strandsky');
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body.entries.map((e: { id: string }) => e.id)).toEqual([entry]);
    expect(body.contacts).toEqual([
      {
        id: contact.id,
        topic: 'bygglov',
        question: 'Gäller [personnummer]: strandskyddet vid stugan?',
        answer: 'Strandskydd gäller 100 meter från stranden.',
        rank: expect.any(Number),
      },
    ]);
    const text = JSON.stringify(body);
    // The birth date part of the number in every written form ('0321' alone also turns up in random ids).
    for (const secret of ['pr1_', '174 06 55', '900321']) expect(text).not.toContain(secret);
    // Nor who owns the contact: a suggestion is its texts, not its handling.
    expect(JSON.stringify(body.contacts)).not.toContain('demo:');
    const audit = await t.db.query<{ action: string; shown: string[]; person_refs: string[] }>(
      `SELECT action, shown, person_refs FROM audit_log WHERE action IN ('contact.suggest', 'knowledge.list')
        ORDER BY id DESC LIMIT 2`,
    );
    expect(audit.rows).toEqual(
      expect.arrayContaining([
        { action: 'contact.suggest', shown: [contact.id], person_refs: [contact.personRef] },
        expect.objectContaining({ action: 'knowledge.list', shown: [entry] }),
      ]),
    );
  });
});
