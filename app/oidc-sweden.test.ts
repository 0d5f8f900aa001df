/** The assurance ranking: a weaker or self-declared e-ID must never pass for a stronger one. */
import { describe, expect, it } from 'vitest';
import { acceptedAcrs, describeAcr, KNOWN_ACRS, LOA3, meetsMinimum } from './oidc-sweden.js';

const uri = (name: string) => `http://id.elegnamnden.se/loa/1.0/${name}`;
const sc = (name: string) => `http://id.swedenconnect.se/loa/1.0/${name}`;

describe('a minimum of LoA3', () => {
  it('accepts LoA3, LoA4 and eIDAS substantial or high', () => {
    for (const acr of [LOA3, uri('loa4'), uri('eidas-sub'), uri('eidas-nf-high'), sc('loa3-nonresident')]) {
      expect(meetsMinimum(acr, LOA3), acr).toBe(true);
    }
  });

  it('refuses LoA2, eIDAS low, self-declared providers, and an absent or unknown acr', () => {
    for (const acr of [
      uri('loa2'),
      uri('loa1'),
      uri('eidas-low'),
      sc('uncertified-loa3'),
      sc('uncertified-eidas-high'),
      undefined,
      'loa3',
      'https://id.elegnamnden.se/loa/1.0/loa3', // the registry's scheme is http://
      [LOA3],
    ]) {
      expect(meetsMinimum(acr, LOA3), String(acr)).toBe(false);
    }
  });

  it('asks for the lowest sufficient level first', () => {
    const asked = acceptedAcrs(LOA3);
    expect(asked[0]).toBe(LOA3);
    expect(asked).toContain(uri('loa4'));
    expect(asked).not.toContain(uri('loa2'));
  });
});

describe('an uncertified minimum', () => {
  it('is met by a certified provider at the same level or above', () => {
    expect(meetsMinimum(LOA3, sc('uncertified-loa3'))).toBe(true);
    expect(meetsMinimum(sc('uncertified-loa3'), sc('uncertified-loa3'))).toBe(true);
    expect(meetsMinimum(uri('loa2'), sc('uncertified-loa3'))).toBe(false);
  });
});

describe('the acr in logs', () => {
  it('is a known URI or only its kind, never free text from a token', () => {
    expect(describeAcr(LOA3)).toBe(LOA3);
    expect(describeAcr(undefined)).toBe('absent');
    expect(describeAcr('19900321-2389')).toBe('unrecognised');
  });

  it('knows every level in the registry table once', () => {
    expect(new Set(KNOWN_ACRS).size).toBe(KNOWN_ACRS.length);
    expect(KNOWN_ACRS).toHaveLength(18);
  });
});
