/**
 * When a forwarded question is due: a service norm counted from the moment of forwarding, in Swedish
 * working days (Europe/Stockholm) or in clock hours.
 */
import type { ServiceNorm } from './topic-schema.js';

const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;

const STOCKHOLM = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Europe/Stockholm',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  timeZoneName: 'longOffset',
});

/** Stockholm's calendar date (as a UTC midnight) and its offset from UTC in minutes, at `at`. */
function stockholm(at: Date): { date: Date; offsetMinutes: number } {
  const parts = Object.fromEntries(STOCKHOLM.formatToParts(at).map((p) => [p.type, p.value]));
  const offset = /GMT([+-])(\d\d):(\d\d)/.exec(parts.timeZoneName ?? '');
  const offsetMinutes = offset
    ? (offset[1] === '-' ? -1 : 1) * (Number(offset[2]) * 60 + Number(offset[3]))
    : 0;
  return { date: new Date(`${parts.year}-${parts.month}-${parts.day}T00:00:00Z`), offsetMinutes };
}

/** Easter Sunday of `year` (Gregorian; the anonymous algorithm), as a UTC midnight. */
function easter(year: number): Date {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return new Date(Date.UTC(year, month - 1, day));
}

const holidayCache = new Map<number, Set<string>>();

/**
 * The days of `year` no office works (besides weekends): the public holidays (lag 1989:253) and the
 * eves of midsummer, Christmas and New Year, which collective agreements make days off.
 */
function daysOff(year: number): Set<string> {
  const cached = holidayCache.get(year);
  if (cached) return cached;
  const iso = (d: Date) => d.toISOString().slice(0, 10);
  const fromEaster = (days: number) => iso(new Date(easter(year).getTime() + days * DAY_MS));
  // Midsummer Eve: the Friday between 19 and 25 June; All Saints' Day: the Saturday between 31 Oct and 6 Nov (a weekend anyway).
  const midsummerEve = [19, 20, 21, 22, 23, 24, 25]
    .map((d) => new Date(Date.UTC(year, 5, d)))
    .find((d) => d.getUTCDay() === 5) as Date;
  const days = new Set([
    `${year}-01-01`,
    `${year}-01-06`,
    fromEaster(-2),
    fromEaster(1),
    `${year}-05-01`,
    fromEaster(39),
    `${year}-06-06`,
    iso(midsummerEve),
    `${year}-12-24`,
    `${year}-12-25`,
    `${year}-12-26`,
    `${year}-12-31`,
  ]);
  holidayCache.set(year, days);
  return days;
}

/** Whether a Stockholm calendar date (a UTC midnight) is a working day. */
export function isWorkingDay(date: Date): boolean {
  const weekday = date.getUTCDay();
  return (
    weekday !== 0 && weekday !== 6 && !daysOff(date.getUTCFullYear()).has(date.toISOString().slice(0, 10))
  );
}

/**
 * The due time of a question forwarded at `from` under `norm`: `hours` later, or the same time of day
 * (Stockholm) on the Nth working day after the day of forwarding.
 *
 * @example
 * dueAt(new Date('2026-06-05T13:00:00Z'), { workingDays: 2 }); // Friday → Tuesday 9 June, 15:00 Stockholm
 */
export function dueAt(from: Date, norm: ServiceNorm): Date {
  if ('hours' in norm) return new Date(from.getTime() + norm.hours * HOUR_MS);
  const start = stockholm(from);
  let day = start.date;
  for (let counted = 0; counted < norm.workingDays; ) {
    day = new Date(day.getTime() + DAY_MS);
    if (isWorkingDay(day)) counted++;
  }
  // The same wall-clock time on that day: move by whole days, then correct for a change of summer time.
  const moved = new Date(from.getTime() + (day.getTime() - start.date.getTime()));
  return new Date(moved.getTime() - (stockholm(moved).offsetMinutes - start.offsetMinutes) * 60_000);
}
