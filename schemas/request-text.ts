/**
 * Text a request may carry into a database query: no NUL or other control characters, no lone
 * surrogates. PostgreSQL refuses NUL in text outright, and a lone surrogate is silently turned into
 * U+FFFD on the way; neither is anything a person types, so both are refused at the edge as a 400.
 */
import { z } from '@hono/zod-openapi';

// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;

/** The one message for such text: Swedish first; it names no value (the field problem names the field). */
export const UNSAFE_TEXT_MESSAGE =
  'Otillåtna tecken (kontrolltecken eller trasig Unicode) / Characters not allowed';

/**
 * Whether `text` can be searched for as it is: well-formed Unicode without control characters
 * (tab and line breaks aside).
 *
 * @example
 * isPlainText('Tallen 4'); // true
 * isPlainText('Tallen\u0000 4'); // false
 */
export function isPlainText(text: string): boolean {
  return text.isWellFormed() && !CONTROL.test(text);
}

/**
 * A request string that may reach a query: `z.string()` refusing what `isPlainText` refuses.
 *
 * @example
 * const Query = z.object({ q: requestText().trim().min(2).max(200) });
 */
export function requestText() {
  return z.string().refine(isPlainText, { message: UNSAFE_TEXT_MESSAGE, abort: true });
}
