/**
 * Protected identity (skyddade personuppgifter): the policy's one rule for what of such a person's
 * case staff never see, what never enters the search index, and why a field is hidden.
 */
import type { Principal } from '../app/principal.js';
import type { CanonicalCase, FieldClass } from '../schemas/case.js';
import type { Policy } from './policy-schema.js';

/** Why a field of a view is hidden: the person's protected identity, or the caller's role. */
export type MaskReason = 'protected_identity' | 'role';

/** Fields the search index may hold at all, by path (the reference is always searchable). */
export const SEARCHABLE_PATHS = ['title', 'caseType', 'property', 'parties.displayName'] as const;
export type SearchablePath = (typeof SEARCHABLE_PATHS)[number];

/** Classes a search hit may be based on: what the information center sees (a hit must not reveal a masked field). */
const SEARCHABLE_CLASSES: ReadonlySet<FieldClass> = new Set(['public', 'internal']);

export function hasProtectedParty(c: Pick<CanonicalCase, 'parties'>): boolean {
  return c.parties.some((p) => p.protectedIdentity);
}

/** The paths the policy hides from staff on this case because a party has protected identity. */
export function protectedPaths(
  policy: Policy,
  c: Pick<CanonicalCase, 'parties' | 'domain'>,
): readonly string[] {
  if (!hasProtectedParty(c)) return [];
  const { maskForStaff, byDomain } = policy.protectedIdentity;
  return [...maskForStaff, ...(byDomain[c.domain] ?? [])];
}

/**
 * Hides from a staff view what protected identity keeps from staff (names of protected parties, the
 * property, and per domain the title and office); `view` is a fresh copy changed in place. Returns the
 * paths hidden.
 */
export function hideProtectedIdentity(
  view: Record<string, unknown>,
  c: CanonicalCase,
  principal: Principal,
  policy: Policy,
): string[] {
  if (principal.kind !== 'staff') return [];
  const rules = new Set(protectedPaths(policy, c));
  const hidden: string[] = [];
  const parties = view.parties as { displayName?: string; protectedIdentity: boolean }[] | undefined;
  if (rules.has('parties.displayName') && parties?.some((p) => p.protectedIdentity && p.displayName)) {
    for (const p of parties) if (p.protectedIdentity) delete p.displayName;
    hidden.push('parties.displayName');
  }
  // The property, and where the policy says so what the case is called and which office (a school) has it.
  for (const key of ['property', 'title', 'office'] as const) {
    if (rules.has(key) && view[key] !== undefined) {
      delete view[key];
      hidden.push(key);
    }
  }
  return hidden;
}

/** What one case puts into the staff search index: words for free text, and whether its property is searchable. */
export type SearchIndexEntry = { words: string[]; property: boolean };

/**
 * What of a case may go into the staff search index: a field whose class staff do not see, or that
 * protected identity hides from staff, is left out, so no hit can reveal it.
 *
 * @example
 * const store = createCaseStore(db, { searchIndex: searchIndexRule(policy) });
 */
export function searchIndexRule(policy: Policy): (c: CanonicalCase) => SearchIndexEntry {
  return (c) => {
    const hidden = new Set(protectedPaths(policy, c));
    // A nested path falls back to its parent's class ("parties" for "parties.displayName").
    const classAllows = (path: SearchablePath): boolean =>
      SEARCHABLE_CLASSES.has(
        c.fieldClasses[path] ?? c.fieldClasses[path.split('.')[0] as string] ?? 'internal',
      );
    const property = classAllows('property') && !hidden.has('property') && c.property !== undefined;
    // Protected identity hides the protected parties' names; the other parties' names stay searchable.
    const names = classAllows('parties.displayName')
      ? c.parties.filter((p) => !(p.protectedIdentity && hidden.has('parties.displayName')))
      : [];
    const words = [
      ...(classAllows('title') && !hidden.has('title') ? [c.title] : []),
      ...(classAllows('caseType') ? [c.caseType.label.sv] : []),
      ...(property ? [c.property?.designation, c.property?.address] : []),
      ...names.map((p) => p.displayName),
    ].filter((w): w is string => Boolean(w));
    return { words, property };
  };
}
