import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadPolicy, PolicyError } from './load-policy.js';

describe('policy files', () => {
  it('loads the shipped default', () => {
    const policy = loadPolicy();
    expect(policy.roles.infocenter?.social_services?.visible).toBe(false);
    expect(policy.roles.officer?.social_services?.visible).toBe('own_office');
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
