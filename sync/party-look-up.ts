/**
 * Look-up on demand: when staff search a person, the sources they may see that can list cases by
 * person are asked now, within a short budget, and what they answer is stored like any unit, so a case
 * the schedule has not reached yet is still found. The number goes to the sources and nowhere else.
 * Each source's circuit breaker applies; the same person asked of the same source again within a
 * minute is not asked twice (one answer serves searches running together, and a repeated search).
 */
import { createHash } from 'node:crypto';
import type { Logger } from '../app/logger.js';
import type { PartyNumber } from '../connectors/contract.js';
import { describe, withTimeout } from './resilience.js';
import type { Source } from './source.js';
import type { SyncMetrics } from './sync-metrics.js';
import type { UnitProcessor } from './unit-processor.js';

/** Which sources may be asked: those of these municipalities and domains, or every one. */
export type LookUpScope = readonly { municipality: string; domains: readonly string[] }[] | 'all';

export type PartyLookUpDeps = {
  processor: Pick<UnitProcessor, 'process'>;
  logger: Logger;
  metrics?: Pick<SyncMetrics, 'lookUps'>;
  /** How long an answer stands before the same person is asked of the same source again. */
  rememberMs?: number;
};

const REMEMBERED_MAX = 10_000;

/**
 * @example
 * const lookUp = createPartyLookUp({ processor, logger });
 * const stored = await lookUp(sources.values(), { kind: 'person', number: '19121212-1212' }, 2_000, 'all');
 */
export function createPartyLookUp(deps: PartyLookUpDeps) {
  const rememberMs = deps.rememberMs ?? 60_000;
  /** Per source and person (a hash, never the number): the look-up under way or done lately. */
  const recent = new Map<string, { at: number; done: Promise<number> }>();

  const inScope = (source: Source, within: LookUpScope): boolean =>
    within === 'all' ||
    within.some(
      (w) =>
        w.municipality === source.settings.municipality && w.domains.includes(source.mapper.mapping.domain),
    );

  /** Asks each source in scope that can, in parallel, within `timeoutMs`; the number of cases stored. */
  return async function lookUpParty(
    sources: Iterable<Source>,
    party: PartyNumber,
    timeoutMs: number,
    within: LookUpScope,
  ): Promise<number> {
    const asked = [...sources].filter((s) => s.connector.findByParty && inScope(s, within));
    const outcomes = await Promise.allSettled(asked.map((source) => once(source, party, timeoutMs)));
    let stored = 0;
    for (const [i, outcome] of outcomes.entries()) {
      if (outcome.status === 'fulfilled') stored += outcome.value;
      // Which source and why, never whom: the search goes on with what is stored.
      else
        deps.logger.info(
          { source: asked[i]?.settings.id, reason: describe(outcome.reason) },
          'look-up by party gave up',
        );
    }
    return stored;
  };

  function once(source: Source, party: PartyNumber, timeoutMs: number): Promise<number> {
    const now = Date.now();
    const key = createHash('sha256')
      .update(`${source.settings.id}\0${party.kind}\0${party.number}`)
      .digest('base64url');
    const seen = recent.get(key);
    if (seen && now - seen.at < rememberMs) {
      deps.metrics?.lookUps.inc({ source: source.settings.id, outcome: 'remembered' });
      return seen.done;
    }
    if (recent.size >= REMEMBERED_MAX)
      for (const [k, v] of recent) if (now - v.at >= rememberMs) recent.delete(k);
    const done = lookUpIn(source, party, timeoutMs).then(
      (stored) => {
        deps.metrics?.lookUps.inc({ source: source.settings.id, outcome: 'ok' });
        return stored;
      },
      (error: unknown) => {
        // A failure is not remembered: the next search may ask again (the breaker guards the source).
        recent.delete(key);
        deps.metrics?.lookUps.inc({ source: source.settings.id, outcome: 'failed' });
        throw error;
      },
    );
    recent.set(key, { at: now, done });
    return done;
  }

  async function lookUpIn(source: Source, party: PartyNumber, timeoutMs: number): Promise<number> {
    const find = source.connector.findByParty as NonNullable<Source['connector']['findByParty']>;
    // What the source holds now: stored as read at this moment (PullUnit.readAt).
    const readAt = new Date().toISOString();
    // Through the source's breaker: a source that is down is not waited on by every search.
    const records = await source.breaker.execute(() => {
      const controller = new AbortController();
      return withTimeout(
        find.call(source.connector, party, { signal: controller.signal }),
        timeoutMs,
        controller,
      );
    });
    if (records.length === 0) return 0;
    const counts = await deps.processor.process(source, {
      batches: [records],
      cursor: null,
      label: 'look-up by party',
      readAt,
    });
    return counts.stored;
  }
}
