import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, jsonPost, NOW, testApp } from '../../test/support/app.js';
import { backends } from '../../test/support/databases.js';
import { PNR_MAJA } from '../../test/support/fixtures.js';

const CALLBACK = '070-174 06 55';

describe.each(backends(import.meta.url))('the contact register on %s', (backend) => {
  let t: Awaited<ReturnType<typeof testApp>>;
  let agent: string;
  beforeAll(async () => {
    t = await testApp(backend);
    agent = await t.tokenFor('infocenter');
  });
  afterAll(async () => t.drop());

  const register = (body: Record<string, unknown>, token = agent) =>
    t.app.request(
      '/api/v1/contacts',
      jsonPost(token, { municipality: '2480', channel: 'phone', topic: 'bygglov', ...body }),
    );
  const rawRow = async (id: string) =>
    (
      await t.db.query<{ row: string; callback_sealed: Uint8Array | null }>(
        'SELECT row_to_json(c)::text AS row, callback_sealed FROM contacts c WHERE id = $1::uuid',
        [id],
      )
    ).rows[0];

  it('registers, reads, answers and closes a contact, each step in its history with who and when', async () => {
    const created = await register({
      question: 'När får jag besked om mitt bygglov?',
      callbackNumber: CALLBACK,
    });
    expect(created.status).toBe(201);
    const contact = await created.json();
    expect(contact).toMatchObject({
      municipality: '2480',
      channel: 'phone',
      language: 'sv',
      topic: { code: 'bygglov', label: { sv: 'Bygglov och anmälan' } },
      status: 'open',
      owner: { subject: 'demo:infocenter', municipality: '2480', office: 'KC' },
      callbackNumber: CALLBACK,
      answer: null,
    });
    const read = await (await t.app.request(`/api/v1/contacts/${contact.id}`, bearer(agent))).json();
    expect(read.question).toBe('När får jag besked om mitt bygglov?');

    const answered = await t.app.request(
      `/api/v1/contacts/${contact.id}/answer`,
      jsonPost(agent, { answer: 'Handläggningstiden är tio veckor; vi ringer upp.' }),
    );
    expect(answered.status).toBe(200);
    const closed = await t.app.request(
      `/api/v1/contacts/${contact.id}/close`,
      jsonPost(agent, { outcome: 'callback_promised' }),
    );
    expect(closed.status).toBe(200);
    const final = await closed.json();
    expect(final).toMatchObject({
      status: 'closed',
      outcome: 'callback_promised',
      answer: 'Handläggningstiden är tio veckor; vi ringer upp.',
      closedAt: NOW.toISOString(),
    });
    const who = {
      subject: 'demo:infocenter',
      role: 'infocenter',
      municipality: '2480',
      office: 'KC',
      taskId: null,
      taskOffice: null,
    };
    expect(final.history).toEqual([
      { step: 'registered', at: NOW.toISOString(), outcome: null, ...who },
      { step: 'answered', at: NOW.toISOString(), outcome: null, ...who },
      { step: 'closed', at: NOW.toISOString(), outcome: 'callback_promised', ...who },
    ]);

    const reopened = await (
      await t.app.request(`/api/v1/contacts/${contact.id}/reopen`, jsonPost(agent, {}))
    ).json();
    expect(reopened.status).toBe('open');
    expect(reopened.closedAt).toBeNull();
    expect(reopened.history.map((h: { step: string }) => h.step)).toEqual([
      'registered',
      'answered',
      'closed',
      'reopened',
    ]);
  });

  it('keeps the callback number sealed while open and removes it on close', async () => {
    const contact = await (
      await register({ question: 'Ring mig om avfallet.', callbackNumber: CALLBACK })
    ).json();
    const open = await rawRow(contact.id);
    // Sealed: neither the row's JSON nor the sealed bytes hold the number in clear.
    expect(open?.callback_sealed).not.toBeNull();
    expect(open?.row).not.toContain('174 06 55');
    expect(Buffer.from(open?.callback_sealed as Uint8Array).toString('latin1')).not.toContain('174 06 55');
    expect(
      (await (await t.app.request(`/api/v1/contacts/${contact.id}`, bearer(agent))).json()).callbackNumber,
    ).toBe(CALLBACK);

    await t.app.request(
      `/api/v1/contacts/${contact.id}/close`,
      jsonPost(agent, { outcome: 'answered_directly' }),
    );
    expect((await rawRow(contact.id))?.callback_sealed).toBeNull();
    const closed = await (await t.app.request(`/api/v1/contacts/${contact.id}`, bearer(agent))).json();
    expect(closed.callbackNumber).toBeNull();
    // Reopening does not bring it back: it is gone, not hidden.
    await t.app.request(`/api/v1/contacts/${contact.id}/reopen`, jsonPost(agent, {}));
    expect(
      (await (await t.app.request(`/api/v1/contacts/${contact.id}`, bearer(agent))).json()).callbackNumber,
    ).toBeNull();
  });

  it('masks a personnummer typed into the question and keeps it only as the person reference', async () => {
    const res = await register({ question: `Hur går det för ${PNR_MAJA} med garaget?` });
    const contact = await res.json();
    expect(contact.question).toBe('Hur går det för [personnummer] med garaget?');
    expect(contact.personRef).toBe(t.personRefs.fromInput(PNR_MAJA));
    const raw = await rawRow(contact.id);
    expect(raw?.row).not.toContain('0321');
    expect(raw?.row).toContain('[personnummer]');
    // And in an answer: masked there too, and the reference kept (none was stored before).
    const plain = await (await register({ question: 'Fråga om garaget.' })).json();
    expect(plain.personRef).toBeNull();
    const answered = await (
      await t.app.request(
        `/api/v1/contacts/${plain.id}/answer`,
        jsonPost(agent, { answer: `Gäller 199003212389.` }),
      )
    ).json();
    expect(answered.answer).toBe('Gäller [personnummer].');
    expect(answered.personRef).toBe(t.personRefs.fromInput(PNR_MAJA));
    expect(t.logLines.join('\n')).not.toMatch(/0321-?2389/);
  });

  it('takes a personnummer field as a reference only, never storing or echoing it', async () => {
    const res = await register({ question: 'Fråga om bygglov.', personnummer: PNR_MAJA });
    expect(res.status).toBe(201);
    const text = await res.text();
    expect(text).not.toContain('0321');
    expect(JSON.parse(text).personRef).toBe(t.personRefs.fromInput(PNR_MAJA));
    expect((await rawRow(JSON.parse(text).id))?.row).not.toContain('0321');
  });

  it('lists the caller’s own open contacts, oldest first, and not closed ones nor others’', async () => {
    const bjurholm = await t.tokenFor('kc-bjurholm');
    await t.app.request(
      '/api/v1/contacts',
      jsonPost(bjurholm, { municipality: '2403', channel: 'visit', topic: 'skola', question: 'Skolskjuts?' }),
    );
    const mine = await (await t.app.request('/api/v1/contacts', bearer(agent))).json();
    expect(mine.items.length).toBeGreaterThan(0);
    expect(mine.items.every((c: { status: string; owner: { subject: string } }) => c.status === 'open')).toBe(
      true,
    );
    expect(
      mine.items.every((c: { owner: { subject: string } }) => c.owner.subject === 'demo:infocenter'),
    ).toBe(true);
    const created = mine.items.map((c: { createdAt: string }) => c.createdAt);
    expect([...created].sort()).toEqual(created);
    const theirs = await (await t.app.request('/api/v1/contacts', bearer(bjurholm))).json();
    expect(theirs.items.map((c: { question: string }) => c.question)).toEqual(['Skolskjuts?']);
  });

  it('audits every read of a contact before showing it, with the person reference', async () => {
    const contact = await (await register({ question: 'Fråga.', personnummer: PNR_MAJA })).json();
    await t.app.request(`/api/v1/contacts/${contact.id}`, bearer(agent));
    const { rows } = await t.db.query<{ action: string; subject: string; person_refs: string[] }>(
      'SELECT action, subject, person_refs FROM audit_log WHERE contact_id = $1::uuid ORDER BY id',
      [contact.id],
    );
    // The registration's answer shows the contact too: two reads.
    expect(rows.map((r) => r.action)).toEqual(['contact.read', 'contact.read']);
    expect(rows[1]).toMatchObject({
      subject: 'demo:infocenter',
      person_refs: [t.personRefs.fromInput(PNR_MAJA)],
    });
  });
});
