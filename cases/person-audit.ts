/**
 * "Who looked at this person?": an admin gives a personnummer (in a body, never a URL) and gets the
 * entries that searched for the person, read one of their cases, or listed one in a search.
 */
import type { PersonRefHasher } from '../person/person-ref.js';
import type { AuditLog, AuditRecord } from '../store/audit-log.js';
import type { CaseStore } from '../store/case-store.js';
import { recordRead } from './audit-entry.js';
import { personQuery } from './person-query.js';
import type { Caller } from './read-context.js';

/** A person's cases are few; more pages than this are not followed (the references still match). */
const MAX_CASE_PAGES = 10;

/**
 * One municipality's share (the admin console): entries of its own staff, and entries about the
 * person's cases of that municipality.
 */
export type PersonAuditScope = { municipality: string };

export type PersonAudit = {
  /** The entries about the person, newest first; the question itself is recorded first. */
  lookUp(caller: Caller, personnummer: string, scope?: PersonAuditScope): Promise<AuditRecord[]>;
};

/**
 * @example
 * const entries = await createPersonAudit({ audit, store, personRefs, now }).lookUp(caller, '19900321-2389');
 */
export function createPersonAudit(deps: {
  audit: AuditLog;
  store: CaseStore;
  personRefs: PersonRefHasher;
  now: () => Date;
}): PersonAudit {
  return {
    async lookUp(caller, personnummer, scope) {
      const { query } = personQuery(personnummer, deps.personRefs, deps.now());
      const personRefs = [query.value].flat();
      // The ids of the cases stored now, for searches that listed them; reads carry the references.
      const caseIds: string[] = [];
      const ownCaseIds = new Set<string>();
      let cursor: string | undefined;
      for (let page = 0; page < MAX_CASE_PAGES; page++) {
        const found = await deps.store.search(query, { limit: 100, ...(cursor ? { cursor } : {}) });
        caseIds.push(...found.items.map((c) => c.id));
        for (const c of found.items) if (c.municipality.code === scope?.municipality) ownCaseIds.add(c.id);
        if (!found.nextCursor) break;
        cursor = found.nextCursor;
      }
      const found = await deps.audit.findForPerson({ personRefs, caseIds });
      const entries = scope
        ? found.filter(
            (e) =>
              e.municipality === scope.municipality ||
              (e.caseId !== null && ownCaseIds.has(e.caseId)) ||
              // A search that listed one of the person's cases of this municipality.
              (e.caseId === null && e.shown.some((id) => ownCaseIds.has(id))),
          )
        : found;
      await recordRead(deps.audit, caller, {
        action: 'audit.person',
        shown: entries.map((e) => e.id),
        masked: [],
        personRefs,
        resultCount: entries.length,
      });
      return entries;
    },
  };
}
