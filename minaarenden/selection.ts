/** The question's filters, sorting and paging over one part's events (contract §2.1). */
import type { Behandling, Fraga, Kundhandelse, SortAttribute } from './fraga.js';
import type { CaseEvent } from './kundhandelse.js';
import { swedishDate } from './swedish-time.js';

/** `X` matches `X` itself and everything below it (`X.…`), never `XY`. */
function typeMatches(type: string, wanted: readonly string[]): boolean {
  return wanted.some((w) => type === w || type.startsWith(w.endsWith('.') ? w : `${w}.`));
}

/**
 * The events the question's filters let through: types by prefix, at least one of the tags, and the
 * dates inclusive as whole Swedish days.
 */
export function filterEvents(events: readonly CaseEvent[], fraga: Fraga): CaseEvent[] {
  const { kundhandelseTyper: types, taggar, startDatum, slutDatum } = fraga;
  return events.filter((e) => {
    if (types?.length && !typeMatches(e.event.kundhandelseTyp, types)) return false;
    if (taggar?.length && !taggar.some((t) => e.taggar.includes(t))) return false;
    if (startDatum || slutDatum) {
      const day = swedishDate(e.event.tidpunkt);
      if (startDatum && day < startDatum) return false;
      if (slutDatum && day > slutDatum) return false;
    }
    return true;
  });
}

const COLLATOR = new Intl.Collator('sv');

function compareBy(attribute: SortAttribute, a: CaseEvent, b: CaseEvent): number {
  const text = (k: keyof Kundhandelse) => COLLATOR.compare(String(a.event[k]), String(b.event[k]));
  switch (attribute) {
    case 'RUBRIK':
      return text('rubrik');
    case 'BESKRIVNING':
      return text('beskrivning');
    case 'PRODUCENT':
      return text('producent');
    case 'KUNDHANDELSETYP':
      return text('kundhandelseTyp');
    case 'TIDPUNKT':
      return a.at - b.at;
    case 'PRODUCENTARENDETKRAVERKUNDATGARD':
      return (
        Number(a.event.producentarendetKraverKundatgard) - Number(b.event.producentarendetKraverKundatgard)
      );
    case 'PRODUCENTARENDETKLART':
      return Number(a.event.producentarendetKlart) - Number(b.event.producentarendetKlart);
  }
}

/** Newest first, then by id: the default order, and what breaks every tie so pages never overlap. */
const newestFirst = (a: CaseEvent, b: CaseEvent) =>
  b.at - a.at || (a.event.kundhandelseId < b.event.kundhandelseId ? -1 : 1);

/** Sorted by the attributes in priority order (none: newest first), then paged. */
export function sortAndPage(events: readonly CaseEvent[], behandling: Behandling | undefined): CaseEvent[] {
  const keys = behandling?.sortering ?? [];
  const sorted = [...events].sort((a, b) => {
    for (const { attribut, stigande } of keys) {
      const order = compareBy(attribut, a, b);
      if (order !== 0) return stigande ? order : -order;
    }
    return newestFirst(a, b);
  });
  const page = behandling?.paginering;
  if (!page) return sorted;
  return sorted.slice(page.offset, page.limit === undefined ? undefined : page.offset + page.limit);
}
