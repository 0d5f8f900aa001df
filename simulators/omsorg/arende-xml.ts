/** Writes one social-services record as an `<Arende>` element: `@name` keys become attributes, `#text` element text. */
import type { OmsorgArende } from '../case-data/index.js';
import { escapeXmlAttr, escapeXmlText } from '../xml-escape.js';

type Value = string | number | boolean | null | undefined | Value[] | { [key: string]: Value };

/**
 * One element, generically, so every name matches the mapping's paths by construction. Keys are written
 * in the record's order; null and undefined are left out (the export has no xsi:nil); a list repeats
 * the element.
 */
function element(name: string, value: Value): string {
  if (value === null || value === undefined) return '';
  if (Array.isArray(value)) return value.map((item) => element(name, item)).join('');
  if (typeof value !== 'object') return `<${name}>${escapeXmlText(String(value))}</${name}>`;
  let attributes = '';
  let text = '';
  let children = '';
  for (const [key, inner] of Object.entries(value)) {
    if (inner === null || inner === undefined) continue;
    if (key === '#text') text = escapeXmlText(String(inner));
    else if (key.startsWith('@')) attributes += ` ${key.slice(1)}="${escapeXmlAttr(String(inner))}"`;
    else children += element(key, inner);
  }
  return text || children ? `<${name}${attributes}>${text}${children}</${name}>` : `<${name}${attributes}/>`;
}

/** One `<Arende>` element, exactly the body of a case event on the message broker. */
export function renderArendeXml(record: OmsorgArende): string {
  return element('Arende', record as unknown as Value);
}
