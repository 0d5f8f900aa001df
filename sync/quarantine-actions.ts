/**
 * An admin's actions on one quarantined record: retry it with the mapping loaded now, let it go, or
 * try the mapping on it without storing anything (a dry run that shows field names, classes, rules
 * and reasons, never a value). The sealed payload is opened in memory only.
 */
import type { Mapper } from '../mappings/engine/index.js';
import type { PersonRefHasher } from '../person/person-ref.js';
import { scrubPersonnummer } from '../person/scrub.js';
import type { SealedBox } from '../person/sealed-box.js';
import type { CaseIdMinter } from '../schemas/case-id.js';
import type {
  MappingDryRun,
  MaskedValue,
  QuarantineReason,
  QuarantineRetryOutcome,
} from '../schemas/source-status.js';
import type { Db } from '../store/db.js';
import type { SyncStore } from './sync-store.js';
import type { UnitProcessor, UnitTarget } from './unit-processor.js';

export type QuarantineActionDeps = {
  db: Db;
  syncStore: Pick<SyncStore, 'quarantinedPayload' | 'releaseQuarantined' | 'quarantineIn'>;
  quarantineBox: SealedBox;
  processor: Pick<UnitProcessor, 'map' | 'storeMapped'>;
  personRefs: PersonRefHasher;
  caseIds: CaseIdMinter;
  now?: () => Date;
};

/** The kind and size of a value, which is all a dry run shows of it. */
export function maskValue(value: unknown): MaskedValue {
  if (value === null || value === undefined || value === '') return { kind: 'empty' };
  if (typeof value === 'string') return { kind: 'text', size: value.length };
  if (typeof value === 'number') return { kind: 'number' };
  if (typeof value === 'boolean') return { kind: 'boolean' };
  if (Array.isArray(value)) return { kind: 'list', size: value.length };
  return { kind: 'object' };
}

// Reasons may quote a source value (a date that did not parse): never a personnummer.
const scrubbed = (problems: readonly QuarantineReason[]): QuarantineReason[] =>
  problems.map((p) => ({ field: p.field, message: scrubPersonnummer(p.message) as string }));

/**
 * @example
 * const actions = createQuarantineActions({ db, syncStore, quarantineBox, processor, personRefs, caseIds });
 * await actions.retry(source, 'BN 2026-000999'); // { outcome: 'refused', reasons: [...] }
 */
export function createQuarantineActions(deps: QuarantineActionDeps) {
  const now = deps.now ?? (() => new Date());

  async function open(sourceId: string, recordId: string) {
    const waiting = await deps.syncStore.quarantinedPayload(sourceId, recordId);
    if (!waiting) return 'not-found' as const;
    try {
      return { waiting, record: deps.quarantineBox.open(waiting.payload) as unknown };
    } catch {
      // Sealed with a key no longer configured: it waits for the source to send it again.
      return 'unreadable' as const;
    }
  }

  return {
    /** Maps the record with the mapping loaded now: stored (and released) if it maps, else its reasons renewed. */
    async retry(target: UnitTarget, recordId: string): Promise<QuarantineRetryOutcome> {
      const opened = await open(target.settings.id, recordId);
      if (typeof opened === 'string') return { outcome: opened };
      const { waiting, record } = opened;
      const result = await deps.processor.map(target.mapper, record, waiting.readAt);
      if (result.ok === false) {
        const reasons = scrubbed(result.errors);
        // The attempt is counted and the reasons are the current mapping's.
        await deps.syncStore.quarantineIn(deps.db, {
          sourceId: target.settings.id,
          sourceRecordId: waiting.sourceRecordId,
          reasons,
          payload: waiting.payload,
          mappingId: target.mapper.id,
          mappingVersion: target.mapper.version,
          ...(waiting.readAt !== undefined ? { readAt: waiting.readAt } : {}),
        });
        return { outcome: 'refused', reasons };
      }
      if (result.ok === 'deleted') {
        await deps.processor.storeMapped(
          target,
          { cases: [], removals: [{ id: result.caseId, sourceId: result.sourceId, at: result.at }] },
          [waiting.sourceRecordId],
        );
        return { outcome: 'removed' };
      }
      await deps.processor.storeMapped(target, { cases: [result.case], removals: [] }, [
        waiting.sourceRecordId,
      ]);
      return { outcome: 'stored' };
    },

    /** Lets the record go: entry and payload removed (the source may send it again). */
    release: (sourceId: string, recordId: string): Promise<boolean> =>
      deps.syncStore.releaseQuarantined(sourceId, recordId),

    /** Tries `mapper` on the stored record; nothing is stored and no value leaves this function. */
    async dryRun(mapper: Mapper, sourceId: string, recordId: string): Promise<MappingDryRun> {
      const opened = await open(sourceId, recordId);
      if (typeof opened === 'string') return { outcome: opened };
      const result = await mapper.map(opened.record, {
        personRefs: deps.personRefs,
        caseIds: deps.caseIds,
        now: now(),
        trace: true,
      });
      return {
        outcome: result.ok === true ? 'maps' : result.ok === 'deleted' ? 'removed' : 'refused',
        mappingId: mapper.id,
        mappingVersion: mapper.version,
        fields: (result.trace ?? []).map((t) => ({
          field: t.field,
          class: t.class,
          rule: t.rule,
          value: maskValue(t.value),
        })),
        reasons: result.ok === false ? scrubbed(result.errors) : [],
        leftOut: scrubbed(result.warnings),
        dropped: result.ok === true ? result.dropped : [],
      };
    },
  };
}
