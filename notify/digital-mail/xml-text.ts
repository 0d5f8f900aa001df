/** Escaping for the XML this adapter writes by hand. */

const TEXT = /[&<>]/g;
const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;' };

/** Escapes element text, dropping characters XML 1.0 cannot carry (control characters but tab, CR, LF). */
export function escapeText(value: string): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: these are exactly the characters removed
  const clean = value.toWellFormed().replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, '');
  return clean.replace(TEXT, (c) => ENTITIES[c] as string);
}
