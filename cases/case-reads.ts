/**
 * The read service for case data, shared by the API and the pages: visibility in the query, masking
 * at the serialization boundary, a short refresh from the source when a copy is stale, and an audit
 * entry before anything is shown. It takes plain inputs (a caller, ids, queries) and knows no HTTP.
 */
import { AppError } from '../app/errors.js';
import type { Principal } from '../app/principal.js';
import type { PersonRefHasher } from '../person/person-ref.js';
import { mayRead, visibility } from '../policy/access.js';
import type { Policy } from '../policy/policy-schema.js';
import { toCaseView } from '../policy/serialize.js';
import type { CanonicalCase, StatusCode } from '../schemas/case.js';
import type { CaseView } from '../schemas/case-view.js';
import { guideFor, type Process } from '../schemas/process-guide.js';
import type { AuditLog } from '../store/audit-log.js';
import type { CaseStore, GetOptions, StoredCase } from '../store/case-store.js';
import { PURPOSE_HEADER, recordRead, shownFields } from './audit-entry.js';
import { auditedSearch, type CasePage, type CaseSearch } from './audited-search.js';
import { type CaseReaders, ownCaseReaders } from './case-readers.js';
import { createExpectedDecisions } from './expected-decision.js';
import { type OrganisationSearch, organisationQuery } from './organisation-query.js';
import { type PersonSearch, personQuery } from './person-query.js';
import type { Caller } from './read-context.js';
import type { CaseSources, SourceKey } from './source-lookup.js';

export type { CasePage, CaseSearch } from './audited-search.js';

/** A staff read: the view, and whether its source can be asked for a fresh copy now. */
export type StaffCaseRead = { view: CaseView; refreshable: boolean };

export type CaseReadDeps = {
  /** Who sees what: the access policy (a data file, not code). */
  policy: Policy;
  /** Every read of case data is written here before it is shown. */
  audit: AuditLog;
  store: CaseStore;
  personRefs: PersonRefHasher;
  /** The sources cases come from, as far as a read needs them (freshness, fetching one case). */
  sources: CaseSources;
  now: () => Date;
  /** Cases fetched longer ago than this are shown as stale, unless their source says otherwise. */
  staleAfterSeconds: number;
  /** How long a staff read may wait for a fresh copy from the source before serving what is stored. */
  refreshTimeoutMs?: number;
  /** How long a search for a person may wait for the sources that can list that person's cases. */
  lookUpTimeoutMs?: number;
  /** Every domain the hub knows, for the visibility policy. */
  domains: readonly string[];
  /** The process of a case's type, from the mapping it came from (the process guide); none without. */
  processFor?: ((c: CanonicalCase) => Process | undefined) | undefined;
  /** A kommunkod's name from the deployment's municipalities file, for telling citizens who read. */
  municipalityName?: ((code: string) => string | undefined) | undefined;
};

/**
 * Builds the read service over the store, the policy and the audit log.
 *
 * @example
 * const reads = createCaseReads({ policy, audit, store, personRefs, sources, now: () => new Date(), staleAfterSeconds: 3600, domains });
 * const { view } = await reads.readForStaff(caller, id);
 */
