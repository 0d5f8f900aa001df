/** The serialization boundary: turns a stored case into what one caller may see. */
import type { Principal } from '../app/principal.js';
import type { CanonicalCase } from '../schemas/case.js';
import type { CaseSummary, CaseView } from '../schemas/case-view.js';
import { deadlineState } from '../schemas/deadline.js';
import type { StoredCase } from '../store/case-store.js';
import { allowedClasses } from './access.js';
import { maskFields } from './mask.js';
import type { Policy } from './policy-schema.js';

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
 * Protected identity (skyddade personuppgifter): staff never see the person's name or where the
 * case is. Returns what was hidden.
 */
function hideProtectedIdentity(
  view: Record<string, unknown>,
  c: CanonicalCase,
  ctx: Pick<ViewContext, 'principal' | 'policy'>,
): string[] {
  if (ctx.principal.kind !== 'staff' || !c.parties.some((p) => p.protectedIdentity)) return [];
  const hidden: string[] = [];
  const rules = new Set(ctx.policy.protectedIdentity.maskForStaff);
  const parties = view.parties as { displayName?: string; protectedIdentity: boolean }[] | undefined;
  if (rules.has('parties.displayName') && parties?.some((p) => p.protectedIdentity && p.displayName)) {
    for (const p of parties) if (p.protectedIdentity) delete p.displayName;
    hidden.push('parties.displayName');
  }
  if (rules.has('property') && 'property' in view && view.property !== undefined) {
    delete view.property;
    hidden.push('property');
  }
  return hidden;
}

/** The full case view, masked for `ctx.principal` by the policy. */
export function toCaseView({ case: c, history }: StoredCase, ctx: ViewContext): CaseView {
  const ageSeconds = Math.max(0, Math.floor((ctx.now.getTime() - Date.parse(c.source.fetchedAt)) / 1000));
  const view: Record<string, unknown> = {
    id: c.id,
    municipality: c.municipality,
    domain: c.domain,
    caseType: c.caseType,
    reference: c.reference,
    title: c.title,
    office: c.office,
    handler: c.handler && structuredClone(c.handler),
    status: { ...c.status, history },
    awaiting: c.awaiting,
    nextStep: c.nextStep,
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
  };
  for (const [key, value] of Object.entries(view)) if (value === undefined) delete view[key];
  const masked = [...hideProtectedIdentity(view, c, ctx), ...applyMask(view, c, ctx.principal, ctx.policy)];
  view.confidentiality = { level: c.confidentiality.level, masked: [...new Set(masked)].sort() };
  return view as CaseView;
}

/** One row of a result list, masked the same way. */
export function toCaseSummary(
  c: CanonicalCase,
  ctx: Pick<ViewContext, 'now' | 'principal' | 'policy'>,
): CaseSummary {
  const view: Record<string, unknown> = {
    id: c.id,
    reference: c.reference,
    title: c.title,
    domain: c.domain,
    caseType: c.caseType,
    municipality: c.municipality,
    office: { code: c.office.code, name: c.office.name },
    status: { code: c.status.code, label: c.status.label, since: c.status.since },
    awaiting: c.awaiting,
    deadline: c.deadline ? deadlineState(c.deadline, ctx.now, c.decidedAt) : undefined,
    property: c.property,
    updatedAt: c.source.sourceUpdatedAt,
  };
  for (const [key, value] of Object.entries(view)) if (value === undefined) delete view[key];
  hideProtectedIdentity(view, c, ctx);
  applyMask(view, c, ctx.principal, ctx.policy);
  return view as CaseSummary;
}
