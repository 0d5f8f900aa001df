/**
 * Searching the knowledge base in Swedish, and suggestions while an agent types: published entries and
 * earlier answered contacts of the same municipality, the contacts as excerpts without any person data.
 */
import { recordRead } from '../cases/audit-entry.js';
import type { Caller } from '../cases/read-context.js';
import type { KnowledgeQuery, Suggestions } from '../schemas/knowledge.js';
import { topicDomain } from './contact-content.js';
import type { KnowledgeBaseDeps } from './knowledge-base.js';
import { knowledgeRules } from './knowledge-rules.js';
import { entrySummary, excerpt } from './knowledge-view.js';

const LIST_LIMIT = 50;
const SUGGEST_LIMIT = 5;

/**
 * @example
 * const search = createKnowledgeSearch(deps);
 * await search.suggest(caller, { q: 'bygglo' }); // { entries: […], contacts: […] }
 */
export function createKnowledgeSearch(deps: KnowledgeBaseDeps) {
  const rules = knowledgeRules(deps);
  return {
    async search(caller: Caller, query: KnowledgeQuery) {
      const municipality = rules.municipalityFor(caller, query.municipality);
      rules.checkTopic(municipality, query.topic);
      const { status, municipality: _, ...filters } = query;
      // Unpublished entries: a reviewer sees them all, anyone else only their own.
      const ownOnly = status !== 'published' && !rules.reviews(caller, municipality);
      const rows = await deps.knowledge.search({
        ...filters,
        municipality,
        status,
        ...(ownOnly ? { author: caller.principal.subject } : {}),
        limit: LIST_LIMIT,
      });
      await recordRead(deps.audit, caller, {
        action: 'knowledge.list',
        shown: rows.map((r) => r.id),
        masked: [],
        resultCount: rows.length,
        ...(query.q ? { queryKind: 'text' as const } : {}),
      });
      return { items: rows.map((r) => entrySummary(r, deps.topics)) };
    },

    async suggest(
      caller: Caller,
      query: { q: string; municipality?: string | undefined },
    ): Promise<Suggestions> {
      const municipality = rules.municipalityFor(caller, query.municipality);
      const entries = await deps.knowledge.search({
        municipality,
        status: 'published',
        q: query.q,
        limit: SUGGEST_LIMIT,
      });
      // Questions of a topic that follows a case domain's policy (social services) are never suggested.
      const contacts = (
        await deps.knowledge.matchingContacts({ municipality, q: query.q, limit: SUGGEST_LIMIT })
      ).filter((c) => topicDomain(deps.topics, municipality, c.topic) === undefined);
      await recordRead(deps.audit, caller, {
        action: 'knowledge.list',
        shown: entries.map((r) => r.id),
        masked: [],
        resultCount: entries.length,
        queryKind: 'text',
      });
      // Like a list of contacts: which were shown, and whose (for "who looked at this person?"); the
      // people are named in the audit entry, never in the answer.
      await recordRead(deps.audit, caller, {
        action: 'contact.suggest',
        shown: contacts.map((c) => c.id),
        masked: [],
        resultCount: contacts.length,
        queryKind: 'text',
        personRefs: contacts.flatMap((c) => (c.personRef ? [c.personRef] : [])),
      });
      return {
        entries: entries.map((r) => entrySummary(r, deps.topics)),
        contacts: contacts.map((c) => ({
          id: c.id,
          topic: c.topic,
          question: excerpt(c.question),
          answer: excerpt(c.answer),
          rank: c.rank,
        })),
      };
    },
  };
}
