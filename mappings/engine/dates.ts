/**
 * Date and time parsing with explicit formats and time zones; values without an offset are local
 * time in the zone. Common formats take a compiled fast path (parsing is the bulk of mapping work);
 * anything else, and every failure, goes through Luxon, which also words the error.
 */
import { DateTime } from 'luxon';

export type ParsedDate = { ok: true; iso: string; millis: number } | { ok: false; reason: string };

/** Checks a zone name once at compile time. */
export function isValidZone(zone: string): boolean {
  return DateTime.local().setZone(zone).isValid;
}

type Fields = {
  y: number;
  M: number;
  d: number;
  h: number;
  m: number;
  s: number;
  ms: number;
  offsetMin?: number;
};
type FastParser = (text: string) => Fields | undefined;

const TOKENS: Record<string, string> = {
  yyyy: '(\\d{4})',
  MM: '(\\d{2})',
  dd: '(\\d{2})',
  HH: '(\\d{2})',
  mm: '(\\d{2})',
  ss: '(\\d{2})',
  SSS: '(\\d{3})',
};
const FIELD_OF: Record<string, keyof Fields> = {
  yyyy: 'y',
  MM: 'M',
  dd: 'd',
  HH: 'h',
  mm: 'm',
  ss: 's',
  SSS: 'ms',
};
const ISO =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?)?(Z|[+-]\d{2}:?\d{2})?$/;
const fastParsers = new Map<string, FastParser | null>();

/** Compiles Luxon-style formats made only of fixed-width numeric tokens and literals; others return null. */
function fastParser(format: string): FastParser | null {
  if (fastParsers.has(format)) return fastParsers.get(format) ?? null;
  let parser: FastParser | null = null;
  if (format === 'iso') {
    parser = (text) => {
      const g = ISO.exec(text);
      if (!g) return undefined;
      const offset = g[8];
      return {
        y: +(g[1] as string),
        M: +(g[2] as string),
        d: +(g[3] as string),
        h: +(g[4] ?? 0),
        m: +(g[5] ?? 0),
        s: +(g[6] ?? 0),
        ms: g[7] ? Math.floor(+`0.${g[7]}` * 1000) : 0,
        ...(offset === undefined
          ? {}
          : {
              offsetMin:
                offset === 'Z'
                  ? 0
                  : (offset[0] === '-' ? -1 : 1) * (+offset.slice(1, 3) * 60 + +offset.slice(-2)),
            }),
      };
    };
  } else {
    const order: (keyof Fields)[] = [];
    let pattern = '';
    const parts = format.match(/'[^']*'|yyyy|MM|dd|HH|mm|ss|SSS|[A-Za-z]+|[^A-Za-z']+/g) ?? [];
    let supported = true;
    for (const part of parts) {
      if (part.startsWith("'")) pattern += part.slice(1, -1).replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      else if (TOKENS[part]) {
        pattern += TOKENS[part];
        order.push(FIELD_OF[part] as keyof Fields);
      } else if (/^[A-Za-z]/.test(part)) supported = false;
      else pattern += part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    }
    if (supported && order.includes('y') && order.includes('M') && order.includes('d')) {
      const re = new RegExp(`^${pattern}$`);
      parser = (text) => {
        const g = re.exec(text);
        if (!g) return undefined;
        const f: Fields = { y: 0, M: 0, d: 0, h: 0, m: 0, s: 0, ms: 0 };
        order.forEach((key, i) => {
          f[key] = +(g[i + 1] as string);
        });
        return f;
      };
    }
  }
  fastParsers.set(format, parser);
  return parser;
}

const offsetCaches = new Map<string, Map<number, number>>();
const partsFormatters = new Map<string, Intl.DateTimeFormat>();

/** Offset of `zone` from UTC at `instant`, in minutes; DST changes fall on whole hours, so hours are cached. */
function offsetAt(instant: number, zone: string): number {
  let offsetCache = offsetCaches.get(zone);
  if (!offsetCache) {
    offsetCache = new Map();
    offsetCaches.set(zone, offsetCache);
  }
  const key = Math.floor(instant / 3_600_000);
  const cached = offsetCache.get(key);
  if (cached !== undefined) return cached;
  let fmt = partsFormatters.get(zone);
  if (!fmt) {
    fmt = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    partsFormatters.set(zone, fmt);
  }
  const p: Record<string, number> = {};
  for (const part of fmt.formatToParts(new Date(Math.floor(instant / 1000) * 1000)))
    p[part.type] = +part.value;
  const wall = Date.UTC(
    p.year ?? 0,
    (p.month ?? 1) - 1,
    p.day ?? 1,
    p.hour ?? 0,
    p.minute ?? 0,
    p.second ?? 0,
  );
  const offset = Math.round((wall - Math.floor(instant / 1000) * 1000) / 60_000);
  if (offsetCache.size > 50_000) offsetCache.clear();
  offsetCache.set(key, offset);
  return offset;
}

