/** Time formatting in Swedish local time, in the exact shapes the three source systems write. */
import { DateTime } from 'luxon';

export const ZONE = 'Europe/Stockholm';

const MINUTE_MS = 60_000;
const HOUR_MS = 3_600_000;
const DAY_MS = 86_400_000;

/** Source systems keep whole seconds; simulated change times are cut to the second so they round-trip. */
export function toSecond(instant: Date | number): Date {
  const ms = typeof instant === 'number' ? instant : instant.getTime();
  return new Date(Math.floor(ms / 1000) * 1000);
}

const summerTime = new Map<number, [number, number]>();

/** 01:00 UTC on the last Sunday of `month` (0-based): when EU summer time starts (March) or ends (October). */
function lastSundayAt1Utc(year: number, month: number): number {
  const lastDay = Date.UTC(year, month + 1, 0, 1);
  return lastDay - new Date(lastDay).getUTCDay() * DAY_MS;
}

/**
 * Sweden's offset from UTC in minutes, by the EU rule (in force since 1996). Computed rather than asked
 * of Intl/luxon: a million-record export formats several dates per record, and this is ~100× faster.
 */
export function stockholmOffsetMinutes(ms: number): number {
  const year = new Date(ms).getUTCFullYear();
  let bounds = summerTime.get(year);
  if (!bounds) {
    bounds = [lastSundayAt1Utc(year, 2), lastSundayAt1Utc(year, 9)];
    summerTime.set(year, bounds);
  }
  return ms >= bounds[0] && ms < bounds[1] ? 120 : 60;
}

/** A Date whose UTC fields read as Swedish wall-clock time. */
function wall(instant: Date | number): Date {
  const ms = typeof instant === 'number' ? instant : instant.getTime();
  return new Date(ms + stockholmOffsetMinutes(ms) * MINUTE_MS);
}

const two = (n: number) => (n < 10 ? `0${n}` : String(n));

/** Local calendar date, `2026-03-09`. */
export function localDate(instant: Date | number): string {
  const w = wall(instant);
  return `${w.getUTCFullYear()}-${two(w.getUTCMonth() + 1)}-${two(w.getUTCDate())}`;
}

/** ByggR style: local time without offset, `2026-03-09T13:00:00` (a .NET DateTime of kind Unspecified). */
export function localDateTime(instant: Date | number): string {
  const w = wall(instant);
  return `${localDate(instant)}T${two(w.getUTCHours())}:${two(w.getUTCMinutes())}:${two(w.getUTCSeconds())}`;
}

/** ISO 8601 with the local offset and whole seconds, `2026-05-12T08:00:00+02:00`. */
export function isoWithOffset(instant: Date | number): string {
  const ms = typeof instant === 'number' ? instant : instant.getTime();
  return `${localDateTime(ms)}+0${stockholmOffsetMinutes(ms) / 60}:00`;
}

/** Calendar year in Sweden (reference numbers restart each year). */
export function localYear(instant: Date | number): number {
  return wall(instant).getUTCFullYear();
}

/**
 * Parses a timestamp from a client: with an offset or `Z` it is an instant; without one it is Swedish
 * local time (how ByggR clients send `xs:dateTime` bounds). Returns undefined when it is not a date.
 */
export function parseTimestamp(text: string): Date | undefined {
  const trimmed = text.trim();
  const hasOffset = /(Z|[+-]\d{2}:?\d{2})$/i.test(trimmed);
  const parsed = hasOffset
    ? DateTime.fromISO(trimmed, { setZone: true })
    : DateTime.fromISO(trimmed, { zone: ZONE });
  return parsed.isValid ? parsed.toJSDate() : undefined;
}

/** `days` days later, at a given local working hour, so simulated history happens in office hours. */
export function laterWorkingTime(from: number, days: number, hour: number, minute: number): number {
  const localMidnight = Math.floor(wall(from).getTime() / DAY_MS) * DAY_MS;
  const target = localMidnight + days * DAY_MS + hour * HOUR_MS + minute * MINUTE_MS;
  // Office hours are far from the 02:00–03:00 switch, so the offset an hour before is the offset at.
  return target - stockholmOffsetMinutes(target - 2 * HOUR_MS) * MINUTE_MS;
}

/** A local date some months ahead, on a fixed day of month (placements start on the 1st or 15th). */
export function dateMonthsAhead(from: number, months: number, day: number): string {
  return DateTime.fromMillis(from, { zone: ZONE }).plus({ months }).set({ day }).toFormat('yyyy-MM-dd');
}

/** The next 15 August after `from` (school start in Umeå's calendar). */
export function nextSchoolStart(from: number): string {
  const at = DateTime.fromMillis(from, { zone: ZONE });
  const thisYear = at.set({ month: 8, day: 15 });
  return (at < thisYear ? thisYear : thisYear.plus({ years: 1 })).toFormat('yyyy-MM-dd');
}
