/** The serialization boundary: turns a stored case into what one caller may see. */
import type { Principal } from '../app/principal.js';
import type { CanonicalCase } from '../schemas/case.js';
import type { CaseSummary, CaseView } from '../schemas/case-view.js';
import { deadlineState } from '../schemas/deadline.js';
import type { StoredCase } from '../store/case-store.js';
import { allowedClasses } from './access.js';
import { maskFields } from './mask.js';
import type { Policy } from './policy-schema.js';
import { hideProtectedIdentity, type MaskReason } from './protected-identity.js';

export type ViewContext = { principal: Principal; policy: Policy; now: Date; staleAfterSeconds: number };

/** Status-derived texts go with the status: they would tell what the status is. */
const WITH_STATUS = ['awaiting', 'nextStep'] as const;

function applyMask(
  view: Record<string, unknown>,
  c: CanonicalCase,
  principal: Principal,
  policy: Policy,
): string[] {
  const masked = maskFields(view, c.fieldClasses, allowedClasses(principal, policy, c));
  if (masked.includes('status')) for (const key of WITH_STATUS) delete view[key];
  return masked;
}

/**
 * What is awaited and the next step in the words of the reader's audience: staff read the mapping's
 * staff texts (about the applicant), citizens the texts addressed to them.
 */
function worded(c: CanonicalCase, principal: Principal): Pick<CanonicalCase, 'awaiting' | 'nextStep'> {
  const staff = principal.kind === 'staff' ? c.staffTexts : undefined;
  const what = staff?.what ?? c.awaiting?.what;
  const nextStep = staff?.nextStep ?? c.nextStep;
  return {
    ...(c.awaiting ? { awaiting: { who: c.awaiting.who, ...(what ? { what } : {}) } } : {}),
    ...(nextStep ? { nextStep } : {}),
  };
}

/**
 * A deep copy of the view before masking deletes from it. The views are plain JSON data (from the
 * stored document, the status history and computed dates), which a plain walk copies several times
 * faster than structuredClone; anything that is not a plain object or array (none is expected) is
 * still copied by structuredClone.
 */
function copyView<T>(value: T): T {
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map(copyView) as T;
  if (Object.getPrototypeOf(value) !== Object.prototype) return structuredClone(value);
  const copy: Record<string, unknown> = {};
  for (const key of Object.keys(value)) copy[key] = copyView((value as Record<string, unknown>)[key]);
  return copy as T;
}

/** The full case view, masked for `ctx.principal` by the policy. */
export function toCaseView({ case: c, history }: StoredCase, ctx: ViewContext): CaseView {
  const ageSeconds = Math.max(0, Math.floor((ctx.now.getTime() - Date.parse(c.source.fetchedAt)) / 1000));
  // A copy: masking deletes from the view, and the stored case it came from may be shown to the next caller.
  const view: Record<string, unknown> = copyView({
    id: c.id,
    municipality: c.municipality,
    domain: c.domain,
    caseType: c.caseType,
    reference: c.reference,
    title: c.title,
    office: c.office,
    handler: c.handler,
    status: { ...c.status, history },
    ...worded(c, ctx.principal),
    receivedAt: c.receivedAt,
    completeAt: c.completeAt,
    decidedAt: c.decidedAt,
    closedAt: c.closedAt,
    deadline: c.deadline ? deadlineState(c.deadline, ctx.now, c.decidedAt) : undefined,
    decision: c.decision,
    documents: c.documents,
    // personRef is an internal pseudonym: it identifies the person across cases, so it stays inside.
    parties: c.parties.map((p) => ({
      role: p.role,
      ...(p.displayName ? { displayName: p.displayName } : {}),
      protectedIdentity: p.protectedIdentity,
    })),
    property: c.property,
    source: c.source,
    freshness: { ageSeconds, stale: ageSeconds > ctx.staleAfterSeconds },
  });
  for (const [key, value] of Object.entries(view)) if (value === undefined) delete view[key];
  const reasons: Record<string, MaskReason> = {};
  // Protected identity first: it is the reason that matters to staff when both apply.
  for (const path of hideProtectedIdentity(view, c, ctx.principal, ctx.policy))
    reasons[path] = 'protected_identity';
  for (const path of applyMask(view, c, ctx.principal, ctx.policy)) reasons[path] ??= 'role';
  const masked = Object.keys(reasons).sort();
  view.confidentiality = {
    level: c.confidentiality.level,
    masked,
    reasons: Object.fromEntries(masked.map((path) => [path, reasons[path]])),
  };
  return view as CaseView;
}

/** One row of a result list, masked the same way. */
export function toCaseSummary(
  c: CanonicalCase,
  ctx: Pick<ViewContext, 'now' | 'principal' | 'policy'>,
): CaseSummary {
  const view: Record<string, unknown> = copyView({
    id: c.id,
    reference: c.reference,
    title: c.title,
    domain: c.domain,
    caseType: c.caseType,
    municipality: c.municipality,
    office: { code: c.office.code, name: c.office.name },
    status: { code: c.status.code, label: c.status.label, since: c.status.since },
    awaiting: worded(c, ctx.principal).awaiting,
    deadline: c.deadline ? deadlineState(c.deadline, ctx.now, c.decidedAt) : undefined,
    property: c.property,
    updatedAt: c.source.sourceUpdatedAt,
  });
  for (const [key, value] of Object.entries(view)) if (value === undefined) delete view[key];
  hideProtectedIdentity(view, c, ctx.principal, ctx.policy);
  applyMask(view, c, ctx.principal, ctx.policy);
  return view as CaseSummary;
}
