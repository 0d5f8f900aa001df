/** Search cursors: opaque to clients, checked strictly when they come back. */
import { AppError } from '../app/errors.js';
import { isUuid } from '../schemas/case-id.js';

/** The position after the last row of a page: its source time and id (the order of every search). */
export type Cursor = { u: string; i: string };

/** The longest cursor this service issues is about 110 characters; anything much longer is not ours. */
const MAX_CURSOR_CHARS = 200;
const BASE64URL = /^[A-Za-z0-9_-]+$/;
/** The source time exactly as the search query formats it (UTC, microseconds). */
const SOURCE_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})\.\d{6}Z$/;

export function encodeCursor(c: Cursor): string {
  return Buffer.from(JSON.stringify([c.u, c.i])).toString('base64url');
}

/**
 * The position a cursor names, or a 400 naming `cursor` (never repeating it): only the exact text
 * `encodeCursor` makes is accepted, with a real calendar time, so nothing a client made up reaches
 * the query (where PostgreSQL would refuse it as a 500 and quote it in the log).
 *
 * @example
 * decodeCursor(encodeCursor({ u: '2026-05-01T08:00:00.000000Z', i: caseId })); // the same position
 */
export function decodeCursor(raw: unknown): Cursor {
  const cursor = typeof raw === 'string' ? parse(raw) : undefined;
  if (cursor) return cursor;
  throw new AppError(
    'validation',
    'Markören (cursor) är inte en som tjänsten har lämnat ut. / The cursor is not one this service issued.',
    { errors: [{ field: 'cursor', message: 'Ogiltig markör / Invalid cursor' }] },
  );
}

function parse(raw: string): Cursor | undefined {
  if (raw.length > MAX_CURSOR_CHARS || !BASE64URL.test(raw)) return undefined;
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8'));
  } catch {
    return undefined;
  }
  if (!Array.isArray(value) || value.length !== 2) return undefined;
  const [u, i] = value;
  if (typeof u !== 'string' || typeof i !== 'string' || !isUuid(i) || !isCalendarTime(u)) return undefined;
  // Base64 has more than one spelling of some texts, and JSON more than one of most: only ours.
  return encodeCursor({ u, i }) === raw ? { u, i } : undefined;
}

/** A UTC time in years 1–9999 whose date and clock exist (no 30 February, no 24:00). */
function isCalendarTime(text: string): boolean {
  const m = SOURCE_TIME.exec(text);
  if (!m) return false;
  const [year, month, day, hour, minute, second] = m.slice(1).map(Number) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, day);
  return (
    year >= 1 &&
    date.getUTCFullYear() === year &&
    date.getUTCMonth() === month - 1 &&
    date.getUTCDate() === day &&
    hour <= 23 &&
    minute <= 59 &&
    second <= 59
  );
}
