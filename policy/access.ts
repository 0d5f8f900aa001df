/** What a principal may see: domains (applied in SQL) and field classes per case (applied when serialising). */
import type { Principal } from '../app/principal.js';
import type { CanonicalCase, FieldClass } from '../schemas/case.js';
import type { DomainAccess, Policy } from './policy-schema.js';

function rule(policy: Policy, role: Principal['role'], domain: string): DomainAccess {
  const rules = policy.roles[role] ?? {};
  return (rules[domain] ?? rules['*']) as DomainAccess;
}

/** What a principal may see, for the query: whole domains, and domains seen only on the own office. */
export type Visibility = {
  domains: string[];
  ownOffice?: { domains: string[]; office: string; municipality: string };
};

/** An officer's own office, when the token names both office and municipality (else none). */
function ownOfficeOf(principal: Principal): { office: string; municipality: string } | undefined {
  return principal.kind === 'staff' &&
    principal.role === 'officer' &&
    principal.office &&
    principal.municipality
    ? { office: principal.office, municipality: principal.municipality }
    : undefined;
}

/**
 * The cases a principal may see at all, or `undefined` for "everything". Applied inside the query,
 * so counts and pages never reveal hidden cases.
 */
export function visibility(
  principal: Principal,
  policy: Policy,
  allDomains: readonly string[],
): Visibility | undefined {
  const whole = allDomains.filter((d) => rule(policy, principal.role, d).visible === true);
  const ownOnly = allDomains.filter((d) => rule(policy, principal.role, d).visible === 'own_office');
  const starVisible = rule(policy, principal.role, '*').visible === true;
  if (whole.length === allDomains.length && starVisible) return undefined;
  const own = ownOfficeOf(principal);
  return {
    domains: whole,
    ...(own && ownOnly.length > 0 ? { ownOffice: { domains: ownOnly, ...own } } : {}),
  };
}

/** Whether the principal may read this case at all (a hidden case answers like a missing one). */
export function mayRead(principal: Principal, policy: Policy, c: CanonicalCase): boolean {
  const visible = rule(policy, principal.role, c.domain).visible;
  if (visible !== 'own_office') return visible;
  const own = ownOfficeOf(principal);
  return Boolean(own && own.office === c.office.code && own.municipality === c.municipality.code);
}

/** The field classes this principal sees on this case (officers: more on their own office's cases). */
export function allowedClasses(principal: Principal, policy: Policy, c: CanonicalCase): Set<FieldClass> {
  const r = rule(policy, principal.role, c.domain);
  if (!mayRead(principal, policy, c)) return new Set();
  const own = ownOfficeOf(principal);
  // Without both office and municipality in the token an officer has no own office anywhere.
  const ownOffice = Boolean(own && own.office === c.office.code && own.municipality === c.municipality.code);
  return new Set(ownOffice && r.ownOfficeClasses ? r.ownOfficeClasses : r.classes);
}
