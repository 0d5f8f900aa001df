/**
 * The access matrix over HTTP: role × domain × field class × protected identity × own/other office ×
 * own/other citizen. Every expectation comes from the oracle below, written by hand from the documented
 * defaults in default-policy.yaml, never from the production policy or masking code.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Persona } from '../demo/personas.js';
import type { CanonicalCase } from '../schemas/case.js';
import { bearer, jsonPost, testApp } from '../test/support/app.js';
import { makeCase } from '../test/support/cases.js';
import { PNR_MAJA, PNR_OTHER, PNR_PROTECTED } from '../test/support/fixtures.js';

type Role = 'citizen' | 'infocenter' | 'officer' | 'admin';
type Domain = 'building_permit' | 'school_placement' | 'social_services';
type Cls = 'public' | 'internal' | 'confidential';
type Side = 'own' | 'other';
type Combo = {
  name: string;
  role: Role;
  domain: Domain;
  cls: Cls;
  prot: boolean;
  office?: Side;
  citizen?: Side;
};

const ROLES: Role[] = ['citizen', 'infocenter', 'officer', 'admin'];
const DOMAINS: Domain[] = ['building_permit', 'school_placement', 'social_services'];
const CLASSES: Cls[] = ['public', 'internal', 'confidential'];
const OFFICE: Record<Domain, string> = {
  building_permit: 'BN',
  school_placement: 'BUN',
  social_services: 'SN',
};
const OTHER_OFFICE = 'KS';
const MUNICIPALITY = '2480';
/** A second, never protected party: an opaque reference, not derived from any personnummer. */
const REPRESENTATIVE_REF = `pr1_${'R'.repeat(43)}`;

/**
 * The classification under test: `probe` is the class of `handler` and `decision`; `title` is always
 * public, `documents` always internal and the nested `handler.name` always confidential. Everything
 * else (parties, property, status, …) is unclassified, so never masked by class.
 */
function classesFor(probe: Cls): Record<string, Cls> {
  return {
    title: 'public',
    documents: 'internal',
    handler: probe,
    decision: probe,
    'handler.name': 'confidential',
  };
}

/* ---------------------------------------------------------------------------------------------- *
 * Oracle: the documented defaults of default-policy.yaml, restated as plain data and small logic. *
 * ---------------------------------------------------------------------------------------------- */
const EVERY_CLASS: Cls[] = ['public', 'internal', 'confidential'];
const STAFF_CLASSES: Cls[] = ['public', 'internal'];
/** confidentiality.masked for staff when a party has protected identity (protectedIdentity.maskForStaff). */
const PROTECTED_FOR_STAFF = ['parties.displayName', 'property'];
/** The top-level keys of a view of a seeded case when nothing is masked. */
const VIEW_KEYS = [
  'caseType',
  'confidentiality',
  'decision',
  'documents',
  'domain',
  'freshness',
  'handler',
  'id',
  'municipality',
  'office',
  'parties',
  'property',
  'reference',
  'source',
  'status',
  'title',
];

/** What the policy documents for one read: 403 for the role, 404 for an unseen case, or the classes seen. */
function documented(c: Combo): 403 | 404 | Cls[] {
  const ownOffice = c.office === 'own';
  switch (c.role) {
    case 'admin':
      return 403; // least privilege: never case contents
    case 'citizen':
      return c.citizen === 'own' ? EVERY_CLASS : 404; // only cases where they are a party, all of it
    case 'infocenter':
      return c.domain === 'social_services' ? 404 : STAFF_CLASSES; // OSL 26 kap.; no ownOfficeClasses
    case 'officer':
      // The other office (KS) handles no domain (offices), so it sees none; social services: own_office.
      return ownOffice ? EVERY_CLASS : 404;
  }
}

type Expected =
  | { status: 403 | 404 }
  | { status: 200; keys: string[]; masked: string[]; displayNames: boolean[]; handlerName: boolean };

function expectedFor(c: Combo): Expected {
  const seen = documented(c);
  if (typeof seen === 'number') return { status: seen };
  const classified = Object.entries(classesFor(c.cls));
  const byClass = classified.filter(([, cls]) => !seen.includes(cls)).map(([path]) => path);
  // A masked parent makes its children's classes moot: only the parent is named.
  const masked = byClass.filter((p) => !p.includes('.') || !byClass.includes(p.split('.')[0] as string));
  const hideIdentity = c.prot && c.role !== 'citizen';
  if (hideIdentity) masked.push(...PROTECTED_FOR_STAFF);
  const sorted = [...new Set(masked)].sort();
  return {
    status: 200,
    keys: VIEW_KEYS.filter((k) => !sorted.includes(k)),
    masked: sorted,
    displayNames: [!hideIdentity, true], // [applicant (maybe protected), representative]
    handlerName: !sorted.includes('handler.name'),
  };
}

/* ------------------------------------------ the matrix ------------------------------------------ */
function nameOf(c: Omit<Combo, 'name'>): string {
  const side = c.office ? `${c.office} office` : `${c.citizen} case`;
  const identity = c.prot ? 'protected' : 'unprotected';
  return [c.role, c.domain, `handler+decision ${c.cls}`, identity, side].join(' · ');
}

// Office only matters to staff tokens, party-ness only to citizens: each role gets its own two sides.
const COMBOS: Combo[] = ROLES.flatMap((role) =>
  DOMAINS.flatMap((domain) =>
    CLASSES.flatMap((cls) =>
      [false, true].flatMap((prot) =>
        (['own', 'other'] as const).map((side) => {
          const c = {
            role,
            domain,
            cls,
            prot,
            ...(role === 'citizen' ? { citizen: side } : { office: side }),
          };
          return { ...c, name: nameOf(c) };
        }),
      ),
    ),
  ),
);

