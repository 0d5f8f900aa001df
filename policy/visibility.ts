/** Which domains a caller may see at all; applied inside the SQL so hidden cases never count. */
import type { Principal } from '../app/principal.js';

/** OSL 26 kap.: social-services cases are not for the information center by default. */
const HIDDEN_FROM_INFOCENTER = new Set(['social_services']);

/**
 * Domains visible to a staff principal, or `undefined` for "every domain".
 * Admins see no case contents at all (least privilege) and get an empty list.
 */
export function visibleDomains(principal: Principal, allDomains: readonly string[]): string[] | undefined {
  if (principal.kind === 'citizen') return undefined; // citizens are limited to their own cases instead
  switch (principal.role) {
    case 'admin':
      return [];
    case 'infocenter':
      return allDomains.filter((d) => !HIDDEN_FROM_INFOCENTER.has(d));
    case 'officer':
      return undefined;
  }
}

/** Whether the principal may read this one case's domain. */
export function mayReadDomain(principal: Principal, domain: string, allDomains: readonly string[]): boolean {
  const visible = visibleDomains(principal, allDomains);
  return visible === undefined || visible.includes(domain);
}