export function createCaseReads(deps: CaseReadDeps) {
  const expectedDecisions = createExpectedDecisions(
    (key, period) => deps.store.decisionTimes(key, period),
    deps.now,
  );
  const refreshTimeoutMs = deps.refreshTimeoutMs ?? 1_500;
  const searchDeps = { ...deps, checkPurpose };
  const keyOf = (stored: StoredCase): SourceKey => ({
    ...(stored.syncSource ? { id: stored.syncSource } : {}),
    municipalityCode: stored.case.municipality.code,
    mappingId: stored.case.source.mappingId,
  });

  /** The caller's view of one case, audited before it is returned (the one path every read takes). */
  async function auditedView(
    caller: Caller,
    stored: StoredCase,
    action: 'case.read' | 'me.read',
    staleAfterSeconds: number,
  ): Promise<CaseView> {
    const view = toCaseView(stored, {
      principal: caller.principal,
      policy: deps.policy,
      now: deps.now(),
      staleAfterSeconds,
    });
    // Derived from the status and its history: shown only where the status is.
    const process = view.status && deps.processFor?.(stored.case);
    if (process && view.status) {
      const guide = guideFor(process, view.status.code, view.status.history);
      if (guide) view.process = guide;
    }
    // Derived from the received date and the status: shown only where both are.
    if (view.receivedAt && view.status) {
      const expected = await expectedDecisions.forCase(stored.case);
      if (expected) view.expectedDecision = expected;
    }
    await recordRead(deps.audit, caller, {
      action,
      caseId: view.id,
      shown: shownFields(view),
      masked: view.confidentiality.masked,
      // Whose case it is, kept with the read: the answer survives the case's removal from the hub.
      personRefs: stored.case.parties.flatMap((p) => (p.personRef ? [p.personRef] : [])),
    });
    return view;
  }

  /**
   * A read that finds nothing the caller may see: recorded (a run of them is someone probing ids),
   * then answered exactly like a case that does not exist.
   */
  async function denied(caller: Caller, id: string): Promise<never> {
    await recordRead(deps.audit, caller, { action: 'case.denied', caseId: id, shown: [], masked: [] });
    throw new AppError('not_found', 'No case with that id.');
  }

  /**
   * What the caller may see, as the store's filter: with it in the query, a hidden case and a missing
   * one take the same path (one query that finds nothing, the denied entry, the same 404), so their
   * answers cannot be told apart by time or bytes.
   */
  function readFilter(caller: Caller): GetOptions {
    const visible = visibility(caller.principal, deps.policy, deps.domains);
    return visible ? { visible } : {};
  }

  /** A stated purpose must be one of the policy's; an unknown one is refused before anything is read. */
  function checkPurpose(caller: Caller): void {
    if (caller.purpose === undefined || deps.policy.purposes.some((p) => p.id === caller.purpose)) return;
    throw new AppError('validation', 'The stated purpose is not one of the configured purposes.', {
      errors: [
        {
          field: PURPOSE_HEADER,
          message: `use one of: ${deps.policy.purposes.map((p) => p.id).join(', ')}`,
        },
      ],
    });
  }

  /** The stored case when `principal` may read it (staff rules). */
  async function visibleToStaff(caller: Caller, id: string): Promise<StoredCase> {
    checkPurpose(caller);
    const stored = await deps.store.get(id, readFilter(caller));
    // The query already filtered; the policy is asked again so a store bug cannot show a hidden case.
    if (!stored || !mayRead(caller.principal, deps.policy, stored.case)) return denied(caller, id);
    return stored;
  }

  return {
    /** A staff search, filtered in SQL by what the caller may see and audited with its kind and hits. */
    search: (caller: Caller, search: CaseSearch): Promise<CasePage> =>
      auditedSearch(searchDeps, caller, search, 'case.search'),

    /**
     * A search for a personnummer (validated): the store query, and the number to ask sources with,
     * which goes no further than the sources.
     */
    personSearch: (personnummer: string): PersonSearch =>
      personQuery(personnummer, deps.personRefs, deps.now()),

    /** The same for an organisationsnummer ("16" and the dash optional): the cases it is a party to. */
    organisationSearch: (organisationsnummer: string): OrganisationSearch =>
      organisationQuery(organisationsnummer, deps.personRefs),

    /**
     * One case for staff. A stale copy is refreshed from its source briefly (someone is on the
     * phone), else what is stored is shown with its age. A case the caller may not see is "not found".
     */
    async readForStaff(caller: Caller, id: string): Promise<StaffCaseRead> {
      let stored = await visibleToStaff(caller, id);
      const source = deps.sources.sourceFor(keyOf(stored));
      const ageSeconds = (deps.now().getTime() - Date.parse(stored.case.source.fetchedAt)) / 1000;
      // Each source says how old its cases may get before they count as stale.
      const staleAfter = source?.freshnessSeconds ?? deps.staleAfterSeconds;
      if (source?.canFetchOne && ageSeconds > staleAfter && (await refresh(stored))) {
        stored = (await deps.store.get(id, readFilter(caller))) ?? stored;
      }
      const view = await auditedView(caller, stored, 'case.read', staleAfter);
      return { view, refreshable: source?.canFetchOne ?? false };
    },

    /** Asks the source of a case the caller may see for a fresh copy now (the "refresh" button). */
    async refreshForStaff(caller: Caller, id: string): Promise<boolean> {
      return refresh(await visibleToStaff(caller, id));
    },

    /** A citizen's own cases: the person references from the sign-in are the filter. */
    /** The citizen's own cases, newest change first; `status`: only cases in these statuses (ongoing, closed). */
    listOwn: (
      caller: Caller,
      page: { cursor?: string; limit: number; status?: readonly StatusCode[] },
    ): Promise<CasePage> => {
      const { status, ...rest } = page;
      return auditedSearch(
        searchDeps,
        caller,
        {
          query: { by: 'personRef', value: citizenRefs(caller.principal) },
          ...(status ? { filters: { status: [...status] } } : {}),
          ...rest,
        },
        'me.list',
      );
    },

    /** One of the citizen's own cases; someone else's case and no case at all answer alike. */
    async readOwn(caller: Caller, id: string): Promise<CaseView> {
      return auditedView(caller, await ownCase(caller, id), 'me.read', deps.staleAfterSeconds);
    },

    /** Which organisations' staff read one of the citizen's own cases, newest first (`cases/case-readers.ts`). */
    async readersOfOwn(caller: Caller, id: string, limit: number): Promise<CaseReaders> {
      return ownCaseReaders(deps, caller, await ownCase(caller, id), limit);
    },
  };

  /** The citizen's own case, or the denied answer (someone else's case, a hidden one and none at all alike). */
  async function ownCase(caller: Caller, id: string): Promise<StoredCase> {
    checkPurpose(caller);
    const refs = citizenRefs(caller.principal);
    // Someone else's case, a hidden one and none at all: the same query finds nothing.
    const stored = await deps.store.get(id, { ...readFilter(caller), personRefs: refs });
    if (
      // Only a person party can be the citizen; an organisation party (orgRef) never matches.
      !stored?.case.parties.some((p) => p.personRef !== undefined && refs.includes(p.personRef)) ||
      !mayRead(caller.principal, deps.policy, stored.case)
    ) {
      return denied(caller, id);
    }
    return stored;
  }

  /** Asks a case's source for a fresh copy, within the refresh timeout; false when it cannot or did not answer. */
  function refresh(stored: StoredCase): Promise<boolean> {
    return deps.sources.refreshCase(
      { ...keyOf(stored), sourceId: stored.case.source.sourceId },
      refreshTimeoutMs,
    );
  }
}

export type CaseReads = ReturnType<typeof createCaseReads>;

function citizenRefs(principal: Principal): readonly string[] {
  if (principal.kind !== 'citizen')
    throw new AppError('forbidden', 'Only citizens have their own cases here.');
  return principal.personRefs;
}
