import { describe, expect, it } from 'vitest';
import { typeSegment } from './kundhandelse.js';
import { swedishDate, swedishTimestamp } from './swedish-time.js';
import { answerLanguage } from './texts.js';

describe('Swedish time', () => {
  it.each([
    ['2026-01-15T12:00:00Z', '2026-01-15T13:00:00+01:00'],
    ['2026-07-01T08:15:00Z', '2026-07-01T10:15:00+02:00'],
    // The night clocks go forward (29 March 2026, 02:00 → 03:00) and back (25 October, 03:00 → 02:00).
    ['2026-03-29T00:59:59Z', '2026-03-29T01:59:59+01:00'],
    ['2026-03-29T01:00:00Z', '2026-03-29T03:00:00+02:00'],
    ['2026-10-25T00:30:00Z', '2026-10-25T02:30:00+02:00'],
    ['2026-10-25T01:30:00Z', '2026-10-25T02:30:00+01:00'],
    ['2026-05-10T08:00:00.250Z', '2026-05-10T10:00:00.250+02:00'],
  ])('shows %s as %s', (utc, swedish) => {
    expect(swedishTimestamp(utc)).toBe(swedish);
    expect(Date.parse(swedishTimestamp(utc))).toBe(Date.parse(utc));
  });

  it('puts an instant on its Swedish calendar day', () => {
    expect(swedishDate('2026-12-31T22:59:59Z')).toBe('2026-12-31');
    expect(swedishDate('2026-12-31T23:00:00Z')).toBe('2027-01-01');
  });
});

describe('a kundhandelseTyp segment', () => {
  it.each([
    ['BL', 'BL'],
    ['Förhandsbesked (ärende)', 'FORHANDSBESKED_ARENDE'],
    ['försörjningsstöd', 'FORSORJNINGSSTOD'],
    ['école-plats', 'ECOLE_PLATS'],
    ['---', 'ARENDE'],
  ])('writes %s as %s', (code, segment) => {
    expect(typeSegment(code)).toBe(segment);
    expect(typeSegment(code)).toMatch(/^[A-Z0-9_]+$/);
  });
});

describe('the answer language', () => {
  it.each([
    [undefined, 'sv'],
    ['en', 'en'],
    ['en-GB,en;q=0.9', 'en'],
    ['de, ar;q=0.5', 'ar'],
    ['sv;q=0.1, en;q=0.8', 'en'],
    ['en;q=0, ar', 'ar'],
    ['fi', 'sv'],
  ])('for Accept-Language %s is %s', (header, lang) => {
    expect(answerLanguage(header)).toBe(lang);
  });
});
