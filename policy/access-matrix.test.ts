/**
 * The access matrix over HTTP: role × domain × field class × protected identity × municipality (own,
 * own with rules of its own, another, by agreement) × the caller's office (staff) or party-ness
 * (citizens). Every expectation comes from the oracle below, written by hand from the test policy
 * (access-matrix.policy.yaml), never from the production policy or masking code.
 */
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Persona } from '../demo/personas.js';
import type { CanonicalCase } from '../schemas/case.js';
import { bearer, jsonPost, testApp } from '../test/support/app.js';
import { makeCase } from '../test/support/cases.js';
import { PNR_MAJA, PNR_OTHER, PNR_PROTECTED } from '../test/support/fixtures.js';
import { loadPolicy } from './load-policy.js';

type Role = 'citizen' | 'infocenter' | 'officer' | 'admin';
type Domain = 'building_permit' | 'school_placement' | 'social_services';
type Cls = 'public' | 'internal' | 'confidential';
/** Where the case is, seen from the caller: the four ByggR municipalities of Umeåregionen. */
type Where = 'own' | 'own-rules' | 'other' | 'agreement';
/** Citizens: party or not. Officers: the case's office, another office of its domain, or of another domain. */
type Side = 'party' | 'not-party' | 'case-office' | 'same-domain' | 'other-domain' | 'KC';

const UMEA = '2480';
const VANNAS = '2460';
const BJURHOLM = '2403';
const NORDMALING = '2401';
const NAMES: Record<string, string> = { [UMEA]: 'Umeå', [VANNAS]: 'Vännäs', [NORDMALING]: 'Nordmaling' };
/** The caller's municipality and the case's, for each `where`. */
const WHERE: Record<Where, { caller: string; case: string }> = {
  own: { caller: UMEA, case: UMEA },
  'own-rules': { caller: NORDMALING, case: NORDMALING },
  other: { caller: UMEA, case: VANNAS },
  agreement: { caller: BJURHOLM, case: VANNAS },
};
const CASE_MUNICIPALITIES = [UMEA, NORDMALING, VANNAS];

const ROLES: Role[] = ['citizen', 'infocenter', 'officer', 'admin'];
const DOMAINS: Domain[] = ['building_permit', 'school_placement', 'social_services'];
const CLASSES: Cls[] = ['public', 'internal', 'confidential'];
const WHERES: Where[] = ['own', 'own-rules', 'other', 'agreement'];
const SIDES: Record<Role, Side[]> = {
  citizen: ['party', 'not-party'],
  infocenter: ['case-office', 'KC'],
  officer: ['case-office', 'same-domain', 'other-domain'],
  admin: ['case-office', 'KC'],
};
const OFFICE: Record<Domain, string> = {
  building_permit: 'BN',
  school_placement: 'BUN',
  social_services: 'SN',
};
/** An office that handles another domain only. */
const OTHER_DOMAIN_OFFICE: Record<Domain, string> = {
  building_permit: 'BUN',
  school_placement: 'SN',
  social_services: 'BN',
};
/** KS handles every domain in the test policy, without being any seeded case's office. */
const SAME_DOMAIN_OFFICE = 'KS';
/** A second, never protected party: an opaque reference, not derived from any personnummer. */
const REPRESENTATIVE_REF = `pr1_${'R'.repeat(43)}`;

type Combo = { name: string; role: Role; domain: Domain; cls: Cls; prot: boolean; where: Where; side: Side };
/** A caller as the oracle sees it. */
type Caller = { role: Role; municipality?: string; office?: string; pnr?: string };
/** A seeded case as the oracle sees it. */
type Seeded = { municipality: string; domain: Domain; office: string; applicantPnr: string };

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
 * Oracle: access-matrix.policy.yaml restated as plain data and small logic.                        *
 * ---------------------------------------------------------------------------------------------- */
const EVERY_CLASS: Cls[] = ['public', 'internal', 'confidential'];
const STAFF_CLASSES: Cls[] = ['public', 'internal'];
const AGREEMENT = {
  who: { municipality: BJURHOLM, role: 'infocenter', office: 'KC' },
  for: [UMEA, VANNAS, BJURHOLM, NORDMALING],
  domains: ['building_permit', 'school_placement'],
  classes: STAFF_CLASSES,
};
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

