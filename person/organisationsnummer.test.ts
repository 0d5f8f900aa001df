import { describe, expect, it } from 'vitest';
import { parseOrganisationsnummer } from './organisationsnummer.js';
import { createPersonRefHasher } from './person-ref.js';

// Sundsvall's own organisationsnummer, published in the ByggR fact sheet; not a person's number.
const SUNDSVALL = '212000-2411';

describe('parseOrganisationsnummer', () => {
  it.each([SUNDSVALL, '2120002411', `16${SUNDSVALL}`, '162120002411', ` ${SUNDSVALL} `])(
    'reads %s as the same ten digits (the "16" prefix and the dash normalised)',
    (input) => {
      expect(parseOrganisationsnummer(input)).toEqual({ ok: true, value: { normalized: '2120002411' } });
    },
  );

  it('refuses a wrong check digit', () => {
    expect(parseOrganisationsnummer('212000-2412')).toEqual({ ok: false, reason: 'checksum' });
  });

  it.each([
    ['a personnummer (third digit below 2)', '19121212-1212'],
    ['a ten-digit personnummer', '121212-1212'],
    ['another century prefix', '18212000-2411'],
    ['too short', '212000-241'],
    ['letters', '21200O-2411'],
    ['too long (a digit after the check digit)', '212000-24110'],
    ['text after the number', '212000-2411 AB'],
    ['text before the number', 'nr 212000-2411'],
  ])('refuses %s as format', (_, input) => {
    expect(parseOrganisationsnummer(input)).toEqual({ ok: false, reason: 'format' });
  });

  it('refuses input that is not text without throwing (e.g. a number in a JSON export)', () => {
    expect(parseOrganisationsnummer(2120002411 as unknown as string)).toEqual({
      ok: false,
      reason: 'format',
    });
  });
});

describe('organisation references', () => {
  const refs = createPersonRefHasher('k'.repeat(32));
  const org = (input: string) => {
    const parsed = parseOrganisationsnummer(input);
    if (!parsed.ok) throw new Error(parsed.reason);
    return refs.fromOrganisation(parsed.value);
  };

  it('are keyed hashes "or1_…" that never contain the number, equal for every written form', () => {
    const ref = org(SUNDSVALL);
    expect(ref).toMatch(/^or1_[A-Za-z0-9_-]{43}$/);
    expect(ref).not.toContain('2120002411');
    expect(org(`16${SUNDSVALL}`)).toBe(ref);
  });

  it('depend on the key, like person references', () => {
    const other = createPersonRefHasher('x'.repeat(32));
    const parsed = parseOrganisationsnummer(SUNDSVALL);
    expect(parsed.ok && other.fromOrganisation(parsed.value)).not.toBe(org(SUNDSVALL));
  });
});
