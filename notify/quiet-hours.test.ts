import { describe, expect, it } from 'vitest';
import { DEFAULT_QUIET_HOURS, parseQuietHours, quietUntil } from './quiet-hours.js';

const until = (iso: string) => quietUntil(new Date(iso), DEFAULT_QUIET_HOURS)?.toISOString() ?? null;

describe('quiet hours, 20:00–08:00 Stockholm time', () => {
  it('is quiet from 20:00 to 08:00 local time and not outside it (summer time, UTC+2)', () => {
    expect(until('2026-06-02T17:59:00Z')).toBeNull(); // 19:59
    expect(until('2026-06-02T18:00:00Z')).toBe('2026-06-03T06:00:00.000Z'); // 20:00 → 08:00 next day
    expect(until('2026-06-02T23:30:00Z')).toBe('2026-06-03T06:00:00.000Z'); // 01:30, after midnight
    expect(until('2026-06-03T05:59:00Z')).toBe('2026-06-03T06:00:00.000Z'); // 07:59
    expect(until('2026-06-03T06:00:00Z')).toBeNull(); // 08:00
  });

  it('ends at 08:00 local across the change to summer time (a night one hour shorter)', () => {
    // Saturday 28 March 2026, 21:00 CET; clocks go forward on the 29th: 08:00 CEST is 06:00 UTC.
    expect(until('2026-03-28T20:00:00Z')).toBe('2026-03-29T06:00:00.000Z');
    // Still winter time the evening before: 20:00 CET is 19:00 UTC.
    expect(until('2026-03-28T18:59:00Z')).toBeNull();
    expect(until('2026-03-28T19:00:00Z')).toBe('2026-03-29T06:00:00.000Z');
  });

  it('ends at 08:00 local across the change to winter time (a night one hour longer)', () => {
    // Saturday 24 October 2026, 22:00 CEST; clocks go back on the 25th: 08:00 CET is 07:00 UTC.
    expect(until('2026-10-24T20:00:00Z')).toBe('2026-10-25T07:00:00.000Z');
    expect(until('2026-10-25T06:59:00Z')).toBe('2026-10-25T07:00:00.000Z'); // 07:59 CET
    expect(until('2026-10-25T07:00:00Z')).toBeNull();
  });

  it('takes a daytime window and another zone, and "off"', () => {
    const lunch = parseQuietHours('12:00-13:00', 'Europe/Helsinki');
    expect(quietUntil(new Date('2026-06-02T09:30:00Z'), lunch)?.toISOString()).toBe(
      '2026-06-02T10:00:00.000Z',
    );
    expect(quietUntil(new Date('2026-06-02T10:00:00Z'), lunch)).toBeNull();
    expect(parseQuietHours('off', 'Europe/Stockholm')).toBeUndefined();
    expect(quietUntil(new Date('2026-06-02T23:00:00Z'), undefined)).toBeNull();
  });

  it('refuses a window it cannot read', () => {
    expect(() => parseQuietHours('20-08', 'Europe/Stockholm')).toThrow(/HH:MM/);
    expect(() => parseQuietHours('08:00-08:00', 'Europe/Stockholm')).toThrow(/two different times/);
    expect(() => parseQuietHours('20:00-08:00', 'Europe/Stokholm')).toThrow(/time zone/);
  });
});
