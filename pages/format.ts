/** Dates, times and numbers as each language writes them; clock times always in Europe/Stockholm. */
import type { Language } from './i18n.js';

/** The Intl locale of each page language. */
export const LOCALES: Record<Language, string> = { sv: 'sv-SE', en: 'en-GB', ar: 'ar' };
const ZONE = 'Europe/Stockholm';

const cache = new Map<string, Intl.DateTimeFormat | Intl.NumberFormat | Intl.RelativeTimeFormat>();
function memo<T extends Intl.DateTimeFormat | Intl.NumberFormat | Intl.RelativeTimeFormat>(
  key: string,
  make: () => T,
): T {
  let format = cache.get(key);
  if (!format) {
    format = make();
    cache.set(key, format);
  }
  return format as T;
}

/** A calendar date (`2026-05-11`) or the Stockholm date of an instant. */
export function formatDate(value: string, lang: Language): string {
  // A bare date is a Swedish calendar day: read it at noon so no zone can move it to another day.
  const instant = /^\d{4}-\d{2}-\d{2}$/.test(value) ? new Date(`${value}T12:00:00Z`) : new Date(value);
  return memo(
    `d:${lang}`,
    () => new Intl.DateTimeFormat(LOCALES[lang], { dateStyle: 'long', timeZone: ZONE }),
  ).format(instant);
}

/** An instant as date and time in Stockholm. */
export function formatDateTime(value: string, lang: Language): string {
  return memo(
    `dt:${lang}`,
    () => new Intl.DateTimeFormat(LOCALES[lang], { dateStyle: 'medium', timeStyle: 'short', timeZone: ZONE }),
  ).format(new Date(value));
}

export function formatNumber(value: number, lang: Language): string {
  return memo(`n:${lang}`, () => new Intl.NumberFormat(LOCALES[lang])).format(value);
}

/** "3 minutes ago", in the largest unit that fits. */
export function formatAgo(seconds: number, lang: Language): string {
  const format = memo(`r:${lang}`, () => new Intl.RelativeTimeFormat(LOCALES[lang], { numeric: 'auto' }));
  const units: [Intl.RelativeTimeFormatUnit, number][] = [
    ['day', 86_400],
    ['hour', 3_600],
    ['minute', 60],
  ];
  for (const [unit, size] of units)
    if (seconds >= size) return format.format(-Math.floor(seconds / size), unit);
  return format.format(-Math.max(0, Math.floor(seconds)), 'second');
}
