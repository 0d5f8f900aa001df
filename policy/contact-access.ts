/**
 * Who handles the information center's registers (issue 14): a municipality's contacts, reviewing its
 * knowledge base, and an office's tasks of forwarded contacts. The same policy decides as for cases:
 * pseudo-domains (`contacts`, `knowledge_review`) in its rules and agreements, and its office lists.
 */
import type { Principal } from '../app/principal.js';
import { grantsOn } from './access.js';
import type { Policy } from './policy-schema.js';

/**
 * The pseudo-domain of the information center's contact register: the policy's rules and agreements
 * say who handles a municipality's contacts as they say who sees its cases of a domain. The default
 * infocenter rule (`"*": visible`) grants a municipality's own center its contacts; an agreement lists
 * `contacts` among its domains for a center that answers for others.
 */
export const CONTACTS_DOMAIN = 'contacts';

/**
 * Whether `principal` may register and read contacts of `municipality`: information-center staff
 * whose own rules or agreements grant the `contacts` domain there, and the municipality's own admins.
 * Officers never (they see the tasks forwarded to their office: `mayHandleTask`); citizens never.
 *
 * @example
 * mayHandleContacts(umeaInfocenter, policy, '2480'); // true
 * mayHandleContacts(umeaBygglov, policy, '2480'); // false
 */
export function mayHandleContacts(principal: Principal, policy: Policy, municipality: string): boolean {
  if (principal.kind !== 'staff' || !principal.municipality) return false;
  if (principal.role === 'admin') return principal.municipality === municipality;
  if (principal.role !== 'infocenter') return false;
  return grantsOn(principal, policy, municipality, CONTACTS_DOMAIN).length > 0;
}

/**
 * The pseudo-domain of reviewing the knowledge base: who may approve (publish) and withdraw a
 * municipality's entries, and read its unpublished ones. Under the default infocenter rule (`"*":
 * visible`) every agent of the center reviews, and the four-eyes rule (never one's own entry) is what
 * protects; a municipality that wants named editors sets `knowledge_review: { visible: own_domain }`
 * and lists the editors' office (`offices: { KCR: [knowledge_review] }`); an agreement may list it for
 * a center that reviews for others.
 */
export const KNOWLEDGE_REVIEW_DOMAIN = 'knowledge_review';

/**
 * Whether `principal` may review `municipality`'s knowledge entries: a contact handler there whose
 * rules or agreements grant `knowledge_review`, and the municipality's own admins.
 *
 * @example
 * mayReviewKnowledge(umeaInfocenter, policy, '2480'); // true under the default policy
 */
export function mayReviewKnowledge(principal: Principal, policy: Policy, municipality: string): boolean {
  if (!mayHandleContacts(principal, policy, municipality)) return false;
  if (principal.role === 'admin') return true;
  return grantsOn(principal, policy, municipality, KNOWLEDGE_REVIEW_DOMAIN).length > 0;
}

/**
 * Whether `office` is an office of `municipality` in the policy (its own office list, else the
 * default one): the offices a contact can be forwarded to.
 *
 * @example
 * isKnownOffice(policy, '2480', 'BN'); // true
 * isKnownOffice(policy, '2480', 'XYZ'); // false
 */
export function isKnownOffice(policy: Policy, municipality: string, office: string): boolean {
  const offices = policy.municipalities[municipality]?.offices ?? policy.offices;
  return Object.hasOwn(offices, office);
}

/** The office codes of `municipality` (the ones `isKnownOffice` accepts), in the policy's order. */
export function officesOf(policy: Policy, municipality: string): string[] {
  return Object.keys(policy.municipalities[municipality]?.offices ?? policy.offices);
}

/**
 * Whether `principal` may see and answer a forwarded contact's task: an officer signed in for the
 * task's own municipality and office, an office the policy knows there. Municipalities stay apart
 * (no agreement hands one municipality's tasks to another's officers); a named officer is who the
 * task is meant for, but the office owns it, so any officer of the office may answer in their absence.
 *
 * @example
 * mayHandleTask(umeaBygglov, policy, { municipality: '2480', office: 'BN' }); // true
 * mayHandleTask(vannasBygglov, policy, { municipality: '2480', office: 'BN' }); // false
 */
export function mayHandleTask(
  principal: Principal,
  policy: Policy,
  task: { municipality: string; office: string },
): boolean {
  if (principal.kind !== 'staff' || principal.role !== 'officer') return false;
  return (
    principal.municipality === task.municipality &&
    principal.office === task.office &&
    isKnownOffice(policy, task.municipality, task.office)
  );
}
