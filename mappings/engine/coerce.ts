/** The `type` modifier: source text turned into a string, number or boolean, or a problem. */
import { type EvalContext, NO_VALUE } from './rule-context.js';

const TRUE_WORDS = ['true', '1', 'ja', 'yes', 'j'];
const FALSE_WORDS = ['false', '0', 'nej', 'no', 'n'];

/** A source value read as a boolean (`true/1/ja/yes/j`, `false/0/nej/no/n`), or undefined if it is neither. */
export function asBoolean(value: unknown): boolean | undefined {
  if (typeof value === 'boolean') return value;
  const text = String(value).trim().toLowerCase();
  if (TRUE_WORDS.includes(text)) return true;
  if (FALSE_WORDS.includes(text)) return false;
  return undefined;
}

/** A source value read as a number (a decimal comma allowed), or NaN. */
export function asNumber(value: unknown): number {
  return typeof value === 'number' ? value : Number(String(value).trim().replace(',', '.'));
}

/** Digits read as the number they spell (a source version sent as text); anything else as it is. */
export function asWholeNumber(value: unknown): unknown {
  return typeof value === 'string' && /^\s*\d{1,15}\s*$/.test(value) ? Number(value) : value;
}

export function coerce(
  value: unknown,
  type: 'string' | 'number' | 'boolean',
  ctx: EvalContext,
  field: string,
): unknown {
  if (type === 'string') {
    if (typeof value !== 'object') return String(value).trim();
    ctx.problems.push({
      field,
      message: `expected text, found ${Array.isArray(value) ? 'a list' : 'an object'}`,
    });
    return NO_VALUE;
  }
  if (type === 'number') {
    const n = asNumber(value);
    if (Number.isFinite(n)) return n;
    ctx.problems.push({ field, message: 'not a number' });
    return NO_VALUE;
  }
  const b = asBoolean(value);
  if (b !== undefined) return b;
  ctx.problems.push({
    field,
    message: `"${String(value).trim().toLowerCase()}" is not a boolean (true/false, 1/0, ja/nej)`,
  });
  return NO_VALUE;
}
