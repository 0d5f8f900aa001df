/** Table tests for personnummer parsing, formatting and free-text detection. */
import { describe, expect, it } from 'vitest';
import {
  containsPersonnummerLike,
  formatPersonnummer,
  isPersonnummer,
  normalizePersonnummerSeparators,
  PERSONNUMMER_LIKE,
  type PersonnummerError,
  parsePersonnummer,
} from './personnummer.js';

// Valid vectors come from Skatteverket's published test series (see demo/test-personnummer.ts for the
// sources); invalid ones are constructed, most with a correct check digit so that only the named rule fails.
// A fixed `now` keeps century inference and the future-date check independent of the day the suite runs.
const NOW = new Date('2026-06-15T10:00:00Z');

describe('parsePersonnummer: accepted forms', () => {
  it.each([
    { input: '199003212389', form: '12 digits' },
    { input: '19900321-2389', form: '12 digits with -' },
    { input: '9003212389', form: '10 digits' },
    { input: '900321-2389', form: '10 digits with -' },
    { input: '  19900321-2389\n', form: 'surrounding whitespace' },
    { input: '\t9003212389 ', form: 'surrounding tab and space' },
  ])('$form: $input', ({ input }) => {
    expect(parsePersonnummer(input, { now: NOW })).toEqual({
      ok: true,
      value: { normalized: '199003212389', kind: 'personnummer', birthDate: '1990-03-21' },
    });
  });

  it.each([
    { input: '18900101+9802', normalized: '189001019802', birthDate: '1890-01-01' },
    { input: '900101+9802', normalized: '189001019802', birthDate: '1890-01-01' },
    { input: '990913+9801', normalized: '189909139801', birthDate: '1899-09-13' },
    { input: '19120211-9986', normalized: '191202119986', birthDate: '1912-02-11' },
    { input: '20000101-2384', normalized: '200001012384', birthDate: '2000-01-01' },
    { input: '200002292399', normalized: '200002292399', birthDate: '2000-02-29' },
    { input: '19040229-9812', normalized: '190402299812', birthDate: '1904-02-29' },
    { input: '20191231-2392', normalized: '201912312392', birthDate: '2019-12-31' },
  ])('$input → $normalized', ({ input, normalized, birthDate }) => {
    expect(parsePersonnummer(input, { now: NOW })).toEqual({
      ok: true,
      value: { normalized, kind: 'personnummer', birthDate },
    });
  });
});

describe('parsePersonnummer: samordningsnummer', () => {
  it.each([
    { input: '19140168-2396', normalized: '191401682396', birthDate: '1914-01-08' },
    { input: '201301692388', normalized: '201301692388', birthDate: '2013-01-09' },
    { input: '220161-2393', normalized: '202201612393', birthDate: '2022-01-01' },
    { input: '0705612380', normalized: '200705612380', birthDate: '2007-05-01' },
  ])('$input is born $birthDate', ({ input, normalized, birthDate }) => {
    expect(parsePersonnummer(input, { now: NOW })).toEqual({
      ok: true,
      value: { normalized, kind: 'samordningsnummer', birthDate },
    });
  });
});

describe('parsePersonnummer: century inference for the 10-digit form', () => {
  it.each([
    { input: '900321-2389', now: NOW, year: '1990', why: '2090 would be in the future' },
    { input: '190101-2391', now: NOW, year: '2019', why: '2019 is the latest non-future century' },
    { input: '000101-2384', now: NOW, year: '2000', why: 'yy 00 is 2000 while 2000 is past' },
    {
      input: '191231-2392',
      now: new Date('2020-01-01T12:00:00Z'),
      year: '2019',
      why: 'birthday already past',
    },
    {
      input: '191231-2392',
      now: new Date('2019-06-01T12:00:00Z'),
      year: '1919',
      why: 'same yy but the day is still ahead',
    },
    {
      input: '190601-2388',
      now: new Date('2019-06-01T10:00:00Z'),
      year: '2019',
      why: 'born today',
    },
    {
      input: '190601-2388',
      now: new Date('2019-05-15T10:00:00Z'),
      year: '1919',
      why: 'the birthday is next month',
    },
    { input: '900101+9802', now: NOW, year: '1890', why: '+ goes one century further back' },
    {
      input: '120211+9986',
      now: new Date('2012-02-11T12:00:00Z'),
      year: '1912',
      why: '+ on the 100th birthday',
    },
  ])('$input → $year ($why)', ({ input, now, year }) => {
    const result = parsePersonnummer(input, { now });
    expect(result.ok && result.value.normalized.slice(0, 4)).toBe(year);
  });
});

