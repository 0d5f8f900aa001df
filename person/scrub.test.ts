import { describe, expect, it } from 'vitest';
import { scrubPersonnummer } from './scrub.js';

describe('scrubPersonnummer', () => {
  it.each(['19900321-2389', '199003212389', '900321-2389', '9003212389', '900321+2389'])(
    'replaces %s',
    (pnr) => {
      expect(scrubPersonnummer(`sökte ${pnr} i dag`)).toBe('sökte [personnummer] i dag');
    },
  );

  it('keeps UUIDs whole even when their last group looks like a personnummer', () => {
    const id = '929dd386-1acd-5f26-8117-807903191638';
    expect(scrubPersonnummer({ requestId: id, note: `case ${id} for 199003212389` })).toEqual({
      requestId: id,
      note: `case ${id} for [personnummer]`,
    });
  });
});
