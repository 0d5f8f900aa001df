import { describe, expect, it } from 'vitest';
import { swedishPrefixQuery } from './swedish-tsquery.js';

describe('swedishPrefixQuery', () => {
  it('makes every word a prefix, all required', () => {
    expect(swedishPrefixQuery('Bygglo garage')).toBe('bygglo:* & garage:*');
  });

  it('also asks for the stem of a neuter definite form the snowball stemmer keeps ("bygglovet" → "bygglov")', () => {
    expect(swedishPrefixQuery('bygglovet')).toBe('(bygglovet:* | bygglov:*)');
    expect(swedishPrefixQuery('bygglovets')).toBe('(bygglovets:* | bygglov:*)');
    // Short words are no inflections: "paket" is not "pak" + "et".
    expect(swedishPrefixQuery('paket')).toBe('paket:*');
  });

  it('lets no tsquery operator through: only letters and digits reach it', () => {
    expect(swedishPrefixQuery("bygg' & !lov | (x):* <-> y")).toBe('bygg:* & lov:* & x:* & y:*');
    expect(swedishPrefixQuery('  &|!():* ')).toBeUndefined();
  });

  it('keeps Swedish letters and caps the number of words', () => {
    expect(swedishPrefixQuery('Åtgärd ÖVER')).toBe('åtgärd:* & över:*');
    expect(
      swedishPrefixQuery(Array.from({ length: 20 }, (_, i) => `w${i}`).join(' '))?.split('&'),
    ).toHaveLength(12);
  });
});
