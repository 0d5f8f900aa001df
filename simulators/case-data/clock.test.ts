import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { isoWithOffset, laterWorkingTime, localDate, localDateTime, parseTimestamp, ZONE } from './clock.js';

describe('Swedish local time', () => {
  it('formats like luxon in Europe/Stockholm on every hour around both DST switches', () => {
    const hours = [
      ...Array.from({ length: 72 }, (_, i) => Date.UTC(2026, 2, 28, 0) + i * 3_600_000),
      ...Array.from({ length: 72 }, (_, i) => Date.UTC(2026, 9, 24, 0) + i * 3_600_000),
      Date.UTC(2027, 0, 1, 12, 34, 56),
    ];
    for (const ms of hours) {
      const ref = DateTime.fromMillis(ms, { zone: ZONE });
      expect(isoWithOffset(ms)).toBe(ref.toFormat("yyyy-MM-dd'T'HH:mm:ssZZ"));
      expect(localDateTime(ms)).toBe(ref.toFormat("yyyy-MM-dd'T'HH:mm:ss"));
      expect(localDate(ms)).toBe(ref.toFormat('yyyy-MM-dd'));
    }
  });

  it('lands on office hours some days later, across a DST switch too', () => {
    const from = Date.parse('2026-03-27T15:00:00+01:00');
    expect(isoWithOffset(laterWorkingTime(from, 3, 9, 30))).toBe('2026-03-30T09:30:00+02:00');
  });

  it('parses bounds with and without an offset', () => {
    expect(parseTimestamp('2026-03-09T13:00:00')?.toISOString()).toBe('2026-03-09T12:00:00.000Z');
    expect(parseTimestamp('2026-03-09T13:00:00Z')?.toISOString()).toBe('2026-03-09T13:00:00.000Z');
    expect(parseTimestamp('not a date')).toBeUndefined();
  });
});
