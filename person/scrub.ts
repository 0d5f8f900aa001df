/** Replaces anything shaped like a personnummer in log data, as a last line of defence behind redaction. */
import { UUID_PATTERN } from '../schemas/case-id.js';

// A UUID (kept whole: request and case ids, whose last group can look like a personnummer), or
// 10 or 12 digits, optionally with -/+ before the last four, with digit boundaries so longer numbers stay intact.
const UUID_OR_PNR = new RegExp(`(${UUID_PATTERN})|(?<!\\d)(?:\\d{2})?\\d{6}[-+]?\\d{4}(?!\\d)`, 'gi');
const MAX_DEPTH = 8;

/** Returns a copy of `value` with personnummer-shaped substrings replaced by `[personnummer]`. */
export function scrubPersonnummer(value: unknown, depth = 0): unknown {
  if (typeof value === 'string')
    return value.replace(UUID_OR_PNR, (match, uuid) => (uuid ? match : '[personnummer]'));
  if (depth >= MAX_DEPTH || value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map((v) => scrubPersonnummer(v, depth + 1));
  if (value instanceof Error)
    return { name: value.name, message: scrubPersonnummer(value.message, depth + 1) };
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) out[k] = scrubPersonnummer(v, depth + 1);
  return out;
}
