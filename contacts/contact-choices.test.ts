import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Principal } from '../app/principal.js';
import { loadPolicy, regionExamplePolicyFile } from '../policy/load-policy.js';
import { contactChoices } from './contact-choices.js';
import { loadTopics } from './load-topics.js';

const topics = loadTopics();
const staff = (role: 'infocenter' | 'officer' | 'admin', municipality: string): Principal => ({
  kind: 'staff',
  subject: `test:${role}`,
  role,
  office: 'KC',
  municipality,
});

// The example region with its agreement extended to contacts, as docs/contacts.md says a region would.
const dir = mkdtempSync(join(tmpdir(), 'arendenav-choices-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const regionalFile = join(dir, 'policy.yaml');
writeFileSync(
  regionalFile,
  readFileSync(regionExamplePolicyFile(), 'utf8').replace(
    'domains: [building_permit, school_placement]',
    'domains: [building_permit, school_placement, contacts]',
  ),
);

describe('what an agent may register contacts for', () => {
  it('is the own municipality, with its topics, under the shipped policy', () => {
    const choices = contactChoices(staff('infocenter', '2480'), loadPolicy(), topics);
    expect(choices.map((c) => c.municipality)).toEqual(['2480']);
    expect(choices[0]?.topics.map((t) => t.code)).toEqual([
      'bygglov',
      'skola',
      'avfall',
      'gata',
      'socialtjanst',
      'ovrigt',
    ]);
  });

  it('is nothing for an officer, whatever cases they see', () => {
    expect(contactChoices(staff('officer', '2480'), loadPolicy(), topics)).toEqual([]);
  });

  it('adds the municipalities an agreement covers for contacts, the own one first', () => {
    const regional = loadPolicy(regionalFile);
    expect(contactChoices(staff('infocenter', '2403'), regional, topics).map((c) => c.municipality)).toEqual([
      '2403',
      '2401',
      '2460',
      '2480',
    ]);
    // Without `contacts` in the agreement, the regional center has only its own.
    expect(
      contactChoices(staff('infocenter', '2403'), loadPolicy(), topics).map((c) => c.municipality),
    ).toEqual(['2403']);
  });
});
