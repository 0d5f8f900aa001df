import { describe, expect, it } from 'vitest';
import { dueAt, isWorkingDay } from './working-days.js';

const day = (iso: string) => new Date(`${iso}T00:00:00Z`);

describe('service norms in Swedish working days', () => {
  it.each([
    ['2026-01-01', 'New Year’s Day'],
    ['2026-01-06', 'Epiphany'],
    ['2026-04-03', 'Good Friday'],
    ['2026-04-06', 'Easter Monday'],
    ['2026-05-01', 'May Day'],
    ['2026-05-14', 'Ascension Day'],
    ['2025-06-06', 'National Day on a Friday'],
    ['2026-06-19', 'Midsummer Eve'],
    ['2026-12-24', 'Christmas Eve'],
    ['2026-12-31', 'New Year’s Eve'],
    ['2027-03-26', 'Good Friday 2027'],
  ])('does not count %s (%s)', (date) => {
    expect(isWorkingDay(day(date))).toBe(false);
  });

  it('counts an ordinary weekday and not a weekend', () => {
    expect(isWorkingDay(day('2026-06-02'))).toBe(true);
    expect(isWorkingDay(day('2026-06-18'))).toBe(true); // the day before Midsummer Eve
    expect(isWorkingDay(day('2026-06-06'))).toBe(false); // a Saturday
    expect(isWorkingDay(day('2026-06-07'))).toBe(false);
  });

  it('keeps the time of day across a weekend and holidays', () => {
    // Thursday before Easter 2026, 14:30 Stockholm: Good Friday and Easter Monday skipped.
    expect(dueAt(new Date('2026-04-02T12:30:00Z'), { workingDays: 1 }).toISOString()).toBe(
      '2026-04-07T12:30:00.000Z',
    );
    expect(dueAt(new Date('2026-06-05T13:00:00Z'), { workingDays: 2 }).toISOString()).toBe(
      '2026-06-09T13:00:00.000Z',
    );
  });

  it('keeps the Stockholm time of day across the change to summer time', () => {
    // Friday 27 March 2026, 09:00 CET (08:00Z) + 1 working day: Monday 30 March, 09:00 CEST (07:00Z).
    expect(dueAt(new Date('2026-03-27T08:00:00Z'), { workingDays: 1 }).toISOString()).toBe(
      '2026-03-30T07:00:00.000Z',
    );
  });

  it('counts hours on the clock, weekends included, and the working day by Stockholm’s date', () => {
    expect(dueAt(new Date('2026-06-05T13:00:00Z'), { hours: 48 }).toISOString()).toBe(
      '2026-06-07T13:00:00.000Z',
    );
    // 23:30Z on Friday is 01:30 on Saturday in Stockholm: Monday and Tuesday count, due Tuesday 01:30 Stockholm
    // (Monday 23:30Z). Counted from the UTC date (Friday) it would be a day later.
    expect(dueAt(new Date('2026-06-12T23:30:00Z'), { workingDays: 2 }).toISOString()).toBe(
      '2026-06-15T23:30:00.000Z',
    );
  });
});