/** What the policy says of one read: 403 for the role, 404 for an unseen case, or the classes seen. */
function documented(who: Caller, c: Seeded): 403 | 404 | Cls[] {
  switch (who.role) {
    case 'admin':
      return 403; // least privilege: never case contents
    case 'citizen':
      return who.pnr === c.applicantPnr ? EVERY_CLASS : 404; // their own cases, in any municipality, all of it
    case 'infocenter': {
      if (who.municipality === c.municipality) {
        if (c.domain === 'social_services') return 404; // OSL 26 kap.
        return c.municipality === NORDMALING ? ['public'] : STAFF_CLASSES; // Nordmaling's own rule
      }
      const served =
        who.municipality === AGREEMENT.who.municipality &&
        who.office === AGREEMENT.who.office &&
        AGREEMENT.for.includes(c.municipality) &&
        AGREEMENT.domains.includes(c.domain);
      return served ? AGREEMENT.classes : 404; // no agreement: another municipality's cases are unseen
    }
    case 'officer': {
      if (who.municipality !== c.municipality) return 404; // the one agreement serves the information center
      if (who.office === c.office) return EVERY_CLASS; // own office: confidential too
      if (c.domain === 'social_services') return 404; // own_office
      const handles = who.office === SAME_DOMAIN_OFFICE || who.office === OFFICE[c.domain];
      return handles || c.municipality === NORDMALING ? STAFF_CLASSES : 404; // Nordmaling: every domain
    }
  }
}

type Expected =
  | { status: 403 | 404 }
  | { status: 200; keys: string[]; masked: string[]; displayNames: boolean[]; handlerName: boolean };

