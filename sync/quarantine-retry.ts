/** Quarantine retry: records set aside earlier get another try with the mapping loaded now (e.g. after a fix). */
import type { SealedBox } from '../person/sealed-box.js';
import type { CanonicalCase } from '../schemas/case.js';
import type { SyncStore } from './sync-store.js';
import type { Removal, UnitProcessor, UnitTarget } from './unit-processor.js';

export type QuarantineRetryDeps = {
  syncStore: Pick<SyncStore, 'quarantinedPayloads'>;
  quarantineBox: SealedBox;
  processor: Pick<UnitProcessor, 'map' | 'storeMapped'>;
};

/**
 * @example
 * const retryQuarantine = createQuarantineRetry({ syncStore, quarantineBox, processor });
 * const stored = await retryQuarantine(source);
 */
export function createQuarantineRetry(deps: QuarantineRetryDeps) {
  /** Stores the waiting records that map now and releases their entries; the number stored. */
  return async function retryQuarantine(target: UnitTarget): Promise<number> {
    const waiting = await deps.syncStore.quarantinedPayloads(target.settings.id);
    if (waiting.length === 0) return 0;
    const cases: CanonicalCase[] = [];
    const removals: Removal[] = [];
    const keys: string[] = [];
    for (const w of waiting) {
      let record: unknown;
      try {
        record = deps.quarantineBox.open(w.payload);
      } catch {
        // Sealed with a key no longer configured: it waits for the source to send it again.
        continue;
      }
      // Mapped once: the case stored is the one this mapping made, not a second attempt's.
      // As read then: a copy read in the morning must not pass for an afternoon read (PullUnit.readAt).
      const result = await deps.processor.map(target.mapper, record, w.readAt);
      if (result.ok === false) continue;
      // A record that now says its source removed the case is removed, and its entry released.
      if (result.ok === 'deleted')
        removals.push({ id: result.caseId, sourceId: result.sourceId, at: result.at });
      else cases.push(result.case);
      // Entries kept under a content hash (no readable source id) are released by that key.
      keys.push(w.sourceRecordId);
    }
    if (cases.length === 0 && removals.length === 0) return 0;
    return deps.processor.storeMapped(target, { cases, removals }, keys);
  };
}

export type RetryQuarantine = ReturnType<typeof createQuarantineRetry>;
