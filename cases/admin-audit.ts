/**
 * Audit search in the admin console: by case, by staff member, by person, each limited to the admin's
 * own municipality. Reading the log is itself recorded, as the API records it; a person is looked up
 * by personnummer through the person audit (which records the question).
 */
import { AppError } from '../app/errors.js';
import type { AuditLog, AuditQuery, AuditRecord } from '../store/audit-log.js';
import type { CaseStore } from '../store/case-store.js';
import { recordRead } from './audit-entry.js';
import type { PersonAudit } from './person-audit.js';
import type { Caller } from './read-context.js';
import { adminMunicipality } from './source-operations.js';

export type { AuditRecord };

const PAGE = 100;

export type AdminAudit = ReturnType<typeof createAdminAudit>;

/**
 * @example
 * const adminAudit = createAdminAudit({ audit, store, personAudit });
 * await adminAudit.byCase(caller, caseId);
 */
export function createAdminAudit(deps: { audit: AuditLog; store: CaseStore; personAudit: PersonAudit }) {
  function municipalityOf(caller: Caller): string {
    const municipality = adminMunicipality(caller.principal);
    if (!municipality) throw new AppError('forbidden', 'Your sign-in names no municipality to administer.');
    return municipality;
  }

  async function shown(caller: Caller, items: AuditRecord[], caseId?: string): Promise<AuditRecord[]> {
    await recordRead(deps.audit, caller, {
      action: 'audit.read',
      ...(caseId ? { caseId } : {}),
      shown: items.map((i) => i.id),
      masked: [],
      resultCount: items.length,
    });
    return items;
  }

  return {
    /** Who read or listed the case: everyone, when it is the admin's municipality's case; else their own staff. */
    async byCase(caller: Caller, caseId: string): Promise<AuditRecord[]> {
      const municipality = municipalityOf(caller);
      const stored = await deps.store.get(caseId);
      const own = stored?.case.municipality.code === municipality;
      const items = await deps.audit.find({ caseId, limit: PAGE, ...(own ? {} : { municipality }) });
      return shown(caller, items, caseId);
    },
    /**
     * The API's filtered listing, with the console's scope: everything about one of the admin's own
     * cases; otherwise only entries of their own municipality's staff.
     */
    async search(caller: Caller, query: Omit<AuditQuery, 'municipality'>): Promise<AuditRecord[]> {
      const municipality = municipalityOf(caller);
      const own =
        query.caseId !== undefined &&
        (await deps.store.get(query.caseId))?.case.municipality.code === municipality;
      const items = await deps.audit.find({ ...query, ...(own ? {} : { municipality }) });
      return shown(caller, items, query.caseId);
    },
    /** What one staff member (their sign-in subject) did, as staff of the admin's municipality. */
    async byStaff(caller: Caller, subject: string): Promise<AuditRecord[]> {
      const municipality = municipalityOf(caller);
      return shown(caller, await deps.audit.find({ subject, municipality, limit: PAGE }));
    },
    /** Who searched for the person or read their cases (the personnummer goes no further than references). */
    async byPerson(caller: Caller, personnummer: string): Promise<AuditRecord[]> {
      const municipality = municipalityOf(caller);
      return deps.personAudit.lookUp(caller, personnummer, { municipality });
    },
  };
}
