/**
 * A system owner's operations on their own municipality's sources (the admin console): health,
 * resync, the quarantine (reasons only), retry, release and a dry run of the mapping on a stored
 * record. A source of another municipality is answered as not found; an admin whose sign-in names no
 * municipality has none (fail closed).
 */
import { AppError } from '../app/errors.js';
import type { Principal } from '../app/principal.js';
import type {
  MappingDryRun,
  QuarantineEntry,
  QuarantineRetryOutcome,
  RunOutcome,
  SourceStatus,
} from '../schemas/source-status.js';

/** What the sync engine offers operators; the per-record quarantine actions are optional (a stand-in may lack them). */
export type SyncOperations = {
  status(): Promise<SourceStatus[]>;
  has(id: string): boolean;
  runOnce(id: string): Promise<RunOutcome>;
  quarantined(id: string): Promise<QuarantineEntry[]>;
  retryQuarantined?(id: string, recordId: string): Promise<QuarantineRetryOutcome>;
  releaseQuarantined?(id: string, recordId: string): Promise<boolean>;
  dryRunQuarantined?(id: string, recordId: string): Promise<MappingDryRun>;
};

export type SourceOperations = ReturnType<typeof createSourceOperations>;

/** The municipality an admin administers: the one of their sign-in, or none. */
export function adminMunicipality(principal: Principal): string | undefined {
  return principal.kind === 'staff' && principal.role === 'admin' ? principal.municipality : undefined;
}

const NO_SOURCE = 'No source with that id.';

/**
 * @example
 * const ops = createSourceOperations({ sources: syncEngine });
 * await ops.list(admin); // the sources of the admin's municipality
 */
export function createSourceOperations(deps: { sources: SyncOperations }) {
  const { sources } = deps;

  async function own(principal: Principal, id: string): Promise<SourceStatus> {
    const municipality = adminMunicipality(principal);
    const source = (await sources.status()).find((s) => s.id === id);
    if (!municipality || !source || source.municipality !== municipality || !sources.has(id))
      throw new AppError('not_found', NO_SOURCE);
    return source;
  }

  function unavailable(): never {
    throw new AppError('not_found', 'This hub does not offer that operation.');
  }

  return {
    /** The admin's municipality's sources, with lag, circuit, last error and record counts. */
    async list(principal: Principal): Promise<SourceStatus[]> {
      const municipality = adminMunicipality(principal);
      if (!municipality) return [];
      return (await sources.status()).filter((s) => s.municipality === municipality);
    },
    /** One of the admin's sources and its quarantine (reasons, never payloads). */
    async quarantine(
      principal: Principal,
      id: string,
    ): Promise<{ source: SourceStatus; entries: QuarantineEntry[] }> {
      const source = await own(principal, id);
      return { source, entries: await sources.quarantined(id) };
    },
    async resync(principal: Principal, id: string): Promise<RunOutcome> {
      await own(principal, id);
      return sources.runOnce(id);
    },
    async retry(principal: Principal, id: string, recordId: string): Promise<QuarantineRetryOutcome> {
      await own(principal, id);
      if (!sources.retryQuarantined) unavailable();
      return sources.retryQuarantined(id, recordId);
    },
    async release(principal: Principal, id: string, recordId: string): Promise<boolean> {
      await own(principal, id);
      if (!sources.releaseQuarantined) unavailable();
      return sources.releaseQuarantined(id, recordId);
    },
    async dryRun(principal: Principal, id: string, recordId: string): Promise<MappingDryRun> {
      await own(principal, id);
      if (!sources.dryRunQuarantined) unavailable();
      return sources.dryRunQuarantined(id, recordId);
    },
  };
}
