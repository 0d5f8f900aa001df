/**
 * "Who read my case?": the staff reads of one of a citizen's own cases, as the citizen may be told of
 * them — which municipality's staff, which office or unit, in which role, and when. Staff names only
 * when the policy says so (`citizenAudit.showStaffNames`).
 */
import type { Policy } from '../policy/policy-schema.js';
import type { AuditLog } from '../store/audit-log.js';
import type { StoredCase } from '../store/case-store.js';
import { recordRead } from './audit-entry.js';
import type { Caller } from './read-context.js';

/**
 * The roles whose reads a citizen is told of: the people who look at cases for their work. The
 * citizen's own reads (and a co-party's) are not staff reads; admins and the hub's own jobs (sync,
 * retention) read no case contents, and would be no answer to the citizen's question if they did.
 */
export const READER_ROLES = ['infocenter', 'officer'] as const;

/** At most this many entries are given at once ("show more" asks for up to this many). */
export const MAX_READERS = 100;

export type CaseReader = {
  at: string;
  role: (typeof READER_ROLES)[number];
  /** The reader's municipality from their sign-in, with its name from the deployment's file when known. */
  municipality: { code: string; name?: string } | null;
  /** The reader's office or unit code from their sign-in. */
  office: string | null;
  /** The staff member's subject: only when the policy's `citizenAudit.showStaffNames` is on. */
  name?: string;
};

export type CaseReaders = { items: CaseReader[]; more: boolean };

export type CaseReadersDeps = {
  audit: AuditLog;
  policy: Policy;
  /** The name the deployment's municipalities file gives a kommunkod, if it describes it. */
  municipalityName?: ((code: string) => string | undefined) | undefined;
};

/**
 * The staff reads of `stored`, a case already checked to be the caller's own, newest first. The
 * citizen's look at the list is itself recorded (`me.readers`) before it is returned.
 *
 * @example
 * const { items, more } = await ownCaseReaders(deps, caller, stored, 10);
 */
export async function ownCaseReaders(
  deps: CaseReadersDeps,
  caller: Caller,
  stored: StoredCase,
  limit: number,
): Promise<CaseReaders> {
  const wanted = Math.min(Math.max(limit, 1), MAX_READERS);
  const rows = await deps.audit.staffReads({
    caseId: stored.case.id,
    roles: READER_ROLES,
    limit: wanted + 1,
  });
  const showNames = deps.policy.citizenAudit.showStaffNames;
  const items = rows.slice(0, wanted).map((r): CaseReader => {
    const name = r.municipality ? deps.municipalityName?.(r.municipality) : undefined;
    return {
      at: r.at,
      role: r.role as CaseReader['role'],
      municipality: r.municipality ? { code: r.municipality, ...(name ? { name } : {}) } : null,
      office: r.office,
      ...(showNames ? { name: r.subject } : {}),
    };
  });
  await recordRead(deps.audit, caller, {
    action: 'me.readers',
    caseId: stored.case.id,
    shown: showNames ? ['readers', 'readers.name'] : ['readers'],
    masked: [],
    resultCount: items.length,
    personRefs: stored.case.parties.flatMap((p) => (p.personRef ? [p.personRef] : [])),
  });
  return { items, more: rows.length > wanted };
}