function expectedFor(who: Caller, c: Seeded, probe: Cls, prot: boolean): Expected {
  const seen = documented(who, c);
  if (typeof seen === 'number') return { status: seen };
  const classified = Object.entries(classesFor(probe));
  const byClass = classified.filter(([, cls]) => !seen.includes(cls)).map(([path]) => path);
  // A masked parent makes its children's classes moot: only the parent is named.
  const masked = byClass.filter((p) => !p.includes('.') || !byClass.includes(p.split('.')[0] as string));
  const hideIdentity = prot && who.role !== 'citizen';
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
function callerOf(c: Omit<Combo, 'name'>): Caller {
  if (c.role === 'citizen')
    return { role: c.role, pnr: c.side === 'party' ? (c.prot ? PNR_PROTECTED : PNR_MAJA) : PNR_OTHER };
  const office = {
    'case-office': OFFICE[c.domain],
    'same-domain': SAME_DOMAIN_OFFICE,
    'other-domain': OTHER_DOMAIN_OFFICE[c.domain],
    KC: 'KC',
  }[c.side as Exclude<Side, 'party' | 'not-party'>];
  return { role: c.role, municipality: WHERE[c.where].caller, office };
}

const seededOf = (c: Pick<Combo, 'domain' | 'prot' | 'where'>): Seeded => ({
  municipality: WHERE[c.where].case,
  domain: c.domain,
  office: OFFICE[c.domain],
  applicantPnr: c.prot ? PNR_PROTECTED : PNR_MAJA,
});

function nameOf(c: Omit<Combo, 'name'>): string {
  const who = callerOf(c);
  const from = who.role === 'citizen' ? c.side : `${who.office}@${who.municipality} (${c.side})`;
  const identity = c.prot ? 'protected' : 'unprotected';
  return [
    c.role,
    from,
    `${c.where} → case in ${WHERE[c.where].case}`,
    c.domain,
    `handler+decision ${c.cls}`,
    identity,
  ].join(' · ');
}

const COMBOS: Combo[] = ROLES.flatMap((role) =>
  WHERES.flatMap((where) =>
    DOMAINS.flatMap((domain) =>
      CLASSES.flatMap((cls) =>
        [false, true].flatMap((prot) =>
          SIDES[role].map((side) => {
            const c = { role, domain, cls, prot, where, side };
            return { ...c, name: nameOf(c) };
          }),
        ),
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

const caseKey = (municipality: string, domain: Domain, cls: Cls, prot: boolean) =>
  `${municipality}/${domain}/${cls}/${prot}`;
const strip = (body: Record<string, unknown>) => ({ ...body, requestId: undefined });

function tokenOf(who: Caller): Promise<string> {
  const key = JSON.stringify(who);
  if (!tokens.has(key)) {
    const { role, ...extra } = who;
    const persona: Persona = {
      id: `matrix-${role}-${who.office ?? ''}-${who.municipality ?? ''}`,
      role,
      label: 'x',
      description: { sv: 'x', en: 'x', ar: 'x' },
      ...(extra.pnr ? { personnummer: extra.pnr } : {}),
      ...(extra.office ? { office: extra.office } : {}),
      ...(extra.municipality ? { municipality: extra.municipality } : {}),
    };
    tokens.set(key, t.identity.issue(persona));
  }
  return tokens.get(key) as Promise<string>;
}

beforeAll(async () => {
  const policy = loadPolicy(fileURLToPath(new URL('./access-matrix.policy.yaml', import.meta.url)));
  // The matrix sends hundreds of requests per caller; rate limits have their own tests.
  t = await testApp('pglite', { policy, rateLimits: false });
  const ref = (pnr: string) => t.personRefs.fromInput(pnr) as string;
  let n = 0;
  for (const municipality of CASE_MUNICIPALITIES)
    for (const domain of DOMAINS)
      for (const cls of CLASSES)
        for (const prot of [false, true]) {
          n += 1;
          const office = OFFICE[domain];
          seeded.set(
            caseKey(municipality, domain, cls, prot),
            makeCase({
              sourceId: `M-${n}`,
              municipality: { code: municipality, name: NAMES[municipality] as string },
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
              updatedAt: new Date(Date.UTC(2026, 2, 1, 8, n)).toISOString(),
            }),
          );
        }
  await t.store.upsertMany([...seeded.values()]);
  const staff = await tokenOf({ role: 'officer', office: 'SN', municipality: UMEA });
  const citizen = await tokenOf({ role: 'citizen', pnr: PNR_MAJA });
  missing.staff = await (await t.app.request(`/api/v1/cases/${MISSING_ID}`, bearer(staff))).json();
  missing.me = await (await t.app.request(`/api/v1/me/cases/${MISSING_ID}`, bearer(citizen))).json();
});
afterAll(async () => t.drop());

describe('access matrix (test policy with municipalities and an agreement, over HTTP)', () => {
  it('covers every combination once', () => {
    // role × where × domain × class × protected × side (citizen 2, infocenter 2, officer 3, admin 2)
    expect(COMBOS).toHaveLength(4 * 3 * 3 * 2 * (2 + 2 + 3 + 2));
    expect(new Set(COMBOS.map((c) => c.name)).size).toBe(COMBOS.length);
  });

  // One named test per combination (`it.each` with `$name` would truncate the names at 40 characters).
  for (const combo of COMBOS)
    it(combo.name, async () => {
      const c = seeded.get(
        caseKey(WHERE[combo.where].case, combo.domain, combo.cls, combo.prot),
      ) as CanonicalCase;
      const who = callerOf(combo);
      const token = await tokenOf(who);
      const expected = expectedFor(who, seededOf(combo), combo.cls, combo.prot);
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

describe('access matrix: whole result lists, paged with the cursor', () => {
  const staffCallers = [
    ...new Map(
      COMBOS.filter((c) => c.role === 'infocenter' || c.role === 'officer')
        .map(callerOf)
        .map((who) => [JSON.stringify(who), who]),
    ).values(),
  ];

  it('pages through exactly the cases the oracle shows each staff caller, nothing more', async () => {
    expect(staffCallers.length).toBeGreaterThan(10);
    for (const who of staffCallers) {
      const token = await tokenOf(who);
      const ids: string[] = [];
      let cursor: string | undefined;
      do {
        const res = await t.app.request(
          '/api/v1/cases/search',
          jsonPost(token, { q: 'Matrisärende', limit: 7, ...(cursor ? { cursor } : {}) }),
        );
        expect(res.status).toBe(200);
        const page = await res.json();
        ids.push(...page.items.map((i: { id: string }) => i.id));
        cursor = page.nextCursor ?? undefined;
      } while (cursor);
      const expected = [...seeded.entries()]
        .filter(([key]) => {
          const [municipality, domain, , prot] = key.split('/') as [string, Domain, Cls, string];
          const c = {
            municipality,
            domain,
            office: OFFICE[domain],
            applicantPnr: prot === 'true' ? PNR_PROTECTED : PNR_MAJA,
          };
          return Array.isArray(documented(who, c));
        })
        .map(([, c]) => c.id);
      expect({ who, ids: [...ids].sort() }).toEqual({ who, ids: [...expected].sort() });
    }
  });
});