describe('parsePersonnummer: + in the 12-digit form', () => {
  it.each([
    { input: '18900101+9802', now: NOW },
    { input: '19120211+9986', now: new Date('2012-02-11T12:00:00Z') },
  ])('$input is tolerated when the person is 100 or older', ({ input, now }) => {
    expect(parsePersonnummer(input, { now }).ok).toBe(true);
  });

  it.each([
    { input: '20190101+2391', now: NOW },
    { input: '19120211+9986', now: new Date('2012-02-10T12:00:00Z') },
  ])('$input is a format error when the person is younger than 100', ({ input, now }) => {
    expect(parsePersonnummer(input, { now })).toEqual({ ok: false, reason: 'format' });
  });
});

describe('parsePersonnummer: rejects', () => {
  it.each<{ input: string; reason: PersonnummerError; why: string }>([
    { input: '', reason: 'format', why: 'empty' },
    { input: '   ', reason: 'format', why: 'whitespace only' },
    { input: 'abc', reason: 'format', why: 'letters' },
    { input: '19900321-23A9', reason: 'format', why: 'letter among digits' },
    { input: '19900321 2389', reason: 'format', why: 'inner space as separator' },
    { input: '199003 212389', reason: 'format', why: 'inner space' },
    { input: '900321 -2389', reason: 'format', why: 'space before separator' },
    { input: '19900321/2389', reason: 'format', why: 'slash separator' },
    { input: '900321_2389', reason: 'format', why: 'underscore separator' },
    { input: '900321.2389', reason: 'format', why: 'dot separator' },
    { input: '19900321--2389', reason: 'format', why: 'double separator' },
    { input: '1990-03-21-2389', reason: 'format', why: 'separators inside the date' },
    { input: '19900321-', reason: 'format', why: 'missing serial' },
    { input: '90032123', reason: 'format', why: 'too short (8 digits)' },
    { input: '900321-238', reason: 'format', why: 'too short (9 digits with -)' },
    { input: '19900321238', reason: 'format', why: '11 digits' },
    { input: '1990032123890', reason: 'format', why: 'too long (13 digits)' },
    { input: '19900321-23890', reason: 'format', why: 'too long serial' },
    { input: '１９９００３２１２３８９', reason: 'format', why: 'full-width digits' },
    { input: '190002299808', reason: 'date', why: '1900-02-29 (1900 is not a leap year)' },
    { input: '000229+2399', reason: 'date', why: '+ puts 29 February in 1900' },
    { input: '20230229-2384', reason: 'date', why: '2023-02-29' },
    { input: '19900231-2388', reason: 'date', why: '31 February' },
    { input: '19900431-2386', reason: 'date', why: '31 April' },
    { input: '19901301-2381', reason: 'date', why: 'month 13' },
    { input: '19900001-2386', reason: 'date', why: 'month 00' },
    { input: '19900100-2386', reason: 'date', why: 'day 00' },
    { input: '19900132-2388', reason: 'date', why: 'day 32' },
    { input: '19900160-2383', reason: 'date', why: 'day 60 (samordningsnummer day 0)' },
    { input: '19900192-2385', reason: 'date', why: 'day 92 (samordningsnummer day 32)' },
    { input: '16900101-9802', reason: 'date', why: 'century 16 (organisationsnummer prefix)' },
    { input: '20500101-2383', reason: 'date', why: 'birth date in the future' },
    { input: '19900631-2384', reason: 'date', why: '31 June' },
    { input: '19900931-2381', reason: 'date', why: '31 September' },
    { input: '19901131-2387', reason: 'date', why: '31 November' },
    { input: '17991231-2387', reason: 'date', why: 'before 1800, the first year of century 18' },
    { input: '20000229-2398', reason: 'checksum', why: 'wrong check digit' },
    { input: '189001019803', reason: 'checksum', why: 'wrong check digit (12 digits)' },
    { input: '900321-2388', reason: 'checksum', why: 'wrong check digit (10 digits)' },
    { input: '19900312-2389', reason: 'checksum', why: 'transposed day digits' },
  ])('$input → $reason ($why)', ({ input, reason }) => {
    expect(parsePersonnummer(input, { now: NOW })).toEqual({ ok: false, reason });
  });

  it('accepts the last day of each 31-day month and the first day of century 18', () => {
    // Numbers from 1800 cannot belong to anyone living, so they are safe to construct.
    for (const input of ['18000101-2384', '18000131-2388', '18001231-2385', '19900731-2383']) {
      expect(parsePersonnummer(input, { now: NOW }).ok, input).toBe(true);
    }
  });

  it.each([
    { now: '2019-06-01T10:00:00Z', ok: true, why: 'born today' },
    { now: '2019-05-31T10:00:00Z', ok: false, why: 'born tomorrow' },
    { now: '2019-05-15T10:00:00Z', ok: false, why: 'born next month, on a lower day number' },
    { now: '2018-12-31T10:00:00Z', ok: false, why: 'born next year, in an earlier-numbered month' },
  ])('20190601-2388 at $now: ok $ok ($why)', ({ now, ok }) => {
    expect(parsePersonnummer('20190601-2388', { now: new Date(now) }).ok).toBe(ok);
  });

  it('treats a date after `now` as a date error', () => {
    expect(parsePersonnummer('20191231-2392', { now: new Date('2019-06-01T12:00:00Z') })).toEqual({
      ok: false,
      reason: 'date',
    });
  });

  it('judges "today" by the Swedish calendar date, not the UTC date', () => {
    // 23:30 UTC on 30 December is already 31 December in Stockholm.
    const now = new Date('2019-12-30T23:30:00Z');
    expect(parsePersonnummer('20191231-2392', { now }).ok).toBe(true);
  });

  it('rejects non-string input without throwing', () => {
    expect(parsePersonnummer(199003212389 as unknown as string)).toEqual({ ok: false, reason: 'format' });
  });
});

