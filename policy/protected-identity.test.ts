import { describe, expect, it } from 'vitest';
import type { Principal } from '../app/principal.js';
import { makeCase } from '../test/support/cases.js';
import { loadPolicy } from './load-policy.js';
import type { Policy } from './policy-schema.js';
import { searchIndexRule } from './protected-identity.js';
import { toCaseView } from './serialize.js';

const policy = loadPolicy();
const REF = `pr1_${'P'.repeat(43)}`;
const OTHER = `pr1_${'Q'.repeat(43)}`;
const staff: Principal = { kind: 'staff', subject: 'i', role: 'infocenter', municipality: '2480' };
const citizen: Principal = {
  kind: 'citizen',
  subject: 'c',
  role: 'citizen',
  personRef: REF,
  personRefs: [REF],
};

const protectedCase = makeCase({
  sourceId: 'pi-1',
  title: 'Nybyggnad av garage',
  property: { designation: 'Umeå Granen 3', address: 'Hemligvägen 1' },
  parties: [
    { role: 'applicant', displayName: 'Sekretess Person', personRef: REF, protectedIdentity: true },
    { role: 'co_applicant', displayName: 'Öppen Medsökande', personRef: OTHER, protectedIdentity: false },
  ],
});

const viewFor = (principal: Principal, p: Policy = policy) =>
  toCaseView(
    { case: protectedCase, history: [] },
    { principal, policy: p, now: new Date('2026-06-01T00:00:00Z'), staleAfterSeconds: 3600 },
  );

/** The default policy with protected identity hiding only what `paths` names. */
const hiding = (paths: Policy['protectedIdentity']['maskForStaff']): Policy => ({
  ...policy,
  protectedIdentity: { maskForStaff: paths, byDomain: {} },
});

describe('protected identity, decided by the policy alone', () => {
  it('hides the protected party’s name and the property from staff, and says why', () => {
    const view = viewFor(staff);
    expect(view.parties).toEqual([
      { role: 'applicant', protectedIdentity: true },
      { role: 'co_applicant', displayName: 'Öppen Medsökande', protectedIdentity: false },
    ]);
    expect(view.property).toBeUndefined();
    expect(view.confidentiality.reasons).toEqual({
      'parties.displayName': 'protected_identity',
      property: 'protected_identity',
    });
  });

  it('shows the citizen their own case whole', () => {
    const view = viewFor(citizen);
    expect(view.property?.designation).toBe('Umeå Granen 3');
    expect(view.confidentiality.masked).toEqual([]);
  });

  it('keeps out of the search index exactly what the view hides, and nothing else', () => {
    const entry = searchIndexRule(policy)(protectedCase);
    expect(entry.property).toBe(false);
    expect(entry.words.join(' ')).not.toMatch(/Sekretess|Granen|Hemligvägen/);
    // The other party stays findable, and so does the title.
    expect(entry.words).toEqual(expect.arrayContaining(['Öppen Medsökande', 'Nybyggnad av garage']));
  });

  it('follows a municipality’s own policy: hiding only names leaves the property visible and searchable', () => {
    const namesOnly = hiding(['parties.displayName']);
    const view = viewFor(staff, namesOnly);
    expect(view.property?.designation).toBe('Umeå Granen 3');
    expect(view.confidentiality.masked).toEqual(['parties.displayName']);
    const entry = searchIndexRule(namesOnly)(protectedCase);
    expect(entry.property).toBe(true);
    expect(entry.words).toContain('Umeå Granen 3');
    expect(entry.words).not.toContain('Sekretess Person');
  });

  it('names the role as the reason when a field is above the caller’s classes', () => {
    const confidentialTitle = {
      ...protectedCase,
      parties: [],
      fieldClasses: { title: 'confidential' as const },
    };
    const view = toCaseView(
      { case: confidentialTitle, history: [] },
      { principal: staff, policy, now: new Date('2026-06-01T00:00:00Z'), staleAfterSeconds: 3600 },
    );
    expect(view.confidentiality.reasons).toEqual({ title: 'role' });
    expect(searchIndexRule(policy)(confidentialTitle).words).not.toContain('Nybyggnad av garage');
  });
});

