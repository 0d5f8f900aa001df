/** Who the bench reads as: the demo information-center agent, and what that agent may see. */
import type { Principal } from '../app/principal.js';
import { findPersona } from '../demo/personas.js';
import { visibility } from '../policy/access.js';
import { loadPolicy } from '../policy/load-policy.js';
import { CASE_DOMAINS } from '../schemas/case.js';
import type { Visible } from '../store/case-store.js';

export function benchStaff(): Principal {
  const municipality = findPersona('infocenter')?.municipality;
  return { kind: 'staff', subject: 'bench', role: 'infocenter', ...(municipality ? { municipality } : {}) };
}

/** The (municipality, domain) scopes the bench token sees, as the hub applies them in SQL. */
export function benchVisible(): Visible {
  return visibility(benchStaff(), loadPolicy(), CASE_DOMAINS) ?? { scopes: [] };
}
