/** What the hub tells about its sources: sync state, health, the outcome of a run and quarantined records. */

/** The sync state of one source as recorded in the store. */
export type SourceState = {
  sourceId: string;
  cursor: string | null;
  lastAttemptAt: string | null;
  lastSuccessAt: string | null;
  lastError: string | null;
  consecutiveFailures: number;
  recordsIn: number;
  recordsFailed: number;
  quarantined: number;
};

/** One source as operators see it: its settings, state, circuit and schedule. */
export type SourceStatus = SourceState & {
  id: string;
  kind: string;
  municipality: string;
  mapping: string;
  /** The domain of the cases it brings (from its mapping): who may see its health follows from it. */
  domain: string;
  circuit: 'closed' | 'open' | 'half-open';
  running: boolean;
  /** A push source's connection to its broker: false while it is lost; null for a pull source. */
  connected: boolean | null;
  nextRunAt: string | null;
  lagSeconds: number | null;
  /** Cases older than this count as stale (the source's `freshnessSeconds`). */
  freshnessSeconds: number;
  canFetchOne: boolean;
};

/** The outcome of one sync run. */
export type RunOutcome = {
  /** Units (files) the source made unreadable; set aside, not retried. */
  failedUnits?: number;
  outcome: 'ok' | 'failed' | 'leased-elsewhere' | 'circuit-open';
  stored: number;
  quarantined: number;
  units: number;
  error?: string;
};

/** Why a record could not be mapped: the canonical field and a message that quotes no personal data. */
export type QuarantineReason = { field: string; message: string };

/** A record set aside because its mapping refused it; the payload stays sealed in the store. */
export type QuarantineEntry = {
  sourceRecordId: string;
  reasons: QuarantineReason[];
  mappingId: string;
  mappingVersion: string;
  attempts: number;
  firstSeenAt: string;
  lastSeenAt: string;
};

/** How a source stands for someone explaining a delay: behind when its last success is older than its freshness limit. */
export type SourceCondition = 'ok' | 'behind' | 'failing' | 'never';

/** The one rule for a source's condition, shared by the staff console and the Mina ärenden answer. */
export function sourceCondition(s: SourceStatus): SourceCondition {
  if (s.connected === false) return 'failing';
  if (!s.lastSuccessAt) return s.consecutiveFailures > 0 ? 'failing' : 'never';
  if (s.circuit === 'open' || s.consecutiveFailures > 0) return 'failing';
  return (s.lagSeconds ?? 0) > s.freshnessSeconds ? 'behind' : 'ok';
}

/** How an admin's retry of one quarantined record went: stored now, still refused (why), or not possible. */
export type QuarantineRetryOutcome =
  | { outcome: 'stored' }
  | { outcome: 'removed' }
  | { outcome: 'refused'; reasons: QuarantineReason[] }
  | { outcome: 'unreadable' }
  | { outcome: 'not-found' };

/**
 * A value as a dry run may show it: its kind and size, never the value (a quarantined record holds
 * personal data, and the admin's job is the mapping, not the case).
 */
export type MaskedValue = {
  kind: 'empty' | 'text' | 'number' | 'boolean' | 'list' | 'object';
  size?: number;
};

/** A mapping tried on one stored record without storing anything: per field its class, rule and masked value. */
export type MappingDryRun =
  | {
      outcome: 'maps' | 'removed' | 'refused';
      mappingId: string;
      mappingVersion: string;
      fields: { field: string; class: string; rule: string; value: MaskedValue }[];
      reasons: QuarantineReason[];
      /** Parts left out of a case that maps (an unreadable party), each with its reason. */
      leftOut: QuarantineReason[];
      /** Canonical fields classified secret, dropped before storage. */
      dropped: string[];
    }
  | { outcome: 'unreadable' | 'not-found' };
