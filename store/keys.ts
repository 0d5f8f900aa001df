/** Normalised lookup keys, computed the same way when a case is stored and when staff search. */

/**
 * Reference key: upper case, split into letter and digit groups, leading zeros dropped, groups
 * joined by dots — so "bn 2026-123", "BN 2026-000123" and "BN2026/123" all meet as "BN.2026.123".
 *
 * @example
 * referenceKey('SN 2026/0457'); // 'SN.2026.457'
 */
export function referenceKey(reference: string): string {
  const groups = reference.toUpperCase().match(/\p{L}+|\d+/gu) ?? [];
  return groups.map((g) => (/^\d+$/.test(g) ? g.replace(/^0+(?=\d)/, '') : g)).join('.');
}

/**
 * Property key: lower case, single spaces, ":" kept, the municipality's name dropped when it leads
 * ("Umeå Tallen 4" and "Tallen 4" in Umeå are the same property).
 */
export function propertyKey(designation: string, municipalityNames: readonly string[] = []): string {
  let key = designation
    .toLowerCase()
    .normalize('NFC')
    .replace(/\s*:\s*/g, ':')
    .replace(/\s+/g, ' ')
    .trim();
  for (const name of municipalityNames) {
    const prefix = `${name.toLowerCase()} `;
    if (key.startsWith(prefix) && key.length > prefix.length) {
      key = key.slice(prefix.length);
      break;
    }
  }
  return key;
}

/** Escapes LIKE wildcards so user input is matched literally. */
export function likePrefix(value: string): string {
  return `${value.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}
