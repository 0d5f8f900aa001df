/** Who may see, propose and review knowledge entries: municipalities apart, four eyes, the policy's reviewers. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findPersona, type Persona } from '../../demo/personas.js';
import { loadPolicy, regionExamplePolicyFile } from '../../policy/load-policy.js';
import type { Policy } from '../../policy/policy-schema.js';
import { bearer, jsonPost, testApp } from '../../test/support/app.js';
import { backends } from '../../test/support/databases.js';

const entry = {
  municipality: '2480',
  topic: 'bygglov',
  question: { sv: 'Behöver jag bygglov för en friggebod?' },
  answer: { sv: 'Nej, upp till 15 kvadratmeter.' },
};

/** The default policy, with Umeå's reviewing limited to its editors' office (KCR). */
function umeaEditorsOnly(): Policy {
  const base = loadPolicy();
  return {
    ...base,
    municipalities: {
      '2480': {
        roles: {
          infocenter: {
            ...base.roles.infocenter,
            knowledge_review: { visible: 'own_domain', classes: [] },
          },
        },
        offices: { ...base.offices, KCR: ['knowledge_review'] },
      },
    },
  };
}

describe.each(backends(import.meta.url))('who may handle knowledge entries, on %s', (backend) => {
  let t: Awaited<ReturnType<typeof testApp>>;
  let agent: string;
  let colleague: string;
  const infocenter = findPersona('infocenter') as Persona;
  beforeAll(async () => {
    t = await testApp(backend);
    agent = await t.tokenFor('infocenter');
    colleague = await t.identity.issue({ ...infocenter, id: 'kc-umea-2' });
  });
  afterAll(async () => t.drop());

  const post = (path: string, body: unknown, token: string) => t.app.request(path, jsonPost(token, body));
  const draft = async (token = agent) =>
    (await (await post('/api/v1/knowledge', entry, token)).json()).id as string;

  it('never lets the writer approve their own entry, nor a reviewer who edited it', async () => {
    const id = await draft();
    await post(`/api/v1/knowledge/${id}/submit`, {}, agent);
    const own = await post(`/api/v1/knowledge/${id}/publish`, {}, agent);
    expect(own.status).toBe(403);
    expect((await own.json()).detail).toMatch(/^Du kan inte godkänna en post du själv har skrivit/);
    // The colleague edits it while in review: now neither may approve it; a third person may.
    const edit = await t.app.request(`/api/v1/knowledge/${id}`, {
      method: 'PATCH',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${colleague}` },
      body: JSON.stringify({ answer: { sv: 'Nej, upp till 15 kvm, men fråga om strandskydd.' } }),
    });
    expect(edit.status).toBe(200);
    expect((await post(`/api/v1/knowledge/${id}/publish`, {}, colleague)).status).toBe(403);
    const third = await t.identity.issue({ ...infocenter, id: 'kc-umea-3' });
    expect((await post(`/api/v1/knowledge/${id}/publish`, {}, third)).status).toBe(200);
  });

  it('shows a draft to its author and reviewers, never to another municipality (404 as for a missing one)', async () => {
    const id = await draft();
    expect((await t.app.request(`/api/v1/knowledge/${id}`, bearer(agent))).status).toBe(200);
    expect((await t.app.request(`/api/v1/knowledge/${id}`, bearer(colleague))).status).toBe(200);
    const bjurholm = await t.tokenFor('kc-bjurholm');
    const hidden = await t.app.request(`/api/v1/knowledge/${id}`, bearer(bjurholm));
    const missing = await t.app.request(
      '/api/v1/knowledge/3f1c0d4e-5d0c-4b9e-8f6a-9b7e2a2f1c0d',
      bearer(bjurholm),
    );
    expect(hidden.status).toBe(404);
    expect(missing.status).toBe(404);
    const strip = ({ requestId: _, ...rest }: Record<string, unknown>) => rest;
    expect(strip(await hidden.json())).toEqual(strip(await missing.json()));
    const { rows } = await t.db.query<{ action: string }>(
      `SELECT action FROM audit_log WHERE subject = 'demo:kc-bjurholm' AND $1 = ANY(shown)`,
      [id],
    );
    expect(rows.map((r) => r.action)).toEqual(['knowledge.denied']);
    // Nor can they review, list or be suggested Umeå's entries, or propose for Umeå.
    expect((await post(`/api/v1/knowledge/${id}/withdraw`, {}, bjurholm)).status).toBe(404);
    expect((await t.app.request('/api/v1/knowledge?municipality=2480', bearer(bjurholm))).status).toBe(403);
    expect(
      (await t.app.request('/api/v1/knowledge/suggest?q=friggebod&municipality=2480', bearer(bjurholm)))
        .status,
    ).toBe(403);
    expect((await post('/api/v1/knowledge', entry, bjurholm)).status).toBe(403);
    // Their own municipality's list holds none of Umeå's.
    const own = await (await t.app.request('/api/v1/knowledge?q=friggebod', bearer(bjurholm))).json();
    expect(own.items).toEqual([]);
  });

  it('lists unpublished entries to a reviewer, and to anyone else only their own', async () => {
    const mine = await draft(agent);
    const theirs = await draft(colleague);
    const listed = async (token: string) =>
      (await (await t.app.request('/api/v1/knowledge?status=draft', bearer(token))).json()).items.map(
        (i: { id: string }) => i.id,
      );
    // Under the default policy both are reviewers: both see both.
    expect(await listed(agent)).toEqual(expect.arrayContaining([mine, theirs]));
    const u = await testApp(backend, {
      policy: umeaEditorsOnly(),
      database: { db: t.db, drop: async () => {} },
    });
    const plainAgent = await u.tokenFor('infocenter');
    const ids = await (await u.app.request('/api/v1/knowledge?status=draft', bearer(plainAgent))).json();
    expect(ids.items.map((i: { id: string }) => i.id)).toContain(mine);
    expect(ids.items.map((i: { id: string }) => i.id)).not.toContain(theirs);
    expect((await u.app.request(`/api/v1/knowledge/${theirs}`, bearer(plainAgent))).status).toBe(404);
  });

  it('lets only the policy’s reviewers publish: an editors’ office, or the municipality’s admin', async () => {
    const u = await testApp(backend, {
      policy: umeaEditorsOnly(),
      database: { db: t.db, drop: async () => {} },
    });
    // Every test app signs its own tokens: this one's agent.
    const author = await u.tokenFor('infocenter');
    const id = await (await (await u.app.request('/api/v1/knowledge', jsonPost(author, entry))).json()).id;
    await u.app.request(`/api/v1/knowledge/${id}/submit`, jsonPost(author, {}));
    const plainColleague = await u.identity.issue({ ...infocenter, id: 'kc-umea-4' });
    // A colleague who does not review does not even see the entry in review; its author sees it, but
    // may not withdraw it either.
    const unseen = await u.app.request(`/api/v1/knowledge/${id}/publish`, jsonPost(plainColleague, {}));
    expect(unseen.status).toBe(404);
    const refused = await u.app.request(`/api/v1/knowledge/${id}/withdraw`, jsonPost(author, {}));
    expect(refused.status).toBe(403);
    expect((await refused.json()).detail).toMatch(/^Bara en granskare/);
    const editor = await u.identity.issue({ ...infocenter, id: 'kc-umea-editor', office: 'KCR' });
    expect((await u.app.request(`/api/v1/knowledge/${id}/publish`, jsonPost(editor, {}))).status).toBe(200);
    const admin = findPersona('admin') as Persona;
    const umeaAdmin = await u.identity.issue({ ...admin, id: 'admin-umea', municipality: '2480' });
    expect((await u.app.request(`/api/v1/knowledge/${id}/withdraw`, jsonPost(umeaAdmin, {}))).status).toBe(
      200,
    );
  });

  it('keeps officers and citizens out', async () => {
    const id = await draft();
    const officer = await t.tokenFor('bygglov');
    expect((await t.app.request(`/api/v1/knowledge/${id}`, bearer(officer))).status).toBe(404);
    expect((await t.app.request('/api/v1/knowledge', bearer(officer))).status).toBe(403);
    const citizen = await t.tokenFor('medborgare');
    expect((await t.app.request('/api/v1/knowledge/suggest?q=bygg', bearer(citizen))).status).toBe(403);
    expect((await t.app.request(`/api/v1/knowledge/${id}`)).status).toBe(401);
  });

  it('shows no suggestion when the read cannot be audited (fail closed)', async () => {
    await post(
      '/api/v1/contacts',
      {
        municipality: '2480',
        channel: 'phone',
        topic: 'bygglov',
        question: 'Friggebod vid grannen?',
        answer: 'Grannen ska höras.',
      },
      agent,
    );
    await t.db.query('ALTER TABLE audit_log RENAME TO audit_log_away');
    try {
      const res = await t.app.request('/api/v1/knowledge/suggest?q=friggebod', bearer(agent));
      expect(res.status).toBe(503);
      expect(await res.text()).not.toContain('grannen');
    } finally {
      await t.db.query('ALTER TABLE audit_log_away RENAME TO audit_log');
    }
  });

  it('serves a served municipality through an agreement that lists contacts', async () => {
    const region = loadPolicy(regionExamplePolicyFile());
    const policy: Policy = {
      ...region,
      agreements: region.agreements.map((a) => ({ ...a, domains: [...a.domains, 'contacts'] })),
    };
    const u = await testApp(backend, { policy, database: { db: t.db, drop: async () => {} } });
    const bjurholm = await u.tokenFor('kc-bjurholm');
    const res = await u.app.request('/api/v1/knowledge', jsonPost(bjurholm, entry));
    expect(res.status).toBe(201);
    // Reviewing for Umeå is not in the agreement: Bjurholm proposes, Umeå's own center approves.
    const { id } = await res.json();
    await u.app.request(`/api/v1/knowledge/${id}/submit`, jsonPost(bjurholm, {}));
    expect((await u.app.request(`/api/v1/knowledge/${id}/publish`, jsonPost(bjurholm, {}))).status).toBe(403);
    const umea = await u.tokenFor('infocenter');
    expect((await u.app.request(`/api/v1/knowledge/${id}/publish`, jsonPost(umea, {}))).status).toBe(200);
  });
});
