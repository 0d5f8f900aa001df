/**
 * What a principal may see: (municipality, domain[, office]) scopes, applied in SQL, and field classes
 * per case, applied when serialising. Both come from one function, `grantsOn`, so a search never lists
 * a case a read would refuse, nor the other way round.
 */
import type { Principal } from '../app/principal.js';
import type { CanonicalCase, FieldClass } from '../schemas/case.js';
import type { DomainAccess, Policy, RoleName } from './policy-schema.js';

/** One thing the policy lets a principal see in one municipality and domain. */
export type Grant = {
  classes: readonly FieldClass[];
  /** Classes on the principal's own office's cases (own municipality only). */
  ownOfficeClasses?: readonly FieldClass[];
  /** Only the cases of this office (`visible: own_office`). */
  office?: string;
};

/** The rules a municipality applies to one role: its own when it has them, else the defaults. */
function rulesFor(policy: Policy, municipality: string, role: RoleName): Record<string, DomainAccess> {
  return policy.municipalities[municipality]?.roles?.[role] ?? policy.roles[role] ?? {};
}

function rule(rules: Record<string, DomainAccess>, domain: string): DomainAccess | undefined {
  return rules[domain] ?? rules['*'];
}

/** The domains an office handles in a municipality (its own office list, else the default one). */
export function officeDomains(policy: Policy, municipality: string, office: string): readonly string[] {
  const offices = policy.municipalities[municipality]?.offices ?? policy.offices;
  return Object.hasOwn(offices, office) ? (offices[office] ?? []) : [];
}

/** The agreements whose `who` this staff principal is: same municipality and role, and office if named. */
function agreementsOf(principal: Principal, policy: Policy) {
  if (principal.kind !== 'staff' || !principal.municipality) return [];
  return policy.agreements.filter(
    (a) =>
      a.who.municipality === principal.municipality &&
      a.who.role === principal.role &&
      (a.who.office === undefined || a.who.office === principal.office),
  );
}

/** What one municipality's rule grants (own staff on own cases, or citizens on their cases). */
function ruleGrant(principal: Principal, policy: Policy, municipality: string, domain: string): Grant[] {
  const r = rule(rulesFor(policy, municipality, principal.role), domain);
  if (!r || r.visible === false) return [];
  const base = {
    classes: r.classes,
    ...(r.ownOfficeClasses ? { ownOfficeClasses: r.ownOfficeClasses } : {}),
  };
  if (r.visible === true) return [base];
  // Office-bound rules need a staff office; a citizen or an office-less token gets nothing from them.
  const office = principal.kind === 'staff' ? principal.office : undefined;
  if (!office) return [];
  if (r.visible === 'own_domain')
    return officeDomains(policy, municipality, office).includes(domain) ? [base] : [];
  return [{ ...base, office }];
}

/**
 * Everything that lets `principal` see cases of `domain` in `municipality`. Staff: their own
 * municipality's rules on its own cases (none without a municipality: fail closed), plus every agreement
 * that serves them. Citizens: the rules of the case's municipality (the query limits them to their cases).
 */
export function grantsOn(
  principal: Principal,
  policy: Policy,
  municipality: string,
  domain: string,
): Grant[] {
  if (principal.kind === 'citizen') return ruleGrant(principal, policy, municipality, domain);
  if (!principal.municipality) return [];
  const own =
    principal.municipality === municipality ? ruleGrant(principal, policy, municipality, domain) : [];
  const agreed = agreementsOf(principal, policy)
    .filter((a) => a.for.includes(municipality) && a.domains.includes(domain))
    .map((a) => ({ classes: a.classes }));
  return [...own, ...agreed];
}

/** A (municipality, domains) pair a principal sees, optionally only on one office's cases. */
export type Scope = { municipality: string; domains: string[]; office?: string };

/** What a principal may see, for the query. */
export type Visibility = {
  scopes: Scope[];
  /** Citizens: the domains seen in every municipality that has no rules of its own (`except`). */
  elsewhere?: { domains: string[]; except: string[] };
};

function scopesIn(
  principal: Principal,
  policy: Policy,
  municipality: string,
  domains: readonly string[],
): Scope[] {
  const whole: string[] = [];
  const byOffice = new Map<string, string[]>();
  for (const domain of domains) {
    const grants = grantsOn(principal, policy, municipality, domain);
    if (grants.some((g) => g.office === undefined)) whole.push(domain);
    else
      for (const g of grants)
        if (g.office) byOffice.set(g.office, [...(byOffice.get(g.office) ?? []), domain]);
  }
  return [
    ...(whole.length > 0 ? [{ municipality, domains: whole }] : []),
    ...[...byOffice].map(([office, ds]) => ({ municipality, domains: ds, office })),
  ];
}

