/** What a principal may see: domains (applied in SQL) and field classes per case (applied when serialising). */
import type { Principal } from '../app/principal.js';
import type { CanonicalCase, FieldClass } from '../schemas/case.js';
import type { DomainAccess, Policy } from './policy-schema.js';

function rule(policy: Policy, role: Principal['role'], domain: string): DomainAccess {
  const rules = policy.roles[role] ?? {};
  return (rules[domain] ?? rules['*']) as DomainAccess;
}

/**
 * The domains a principal may see at all, or `undefined` for "every domain". Applied inside the
 * query, so counts and pages never reveal hidden cases.
 */
export function visibleDomains(
  principal: Principal,
  policy: Policy,
  allDomains: readonly string[],
): string[] | undefined {
  const visible = allDomains.filter((d) => rule(policy, principal.role, d).visible);
  const starVisible = rule(policy, principal.role, '*').visible;
  // Domains the hub has not heard of follow "*": only list domains when something is hidden.
  return visible.length === allDomains.length && starVisible ? undefined : visible;
}

export function mayReadDomain(principal: Principal, policy: Policy, domain: string): boolean {
  return rule(policy, principal.role, domain).visible;
}

/** The field classes this principal sees on this case (officers: more on their own office's cases). */
export function allowedClasses(principal: Principal, policy: Policy, c: CanonicalCase): Set<FieldClass> {
  const r = rule(policy, principal.role, c.domain);
  if (!r.visible) return new Set();
  const ownOffice =
    principal.kind === 'staff' &&
    principal.role === 'officer' &&
    principal.office === c.office.code &&
    (principal.municipality === undefined || principal.municipality === c.municipality.code);
  return new Set(ownOffice && r.ownOfficeClasses ? r.ownOfficeClasses : r.classes);
}
