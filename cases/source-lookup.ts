/** What a read needs to know about the source a case came from; the sync engine answers it from memory. */
import type { PartyNumber } from '../schemas/party-number.js';

/**
 * A case's source: by the configured source id the case was stored from (`id`), or, for cases
 * stored before the hub recorded it, by municipality and mapping.
 */
export type SourceKey = { id?: string; municipalityCode: string; mappingId: string };

/** The source as configured: its freshness limit, and whether it can fetch one case on demand. */
export type SourceTraits = { freshnessSeconds: number; canFetchOne: boolean };

/** Which sources a look-up may ask: those of these municipalities and domains, or every one. */
export type LookUpScope = readonly { municipality: string; domains: readonly string[] }[] | 'all';

export type CaseSources = {
  sourceFor(key: SourceKey): SourceTraits | undefined;
  /** Fetches and stores a fresh copy of one case within `timeoutMs`; false when the source cannot or did not answer. */
  refreshCase(key: SourceKey & { sourceId: string }, timeoutMs: number): Promise<boolean>;
  /**
   * Asks the sources that can list cases by person for this one's now and stores them; the number
   * stored. Only sources within `within` (municipality and domains) are asked, or all with 'all'.
   */
  lookUpParty?(party: PartyNumber, timeoutMs: number, within: LookUpScope): Promise<number>;
};

/** For a hub without configured sources (tests, benchmarks of the read path). */
export const NO_CASE_SOURCES: CaseSources = {
  sourceFor: () => undefined,
  refreshCase: async () => false,
};