/**
 * The cases a principal may see at all, or `undefined` for "everything" (only a citizen, whose query
 * is their own cases anyway). Applied inside the query, so counts, pages and cursors never reveal
 * hidden cases. A staff token without a municipality sees nothing.
 *
 * @example
 * visibility(umeaInfocenter, policy, CASE_DOMAINS);
 * // → { scopes: [{ municipality: '2480', domains: ['building_permit', 'school_placement'] }] }
 */
export function visibility(
  principal: Principal,
  policy: Policy,
  allDomains: readonly string[],
): Visibility | undefined {
  if (principal.kind === 'citizen') {
    // Municipalities whose own rules say what citizens see; every other follows the defaults
    // (asked for here by the code '', which is no municipality's).
    const own = Object.keys(policy.municipalities).filter((m) => policy.municipalities[m]?.roles?.citizen);
    const elsewhere = allDomains.filter((d) => grantsOn(principal, policy, '', d).length > 0);
    const everyDomain =
      elsewhere.length === allDomains.length && grantsOn(principal, policy, '', '*').length > 0;
    if (own.length === 0 && everyDomain) return undefined;
    return {
      scopes: own.flatMap((m) => scopesIn(principal, policy, m, allDomains)),
      elsewhere: { domains: elsewhere, except: own },
    };
  }
  if (!principal.municipality) return { scopes: [] };
  const agreements = agreementsOf(principal, policy);
  const municipalities = new Set([principal.municipality, ...agreements.flatMap((a) => a.for)]);
  const domains = new Set([...allDomains, ...agreements.flatMap((a) => a.domains)]);
  return { scopes: [...municipalities].flatMap((m) => scopesIn(principal, policy, m, [...domains])) };
}

/** The grants that apply to this very case (an office-bound grant only on that office's cases). */
function grantsFor(principal: Principal, policy: Policy, c: CanonicalCase): Grant[] {
  return grantsOn(principal, policy, c.municipality.code, c.domain).filter(
    (g) => g.office === undefined || g.office === c.office.code,
  );
}

/** Whether the principal may read this case at all (a hidden case answers like a missing one). */
export function mayRead(principal: Principal, policy: Policy, c: CanonicalCase): boolean {
  return grantsFor(principal, policy, c).length > 0;
}

/**
 * The field classes this principal sees on this case: the union over every grant (own rules and
 * agreements); staff see their rule's `ownOfficeClasses` on their own office's cases of their own
 * municipality. Empty when the case is not visible at all.
 */
export function allowedClasses(principal: Principal, policy: Policy, c: CanonicalCase): Set<FieldClass> {
  const ownOffice =
    principal.kind === 'staff' &&
    principal.office !== undefined &&
    principal.office === c.office.code &&
    principal.municipality === c.municipality.code;
  return new Set(
    grantsFor(principal, policy, c).flatMap((g) =>
      ownOffice && g.ownOfficeClasses ? g.ownOfficeClasses : g.classes,
    ),
  );
}

/**
 * Whether the principal may see a source's health (record counts, freshness, errors): an admin the
 * sources of the municipality of their sign-in (the ones they operate; none without one), as the
 * admin console and the sync and quarantine operations; anyone else only a source whose cases (its
 * municipality, its mapping's domain) the policy lets them see at all. A source's existence and volume can reveal what a case's would
 * (a municipality's social-services system and how busy it is).
 *
 * @example
 * maySeeSource(umeaInfocenter, policy, { municipality: '2480', domain: 'social_services' }); // false
 */
export function maySeeSource(
  principal: Principal,
  policy: Policy,
  source: { municipality: string; domain: string },
): boolean {
  if (principal.kind === 'staff' && principal.role === 'admin')
    return principal.municipality !== undefined && principal.municipality === source.municipality;
  if (principal.kind !== 'staff') return false;
  // An office-bound grant (`own_office`) shows one office's cases of a source that serves many: the
  // source is that office's only when the office handles the domain (an SN officer and the
  // social-services system, not a BN officer, whose own-office grant there matches no case).
  return grantsOn(principal, policy, source.municipality, source.domain).some(
    (g) =>
      g.office === undefined || officeDomains(policy, source.municipality, g.office).includes(source.domain),
  );
}

/**
 * The field classes `principal` holds on a whole domain of `municipality` (grants not bound to one
 * office): what decides whether they may read a contact's texts about that domain.
 *
 * @example
 * classesOn(umeaInfocenter, policy, '2480', 'contacts'); // Set { 'public', 'internal' }
 * classesOn(umeaInfocenter, policy, '2480', 'social_services'); // Set {}
 */
export function classesOn(
  principal: Principal,
  policy: Policy,
  municipality: string,
  domain: string,
): Set<FieldClass> {
  return new Set(
    grantsOn(principal, policy, municipality, domain)
      .filter((g) => g.office === undefined)
      .flatMap((g) => g.classes),
  );
}
