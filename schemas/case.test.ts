import { describe, expect, it } from 'vitest';
import { makeCase } from '../test/support/cases.js';
import { CanonicalCaseSchema } from './case.js';

const withUrl = (url: string) =>
  makeCase({ office: { code: 'BN', name: 'Byggnadsnämnden', contact: { url } } });

describe('the canonical case', () => {
  it('accepts web links for an office', () => {
    expect(CanonicalCaseSchema.safeParse(withUrl('https://www.umea.se/bygglov')).success).toBe(true);
  });

  it.each(['javascript:alert(1)', 'data:text/html,<b>x</b>', 'ms-officecmd:open', 'file:///etc/passwd'])(
    'refuses %s as a contact link, so a source cannot put it in front of staff',
    (url) => {
      const parsed = CanonicalCaseSchema.safeParse(withUrl(url));
      expect(parsed.success).toBe(false);
      expect(parsed.error?.issues[0]?.message).toBe('url must be an http(s) address');
    },
  );
});
