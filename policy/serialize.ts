/** The serialization boundary: turns a stored case into what one caller may see. */
import type { Principal } from '../app/principal.js';
import type { CanonicalCase } from '../schemas/case.js';
import type { CaseSummary, CaseView } from '../schemas/case-view.js';
import { deadlineState } from '../schemas/deadline.js';
import type { StoredCase } from '../store/case-store.js';

export type ViewContext = { principal: Principal; now: Date; staleAfterSeconds: number };

/**
 * The full case view. Protected identity is masked here for staff; masking by field class and
 * policy file plugs in at the same place (issue "Confidentiality, identity and access").
 */
export function toCaseView({ case: c, history }: StoredCase, ctx: ViewContext): CaseView {
  // Protected identity (skyddade personuppgifter): staff never see the person's name or where the case is.
  const hideProtected = ctx.principal.kind === 'staff' && c.parties.some((p) => p.protectedIdentity);
  const masked: string[] = [];
  const parties = c.parties.map((p, i) => {
    if (hideProtected && p.protectedIdentity && p.displayName) masked.push(`parties.${i}.displayName`);
    const showName = p.displayName && !(hideProtected && p.protectedIdentity);
    return {
      role: p.role,
      ...(showName ? { displayName: p.displayName } : {}),
      protectedIdentity: p.protectedIdentity,
    };
  });
  if (hideProtected && c.property) masked.push('property');
  const ageSeconds = Math.max(0, Math.floor((ctx.now.getTime() - Date.parse(c.source.fetchedAt)) / 1000));
  return {
    id: c.id,
    municipality: c.municipality,
    domain: c.domain,
    caseType: c.caseType,
    reference: c.reference,
    title: c.title,
    office: c.office,
    handler: c.handler,
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
    parties,
    property: hideProtected ? undefined : c.property,
    confidentiality: { level: c.confidentiality.level, masked },
    source: c.source,
    freshness: { ageSeconds, stale: ageSeconds > ctx.staleAfterSeconds },
  };
}

/** One row of a result list. */
export function toCaseSummary(c: CanonicalCase, ctx: Pick<ViewContext, 'now' | 'principal'>): CaseSummary {
  const hideProtected = ctx.principal.kind === 'staff' && c.parties.some((p) => p.protectedIdentity);
  return {
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
    property: hideProtected ? undefined : c.property,
    updatedAt: c.source.sourceUpdatedAt,
  };
}
