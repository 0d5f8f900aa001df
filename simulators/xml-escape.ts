/** XML escaping for the simulators' hand-written XML (SOAP bodies and the social-services export). */

const TEXT = /[&<>]/g;
const ATTR = /[&<>"'\r\n\t]/g;
const ENTITIES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&apos;',
  // Kept as references so attribute-value normalisation does not turn them into spaces.
  '\r': '&#13;',
  '\n': '&#10;',
  '\t': '&#9;',
};

/**
 * Drops characters XML 1.0 cannot carry at all (control characters other than tab, CR and LF; U+FFFE,
 * U+FFFF) and replaces lone surrogates with U+FFFD, rather than writing a file no parser accepts.
 */
function xmlChars(value: string): string {
  const text = value.toWellFormed();
  let out = '';
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if ((c < 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d) || c === 0xfffe || c === 0xffff) {
      out += text.slice(start, i);
      start = i + 1;
    }
  }
  return start === 0 ? text : out + text.slice(start);
}

/** Escapes element text. */
export function escapeXmlText(value: string): string {
  return xmlChars(value).replace(TEXT, (c) => ENTITIES[c] as string);
}

export function escapeXmlAttr(value: string): string {
  return xmlChars(value).replace(ATTR, (c) => ENTITIES[c] as string);
}
