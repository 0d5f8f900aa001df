/** What a staff member may register contacts for: the municipalities the policy lets them handle, each with its topics. */
import type { Principal } from '../app/principal.js';
import { mayHandleContacts } from '../policy/contact-access.js';
import type { Policy } from '../policy/policy-schema.js';
import type { ContactTopic, ContactTopics } from './topic-schema.js';

export type ContactChoice = { municipality: string; topics: readonly ContactTopic[] };

/**
 * The caller's own municipality first, then the others in kommunkod order; a municipality without a
 * topic list is left out (nothing could be registered for it).
 *
 * @example
 * contactChoices(kimOfUmea, policy, topics); // [{ municipality: '2480', topics: [{ code: 'bygglov', … }, …] }]
 */
export function contactChoices(principal: Principal, policy: Policy, topics: ContactTopics): ContactChoice[] {
  const own = principal.kind === 'staff' ? principal.municipality : undefined;
  return [...topics.entries()]
    .filter(([code]) => mayHandleContacts(principal, policy, code))
    .sort(([a], [b]) => (a === own ? -1 : b === own ? 1 : a.localeCompare(b)))
    .map(([municipality, list]) => ({ municipality, topics: [...list.values()] }));
}
