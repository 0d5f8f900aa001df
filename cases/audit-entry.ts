/** Writes the audit entry for a read before the data is shown; no entry, no data (fail closed). */
import { AppError } from '../app/errors.js';
import type { Principal } from '../app/principal.js';
import { scrubPersonnummer } from '../person/scrub.js';
import type { AuditEntry, AuditLog } from '../store/audit-log.js';
import type { Caller } from './read-context.js';

/** The longest purpose text kept; a purpose is a few words, not a document. */
const PURPOSE_CHARS = 200;

/** The header an API client states its purpose in: an id from the policy's `purposes`. */
export const PURPOSE_HEADER = 'x-arendenav-purpose';

/** Citizens are logged by their person reference: an e-ID subject may be the personnummer itself. */
export function auditSubject(principal: Principal): string {
  return principal.kind === 'citizen' ? `citizen:${principal.personRef}` : principal.subject;
}

/**
 * Who is recorded for an entry: subject and role, and for staff the municipality and office of their
 * sign-in (what a citizen is told of who read their case). Every write that has a principal uses it.
 */
export function auditPrincipal(
  principal: Principal,
): Pick<AuditEntry, 'subject' | 'role' | 'municipality' | 'office'> {
  return {
    subject: auditSubject(principal),
    role: principal.role,
    ...(principal.kind === 'staff' && principal.municipality ? { municipality: principal.municipality } : {}),
    ...(principal.kind === 'staff' && principal.office ? { office: principal.office } : {}),
  };
}

/**
 * Records what `caller` is about to be shown. Throws `store_unavailable` when the entry cannot be
 * written, so the caller sees nothing rather than something unrecorded.
 *
 * @example
 * await recordRead(audit, caller, { action: 'case.read', caseId, shown: ['status'], masked: [] });
 */
export async function recordRead(
  audit: AuditLog,
  caller: Caller,
  entry: Omit<AuditEntry, 'subject' | 'role' | 'requestId' | 'purpose' | 'municipality' | 'office'>,
): Promise<void> {
  // Scrubbed before it is cut: a cut first could leave half a personnummer that no longer looks like one.
  const purpose =
    caller.purpose === undefined
      ? undefined
      : (scrubPersonnummer(caller.purpose) as string).slice(0, PURPOSE_CHARS);
  try {
    await audit.write({
      ...entry,
      ...auditPrincipal(caller.principal),
      requestId: caller.requestId,
      ...(purpose ? { purpose } : {}),
    });
  } catch (cause) {
    throw new AppError('store_unavailable', 'The read could not be recorded, so it is not shown.', {
      retryable: true,
      cause,
    });
  }
}

/** Metadata every view carries; the audit entry lists the other top-level fields shown (never values). */
const META_FIELDS = new Set([
  'id',
  'reference',
  'confidentiality',
  'source',
  'freshness',
  'municipality',
  'domain',
]);

/** The top-level fields a view shows, for the audit entry. */
export function shownFields(view: object): string[] {
  return Object.keys(view).filter((k) => !META_FIELDS.has(k));
}
