import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Principal } from '../app/principal.js';
import { FIELD_CLASSES, type FieldClass } from '../schemas/case.js';
import { makeCase } from '../test/support/cases.js';
import { loadPolicy } from './load-policy.js';
import { toCaseView } from './serialize.js';

const policy = loadPolicy();
const REF = `pr1_${'C'.repeat(43)}`;
const OTHER_REFS = [`pr1_${'D'.repeat(43)}`, `pr1_${'E'.repeat(43)}`];

const PRINCIPALS: Record<string, Principal> = {
  infocenter: { kind: 'staff', subject: 'i', role: 'infocenter', municipality: '2480' },
  ownOfficer: { kind: 'staff', subject: 'o', role: 'officer', office: 'BN', municipality: '2480' },
  // Another office that handles building permits too (offices: MBN), so it sees the case, not as its own.
  otherOfficer: { kind: 'staff', subject: 'x', role: 'officer', office: 'MBN', municipality: '2480' },
  citizen: { kind: 'citizen', subject: 'c', role: 'citizen', personRef: REF, personRefs: [REF] },
};

/** A case whose every maskable field holds a unique marker, classified as given. */
function markedCase(domain: string, classes: Record<string, FieldClass>) {
  return makeCase({
    sourceId: '1',
    domain,
    title: 'MARK-title',
    caseType: { code: 'MARK-type', label: { sv: 'MARK-type', en: 'MARK-type', ar: 'MARK-type' } },
    handler: { name: 'MARK-handlername', unit: 'MARK-handlerunit' },
    receivedAt: '2026-01-02T00:00:00.000Z',
    decision: { outcome: 'MARK-decision', at: '2026-03-01T00:00:00.000Z' },
    documents: [1, 2, 3].map((n) => ({
      title: `MARK-documents-${n}`,
      kind: 'ritning',
      receivedAt: '2026-01-02T00:00:00.000Z',
    })),
    // Several of each list: a nested class must reach every item, not only the first.
    parties: [REF, ...OTHER_REFS].map((personRef, n) => ({
      role: 'applicant' as const,
      displayName: `MARK-partyname-${n + 1}`,
      personRef,
      protectedIdentity: false,
    })),
    property: { designation: 'MARK-property' },
    fieldClasses: classes,
  });
}

const MARKERS: Record<string, string> = {
  title: 'MARK-title',
  caseType: 'MARK-type',
  handler: 'MARK-handlerunit',
  'handler.name': 'MARK-handlername',
  decision: 'MARK-decision',
  documents: 'MARK-documents',
  'documents.title': 'MARK-documents',
  parties: 'MARK-partyname',
  'parties.displayName': 'MARK-partyname',
  property: 'MARK-property',
};

function view(principal: Principal, c: ReturnType<typeof markedCase>) {
  return toCaseView(
    { case: c, history: [] },
    { principal, policy, now: new Date('2026-06-01T00:00:00Z'), staleAfterSeconds: 3600 },
  );
}

const CEILING: Record<string, FieldClass[]> = {
  infocenter: ['public', 'internal'],
  ownOfficer: ['public', 'internal', 'confidential'],
  otherOfficer: ['public', 'internal'],
  citizen: ['public', 'internal', 'confidential'],
};

describe('masking by field class (default policy)', () => {
  const classes: Record<string, FieldClass> = {
    title: 'internal',
    caseType: 'public',
    handler: 'internal',
    'handler.name': 'confidential',
    decision: 'public',
    documents: 'internal',
    parties: 'confidential',
    property: 'internal',
  };

  it.each([
    ['infocenter', ['handler.name', 'parties']],
    ['ownOfficer', []],
    ['otherOfficer', ['handler.name', 'parties']],
    ['citizen', []],
  ])('%s sees exactly what its classes allow', (who, masked) => {
    const v = view(PRINCIPALS[who] as Principal, markedCase('building_permit', classes));
    expect(v.confidentiality.masked).toEqual(masked);
    const text = JSON.stringify(v);
    for (const path of masked) expect(text).not.toContain(MARKERS[path]);
    expect(v.reference).toBeDefined();
    if (!masked.includes('handler.name')) expect(v.handler?.name).toBe('MARK-handlername');
    expect(v.handler?.unit).toBe('MARK-handlerunit');
  });

  it('masks a nested class on every list item, not only the first', () => {
    const c = markedCase('building_permit', {
      ...classes,
      parties: 'internal',
      'parties.displayName': 'confidential',
      'documents.title': 'confidential',
    });
    const v = view(PRINCIPALS.infocenter as Principal, c);
    expect(v.confidentiality.masked).toEqual(['documents.title', 'handler.name', 'parties.displayName']);
    expect(v.parties).toHaveLength(3);
    expect(v.documents).toHaveLength(3);
    for (const party of v.parties ?? []) {
      expect(party).not.toHaveProperty('displayName');
      expect(party.role).toBe('applicant');
    }
    for (const document of v.documents ?? []) expect(document).not.toHaveProperty('title');
    expect(JSON.stringify(v)).not.toMatch(/MARK-partyname|MARK-documents/);
    // The officer of the case's own office may see them: every one is there.
    const own = view(PRINCIPALS.ownOfficer as Principal, c);
    expect(own.parties?.map((p) => p.displayName)).toEqual([
      'MARK-partyname-1',
      'MARK-partyname-2',
      'MARK-partyname-3',
    ]);
  });

  it('masks status and the texts derived from it when status is above the caller’s classes', () => {
    const c = markedCase('social_services', { ...classes, status: 'confidential' });
    const v = view(PRINCIPALS.otherOfficer as Principal, c);
    expect(v.status).toBeUndefined();
    expect(v.confidentiality.masked).toContain('status');
    expect(view(PRINCIPALS.citizen as Principal, c).status?.code).toBe('in_progress');
  });

  it('never shows a value classified above the caller’s ceiling, whatever the classification (property test)', () => {
    // Nested paths too: with several parties and documents, every item must lose the field.
    const maskable = Object.keys(MARKERS);
    fc.assert(
      fc.property(
        fc.record(
          Object.fromEntries(
            maskable.map((k) => [k, fc.constantFrom(...FIELD_CLASSES.filter((x) => x !== 'secret'))]),
          ),
        ),
        fc.constantFrom(...Object.keys(PRINCIPALS)),
        fc.constantFrom('building_permit', 'school_placement'),
        (assigned, who, domain) => {
          const text = JSON.stringify(
            view(PRINCIPALS[who] as Principal, markedCase(domain, assigned as Record<string, FieldClass>)),
          );
          for (const [field, cls] of Object.entries(assigned)) {
            if (!(CEILING[who] as FieldClass[]).includes(cls as FieldClass))
              expect(text).not.toContain(MARKERS[field]);
          }
        },
      ),
      { numRuns: 500 },
    );
  });
});

