/** Checks that every demo personnummer is valid, canonical and listed once. */
import { describe, expect, it } from 'vitest';
import { formatPersonnummer, parsePersonnummer } from '../person/personnummer.js';
import { TEST_PERSONNUMMER } from './test-personnummer.js';

describe('TEST_PERSONNUMMER', () => {
  it('has at least 12 entries', () => {
    expect(TEST_PERSONNUMMER.length).toBeGreaterThanOrEqual(12);
  });

  it.each(TEST_PERSONNUMMER.map((entry) => [entry.number, entry] as const))('%s parses', (_, entry) => {
    const result = parsePersonnummer(entry.number);
    expect(result.ok).toBe(true);
    // The list is written in the canonical form so it can be compared with formatted output directly.
    if (result.ok) expect(formatPersonnummer(result.value)).toBe(entry.number);
  });

  it('marks samordningsnummer as such in the note', () => {
    for (const entry of TEST_PERSONNUMMER) {
      const result = parsePersonnummer(entry.number);
      const isSamordning = result.ok && result.value.kind === 'samordningsnummer';
      expect(entry.note.includes('samordningsnummer')).toBe(isSamordning);
    }
  });

  it('has no duplicates', () => {
    const numbers = TEST_PERSONNUMMER.map((entry) => entry.number);
    expect(new Set(numbers).size).toBe(numbers.length);
  });
});
