/**
 * The information center's services (issue 14) over the hub's stores and policy: the contact
 * register, the knowledge base, the offices' tasks and the statistics, built once by createApp.
 */

import { type ContactRegisterDeps, createContactRegister } from '../contacts/contact-register.js';
import { createKnowledgeBase } from '../contacts/knowledge-base.js';
import { createContactStats } from '../contacts/stats/contact-stats.js';
import { createTaskRegister } from '../contacts/task-register.js';
import type { PersonRefHasher } from '../person/person-ref.js';
import type { Policy } from '../policy/policy-schema.js';
import type { AuditLog } from '../store/audit-log.js';
import type { StatsStore } from '../store/contact-stats.js';

/** The stores, callback-number box and topics the information center's services are built over. */
export type ContactStores = Pick<
  ContactRegisterDeps,
  'store' | 'tasks' | 'callbackBox' | 'topics' | 'knowledge'
> & {
  stats: StatsStore;
};

/**
 * @example
 * const { contacts, knowledge, tasks, stats } = createContactServices({ contacts: stores, policy, audit, personRefs, now });
 */
export function createContactServices(deps: {
  contacts: ContactStores;
  policy: Policy;
  audit: AuditLog;
  personRefs: PersonRefHasher;
  now: () => Date;
}) {
  const { policy, audit, personRefs, now } = deps;
  return {
    contacts: createContactRegister({ ...deps.contacts, policy, audit, personRefs, now }),
    knowledge: createKnowledgeBase({ ...deps.contacts, policy, audit, now }),
    tasks: createTaskRegister({
      policy,
      audit,
      tasks: deps.contacts.tasks,
      contacts: deps.contacts.store,
      personRefs,
      now,
    }),
    stats: createContactStats({
      policy,
      audit,
      stats: deps.contacts.stats,
      topics: deps.contacts.topics,
      now,
    }),
  };
}