describe('isPersonnummer', () => {
  it.each([
    { input: '19900321-2389', expected: true },
    { input: '900101+9802', expected: true },
    { input: '19140168-2396', expected: true },
    { input: '19900321-2388', expected: false },
    { input: 'not a number', expected: false },
  ])('$input → $expected', ({ input, expected }) => {
    expect(isPersonnummer(input)).toBe(expected);
  });
});

describe('formatPersonnummer', () => {
  it.each([
    { input: '9003212389', expected: '19900321-2389' },
    { input: '900101+9802', expected: '18900101-9802' },
    { input: '191401682396', expected: '19140168-2396' },
  ])('$input → $expected', ({ input, expected }) => {
    const result = parsePersonnummer(input, { now: NOW });
    if (!result.ok) throw new Error(`expected ${input} to parse, got ${result.reason}`);
    expect(formatPersonnummer(result.value)).toBe(expected);
  });
});

describe('PERSONNUMMER_LIKE', () => {
  it.each([
    { text: 'pnr 19900321-2389 i ärendet', found: ['19900321-2389'] },
    { text: 'a=199003212389&b=9003212389', found: ['199003212389', '9003212389'] },
    {
      text: '900321-2389, 900101+9802 och 19140168-2396',
      found: ['900321-2389', '900101+9802', '19140168-2396'],
    },
    { text: '/api/cases/19900321+2389', found: ['19900321+2389'] },
    { text: 'kontonummer 12345678901234567', found: [] },
    { text: 'ärende 2026-0042 den 2026-06-15', found: [] },
    { text: '123456789', found: [] },
  ])('$text', ({ text, found }) => {
    expect([...text.matchAll(PERSONNUMMER_LIKE)].map((m) => m[0])).toEqual(found);
  });

  it('is a global expression', () => {
    expect(PERSONNUMMER_LIKE.flags).toContain('g');
  });
});

