import { describe, expect, it } from 'vitest';
import { parseOrganisationsnummer } from './organisationsnummer.js';
import { createPersonRefHasher } from './person-ref.js';
import { parsePersonnummer } from './personnummer.js';

const KEY = 'k'.repeat(32);
const NEW_KEY = 'n'.repeat(32);

function person(input: string) {
  const parsed = parsePersonnummer(input);
  if (!parsed.ok) throw new Error(parsed.reason);
  return parsed.value;
}

function organisation(input: string) {
  const parsed = parseOrganisationsnummer(input);
  if (!parsed.ok) throw new Error(parsed.reason);
  return parsed.value;
}

describe('person references', () => {
  it('stay what this release stored, so a citizen still finds their cases after an upgrade', () => {
    // Computed once with release 1's scheme (HMAC-SHA256 of the 12 digits, resp. "org:" and the ten).
    const refs = createPersonRefHasher(KEY);
    expect(refs.fromInput('19900321-2389')).toBe('pr1_DdRZru66IjylqqX4M5of64GUA1Vmi-RfV04anLI9iag');
    expect(refs.fromOrganisation(organisation('212000-2411'))).toBe(
      'or1_nQr11aHA4WMwXPQu0ML_YCm9sVlHl976kFm0WsVLqxs',
    );
  });

  it('are the same for every written form of a number and never contain it', () => {
    const refs = createPersonRefHasher(KEY);
    const ref = refs.fromInput('900321-2389');
    expect(ref).toBe(refs.fromInput('199003212389'));
    expect(ref).toBe(refs.fromParsed(person('19900321-2389')));
    expect(ref).not.toContain('9003212389');
  });

  it('are not made for what is not a valid personnummer', () => {
    const refs = createPersonRefHasher(KEY, [NEW_KEY]);
    expect(refs.fromInput('19900321-2388')).toBeUndefined();
    expect(refs.allFromInput('19900321-2388')).toBeUndefined();
  });

  it('refuse a key shorter than 32 bytes, current or previous', () => {
    expect(() => createPersonRefHasher('k'.repeat(31))).toThrow(/at least 32 bytes/);
    expect(() => createPersonRefHasher(KEY, ['p'.repeat(31)])).toThrow(/at least 32 bytes/);
    expect(() => createPersonRefHasher(Buffer.alloc(31, 1))).toThrow(/at least 32 bytes/);
    expect(createPersonRefHasher(Buffer.alloc(32, 1)).fromInput('19900321-2389')).toMatch(/^pr1_/);
  });

  it('during a key rotation, find a person and an organisation under the new key and the previous one', () => {
    const before = createPersonRefHasher(KEY);
    const during = createPersonRefHasher(NEW_KEY, [KEY]);
    const after = createPersonRefHasher(NEW_KEY);
    const p = person('19900321-2389');
    const o = organisation('212000-2411');

    // New cases are stored under the new key; cases not yet re-read keep the previous key's reference.
    expect(during.fromParsed(p)).toBe(after.fromParsed(p));
    expect(during.allFromParsed(p)).toEqual([after.fromParsed(p), before.fromParsed(p)]);
    expect(during.allFromInput('900321-2389')).toEqual([after.fromParsed(p), before.fromParsed(p)]);
    expect(during.fromOrganisation(o)).toBe(after.fromOrganisation(o));
    expect(during.allFromOrganisation(o)).toEqual([after.fromOrganisation(o), before.fromOrganisation(o)]);
    expect(before.fromParsed(p)).not.toBe(after.fromParsed(p));
    // Without a rotation there is one reference.
    expect(after.allFromParsed(p)).toEqual([after.fromParsed(p)]);
    expect(after.allFromOrganisation(o)).toEqual([after.fromOrganisation(o)]);
  });

  it("never give an organisation a person's reference", () => {
    const refs = createPersonRefHasher(KEY);
    const o = organisation('212000-2411');
    expect(refs.fromOrganisation(o)).toMatch(/^or1_/);
    expect(refs.allFromOrganisation(o).every((ref) => ref.startsWith('or1_'))).toBe(true);
    expect(refs.allFromInput('19900321-2389')?.every((ref) => ref.startsWith('pr1_'))).toBe(true);
  });
});
