/** Writes the audit entry for a read before the data is shown; no entry, no data (fail closed). */
import type { Context } from 'hono';
import type { AppEnv } from '../app/context.js';
import { AppError } from '../app/errors.js';
import type { Principal } from '../app/principal.js';
import { scrubPersonnummer } from '../person/scrub.js';
import { toCaseView } from '../policy/serialize.js';
import type { CaseView } from '../schemas/case-view.js';
import type { AuditEntry } from '../store/audit-log.js';
import type { StoredCase } from '../store/case-store.js';
import type { RouteServices } from './shared.js';

/** Citizens are logged by their person reference: an e-ID subject may be the personnummer itself. */
export function auditSubject(principal: Principal): string {
  return principal.kind === 'citizen' ? `citizen:${principal.personRef}` : principal.subject;
}

export async function auditRead(
  c: Context<AppEnv>,
  services: RouteServices,
  principal: Principal,
  entry: Omit<AuditEntry, 'subject' | 'role' | 'requestId' | 'purpose'>,
): Promise<void> {
  const purpose = c.req.header('x-arendenav-purpose')?.slice(0, 200);
  try {
    await services.audit.write({
      ...entry,
      subject: auditSubject(principal),
      role: principal.role,
      requestId: c.get('requestId'),
      ...(purpose ? { purpose: scrubPersonnummer(purpose) as string } : {}),
    });
  } catch (cause) {
    throw new AppError('store_unavailable', 'The read could not be recorded, so it is not shown.', {
      retryable: true,
      cause,
    });
  }
}

/** The top-level fields a view shows, for the audit entry (values are never logged). */
export function shownFields(view: object): string[] {
  const meta = new Set([
    'id',
    'reference',
    'confidentiality',
    'source',
    'freshness',
    'municipality',
    'domain',
  ]);
  return Object.keys(view).filter((k) => !meta.has(k));
}

/** The caller's view of one case, audited before it is returned (the one path both read routes take). */
export async function auditedView(
  c: Context<AppEnv>,
  services: RouteServices,
  principal: Principal,
  stored: StoredCase,
  action: 'case.read' | 'me.read',
  staleAfterSeconds: number = services.staleAfterSeconds,
): Promise<CaseView> {
  const view = toCaseView(stored, {
    principal,
    policy: services.policy,
    now: services.now(),
    staleAfterSeconds,
  });
  await auditRead(c, services, principal, {
    action,
    caseId: view.id,
    shown: shownFields(view),
    masked: view.confidentiality.masked,
  });
  return view;
}
