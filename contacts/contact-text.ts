/** Free text from a contact with any personnummer masked, and the people it named as keyed references. */
import type { PersonRefHasher } from '../person/person-ref.js';
import {
  normalizePersonnummerSeparators,
  PERSONNUMMER_LIKE,
  parsePersonnummer,
} from '../person/personnummer.js';

export const PERSONNUMMER_MASK = '[personnummer]';

/**
 * Masks every personnummer-shaped run in `text` (valid or not: a mistyped number is still a person's)
 * and returns the references of those that are valid, in order. The number itself goes nowhere.
 *
 * @example
 * maskPersonnummer('Gäller 19121212-1212', refs, now);
 * // → { text: 'Gäller [personnummer]', personRefs: ['pr1_…'] }
 */
export function maskPersonnummer(
  text: string,
  personRefs: PersonRefHasher,
  now: Date,
): { text: string; personRefs: string[] } {
  const found: string[] = [];
  let matched = false;
  const masked = normalizePersonnummerSeparators(text).replace(PERSONNUMMER_LIKE, (match) => {
    matched = true;
    const parsed = parsePersonnummer(match, { now });
    if (parsed.ok) found.push(personRefs.fromParsed(parsed.value));
    return PERSONNUMMER_MASK;
  });
  // Only text that named someone is rewritten; other text stays exactly as typed.
  return matched ? { text: masked, personRefs: found } : { text, personRefs: [] };
}

/**
 * Whether `text` holds a personnummer-shaped run (valid or not, in any spelling `maskPersonnummer`
 * masks) or the mask itself: text that names a person, which the knowledge base refuses.
 *
 * @example
 * namesPerson('Gäller 19121212-1212'); // true
 * namesPerson('Handläggningstiden är tio veckor.'); // false
 */
export function namesPerson(text: string): boolean {
  return (
    text.includes(PERSONNUMMER_MASK) ||
    new RegExp(PERSONNUMMER_LIKE.source, 'u').test(normalizePersonnummerSeparators(text))
  );
}

/** Masks every personnummer-shaped run, keeping no reference (for text shown again, e.g. an excerpt). */
export function maskPersonnummerShapes(text: string): string {
  const normalized = normalizePersonnummerSeparators(text);
  return new RegExp(PERSONNUMMER_LIKE.source, 'u').test(normalized)
    ? normalized.replace(PERSONNUMMER_LIKE, PERSONNUMMER_MASK)
    : text;
}
