import { describe, expect, it } from 'vitest';
import type { Principal } from '../app/principal.js';
import { CASE_DOMAINS } from '../schemas/case.js';
import { makeCase } from '../test/support/cases.js';
import { allowedClasses, mayRead, maySeeSource, visibility } from './access.js';
import { isKnownOffice, mayHandleTask } from './contact-access.js';
import { loadPolicy, regionExamplePolicyFile } from './load-policy.js';
import { type Policy, PolicySchema } from './policy-schema.js';

const region = loadPolicy(regionExamplePolicyFile());
const REF = `pr1_${'C'.repeat(43)}`;
const staff = (role: 'infocenter' | 'officer', municipality?: string, office?: string): Principal => ({
  kind: 'staff',
  subject: 's',
  role,
  ...(municipality ? { municipality } : {}),
  ...(office ? { office } : {}),
});
const citizen: Principal = {
  kind: 'citizen',
  subject: 'c',
  role: 'citizen',
  personRef: REF,
  personRefs: [REF],
};
const bjurholmCase = makeCase({ municipality: { code: '2403', name: 'Bjurholm' } });

describe('visibility: the scopes the query applies', () => {
  it('fails closed: a staff token without a municipality has no scope at all', () => {
    expect(visibility(staff('infocenter'), region, CASE_DOMAINS)).toEqual({ scopes: [] });
    expect(mayRead(staff('officer', undefined, 'BN'), region, makeCase())).toBe(false);
  });

  it('gives an officer their municipality and their office’s domains, and social services on their office only', () => {
    // own_office on social services reads "this office's own cases of the domain", whichever office it is.
    expect(visibility(staff('officer', '2480', 'BN'), region, CASE_DOMAINS)).toEqual({
      scopes: [
        { municipality: '2480', domains: ['building_permit'] },
        { municipality: '2480', domains: ['social_services'], office: 'BN' },
      ],
    });
    expect(visibility(staff('officer', '2480', 'SN'), region, CASE_DOMAINS)).toEqual({
      scopes: [{ municipality: '2480', domains: ['social_services'], office: 'SN' }],
    });
  });

  it('adds the municipalities an agreement serves, for its domains only', () => {
    expect(visibility(staff('infocenter', '2403', 'KC'), region, CASE_DOMAINS)).toEqual({
      scopes: ['2403', '2480', '2460', '2401'].map((municipality) => ({
        municipality,
        domains: ['building_permit', 'school_placement'],
      })),
    });
  });

  it('leaves citizens unscoped under default rules, and scoped where a municipality has citizen rules of its own', () => {
    expect(visibility(citizen, region, CASE_DOMAINS)).toBeUndefined();
    const strict: Policy = PolicySchema.parse({
      ...region,
      municipalities: {
        '2460': { roles: { citizen: { '*': { visible: true }, social_services: { visible: false } } } },
      },
    });
    expect(visibility(citizen, strict, CASE_DOMAINS)).toEqual({
      scopes: [{ municipality: '2460', domains: ['building_permit', 'school_placement'] }],
      elsewhere: { domains: [...CASE_DOMAINS], except: ['2460'] },
    });
  });
});

describe('office codes from a sign-in', () => {
  it.each(['toString', 'constructor', '__proto__', 'hasOwnProperty'])(
    'an office called %s handles no domain, and checking it does not fail',
    (office) => {
      const officer = staff('officer', '2480', office);
      expect(visibility(officer, region, CASE_DOMAINS)).toEqual({
        scopes: [{ municipality: '2480', domains: ['social_services'], office }],
      });
      expect(mayRead(officer, region, makeCase())).toBe(false);
      expect(maySeeSource(officer, region, { municipality: '2480', domain: 'building_permit' })).toBe(false);
    },
  );
});

describe('classes on one case', () => {
  it('unions the own rules and an agreement on the own municipality’s case', () => {
    const withConfidential: Policy = PolicySchema.parse({
      ...region,
      agreements: [{ ...region.agreements[0], classes: ['confidential'] }],
    });
    expect(
      [...allowedClasses(staff('infocenter', '2403', 'KC'), withConfidential, bjurholmCase)].sort(),
    ).toEqual(['confidential', 'internal', 'public']);
  });

  it('gives another municipality’s case the agreement’s classes, never own-office classes', () => {
    const umeaBn = makeCase();
    const served = staff('infocenter', '2403', 'BN');
    expect(mayRead(served, region, umeaBn)).toBe(false); // the agreement names office KC
    expect([...allowedClasses(staff('infocenter', '2403', 'KC'), region, umeaBn)]).toEqual([
      'public',
      'internal',
    ]);
    // An officer of the same office code in another municipality is not the case's own office.
    expect(mayRead(staff('officer', '2460', 'BN'), region, umeaBn)).toBe(false);
  });
});

