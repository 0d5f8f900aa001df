/** Parses, validates and formats Swedish personal identity numbers (personnummer and samordningsnummer). */

// Nothing in this module logs, and invalid input yields a reason code rather than an error: the number is
// personal data and must not leak into messages or logs. (Only an invalid `now` Date throws, from Intl.)

export type PersonnummerKind = 'personnummer' | 'samordningsnummer';

export type Personnummer = {
  /** 12 digits, YYYYMMDDNNNC, with the day as written (day + 60 for a samordningsnummer). */
  normalized: string;
  kind: PersonnummerKind;
  /** YYYY-MM-DD, the real birth date (day - 60 for a samordningsnummer). */
  birthDate: string;
};

export type PersonnummerError = 'format' | 'date' | 'checksum';

export type PersonnummerResult = { ok: true; value: Personnummer } | { ok: false; reason: PersonnummerError };

export type ParsePersonnummerOptions = {
  /** Reference instant for century inference and the future-date check; defaults to the current time. */
  now?: Date;
};

// Optional century, YYMMDD, optional separator, NNNC. `\d` is ASCII-only in JS, so other scripts' digits fail.
const ACCEPTED = /^(\d{2})?(\d{2})(\d{2})(\d{2})([-+])?(\d{3})(\d)$/;

/** A samordningsnummer writes the birth day plus 60, which is how the two kinds are told apart. */
const SAMORDNING_OFFSET = 60;

/** Skatteverket uses centuries 18, 19 and 20; an earlier "year" is another identifier (16 prefixes organisationsnummer). */
const MIN_YEAR = 1800;

/**
 * Anything shaped like a personnummer in free text: 10 or 12 digits, optionally with `-` or `+` before
 * the last four. Digit look-arounds keep longer digit runs (account numbers, ids) from matching in part.
 *
 * The expression is global, so `test`/`exec` carry `lastIndex` between calls; prefer `String#matchAll`,
 * `String#replace` or {@link containsPersonnummerLike}, which do not depend on that state.
 */
export const PERSONNUMMER_LIKE: RegExp = /(?<!\d)(?:\d{2})?\d{6}[-+]?\d{4}(?!\d)/g;

/**
 * Parses a personnummer or samordningsnummer in any of the forms YYYYMMDDNNNC, YYYYMMDD-NNNC,
 * YYYYMMDD+NNNC (only for people aged 100 or more), YYMMDDNNNC, YYMMDD-NNNC and YYMMDD+NNNC.
 *
 * Ten-digit forms get their century the way Skatteverket assigns it: the most recent century that does
 * not put the birth date after `now`, and one century further back with `+` (the person is 100 or older).
 *
 * @example
 * parsePersonnummer('900101+9802', { now: new Date('2026-01-01') });
 * // { ok: true, value: { normalized: '189001019802', kind: 'personnummer', birthDate: '1890-01-01' } }
 */
export function parsePersonnummer(input: string, options: ParsePersonnummerOptions = {}): PersonnummerResult {
  if (typeof input !== 'string') return fail('format');
  const match = ACCEPTED.exec(input.trim());
  if (!match) return fail('format');
  const [, centuryDigits, yy = '', mm = '', dd = '', separator, serial = '', check = ''] = match;

  const today = stockholmDate(options.now ?? new Date());
  const month = Number(mm);
  const writtenDay = Number(dd);
  const kind: PersonnummerKind = writtenDay > SAMORDNING_OFFSET ? 'samordningsnummer' : 'personnummer';
  const day = kind === 'samordningsnummer' ? writtenDay - SAMORDNING_OFFSET : writtenDay;

  let year: number;
  if (centuryDigits === undefined) {
    year = inferYear(Number(yy), month, day, separator === '+', today);
  } else {
    year = Number(centuryDigits + yy);
  }

  if (year < MIN_YEAR || !isCalendarDate(year, month, day)) return fail('date');
  const born = dateKey(year, month, day);
  if (born > dateKey(today.year, today.month, today.day)) return fail('date');
  // In the 12-digit form the century is explicit, so a `+` is only a claim about age that must hold.
  if (centuryDigits !== undefined && separator === '+' && !isCentenarian(year, month, day, today)) {
    return fail('format');
  }

  const tenDigits = `${yy}${mm}${dd}${serial}${check}`;
  if (luhnCheckDigit(tenDigits.slice(0, 9)) !== Number(check)) return fail('checksum');

  return {
    ok: true,
    value: {
      normalized: `${year}${mm}${dd}${serial}${check}`,
      kind,
      birthDate: `${year}-${mm}-${String(day).padStart(2, '0')}`,
    },
  };
}