describe('masking: what is removed and what the caller is told', () => {
  const infocenter = PRINCIPALS.infocenter as Principal;
  const summary = (c: ReturnType<typeof makeCase>) => view(infocenter, c);

  it('masks the view only: the next caller shown the same stored case still sees what the first could not', () => {
    const c = markedCase('building_permit', {
      'property.designation': 'confidential',
      'documents.title': 'confidential',
      'decision.outcome': 'confidential',
    });
    const before = structuredClone(c);
    expect(JSON.stringify(summary(c))).not.toMatch(/MARK-(property|documents|decision)/);
    expect(c).toEqual(before);
    const officer = JSON.stringify(view(PRINCIPALS.ownOfficer as Principal, c));
    for (const marker of ['MARK-property', 'MARK-documents-3', 'MARK-decision'])
      expect(officer).toContain(marker);
  });

  it('keeps what identifies the case and its source, whatever class a mapping gave it', () => {
    const identifying = ['id', 'reference', 'municipality', 'domain', 'office', 'source', 'freshness'];
    const v = summary(
      makeCase({ fieldClasses: Object.fromEntries(identifying.map((k) => [k, 'confidential' as const])) }),
    );
    for (const key of identifying) expect(v, key).toHaveProperty(key);
    expect(v.confidentiality.masked).toEqual([]);
  });

  it('reports only fields the case has: a missing decision or handler is missing, not masked', () => {
    const v = summary(
      makeCase({ fieldClasses: { decision: 'confidential', 'handler.name': 'confidential' } }),
    );
    expect(v.confidentiality.masked).toEqual([]);
  });

  it('reports a masked field once, not also its nested fields, whatever order the classes come in', () => {
    const c = markedCase('building_permit', { 'handler.name': 'confidential', handler: 'confidential' });
    const v = summary(c);
    expect(v.confidentiality.masked).toEqual(['handler']);
    expect(JSON.stringify(v)).not.toMatch(/MARK-handler/);
  });

  it('masks a nested field in every item of a list, and names it only when an item had it', () => {
    const parties = [
      { role: 'applicant' as const, displayName: 'MARK-first', personRef: REF, protectedIdentity: false },
      { role: 'co_applicant' as const, displayName: 'MARK-second', personRef: REF, protectedIdentity: false },
    ];
    const classes = { 'parties.displayName': 'confidential' as const };
    const v = summary(makeCase({ parties, fieldClasses: classes }));
    expect(v.parties).toEqual([
      { role: 'applicant', protectedIdentity: false },
      { role: 'co_applicant', protectedIdentity: false },
    ]);
    expect(v.confidentiality.masked).toEqual(['parties.displayName']);
    const nameless = parties.map(({ displayName: _, ...p }) => p);
    expect(summary(makeCase({ parties: nameless, fieldClasses: classes })).confidentiality.masked).toEqual(
      [],
    );
  });

  it('masks a field nested two levels down, and nothing for a path the case does not have', () => {
    const v = summary(
      makeCase({ fieldClasses: { 'caseType.label.ar': 'confidential', 'title.first.word': 'confidential' } }),
    );
    expect(v.caseType?.label).toEqual({ sv: 'Bygglov', en: 'Building permit' });
    expect(v.title).toBe('Nybyggnad av enbostadshus');
    expect(v.confidentiality.masked).toEqual(['caseType.label.ar']);
  });

  it('hides nothing, and does not fail, for a class on a path through a text or a missing field', () => {
    const v = summary(
      makeCase({ fieldClasses: { 'caseType.code.x': 'confidential', 'handler.unit.x.y': 'confidential' } }),
    );
    expect(v.caseType?.code).toBe('BL');
    expect(v.confidentiality.masked).toEqual([]);
    const withHandler = makeCase({
      handler: { name: 'Handläggare', unit: 'Bygg' },
      fieldClasses: { 'handler.team.x.y': 'confidential' },
    });
    expect(summary(withHandler).handler).toEqual({ name: 'Handläggare', unit: 'Bygg' });
  });
});
