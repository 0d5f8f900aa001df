import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadPolicy, PolicyError } from './load-policy.js';

const exampleFile = fileURLToPath(new URL('./examples/umearegionen.yaml', import.meta.url));
const VALID_ROLES = `version: 2.0.0
roles:
  infocenter:
    "*": { visible: true, classes: [public, internal] }
  officer:
    "*": { visible: true, classes: [public, internal] }
  citizen:
    "*": { visible: true, classes: [public, internal, confidential] }
  admin:
    "*": { visible: false }
protectedIdentity: { maskForStaff: [property] }`;

function writePolicy(text: string): string {
  const file = join(mkdtempSync(join(tmpdir(), 'arendenav-policy-')), 'policy.yaml');
  writeFileSync(file, text);
  return file;
}

function problems(file: string): string {
  try {
    loadPolicy(file);
  } catch (error) {
    expect(error).toBeInstanceOf(PolicyError);
    return (error as Error).message;
  }
  throw new Error('the policy loaded');
}

describe('policy files', () => {
  it('loads the shipped default', () => {
    const policy = loadPolicy();
    expect(policy.roles.infocenter?.social_services?.visible).toBe(false);
    expect(policy.roles.officer?.social_services?.visible).toBe('own_office');
    // Officers see their office's domains only; the default grants no agreement between municipalities.
    expect(policy.roles.officer?.['*']?.visible).toBe('own_domain');
    expect(policy.offices.BN).toEqual(['building_permit']);
    expect(policy.agreements).toEqual([]);
  });

  it('loads the Umeåregionen example with its agreement', () => {
    const policy = loadPolicy(exampleFile);
    expect(policy.agreements).toHaveLength(1);
    expect(policy.agreements[0]?.who).toEqual({ municipality: '2403', role: 'infocenter', office: 'KC' });
    expect(policy.agreements[0]?.for).toEqual(['2480', '2460', '2403', '2401']);
  });

  it('refuses municipalities and agreements a privacy officer could misread, naming each problem', () => {
    const file = writePolicy(`${VALID_ROLES}
offices: { BN: building_permit }
municipalities:
  2480: { roles: { infocenter: { social_services: { visible: false } } } }
  0181: { name: Södertälje }
agreements:
  - name: Bad
    who: { municipality: 2403, role: admin }
    for: ["2480", "2480"]
    domains: []
    classes: [secret]
    until: 2027-01-01
`);
    const message = problems(file);
    expect(message).toContain('offices.BN: an office lists the domains it handles, e.g. [building_permit]');
    expect(message).toContain('municipalities.2480.roles.infocenter: needs a "*" rule');
    expect(message).toContain('municipalities.181: a kommunkod is four digits in quotes, e.g. "2480"');
    expect(message).toContain('agreements.0.who.municipality: a kommunkod is four digits in quotes');
    expect(message).toContain(
      'agreements.0.who.role: an agreement serves staff: role is infocenter or officer',
    );
    expect(message).toContain('agreements.0.domains: name at least one domain');
    expect(message).toContain('agreements.0.classes.0');
    expect(message).toContain('agreements.0: Unrecognized key: "until"');
  });

  it('refuses own_domain without an office list, and a municipality named twice in an agreement', () => {
    const file =
      writePolicy(`${VALID_ROLES.replace('officer:\n    "*": { visible: true', 'officer:\n    "*": { visible: own_domain')}
agreements:
  - { name: Twice, who: { municipality: "2403", role: infocenter }, for: ["2480", "2480"], domains: [building_permit], classes: [public] }
`);
    const message = problems(file);
    expect(message).toContain('offices: visible: own_domain needs an offices list');
    expect(message).toContain('agreements.0.for: 2480 is named twice');
  });

  it('refuses a policy that forgets a role or uses an unknown class, naming the problem', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'arendenav-policy-')), 'policy.yaml');
    writeFileSync(
      file,
      'version: 1.0.0\nroles:\n  infocenter:\n    "*": { visible: true, classes: [public, secret] }\nprotectedIdentity: { maskForStaff: [property] }\n',
    );
    expect(() => loadPolicy(file)).toThrow(PolicyError);
    try {
      loadPolicy(file);
    } catch (error) {
      expect((error as Error).message).toContain('roles.infocenter.*.classes.1');
      expect((error as Error).message).toContain('roles.officer:');
    }
  });
});
