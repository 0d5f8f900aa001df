/**
 * Quiet hours (issue 15): no message to a citizen between, by default, 20:00 and 08:00 Stockholm time;
 * what would be sent then waits until they end. Wall-clock times in the zone, so summer and winter time
 * both end at 08:00 local.
 */
import { DateTime, IANAZone } from 'luxon';

export type QuietHours = { start: string; end: string; zone: string };

export const DEFAULT_QUIET_HOURS: QuietHours = { start: '20:00', end: '08:00', zone: 'Europe/Stockholm' };

const HH_MM = /^([01]\d|2[0-3]):([0-5]\d)$/;

/** Minutes after midnight of "HH:MM"; throws on anything else. */
function minutes(hhmm: string): number {
  const m = HH_MM.exec(hhmm);
  if (!m) throw new Error(`"${hhmm}" is not a time of day (HH:MM)`);
  return Number(m[1]) * 60 + Number(m[2]);
}

/**
 * Parses "20:00-08:00" (or "off") for a zone; throws a readable error on a bad value.
 *
 * @example
 * parseQuietHours('21:00-07:30', 'Europe/Stockholm'); // { start: '21:00', end: '07:30', zone }
 */
export function parseQuietHours(value: string, zone: string): QuietHours | undefined {
  if (value.trim() === 'off') return undefined;
  const [start = '', end = '', ...rest] = value.split('-').map((s) => s.trim());
  if (rest.length > 0 || start === end)
    throw new Error('quiet hours are "HH:MM-HH:MM" (two different times) or "off"');
  minutes(start);
  minutes(end);
  if (!IANAZone.isValidZone(zone))
    throw new Error(`"${zone}" is not a time zone (IANA, e.g. Europe/Stockholm)`);
  return { start, end, zone };
}

/**
 * When the quiet hours around `now` end, or null when `now` is outside them.
 *
 * @example
 * quietUntil(new Date('2026-03-28T21:00:00Z'), DEFAULT_QUIET_HOURS); // 2026-03-29T06:00:00Z (08:00 summer time)
 */
export function quietUntil(now: Date, quiet: QuietHours | undefined): Date | null {
  if (!quiet) return null;
  const local = DateTime.fromJSDate(now, { zone: quiet.zone });
  const at = local.hour * 60 + local.minute;
  const start = minutes(quiet.start);
  const end = minutes(quiet.end);
  const overnight = start > end;
  const quietNow = overnight ? at >= start || at < end : at >= start && at < end;
  if (!quietNow) return null;
  const endDay = overnight && at >= start ? local.plus({ days: 1 }) : local;
  return endDay.set({ hour: Math.floor(end / 60), minute: end % 60, second: 0, millisecond: 0 }).toJSDate();
}
