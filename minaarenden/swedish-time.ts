/** Instants as Mina ärenden shows them: RFC 3339 in Swedish time (Europe/Stockholm) with its offset. */

const PARTS = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Europe/Stockholm',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
  timeZoneName: 'longOffset',
});

/**
 * `at` in Swedish time with its offset (`+01:00` in winter, `+02:00` in summer); milliseconds only
 * when there are any.
 *
 * @example
 * swedishTimestamp('2026-09-01T08:15:00Z'); // '2026-09-01T10:15:00+02:00'
 */
export function swedishTimestamp(at: string | Date): string {
  const date = new Date(at);
  const p = Object.fromEntries(PARTS.formatToParts(date).map((x) => [x.type, x.value]));
  // "GMT+02:00", or "GMT" itself when the offset is zero (never in Stockholm, but said correctly).
  const offset = (p.timeZoneName ?? 'GMT').replace('GMT', '') || '+00:00';
  const ms = date.getUTCMilliseconds();
  const fraction = ms === 0 ? '' : `.${String(ms).padStart(3, '0')}`;
  return `${p.year}-${p.month}-${p.day}T${p.hour}:${p.minute}:${p.second}${fraction}${offset}`;
}

/** The Swedish calendar date (YYYY-MM-DD) of an instant: what startDatum and slutDatum are compared with. */
export function swedishDate(at: string | Date): string {
  return swedishTimestamp(at).slice(0, 10);
}