describe('maySeeSource: whose sync health a principal sees', () => {
  const source = (municipality: string, domain: string) => ({ municipality, domain });
  const admin: Principal = { kind: 'staff', subject: 'a', role: 'admin' };

  it('never shows the information center a social-services source, nor another municipality’s', () => {
    expect(maySeeSource(staff('infocenter', '2480', 'KC'), region, source('2480', 'social_services'))).toBe(
      false,
    );
    expect(maySeeSource(staff('infocenter', '2480', 'KC'), region, source('2480', 'building_permit'))).toBe(
      true,
    );
    expect(maySeeSource(staff('infocenter', '2480', 'KC'), region, source('2460', 'building_permit'))).toBe(
      false,
    );
    // …unless an agreement serves them: Bjurholm's center sees Vännäs's building permits.
    expect(maySeeSource(staff('infocenter', '2403', 'KC'), region, source('2460', 'building_permit'))).toBe(
      true,
    );
  });

  it('shows an officer the sources of the domains their office handles, in their municipality', () => {
    expect(maySeeSource(staff('officer', '2480', 'BN'), region, source('2480', 'building_permit'))).toBe(
      true,
    );
    // BN's own-office grant on social services matches no case: the source is not theirs.
    expect(maySeeSource(staff('officer', '2480', 'BN'), region, source('2480', 'social_services'))).toBe(
      false,
    );
    expect(maySeeSource(staff('officer', '2480', 'SN'), region, source('2480', 'social_services'))).toBe(
      true,
    );
    expect(maySeeSource(staff('officer', '2460', 'BN'), region, source('2480', 'building_permit'))).toBe(
      false,
    );
  });

  it('shows an admin every source of their own municipality only, and citizens none', () => {
    const umeaAdmin: Principal = { ...admin, municipality: '2480' };
    expect(maySeeSource(umeaAdmin, region, source('2480', 'social_services'))).toBe(true);
    // Regression: the API listed every municipality's sources to any admin of the region.
    expect(maySeeSource(umeaAdmin, region, source('2460', 'building_permit'))).toBe(false);
    // An admin whose sign-in names no municipality operates none (fail closed).
    expect(maySeeSource(admin, region, source('2480', 'social_services'))).toBe(false);
    expect(maySeeSource(citizen, region, source('2480', 'building_permit'))).toBe(false);
  });
});

describe('mayHandleTask: who answers a forwarded contact’s task', () => {
  const task = { municipality: '2480', office: 'BN' };
  it('lets an officer of the task’s own municipality and office answer it, and no one else', () => {
    expect(mayHandleTask(staff('officer', '2480', 'BN'), region, task)).toBe(true);
    expect(mayHandleTask(staff('officer', '2460', 'BN'), region, task)).toBe(false);
    expect(mayHandleTask(staff('officer', '2480', 'BUN'), region, task)).toBe(false);
    expect(mayHandleTask(staff('officer', undefined, 'BN'), region, task)).toBe(false);
    expect(mayHandleTask(staff('infocenter', '2480', 'BN'), region, task)).toBe(false);
    expect(mayHandleTask(citizen, region, task)).toBe(false);
  });

  it('knows offices from the municipality’s own list when it has one, else the default list', () => {
    const own: Policy = PolicySchema.parse({
      ...region,
      municipalities: { ...region.municipalities, '2460': { offices: { MBN: ['building_permit'] } } },
    });
    expect(isKnownOffice(own, '2460', 'MBN')).toBe(true);
    expect(isKnownOffice(own, '2460', 'BN')).toBe(false);
    expect(isKnownOffice(own, '2480', 'BN')).toBe(true);
    expect(mayHandleTask(staff('officer', '2460', 'BN'), own, { municipality: '2460', office: 'BN' })).toBe(
      false,
    );
  });
});
