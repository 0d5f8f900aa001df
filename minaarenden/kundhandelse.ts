/** One stored case's status history as kundhändelser: one event per entry, thin texts, no personal data. */
import type { StatusCode, StatusEntry } from '../schemas/case.js';
import { STATUS_LABELS } from '../schemas/status-labels.js';
import type { StoredCase } from '../store/case-store.js';
import type { Kundhandelse } from './fraga.js';
import type { Producer } from './producers.js';
import { swedishTimestamp } from './swedish-time.js';
import { type Language, STATUS_EVENTS, TEXTS } from './texts.js';

/** The version of the Mina ärenden standard these events follow. */
export const STANDARD_VERSION = '6.1';

const FINISHED: ReadonlySet<StatusCode> = new Set(['decided', 'closed', 'withdrawn']);

/** An event with what the answer filters and audits by but does not show. */
export type CaseEvent = {
  event: Kundhandelse;
  /** For `fraga.taggar`: the case's domain and the status code (never shown: the response has no tags). */
  taggar: string[];
  caseId: string;
  /** `tidpunkt` as epoch milliseconds, for sorting. */
  at: number;
};

export type EventContext = {
  producer: Producer;
  lang: Language;
  /** The resident's page of a case on the hub, when the hub knows its public address. */
  caseLink?: ((caseId: string) => string) | undefined;
};

/**
 * A segment of a kundhandelseTyp: A–Z, 0–9 and _ only, å/ä/ö (and other marks) transliterated.
 *
 * @example
 * typeSegment('Förhandsbesked (ärende)'); // 'FORHANDSBESKED_ARENDE'
 */
export function typeSegment(text: string): string {
  const plain = text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toUpperCase()
    .replace(/[^A-Z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '');
  return plain.slice(0, 60) || 'ARENDE';
}

/**
 * The events of one case, oldest first. A case one of whose parties has a protected identity gets
 * generic texts: no case type, no reference, and never a title, property or address (those are never
 * in any event).
 *
 * @example
 * caseEvents(stored, { producer, lang: 'sv' })[0].event.kundhandelseTyp; // 'UMEA.BL.ANSOKAN_MOTTAGEN'
 */
export function caseEvents(stored: StoredCase, ctx: EventContext): CaseEvent[] {
  const c = stored.case;
  const texts = TEXTS[ctx.lang];
  const history: StatusEntry[] =
    stored.history.length > 0
      ? stored.history
      : [{ code: c.status.code, sourceCode: c.status.sourceCode, since: c.status.since }];
  const protectedIdentity = c.parties.some((p) => p.protectedIdentity);
  const caseType = typeSegment(c.caseType.code);
  const reference = protectedIdentity ? undefined : c.reference;
  const link = ctx.caseLink?.(c.id);
  const last = history.length - 1;
  return history.map((entry, i) => {
    const status = STATUS_LABELS[entry.code][ctx.lang];
    const actionNeeded =
      entry.code === 'awaiting_applicant' || (i === last && c.awaiting?.who === 'applicant');
    const heading = protectedIdentity ? texts.genericCase : c.caseType.label[ctx.lang];
    const description = texts.beskrivning(status, reference);
    const event: Kundhandelse = {
      kundhandelseId: `${ctx.producer.prefix}-${c.id}-${i + 1}`,
      rubrik: texts.rubrik(heading, status),
      beskrivning: actionNeeded ? `${description} ${texts.actionNeeded}` : description,
      sprak: ctx.lang,
      producent: ctx.producer.name,
      tidpunkt: swedishTimestamp(entry.since),
      kundhandelseTyp: `${ctx.producer.prefix}.${caseType}.${STATUS_EVENTS[entry.code]}`,
      producentarendetKraverKundatgard: actionNeeded,
      producentarendetKlart: FINISHED.has(entry.code),
      version: STANDARD_VERSION,
      referenser: {
        ...(reference ? { diarienummer: reference } : {}),
        ...(link ? { lank: link } : {}),
      },
    };
    return { event, taggar: [c.domain, entry.code], caseId: c.id, at: Date.parse(entry.since) };
  });
}
