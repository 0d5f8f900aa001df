/**
 * Look-up on demand: when staff search a person, every source that can list cases by person is asked
 * now, within a short budget, and what it answers is stored like any unit, so a case the schedule has
 * not reached yet is still found. The number goes to the sources and nowhere else.
 */
import type { Logger } from '../app/logger.js';
import type { PartyNumber } from '../connectors/contract.js';
import { describe, withTimeout } from './resilience.js';
import type { Source } from './source.js';
import type { UnitProcessor } from './unit-processor.js';

export type PartyLookUpDeps = {
  processor: Pick<UnitProcessor, 'process'>;
  logger: Logger;
};

/**
 * @example
 * const lookUp = createPartyLookUp({ processor, logger });
 * const stored = await lookUp(sources.values(), { kind: 'person', number: '19121212-1212' }, 2_000);
 */
export function createPartyLookUp(deps: PartyLookUpDeps) {
  /** Asks each source that can, in parallel, within `timeoutMs`; the number of cases stored. */
  return async function lookUpParty(
    sources: Iterable<Source>,
    party: PartyNumber,
    timeoutMs: number,
  ): Promise<number> {
    const asked = [...sources].filter((s) => s.connector.findByParty);
    const outcomes = await Promise.allSettled(asked.map((source) => lookUpIn(source, party, timeoutMs)));
    let stored = 0;
    for (const [i, outcome] of outcomes.entries()) {
      if (outcome.status === 'fulfilled') stored += outcome.value;
      // Which source and why, never whom: the search goes on with what is stored.
      else
        deps.logger.info(
          { source: asked[i]?.settings.id, reason: describe(outcome.reason) },
          'look-up by person gave up',
        );
    }
    return stored;
  };

  async function lookUpIn(source: Source, party: PartyNumber, timeoutMs: number): Promise<number> {
    const controller = new AbortController();
    const find = source.connector.findByParty as NonNullable<Source['connector']['findByParty']>;
    const records = await withTimeout(
      find.call(source.connector, party, { signal: controller.signal }),
      timeoutMs,
      controller,
    );
    if (records.length === 0) return 0;
    const counts = await deps.processor.process(source, {
      batches: [records],
      cursor: null,
      label: 'look-up by person',
    });
    return counts.stored;
  }
}
