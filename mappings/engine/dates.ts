/** Date and time parsing with explicit formats and time zones; values without an offset are local time. */
import { DateTime } from 'luxon';

export type ParsedDate = { ok: true; iso: string; millis: number } | { ok: false; reason: string };

/** Checks a zone name once at compile time. */
export function isValidZone(zone: string): boolean {
  return DateTime.local().setZone(zone).isValid;
}

/**
 * Parses `value` with `format` ("iso" or Luxon tokens) in `zone`, returning an ISO 8601 string with
 * the zone's offset, e.g. "2026-03-02T09:15:00.000+01:00".
 *
 * @example
 * parseDate('2026-03-02 09:15', 'yyyy-MM-dd HH:mm', 'Europe/Stockholm');
 */
export function parseDate(value: unknown, format: string, zone: string): ParsedDate {
  if (value instanceof Date) {
    return Number.isNaN(value.getTime())
      ? { ok: false, reason: 'an invalid date object' }
      : finish(DateTime.fromJSDate(value, { zone }));
  }
  if (typeof value !== 'string' && typeof value !== 'number') return { ok: false, reason: 'not text' };
  const text = String(value).trim();
  const parsed =
    format === 'iso'
      ? DateTime.fromISO(text, { zone, setZone: false })
      : DateTime.fromFormat(text, format, { zone, locale: 'sv-SE' });
  if (!parsed.isValid) {
    const why = parsed.invalidExplanation ?? parsed.invalidReason ?? 'unparseable';
    return { ok: false, reason: `"${text}" is not a date in format ${format} (${why})` };
  }
  return finish(parsed);
}

function finish(dt: DateTime): ParsedDate {
  const iso = dt.toISO({ suppressMilliseconds: false });
  return iso ? { ok: true, iso, millis: dt.toMillis() } : { ok: false, reason: 'out of range' };
}

/** The calendar date (YYYY-MM-DD) of an instant in `zone`, plus `days`. */
export function calendarDatePlusDays(iso: string, days: number, zone: string): string {
  return DateTime.fromISO(iso, { zone }).startOf('day').plus({ days }).toISODate() as string;
}
