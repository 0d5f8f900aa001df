/** Refresh-one: fetch one record from its source now, within a time limit, and store it like any unit. */
import type { Logger } from '../app/logger.js';
import { describe, withTimeout } from './resilience.js';
import type { Source } from './source.js';
import type { UnitProcessor } from './unit-processor.js';

/**
 * How a stored case names where it came from: the configured source it was synced from (`id`), or,
 * for a case stored before the hub recorded that, its municipality and mapping.
 */
export type CaseOrigin = { id?: string; municipalityCode: string; mappingId: string };

export type RefreshOneDeps = {
  processor: Pick<UnitProcessor, 'process'>;
  logger: Logger;
};

/**
 * The sources a case may come from: the one it was synced from, found by id; otherwise (an older
 * case, or a source renamed since) those of its municipality and mapping.
 */
function candidates(sources: Iterable<Source>, origin: CaseOrigin): Source[] {
  const all = [...sources];
  const byId = origin.id === undefined ? undefined : all.find((s) => s.settings.id === origin.id);
  if (byId) return [byId];
  return all.filter(
    (s) => s.settings.municipality === origin.municipalityCode && s.mapper.id === origin.mappingId,
  );
}

/**
 * What the sources a case comes from allow, from memory (no database round trip on a case read):
 * their freshness limit, and whether one of them can fetch a single record now.
 */
export function sourceFor(
  sources: Iterable<Source>,
  origin: CaseOrigin,
): { freshnessSeconds: number; canFetchOne: boolean } | undefined {
  const matching = candidates(sources, origin);
  const [first] = matching;
  if (!first) return undefined;
  return {
    freshnessSeconds: first.settings.freshnessSeconds,
    canFetchOne: matching.some((s) => s.connector.fetchOne),
  };
}

/** The first source a case comes from that can fetch one record, if any. */
export function fetchingSourceFor(sources: Iterable<Source>, origin: CaseOrigin): Source | undefined {
  return candidates(sources, origin).find((s) => s.connector.fetchOne);
}

/**
 * @example
 * const refreshOne = createRefreshOne({ processor, logger });
 * const fresh = await refreshOne(source, 'BN 2026-000123', 1_500);
 */
export function createRefreshOne(deps: RefreshOneDeps) {
  /** Fetches and stores one record within `timeoutMs`; false when the source cannot or did not answer. */
  return async function refreshOne(
    source: Source | undefined,
    sourceId: string,
    timeoutMs: number,
  ): Promise<boolean> {
    if (!source?.connector.fetchOne) return false;
    const controller = new AbortController();
    // The record as the source holds it now: stored as read at this moment (PullUnit.readAt).
    const readAt = new Date().toISOString();
    try {
      const record = await withTimeout(
        source.connector.fetchOne(sourceId, { signal: controller.signal }),
        timeoutMs,
        controller,
      );
      if (record === undefined) return false;
      const counts = await deps.processor.process(source, {
        batches: [[record]],
        cursor: null,
        label: 'refresh one',
        readAt,
      });
      return counts.stored === 1;
    } catch (error) {
      deps.logger.info(
        { source: source.settings.id, reason: describe(error) },
        'refresh of one case gave up',
      );
      return false;
    }
  };
}
