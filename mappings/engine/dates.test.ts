import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseDate, parseDateWithLuxon } from './dates.js';

const ZONE = 'Europe/Stockholm';

describe('parseDate', () => {
  it.each([
    ['2026-03-02', 'yyyy-MM-dd', '2026-03-02T00:00:00.000+01:00'],
    ['2026-07-02T09:15:00', "yyyy-MM-dd'T'HH:mm:ss", '2026-07-02T09:15:00.000+02:00'],
    ['02.07.2026 09:15', 'dd.MM.yyyy HH:mm', '2026-07-02T09:15:00.000+02:00'],
    ['20260302', 'yyyyMMdd', '2026-03-02T00:00:00.000+01:00'],
    ['2026-02-14T13:40:02+01:00', 'iso', '2026-02-14T13:40:02.000+01:00'],
    ['2026-02-14T12:40:02Z', 'iso', '2026-02-14T13:40:02.000+01:00'],
    ['2026-03-29T02:30:00', "yyyy-MM-dd'T'HH:mm:ss", '2026-03-29T03:30:00.000+02:00'], // DST gap: Luxon moves on
    ['2026-10-25T02:30:00', "yyyy-MM-dd'T'HH:mm:ss", '2026-10-25T02:30:00.000+01:00'], // DST overlap: as Luxon, the later
  ])('%s (%s) → %s', (text, format, iso) => {
    expect(parseDate(text, format, ZONE)).toMatchObject({ ok: true, iso });
  });

  it('answers a value read again under another format or zone anew (the last answer is kept)', () => {
    const asked: [string, string, string][] = [
      ['2026-07-02T09:15:00', 'iso', ZONE],
      ['2026-07-02T09:15:00', 'iso', 'America/New_York'],
      ['2026-07-02T09:15:00', 'iso', ZONE],
      ['2026-07-02T09:15:00', "yyyy-MM-dd'T'HH:mm:ss", 'UTC'],
      ['2026-07-02T09:15:00', 'yyyy-MM-dd', 'UTC'],
    ];
    expect(asked.map(([text, format, zone]) => parseDate(text, format, zone))).toMatchObject([
      { ok: true, iso: '2026-07-02T09:15:00.000+02:00' },
      { ok: true, iso: '2026-07-02T09:15:00.000-04:00' },
      { ok: true, iso: '2026-07-02T09:15:00.000+02:00' },
      { ok: true, iso: '2026-07-02T09:15:00.000+00:00' },
      { ok: false },
    ]);
  });

  it.each([
    ['2026-13-45', 'yyyy-MM-dd', /month/],
    ['2026-02-30', 'yyyy-MM-dd', /day/],
    ['10/02/2026', 'iso', /can't be parsed as ISO 8601/],
    ['', 'yyyy-MM-dd', /is not a date/],
  ])('refuses %s (%s) with a reason', (text, format, why) => {
    const result = parseDate(text, format, ZONE);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.reason).toMatch(why);
  });

  it('agrees with Luxon on every quarter hour of the DST change days 2024–2030', () => {
    for (let year = 2024; year <= 2030; year++) {
      for (const month of [3, 10]) {
        // The last Sunday of March and of October.
        const last = new Date(Date.UTC(year, month, 0));
        const day = last.getUTCDate() - last.getUTCDay();
        for (let minutes = 0; minutes < 24 * 60; minutes += 15) {
          const text = `${year}-${String(month).padStart(2, '0')}-${day}T${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}:00`;
          expect(parseDate(text, "yyyy-MM-dd'T'HH:mm:ss", ZONE)).toEqual(
            parseDateWithLuxon(text, "yyyy-MM-dd'T'HH:mm:ss", ZONE),
          );
        }
      }
    }
  });

  it('gives exactly what Luxon gives, for any instant and format, DST days included', () => {
    const formats = ["yyyy-MM-dd'T'HH:mm:ss", 'yyyy-MM-dd HH:mm', 'yyyy-MM-dd', 'iso'];
    fc.assert(
      fc.property(
        fc.date({
          min: new Date('1990-01-01T00:00:00Z'),
          max: new Date('2040-12-31T23:59:59Z'),
          noInvalidDate: true,
        }),
        fc.constantFrom(...formats),
        fc.constantFrom('Z', '+01:00', '+02:00', '-05:00', ''),
        (instant, format, offset) => {
          const wall = instant.toISOString().slice(0, 19);
          const text =
            format === 'iso'
              ? `${wall}${offset}`
              : format === 'yyyy-MM-dd'
                ? wall.slice(0, 10)
                : format === 'yyyy-MM-dd HH:mm'
                  ? wall.slice(0, 16).replace('T', ' ')
                  : wall;
          expect(parseDate(text, format, ZONE)).toEqual(parseDateWithLuxon(text, format, ZONE));
        },
      ),
      { numRuns: 3000 },
    );
  });
});