const pad = (n: number, w = 2) => String(Math.abs(n)).padStart(w, '0');

function validFields(f: Fields): boolean {
  if (f.M < 1 || f.M > 12 || f.d < 1 || f.h > 23 || f.m > 59 || f.s > 59) return false;
  return f.d <= new Date(Date.UTC(f.y, f.M, 0)).getUTCDate();
}

/** The fast path: `undefined` whenever Luxon should decide (no match, invalid fields, a DST gap). */
function parseFast(text: string, format: string, zone: string): ParsedDate | undefined {
  const f = fastParser(format)?.(text);
  if (!f || !validFields(f) || f.y < 1000) return undefined;
  const asUtc = Date.UTC(f.y, f.M - 1, f.d, f.h, f.m, f.s, f.ms);
  let instant: number;
  if (f.offsetMin !== undefined) instant = asUtc - f.offsetMin * 60_000;
  else {
    const guess = offsetAt(asUtc - offsetAt(asUtc, zone) * 60_000, zone);
    instant = asUtc - guess * 60_000;
    if (offsetAt(instant, zone) !== guess) return undefined; // a local time DST skips: let Luxon rule
  }
  const offset = offsetAt(instant, zone);
  const wall = new Date(instant + offset * 60_000);
  const iso = `${wall.toISOString().slice(0, 23)}${offset < 0 ? '-' : '+'}${pad(Math.trunc(offset / 60))}:${pad(offset % 60)}`;
  return { ok: true, iso, millis: instant };
}

/**
 * Parses `value` with `format` ("iso" or Luxon tokens) in `zone`, returning an ISO 8601 string with
 * the zone's offset, e.g. "2026-03-02T09:15:00.000+01:00".
 *
 * @example
 * parseDate('2026-03-02 09:15', 'yyyy-MM-dd HH:mm', 'Europe/Stockholm');
 */
export function parseDate(value: unknown, format: string, zone: string): ParsedDate {
  // A mapping often reads one source date into several fields (SS 12000's meta.created is the
  // status date, decidedAt and decision.at), one after the other: the last answer is kept.
  if (value === last.value && format === last.format && zone === last.zone && last.result) return last.result;
  const result = parseUncached(value, format, zone);
  if (typeof value === 'string' || typeof value === 'number') {
    last.value = value;
    last.format = format;
    last.zone = zone;
    last.result = Object.freeze(result);
  }
  return result;
}

const last: { value: unknown; format: string; zone: string; result: ParsedDate | undefined } = {
  value: undefined,
  format: '',
  zone: '',
  result: undefined,
};

function parseUncached(value: unknown, format: string, zone: string): ParsedDate {
  if (value instanceof Date) {
    return Number.isNaN(value.getTime())
      ? { ok: false, reason: 'an invalid date object' }
      : finish(DateTime.fromJSDate(value, { zone }));
  }
  if (typeof value !== 'string' && typeof value !== 'number') return { ok: false, reason: 'not text' };
  const text = String(value).trim();
  const fast = parseFast(text, format, zone);
  if (fast) return fast;
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

/** Luxon's result in the same shape as the fast path. */
export function parseDateWithLuxon(text: string, format: string, zone: string): ParsedDate {
  const parsed =
    format === 'iso'
      ? DateTime.fromISO(text, { zone, setZone: false })
      : DateTime.fromFormat(text, format, { zone, locale: 'sv-SE' });
  return parsed.isValid ? finish(parsed) : { ok: false, reason: 'invalid' };
}

function finish(dt: DateTime): ParsedDate {
  const iso = dt.toISO({ suppressMilliseconds: false });
  return iso ? { ok: true, iso, millis: dt.toMillis() } : { ok: false, reason: 'out of range' };
}

/** The calendar date (YYYY-MM-DD) of an instant in `zone`, plus `days` calendar days. */
export function calendarDatePlusDays(iso: string, days: number, zone: string): string {
  const instant = Date.parse(iso);
  const wall = new Date(instant + offsetAt(instant, zone) * 60_000);
  return new Date(Date.UTC(wall.getUTCFullYear(), wall.getUTCMonth(), wall.getUTCDate() + days))
    .toISOString()
    .slice(0, 10);
}
