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

  it('scrubs every item of a list and every level of a nested log entry, keeping other values', () => {
    const entry = {
      source: 'byggr',
      count: 2,
      done: false,
      missing: null,
      parties: [
        { role: 'sökande', id: '19900321-2389' },
        { role: 'ombud', id: '19140168-2396' },
      ],
      nested: { deeper: { note: ['första 900101+9802', 'andra 20190601-2388'] } },
    };
    expect(scrubPersonnummer(entry)).toEqual({
      source: 'byggr',
      count: 2,
      done: false,
      missing: null,
      parties: [
        { role: 'sökande', id: '[personnummer]' },
        { role: 'ombud', id: '[personnummer]' },
      ],
      nested: { deeper: { note: ['första [personnummer]', 'andra [personnummer]'] } },
    });
  });

  it('logs an error as its name and scrubbed message (the stack would repeat the number)', () => {
    const error = new TypeError('no case for 19900321-2389');
    expect(scrubPersonnummer({ err: error })).toEqual({
      err: { name: 'TypeError', message: 'no case for [personnummer]' },
    });
    expect(scrubPersonnummer([error])).toEqual([
      { name: 'TypeError', message: 'no case for [personnummer]' },
    ]);
  });

  it('returns for an entry that refers to itself instead of recursing without end', () => {
    const entry: Record<string, unknown> = { note: '19900321-2389' };
    entry.self = entry;
    const list: unknown[] = ['19900321-2389'];
    list.push(list);
    const scrubbed = scrubPersonnummer({ entry, list }) as { entry: { note: string; self: unknown } };
    expect(scrubbed.entry.note).toBe('[personnummer]');
    expect(scrubbed.entry.self).toMatchObject({ note: '[personnummer]' });
    expect((scrubPersonnummer(list) as unknown[])[0]).toBe('[personnummer]');
  });
});