/** True when `input` parses as a valid personnummer or samordningsnummer as of now. */
export function isPersonnummer(input: string): boolean {
  return parsePersonnummer(input).ok;
}

/** Formats as YYYYMMDD-NNNC: the 12-digit form always carries its century, so `-` is never ambiguous. */
export function formatPersonnummer(p: Personnummer): string {
  return `${p.normalized.slice(0, 8)}-${p.normalized.slice(8)}`;
}

/**
 * Writes a personnummer the way people actually type or paste it in the canonical separators: any
 * Unicode dash becomes `-`, and spaces between the date and the last four digits go away
 * (`19900321 - 2389`, `900321 2389`, `19900321–2389` → `19900321-2389`, `900321-2389`).
 */
export function normalizePersonnummerSeparators(text: string): string {
  return text
    .replace(/[\u2010-\u2015\u2212\uFE58\uFE63\uFF0D]/g, '-')
    .replace(/(?<!\d)(\d{6}|\d{8})\s*([-+])\s*(\d{4})(?!\d)/g, '$1$2$3')
    .replace(/(?<!\d)(\d{6}|\d{8})\s+(\d{4})(?!\d)/g, '$1-$2');
}

/**
 * True when `text` contains a personnummer-shaped substring that also passes the Luhn check and has a
 * plausible month and day (samordningsnummer days included). The extra checks drop ~90% of arbitrary
 * digit runs (phone numbers, case ids) that merely have the right length.
 */
export function containsPersonnummerLike(text: string): boolean {
  if (typeof text !== 'string') return false;
  for (const match of text.matchAll(PERSONNUMMER_LIKE)) {
    const digits = match[0].replace(/[-+]/, '');
    const ten = digits.slice(-10);
    const month = Number(ten.slice(2, 4));
    const day = Number(ten.slice(4, 6));
    const plausibleDay =
      (day >= 1 && day <= 31) || (day > SAMORDNING_OFFSET && day <= SAMORDNING_OFFSET + 31);
    if (month >= 1 && month <= 12 && plausibleDay && luhnCheckDigit(ten.slice(0, 9)) === Number(ten[9])) {
      return true;
    }
  }
  return false;
}

type CivilDate = { year: number; month: number; day: number };

function fail(reason: PersonnummerError): PersonnummerResult {
  return { ok: false, reason };
}

/** Luhn check digit over YYMMDDNNN (or an organisationsnummer's first nine): weights 2,1,2,… from the left, digits of each product summed. */
export function luhnCheckDigit(nineDigits: string): number {
  let sum = 0;
  for (let i = 0; i < nineDigits.length; i++) {
    const product = Number(nineDigits[i]) * (i % 2 === 0 ? 2 : 1);
    sum += product > 9 ? product - 9 : product;
  }
  return (10 - (sum % 10)) % 10;
}

/**
 * Chooses the century for a two-digit year. Compares (year, month, day) as a key rather than as a Date
 * so that a 29 February is placed by position alone and judged for existence afterwards.
 */
function inferYear(yy: number, month: number, day: number, plus: boolean, today: CivilDate): number {
  let year = Math.floor(today.year / 100) * 100 + yy;
  if (dateKey(year, month, day) > dateKey(today.year, today.month, today.day)) year -= 100;
  return plus ? year - 100 : year;
}

function isCentenarian(year: number, month: number, day: number, today: CivilDate): boolean {
  return dateKey(year + 100, month, day) <= dateKey(today.year, today.month, today.day);
}

function dateKey(year: number, month: number, day: number): number {
  return year * 10_000 + month * 100 + day;
}

function isCalendarDate(year: number, month: number, day: number): boolean {
  if (month < 1 || month > 12 || day < 1) return false;
  return day <= daysInMonth(year, month);
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

const STOCKHOLM_DATE = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Europe/Stockholm',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

/**
 * The civil date in Sweden at `now`. Birth dates are Swedish calendar dates, so judging "future" or
 * "turned 100" by the UTC date would be off by one for an hour or two around midnight.
 */
let lastMinute = Number.NaN;
let lastDate: CivilDate | undefined;

function stockholmDate(now: Date): CivilDate {
  // Batches parse thousands of numbers against the same "now": the date only changes at midnight.
  const minute = Math.floor(now.getTime() / 60_000);
  if (minute === lastMinute && lastDate) return lastDate;
  const parts = STOCKHOLM_DATE.formatToParts(now);
  const pick = (type: Intl.DateTimeFormatPartTypes) => Number(parts.find((p) => p.type === type)?.value);
  lastDate = { year: pick('year'), month: pick('month'), day: pick('day') };
  lastMinute = minute;
  return lastDate;
}
