/** Writes simulated ByggR records as WCF DataContractSerializer XML: `a:` for www.tekis.se/arende, `i:` for xsi. */
import type { ByggrArende, ByggrIntressent } from '../case-data/index.js';
import { escapeXmlAttr, escapeXmlText } from '../xml-escape.js';

export const ARENDE_NS = 'www.tekis.se/arende';
const XSI_NS = 'http://www.w3.org/2001/XMLSchema-instance';

/**
 * The namespace declarations a result element carries. node-soap's own serializer leaves `xsi` undeclared
 * in the envelope (and does not qualify nested elements), so the bodies are written here and handed to
 * node-soap as raw XML (`$xml`).
 */
export const RESULT_NAMESPACES = `xmlns:a="${ARENDE_NS}" xmlns:i="${XSI_NS}"`;

/** `null` → `i:nil="true"`; `undefined` → no element (minOccurs 0). */
function text(name: string, value: string | null | undefined): string {
  if (value === undefined) return '';
  if (value === null) return `<a:${name} i:nil="true"/>`;
  return `<a:${name}>${escapeXmlText(value)}</a:${name}>`;
}

function nilOr(name: string, value: unknown, inner: () => string, attrs = ''): string {
  if (value === null || value === undefined) return `<a:${name} i:nil="true"/>`;
  return `<a:${name}${attrs}>${inner()}</a:${name}>`;
}

function intressent(i: ByggrIntressent): string {
  // An ombud's firm is an organisation; everyone else a person. The element's xsi:type says which.
  const type = i['@roll'] === 'OMB' ? 'a:OrganisationIntressent' : 'a:PersonIntressent';
  return (
    `<a:intressent i:type="${type}" roll="${escapeXmlAttr(i['@roll'])}">` +
    text('namn', i.namn) +
    text('persOrgNr', i.persOrgNr) +
    text('skyddadIdentitet', i.skyddadIdentitet) +
    '</a:intressent>'
  );
}

/** The elements of one `Arende`, in the XSD's sequence order. */
export function arendeContent(r: ByggrArende): string {
  return [
    text('dnr', r.dnr),
    text('arendeId', r.arendeId),
    `<a:arendetyp>${text('kod', r.arendetyp.kod)}${text('benamning', r.arendetyp.benamning)}</a:arendetyp>`,
    text('beskrivning', r.beskrivning),
    text('status', r.status),
    text('statusDatum', r.statusDatum),
    text('ankomstDatum', r.ankomstDatum),
    text('kompletteringBegardDatum', r.kompletteringBegardDatum),
    text('kompletDatum', r.kompletDatum),
    text('avslutDatum', r.avslutDatum),
    nilOr('beslut', r.beslut, () => text('utfall', r.beslut?.utfall) + text('datum', r.beslut?.datum)),
    nilOr(
      'forlangning',
      r.forlangning,
      () => text('veckor', r.forlangning?.veckor) + text('beslutsdatum', r.forlangning?.beslutsdatum),
    ),
    text('senastAndrad', r.senastAndrad),
    nilOr('handlaggare', r.handlaggare, () => {
      const h = r.handlaggare as NonNullable<ByggrArende['handlaggare']>;
      return (
        text('namn', h.namn) + text('enhet', h.enhet) + text('telefon', h.telefon) + text('epost', h.epost)
      );
    }),
    `<a:intressenter>${r.intressenter.intressent.map(intressent).join('')}</a:intressenter>`,
    nilOr(
      'fastighet',
      r.fastighet,
      () =>
        text('trakt', r.fastighet.trakt) +
        text('fbetNr', r.fastighet.fbetNr) +
        text('adress', r.fastighet.adress),
      ` fnr="${escapeXmlAttr(r.fastighet['@fnr'])}"`,
    ),
    `<a:handelser>${r.handelser.handelse
      .map((h) => {
        const docs = h.handlingar
          ? `<a:handlingar>${h.handlingar.handling
              .map(
                (d) =>
                  `<a:handling>${text('titel', d.titel)}${text('typ', d.typ)}${text('inkomDatum', d.inkomDatum)}</a:handling>`,
              )
              .join('')}</a:handlingar>`
          : '';
        return `<a:handelse>${text('datum', h.datum)}${text('rubrik', h.rubrik)}${docs}</a:handelse>`;
      })
      .join('')}</a:handelser>`,
    text('internAnteckning', r.internAnteckning),
  ].join('');
}

/** A list of arenden as the children of an `ArrayOfArende` element. */
export function arendeList(records: readonly ByggrArende[]): string {
  return records.map((r) => `<a:arende>${arendeContent(r)}</a:arende>`).join('');
}