describe('a protected child’s school placement', () => {
  const child = `pr1_${'K'.repeat(43)}`;
  const placement = makeCase({
    sourceId: 'pi-school',
    domain: 'school_placement',
    title: 'Plats i förskola – Förskolan Snöstjärnan från 2026-08-01',
    office: { code: 'F-SNO', name: 'Förskolan Snöstjärnan', contact: { phone: '070-174 06 10' } },
    parties: [
      { role: 'guardian', displayName: 'Skyddad Vårdnadshavare', personRef: REF, protectedIdentity: true },
      { role: 'child', displayName: 'Skyddat Barn', personRef: child, protectedIdentity: true },
    ],
  });
  const view = (principal: Principal) =>
    toCaseView(
      { case: placement, history: [] },
      { principal, policy, now: new Date('2026-06-01T00:00:00Z'), staleAfterSeconds: 3600 },
    );

  it('does not tell staff which school: title and office are hidden, for protected identity', () => {
    const v = view(staff);
    expect(v.title).toBeUndefined();
    expect(v.office).toBeUndefined();
    expect(JSON.stringify(v)).not.toMatch(/Snöstjärnan/);
    // Exactly these: the case has no property, so none is said to be hidden.
    expect(v.confidentiality.reasons).toEqual({
      'parties.displayName': 'protected_identity',
      title: 'protected_identity',
      office: 'protected_identity',
    });
  });

  it('keeps the school out of the search index, and shows the guardian everything', () => {
    expect(searchIndexRule(policy)(placement).words.join(' ')).not.toMatch(/Snöstjärnan/);
    expect(view(citizen).office?.name).toBe('Förskolan Snöstjärnan');
  });
});

describe('protected identity: what staff are told is hidden', () => {
  it('names only what the case has: no property, and a protected party without a name, hide nothing', () => {
    const bare = makeCase({
      sourceId: 'pi-bare',
      parties: [
        { role: 'applicant', personRef: REF, protectedIdentity: true },
        { role: 'co_applicant', displayName: 'Öppen Medsökande', personRef: OTHER, protectedIdentity: false },
      ],
    });
    const view = toCaseView(
      { case: bare, history: [] },
      { principal: staff, policy, now: new Date('2026-06-01T00:00:00Z'), staleAfterSeconds: 3600 },
    );
    expect(view.confidentiality.masked).toEqual([]);
    expect(view.parties?.[1]?.displayName).toBe('Öppen Medsökande');
  });
});

describe('the staff search index', () => {
  const open = (o: Parameters<typeof makeCase>[0]) => makeCase({ sourceId: 'ix-1', parties: [], ...o });

  it('holds what staff may see: public and unclassified fields, and the property’s designation and address', () => {
    const entry = searchIndexRule(policy)(
      open({
        title: 'Tillbyggnad',
        fieldClasses: { title: 'public', caseType: 'public' },
        property: { designation: 'Umeå Björken 1', address: 'Storgatan 2' },
        parties: [
          { role: 'applicant', displayName: 'Anna Andersson', personRef: REF, protectedIdentity: false },
        ],
      }),
    );
    expect(entry).toEqual({
      words: ['Tillbyggnad', 'Bygglov', 'Umeå Björken 1', 'Storgatan 2', 'Anna Andersson'],
      property: true,
    });
  });

  it('leaves out a field above what staff see, a name whose list is classified above it, and gaps', () => {
    const entry = searchIndexRule(policy)(
      open({
        title: 'Tillbyggnad',
        fieldClasses: { title: 'confidential', caseType: 'confidential', parties: 'confidential' },
        property: { designation: 'Umeå Björken 1' },
        parties: [
          { role: 'applicant', displayName: 'Anna Andersson', personRef: REF, protectedIdentity: false },
        ],
      }),
    );
    // No "undefined" for the missing address: that would make every such case a hit for the word.
    expect(entry).toEqual({ words: ['Umeå Björken 1'], property: true });
  });

  it('marks a case without a property as not searchable by property', () => {
    expect(searchIndexRule(policy)(open({})).property).toBe(false);
    expect(
      searchIndexRule(policy)(
        open({ property: { designation: 'Umeå Björken 1' }, fieldClasses: { property: 'confidential' } }),
      ),
    ).toEqual({ words: ['Nybyggnad av enbostadshus', 'Bygglov'], property: false });
  });
});
