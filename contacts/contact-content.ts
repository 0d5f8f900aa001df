/**
 * Who reads what a contact holds about a person (issue 14, "confidentiality class per field"). A
 * contact's metadata (municipality, channel, topic, outcome, owner, times, steps) is for everyone who
 * handles the municipality's contacts; its content — the question and answer, the person reference,
 * the callback number, the linked cases, the public record and the tasks' texts — is class `internal`,
 * and, for a topic that follows a case domain's policy (`domain: social_services` in the topics
 * file), class `confidential` under that domain's rules. The agent who registered a contact always
 * reads it (they typed it); anyone else needs the class from the policy. So the municipality's
 * admins see that a contact exists, not what was asked, and a social-services question stays with
 * the agent who took it unless the policy names who else may read social-services cases.
 */
import type { Principal } from '../app/principal.js';
import { auditSubject } from '../cases/audit-entry.js';
import { classesOn } from '../policy/access.js';
import { CONTACTS_DOMAIN } from '../policy/contact-access.js';
import type { Policy } from '../policy/policy-schema.js';
import type { ContactView } from '../schemas/contact.js';
import type { ContactTopics } from './topic-schema.js';

/** The fields hidden when the caller may not read a contact's content. */
export const CONTENT_FIELDS = [
  'question',
  'answer',
  'personRef',
  'callbackNumber',
  'caseIds',
  'publicRecord',
] as const;

/** The case domain a contact's topic follows, if any. */
export function topicDomain(topics: ContactTopics, municipality: string, topic: string): string | undefined {
  return topics.get(municipality)?.get(topic)?.domain;
}

/**
 * @example
 * mayReadContent(admin, policy, topics, row); // false: an admin sees that it exists, not what was asked
 */
export function mayReadContent(
  principal: Principal,
  policy: Policy,
  topics: ContactTopics,
  contact: { municipality: string; topic: string; ownerSubject: string },
): boolean {
  if (auditSubject(principal) === contact.ownerSubject) return true;
  const domain = topicDomain(topics, contact.municipality, contact.topic);
  const classes = classesOn(principal, policy, contact.municipality, domain ?? CONTACTS_DOMAIN);
  return classes.has(domain ? 'confidential' : 'internal');
}

/** The view with its content taken out, and which fields were. */
export function withoutContent<
  V extends Omit<ContactView, 'history' | 'tasks'> & { tasks?: ContactView['tasks'] },
>(view: V): { view: V; masked: string[] } {
  const masked = CONTENT_FIELDS.filter((f) => {
    const value = view[f];
    return value !== null && value !== '' && !(Array.isArray(value) && value.length === 0);
  });
  return {
    view: {
      ...view,
      question: '',
      answer: null,
      personRef: null,
      callbackNumber: null,
      caseIds: [],
      publicRecord: null,
      contentHidden: true,
      ...(view.tasks
        ? { tasks: view.tasks.map((t) => ({ ...t, note: '', answer: t.answer === null ? null : '' })) }
        : {}),
    },
    masked,
  };
}