type Ctx = Awaited<ReturnType<typeof testApp>>;
let t: Ctx;
const seeded = new Map<string, CanonicalCase>();
const tokens = new Map<string, Promise<string>>();
const missing: Record<'staff' | 'me', unknown> = { staff: undefined, me: undefined };
const MISSING_ID = '00000000-0000-5000-8000-000000000000';

const caseKey = (domain: Domain, cls: Cls, prot: boolean) => `${domain}/${cls}/${prot}`;
const strip = (body: Record<string, unknown>) => ({ ...body, requestId: undefined });

function persona(role: Role, extra: Partial<Persona>): Persona {
  return { id: `matrix-${role}`, role, label: 'x', description: { sv: 'x', en: 'x', ar: 'x' }, ...extra };
}

/** A token for the combination: staff of the case's office or another, or the party or someone else. */
function tokenFor(c: Combo): Promise<string> {
  const pnr = c.citizen === 'own' ? (c.prot ? PNR_PROTECTED : PNR_MAJA) : PNR_OTHER;
  const office = c.office === 'own' ? OFFICE[c.domain] : OTHER_OFFICE;
  const key = c.role === 'citizen' ? `citizen:${pnr}` : `${c.role}:${office}`;
  if (!tokens.has(key)) {
    const extra = c.role === 'citizen' ? { personnummer: pnr } : { office, municipality: MUNICIPALITY };
    tokens.set(key, t.identity.issue(persona(c.role, extra)));
  }
  return tokens.get(key) as Promise<string>;
}

beforeAll(async () => {
  t = await testApp();
  const ref = (pnr: string) => t.personRefs.fromInput(pnr) as string;
  let n = 0;
  for (const domain of DOMAINS)
    for (const cls of CLASSES)
      for (const prot of [false, true]) {
        n += 1;
        const office = OFFICE[domain];
        seeded.set(
          caseKey(domain, cls, prot),
          makeCase({
            sourceId: `M-${n}`,
            reference: `MATRIS-${n}`,
            domain,
            office: { code: office, name: `Nämnden ${office}`, contact: {} },
            title: 'Matrisärende',
            handler: { name: 'Hanna Handläggare', unit: 'Enhet 1' },
            decision: { outcome: 'approved', at: '2026-04-01T08:00:00.000Z' },
            documents: [{ title: 'Ansökan', kind: 'ansokan', receivedAt: '2026-03-01T08:00:00.000Z' }],
            parties: [
              {
                role: 'applicant',
                displayName: 'Sökande Testsson',
                personRef: ref(prot ? PNR_PROTECTED : PNR_MAJA),
                protectedIdentity: prot,
              },
              {
                role: 'representative',
                displayName: 'Ombud Testsson',
                personRef: REPRESENTATIVE_REF,
                protectedIdentity: false,
              },
            ],
            property: { designation: 'Umeå Matrisen 1', address: 'Matrisgatan 1' },
            fieldClasses: classesFor(cls),
          }),
        );
      }
  await t.store.upsertMany([...seeded.values()]);
  const staff = await t.identity.issue(persona('officer', { office: 'SN', municipality: MUNICIPALITY }));
  const citizen = await t.identity.issue(persona('citizen', { personnummer: PNR_MAJA }));
  missing.staff = await (await t.app.request(`/api/v1/cases/${MISSING_ID}`, bearer(staff))).json();
  missing.me = await (await t.app.request(`/api/v1/me/cases/${MISSING_ID}`, bearer(citizen))).json();
});
afterAll(async () => t.drop());

describe('access matrix (default policy, over HTTP)', () => {
  it('covers every combination once', () => {
    expect(COMBOS).toHaveLength(4 * 3 * 3 * 2 * 2);
    expect(new Set(COMBOS.map((c) => c.name)).size).toBe(COMBOS.length);
  });

  // One named test per combination (`it.each` with `$name` would truncate the names at 40 characters).
  for (const combo of COMBOS)
    it(combo.name, async () => {
      const c = seeded.get(caseKey(combo.domain, combo.cls, combo.prot)) as CanonicalCase;
      const token = await tokenFor(combo);
      const expected = expectedFor(combo);
      const citizen = combo.role === 'citizen';

      const res = await t.app.request(`/api/v1/${citizen ? 'me/' : ''}cases/${c.id}`, bearer(token));
      expect(res.status).toBe(expected.status);
      const body = await res.json();
      if (expected.status === 200) {
        expect(Object.keys(body).sort()).toEqual(expected.keys);
        expect(body.confidentiality.masked).toEqual(expected.masked);
        expect(body.parties.map((p: object) => 'displayName' in p)).toEqual(expected.displayNames);
        if (expected.keys.includes('handler')) expect('name' in body.handler).toBe(expected.handlerName);
      } else if (expected.status === 404) {
        // A hidden case answers exactly like a missing one.
        expect(strip(body)).toEqual(strip(missing[citizen ? 'me' : 'staff'] as Record<string, unknown>));
      }

      const readable = expected.status === 200;
      if (citizen) {
        const list = await t.app.request('/api/v1/me/cases?limit=100', bearer(token));
        expect(list.status).toBe(200);
        expect((await list.json()).items.some((i: { id: string }) => i.id === c.id)).toBe(readable);
      } else {
        const search = await t.app.request(
          '/api/v1/cases/search',
          jsonPost(token, { reference: c.reference }),
        );
        expect(search.status).toBe(expected.status === 403 ? 403 : 200);
        if (search.status === 200) {
          const page = await search.json();
          expect(page.items.map((i: { id: string }) => i.id)).toEqual(readable ? [c.id] : []);
        }
      }
    });
});
