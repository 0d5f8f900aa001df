/** Small XML writers for the v8 simulator's hand-written SOAP bodies; values are escaped, absent ones omitted. */
import { isoWithOffset, localDate, localDateTime } from '../case-data/clock.js';
import { escapeXmlAttr, escapeXmlText } from '../xml-escape.js';

export const NS = {
  soap: 'http://schemas.xmlsoap.org/soap/envelope/',
  sc: 'www.tekis.se/ServiceContract',
  ar: 'www.tekis.se/arende',
  guid: 'http://microsoft.com/wsdl/types/',
  gml: 'http://www.opengis.net/gml',
  xsi: 'http://www.w3.org/2001/XMLSchema-instance',
  xsd: 'http://www.w3.org/2001/XMLSchema',
} as const;

type Scalar = string | number | boolean | undefined;

/** ` a="1" b="x"`, skipping absent values. */
export function attrs(values: Record<string, Scalar>): string {
  let out = '';
  for (const [name, value] of Object.entries(values))
    if (value !== undefined) out += ` ${name}="${escapeXmlAttr(String(value))}"`;
  return out;
}

/** An element with escaped text, or nothing when the value is absent. */
export function text(name: string, value: Scalar): string {
  return value === undefined ? '' : `<${name}>${escapeXmlText(String(value))}</${name}>`;
}

/** An element around already-written XML, or nothing when there is none (`undefined`). */
export function wrap(name: string, inner: string | undefined, attributes = ''): string {
  if (inner === undefined) return '';
  return inner === '' ? `<${name}${attributes}/>` : `<${name}${attributes}>${inner}</${name}>`;
}

/** A nil element, as WCF writes a null value of a nillable element. */
export function nil(name: string): string {
  return `<${name} xsi:nil="true"/>`;
}

/** Each list item written by `write`, or nothing at all for an empty list (0..1 wrappers are left out). */
export function list<T>(items: readonly T[], write: (item: T) => string): string | undefined {
  return items.length === 0 ? undefined : items.map(write).join('');
}

/**
 * Moves each top-level child into namespace `ns` (a default-namespace declaration on it): how WCF
 * writes the `ar` children of an `sc` element such as `GetArendeResult`.
 */
export function inNamespace(children: string[], ns: string): string {
  return children
    .filter((c) => c !== '')
    .map((c) => c.replace(/^<([A-Za-z_][\w.-]*)/, `<$1 xmlns="${ns}"`))
    .join('');
}

/**
 * How the service writes xs:dateTime. The sheet saw both `2024-08-27T10:38:00+02:00` and offset-less
 * `2021-08-18T00:00:00` [obs]; `local` (the default) is the offset-less .NET "Unspecified" form,
 * `offset` adds the Swedish offset. Clients must read both; a simulator option picks one.
 */
export type DateTimeStyle = 'local' | 'offset';

export type DateWriter = { dateTime(ms: number): string; date(ms: number): string };

export function dateWriter(style: DateTimeStyle): DateWriter {
  return { dateTime: style === 'offset' ? isoWithOffset : localDateTime, date: localDate };
}

/** `true`/`false` as xs:boolean. */
export function bool(value: boolean | undefined): string | undefined {
  return value === undefined ? undefined : value ? 'true' : 'false';
}
