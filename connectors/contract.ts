/**
 * The connector contract: a data-only description (kind, version, config schema, which settings are
 * secrets) plus behaviour (pull, subscribe, fetch-one, health). Connectors only read from office
 * systems and report what they read; scheduling, retries, circuit breaking, mapping, storage and
 * dead-lettering are the sync engine's business.
 */
import type { z } from 'zod';
import type { PartyNumber } from '../schemas/party-number.js';

/**
 * A unit of work the engine commits atomically: one page of an API, one export file, one batch of
 * broker messages.
 */
export type PullUnit = {
  /** Source records, in batches (a large file streams many batches into one transaction). */
  batches: AsyncIterable<unknown[]> | unknown[][];
  /** The cursor to store with this unit's data, in the same transaction; null keeps the current one. */
  cursor: string | null;
  /** A short, PII-free name for logs and reports, e.g. "page 3" or "export-2026-05-01.xml". */
  label: string;
  /**
   * When the connector asked the source for these records (ISO time), given only by a connector that
   * reads the source's current state (a page of an API, a SOAP call), never by one that passes on
   * events or files that can be delivered again. It orders versions of one case with the same source
   * change time: a later read is the newer truth (docs/connectors.md §1.2).
   */
  readAt?: string;
  /**
   * Records the source deleted (gallring, makulering) since the last cursor, by source record id and
   * when: the hub removes them in the same transaction, and older data never brings them back.
   */
  deletions?: readonly { sourceId: string; at: string }[];
  /** Called after the commit (or the rollback): move a file, acknowledge a message, … */
  settle?(
    outcome:
      | { ok: true; stored: number; quarantined: number }
      | { ok: false; reason: string; retryable: boolean },
  ): Promise<void>;
};

export type ConnectorContext = {
  /** Aborted when the engine's per-call timeout fires or the hub stops. */
  signal: AbortSignal;
};

/** What a push connector tells the engine besides deliveries: its connection to the source came or went. */
export type SubscribeContext = ConnectorContext & {
  onConnection?(connected: boolean): void;
};

export type Health = { ok: boolean; detail: string };

export type { PartyNumber } from '../schemas/party-number.js';

export interface Connector {
  /** Units of records changed after `cursor` (null: from the beginning), oldest first. */
  pull?(cursor: string | null, ctx: ConnectorContext): AsyncIterable<PullUnit>;
  /** Push delivery: `deliver` is called per unit; resolves once the engine has settled it. */
  subscribe?(
    deliver: (unit: PullUnit) => Promise<void>,
    ctx: SubscribeContext,
  ): Promise<{ close(): Promise<void> }>;
  /**
   * The current record for one source id, for "refresh this case now"; undefined when unknown. A read
   * of the current state: the engine stores it as read when it asked (see `PullUnit.readAt`).
   */
  fetchOne?(sourceId: string, ctx: ConnectorContext): Promise<unknown | undefined>;
  /**
   * The records the source holds now for one person or organisation, for a search the schedule has
   * not caught up with; like `fetchOne`, a read of the current state.
   */
  findByParty?(party: PartyNumber, ctx: ConnectorContext): Promise<unknown[]>;
  health(ctx: ConnectorContext): Promise<Health>;
  /**
   * Removes what the connector keeps past its retention (sealed export files), or with `dryRun` only
   * counts it. Called by the hub's retention job; returns counts, never names.
   */
  prune?(options: { dryRun: boolean }): Promise<{ removed: number }>;
  close?(): Promise<void>;
}

/** Encrypts a file as it streams (see person/sealed-file.ts); the hub lends it, keyed by its secret. */
export type FileSealer = {
  /** Writes `from` sealed to `to` (through a temporary file beside `to`); `from` is left to the caller. */
  seal(from: string, to: string): Promise<void>;
};

/**
 * What the hub lends a connector besides its config: capabilities a connector must not build itself
 * (it holds no keys), and the clock, so tests can move time.
 */
export type ConnectorServices = {
  /** Present in the hub: without it a connector cannot keep a file, only delete it. */
  sealer?: FileSealer;
  now?: () => Date;
};

export type ConnectorDefinition<Config> = {
  kind: string;
  version: string;
  description: string;
  configSchema: z.ZodType<Config>;
  /** Config keys whose values are secrets: given as `{ env: NAME }` in the sources file, never logged. */
  secrets: readonly string[];
  create(config: Config, services?: ConnectorServices): Connector;
};

/**
 * Declares a connector kind; the registry lists every kind explicitly.
 *
 * @example
 * export const restConnector = defineConnector({ kind: 'rest', version: '1.0.0', … });
 */
export function defineConnector<Config>(
  definition: ConnectorDefinition<Config>,
): ConnectorDefinition<Config> {
  return definition;
}

export type ConnectorErrorCode =
  | 'unavailable'
  | 'timeout'
  | 'rate_limited'
  | 'protocol'
  | 'auth'
  | 'bad_data'
  | 'config';

/**
 * An error from an office system, carrying the connector's context. `retryable` tells the engine
 * whether backing off and trying again can help; the message must be free of personal data.
 */
export class ConnectorError extends Error {
  constructor(
    readonly code: ConnectorErrorCode,
    message: string,
    readonly options: { retryable: boolean; retryAfterMs?: number; kind?: string; cause?: unknown } = {
      retryable: false,
    },
  ) {
    super(message, { cause: options.cause });
    this.name = 'ConnectorError';
  }

  get retryable(): boolean {
    return this.options.retryable;
  }
}
