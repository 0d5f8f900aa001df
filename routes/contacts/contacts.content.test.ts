/**
 * Who reads a contact's content: the agent who took it always; a colleague of the center on an
 * ordinary topic; the municipality's admin only that it exists; a social-services question stays
 * with its agent, is never suggested to others and never becomes a knowledge entry.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findPersona, type Persona } from '../../demo/personas.js';
import { bearer, jsonPost, testApp } from '../../test/support/app.js';
import { backends } from '../../test/support/databases.js';
import { PNR_MAJA } from '../../test/support/fixtures.js';

describe.each(backends(import.meta.url))('a contact’s content on %s', (backend) => {
  let t: Awaited<ReturnType<typeof testApp>>;
  let kim: string;
  let sam: string;
  let admin: string;
  beforeAll(async () => {
    t = await testApp(backend);
    kim = await t.tokenFor('infocenter');
    sam = await t.identity.issue({ ...(findPersona('infocenter') as Persona), id: 'kc-umea-2' });
    admin = await t.identity.issue({
      ...(findPersona('admin') as Persona),
      id: 'admin-umea',
      municipality: '2480',
    });
  });
  afterAll(async () => t.drop());

  const register = async (topic: string, question: string) => {
    const res = await t.app.request(
      '/api/v1/contacts',
      jsonPost(kim, {
        municipality: '2480',
        channel: 'phone',
        topic,
        question,
        answer: 'Vi återkommer.',
        personnummer: PNR_MAJA,
        callbackNumber: '070-174 06 55',
      }),
    );
    expect(res.status).toBe(201);
    return (await res.json()).id as string;
  };
  const read = async (id: string, token: string) => {
    const res = await t.app.request(`/api/v1/contacts/${id}`, bearer(token));
    expect(res.status).toBe(200);
    return res.json();
  };
  const lastAudit = async () =>
    (
      await t.db.query<{ shown: string[]; masked: string[]; person_refs: string[] | null }>(
        "SELECT shown, masked, person_refs FROM audit_log WHERE action = 'contact.read' ORDER BY id DESC LIMIT 1",
      )
    ).rows[0];

  it('shows an ordinary question to the center’s agents, and to the admin only that it exists', async () => {
    const id = await register('bygglov', 'När kommer beslutet om garaget?');
    expect(await read(id, sam)).toMatchObject({
      question: 'När kommer beslutet om garaget?',
      personRef: expect.stringMatching(/^pr1_/),
      callbackNumber: '070-174 06 55',
      contentHidden: false,
    });
    const seen = await read(id, admin);
    expect(seen).toMatchObject({
      id,
      topic: { code: 'bygglov' },
      status: 'open',
      question: '',
      answer: null,
      personRef: null,
      callbackNumber: null,
      contentHidden: true,
    });
    expect(JSON.stringify(seen)).not.toMatch(/garaget|0701740655|174 06 55/);
    // The audit says what was withheld, and names no person it did not show.
    expect(await lastAudit()).toMatchObject({
      masked: expect.arrayContaining(['question', 'answer', 'personRef', 'callbackNumber']),
      person_refs: [],
    });
  });

  it('keeps a social-services question with the agent who took it', async () => {
    const id = await register('socialtjanst', 'Hur ansöker jag om försörjningsstöd?');
    expect(await read(id, kim)).toMatchObject({
      question: 'Hur ansöker jag om försörjningsstöd?',
      contentHidden: false,
    });
    const colleague = await read(id, sam);
    expect(colleague).toMatchObject({ question: '', answer: null, personRef: null, contentHidden: true });
    expect(JSON.stringify(colleague)).not.toContain('försörjningsstöd');

    // Never suggested to anyone, and never an entry of the knowledge base.
    const suggest = await t.app.request(
      '/api/v1/knowledge/suggest?q=f%C3%B6rs%C3%B6rjningsst%C3%B6d',
      bearer(kim),
    );
    expect((await suggest.json()).contacts).toEqual([]);
    const propose = await t.app.request(
      '/api/v1/knowledge',
      jsonPost(kim, { municipality: '2480', topic: 'socialtjanst', fromContact: id }),
    );
    expect(propose.status).toBe(422);
    expect(JSON.stringify(await propose.json())).not.toContain('försörjningsstöd');
  });
});
