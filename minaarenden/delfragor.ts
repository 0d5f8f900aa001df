/** The per-source outcome of a question (`delfragor`): OK, or why a source's events may be missing or stale. */
import { type SourceStatus, sourceCondition } from '../schemas/source-status.js';
import type { Delfraga, Part } from './fraga.js';
import type { Producer } from './producers.js';
import { swedishTimestamp } from './swedish-time.js';
import { type Language, TEXTS } from './texts.js';

/**
 * One entry per source of the producer's municipality for a part answered from the store: `OK`/200
 * when the source is current, else with 503 `EJ_TILLGANGLIG` (failing), `FORSENAD` (behind) or
 * `EJ_LAST` (never read whole: a look-up-only source, or one not read yet) — the stored events are returned all the same. Without configured sources: one `OK`.
 */
export function sourceDelfragor(
  producer: Producer,
  part: Part,
  sources: readonly SourceStatus[],
  lang: Language,
): Delfraga[] {
  const texts = TEXTS[lang];
  const base = { producent: producer.name, part };
  if (sources.length === 0) return [{ ...base, status: 'OK', message: texts.noSources, httpCode: 200 }];
  return sources.map((s) => {
    const condition = sourceCondition(s);
    const since = s.lastSuccessAt ? swedishTimestamp(s.lastSuccessAt) : null;
    if (condition === 'ok') return { ...base, status: 'OK', message: texts.sourceOk(s.id), httpCode: 200 };
    if (condition === 'behind')
      return { ...base, status: 'FORSENAD', message: texts.sourceBehind(s.id, since), httpCode: 503 };
    if (condition === 'never')
      return { ...base, status: 'EJ_LAST', message: texts.sourceNever(s.id), httpCode: 503 };
    return { ...base, status: 'EJ_TILLGANGLIG', message: texts.sourceFailing(s.id, since), httpCode: 503 };
  });
}

/** A part that is not the person asking: no events, and the same words whether or not anything exists. */
export function refusedDelfraga(producer: Producer, part: Part, lang: Language): Delfraga {
  return {
    producent: producer.name,
    part,
    status: 'EJ_BEHORIG',
    message: TEXTS[lang].notOwnCustomer,
    httpCode: 403,
  };
}