describe('containsPersonnummerLike', () => {
  it.each([
    { text: 'Personen 19900321-2389 har ett ärende', expected: true },
    { text: 'GET /people/9003212389/cases', expected: true },
    { text: 'samordningsnummer 191401682396', expected: true },
    { text: 'ring 0701234567', expected: false },
    { text: 'fel kontrollsiffra 19900321-2388', expected: false },
    { text: 'månad 13 med giltig Luhn 9013012381', expected: false },
    { text: 'inga siffror alls', expected: false },
    { text: 'falsk träff först 0701234567, sedan 900321-2389', expected: true },
  ])('$text → $expected', ({ text, expected }) => {
    expect(containsPersonnummerLike(text)).toBe(expected);
  });

  // What the hub refuses in URLs and treats as a personnummer search must look like a birth date:
  // month 01-12 and day 01-31, or 61-91 for a samordningsnummer. Only the day range is checked, not
  // the calendar. The 12-digit forms are from 1800, so no living person has these numbers.
  it.each([
    { text: 'dag 01: 18000101-2384', expected: true },
    { text: 'dag 31: 18000131-2388', expected: true },
    { text: 'månad 12: 18001201-2381', expected: true },
    { text: 'samordningsdag 61: 18000161-2381', expected: true },
    { text: 'samordningsdag 91: 18000191-2385', expected: true },
    { text: 'dag 00: 18000100-2385', expected: false },
    { text: 'dag 32: 18000132-2387', expected: false },
    { text: 'dag 60: 18000160-2382', expected: false },
    { text: 'dag 92: 18000192-2384', expected: false },
    { text: 'månad 00: 18000001-2385', expected: false },
    { text: 'månad 13: 18001301-2380', expected: false },
  ])(
    '$text → $expected (a digit run with a valid check digit but no birth date is not one)',
    ({ text, expected }) => {
      expect(containsPersonnummerLike(text)).toBe(expected);
    },
  );

  it('answers false for input that is not text, without throwing', () => {
    expect(containsPersonnummerLike(undefined as unknown as string)).toBe(false);
    expect(containsPersonnummerLike(199003212389 as unknown as string)).toBe(false);
  });

  it('gives the same answer on repeated calls (no lastIndex carry-over)', () => {
    const text = 'x 19900321-2389 y';
    expect([containsPersonnummerLike(text), containsPersonnummerLike(text)]).toEqual([true, true]);
  });
});

describe('normalizePersonnummerSeparators: a number typed or pasted with spaces or another dash is still seen', () => {
  it.each([
    { text: '900321 2389', expected: '900321-2389' },
    { text: '19900321   2389', expected: '19900321-2389' },
    { text: '19900321 - 2389', expected: '19900321-2389' },
    { text: '900321- 2389', expected: '900321-2389' },
    { text: '19900321  -2389', expected: '19900321-2389' },
    { text: '900101 + 9802', expected: '900101+9802' },
    { text: '19900321\u20102389', expected: '19900321-2389' },
    { text: '19900321\u20112389', expected: '19900321-2389' },
    { text: '19900321\u20132389', expected: '19900321-2389' },
    { text: '19900321\u20142389', expected: '19900321-2389' },
    { text: '19900321\u20152389', expected: '19900321-2389' },
    { text: '19900321\u22122389', expected: '19900321-2389' },
    { text: '19900321\uFE582389', expected: '19900321-2389' },
    { text: '19900321\uFE632389', expected: '19900321-2389' },
    { text: '19900321\uFF0D2389', expected: '19900321-2389' },
    { text: '19900321 \u2013 2389', expected: '19900321-2389' },
    {
      text: 'först 900321 2389, sedan 19140168 – 2396',
      expected: 'först 900321-2389, sedan 19140168-2396',
    },
  ])('$text → $expected', ({ text, expected }) => {
    expect(normalizePersonnummerSeparators(text)).toBe(expected);
    expect(containsPersonnummerLike(normalizePersonnummerSeparators(text))).toBe(true);
  });

  it.each([
    { text: '1234567 8901', why: 'seven digits before the space' },
    { text: '12345 6789', why: 'five digits before the space' },
    { text: '19900321 23890', why: 'five digits after the space' },
    { text: '19900321 238', why: 'three digits after the space' },
    { text: '1234567 - 8901', why: 'seven digits before the dash' },
    { text: '19900321 - 23890', why: 'five digits after the dash' },
    { text: 'ärende 2026-0042, tel 08-123 45 67', why: 'case numbers and phone numbers' },
    { text: '19900321\n\n', why: 'no last four digits' },
  ])('leaves $text alone ($why)', ({ text }) => {
    expect(normalizePersonnummerSeparators(text)).toBe(text);
  });
});
