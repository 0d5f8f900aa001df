/**
 * Classes a system owner sets on nested parts reach the case (where the access policy reads them) and
 * the trace of `mappings explain`: a confidential handler name under an internal handler, a party's
 * display name, a document title inside a concat, a phone number two objects deep.
 */
import { describe, expect, it } from 'vitest';
import { KOMPLETTERING, mapWith, record } from './fixtures/v8-fixture.js';
import type { Mapping, Rule } from './mapping-schema.js';

const part = (rule: Rule | undefined, key: string): Rule => {
  const found = rule?.object?.[key];
  if (!found) throw new Error(`test setup: no "${key}" in the rule`);
  return found;
};

/** The fixture with classes set on nested parts, and the office as an object with a contact. */
function classed(m: Mapping): void {
  part(m.fields.handler, 'name').class = 'confidential';
  part(m.fields.parties?.item, 'displayName').class = 'internal';
  m.fields.office = {
    class: 'public',
    object: {
      code: { const: 'BN' },
      name: { const: 'Byggnadsnämnden' },
      contact: { object: { phone: { class: 'confidential', const: '090-16 10 00' } } },
    },
  };
  // The documents as two lists one after the other; the first list's titles are internal.
  const documents = m.fields.documents as Rule;
  const { class: _class, ...list } = documents;
  m.fields.documents = {
    class: 'public',
    concat: [
      {
        ...list,
        item: { object: { ...list.item?.object, title: { class: 'internal', path: 'dokument.namn' } } },
      },
      {
        each: 'bilagor.bilaga',
        item: {
          object: {
            title: { path: 'namn' },
            kind: { const: 'bilaga' },
            receivedAt: { const: '2026-03-05T00:00:00.000+01:00' },
          },
        },
      },
    ],
  };
}

describe('classes set on nested parts', () => {
  it('are in the case’s field classes, by path with list items unindexed', async () => {
    const result = await mapWith(classed);
    expect(result.ok).toBe(true);
    if (result.ok !== true) return;
    expect(result.case.fieldClasses).toEqual({
      status: 'public',
      statusHistory: 'public',
      deadline: 'public',
      title: 'public',
      caseType: 'public',
      office: 'public',
      'office.contact.phone': 'confidential',
      handler: 'internal',
      'handler.name': 'confidential',
      receivedAt: 'public',
      completeAt: 'public',
      decidedAt: 'public',
      closedAt: 'public',
      decision: 'public',
      documents: 'public',
      'documents.title': 'internal',
      parties: 'confidential',
      'parties.displayName': 'internal',
      property: 'internal',
      confidentiality: 'internal',
    });
  });
});

describe('the trace of mappings explain', () => {
  it('shows each value once, under its own class', async () => {
    const result = await mapWith(classed);
    const entries = (result.trace ?? []).map((t) => [t.field, t.class]);
    const fields = entries.map(([field]) => field);
    expect(new Set(fields).size).toBe(fields.length);
    expect(entries).toEqual(
      expect.arrayContaining([
        ['source.sourceId', 'internal'],
        ['reference', 'public'],
        ['source.sourceUpdatedAt', 'internal'],
        ['title', 'public'],
        ['office.code', 'public'],
        ['office.contact.phone', 'confidential'],
        ['handler.name', 'confidential'],
        ['handler.unit', 'internal'],
        ['parties[0].role', 'confidential'],
        ['parties[0].displayName', 'internal'],
        ['parties[0].personRef', 'confidential'],
      ]),
    );
    // An object is shown by its parts, never whole under its own class (the name would show as internal).
    for (const whole of ['office', 'office.contact', 'handler', 'caseType', 'parties[0]'])
      expect(fields).not.toContain(whole);
  });

  it('gives the values the case gets', async () => {
    const result = await mapWith(classed);
    const value = (field: string) => result.trace?.find((t) => t.field === field)?.value;
    expect(value('handler.name')).toBe('Anna Berglund');
    expect(result.trace?.find((t) => t.field === 'title')?.rule).toBe(
      'first of (path beskrivning | constant "Bygglovsärende")',
    );
    expect(value('reference')).toBe('BN 2026-000204');
    expect(value('parties[0].personRef')).toMatch(/^pr1_/);
    expect(result.ok === true && result.case.parties[0]?.personRef).toBe(value('parties[0].personRef'));
  });

  it('shows the source’s version number, and the case keeps it to order equal change times', async () => {
    const result = await mapWith(
      (m) => {
        m.identity.sourceVersion = { path: '@version' };
      },
      { ...record(KOMPLETTERING), '@version': '7' },
    );
    expect(result.trace?.find((t) => t.field === 'source.sourceVersion')).toMatchObject({
      value: '7',
      class: 'internal',
    });
    expect(result.ok === true && result.case.source.sourceVersion).toBe(7);
  });

  it('leaves the version out of a case whose mapping has none', async () => {
    const result = await mapWith(() => {});
    expect(result.ok === true && Object.keys(result.case.source)).not.toContain('sourceVersion');
  });
});
