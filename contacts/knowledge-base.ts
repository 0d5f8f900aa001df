/**
 * The information center's knowledge base: question–answer entries per municipality, proposed (from an
 * answered contact or freely), reviewed by someone other than their writers and published, searched in
 * Swedish. Plain functions of a `Caller`; who may do what is the policy's (`mayHandleContacts`,
 * `mayReviewKnowledge`), and every read is audited before it is returned (fail closed).
 */
import { randomUUID } from 'node:crypto';
import { AppError } from '../app/errors.js';
import { auditPrincipal, recordRead } from '../cases/audit-entry.js';
import type { Caller } from '../cases/read-context.js';
import type { Policy } from '../policy/policy-schema.js';
import type {
  EditEntry,
  EntryText,
  KnowledgeEntryView,
  KnowledgeStatus,
  ProposeEntry,
} from '../schemas/knowledge.js';
import type { AuditLog } from '../store/audit-log.js';
import type { ContactStore } from '../store/contact-store.js';
import type { EntryContent, KnowledgeRow, KnowledgeStore } from '../store/knowledge-store.js';
import { topicDomain } from './contact-content.js';
import { knowledgeRules, NOT_HANDLED, PERSON_DETAIL, personalDataIn, storedText } from './knowledge-rules.js';
import { createKnowledgeSearch } from './knowledge-search.js';
import { entrySummary } from './knowledge-view.js';
import type { ContactTopics } from './topic-schema.js';

export type KnowledgeBaseDeps = {
  policy: Policy;
  audit: AuditLog;
  knowledge: KnowledgeStore;
  /** The contact register's store: an entry may be proposed from an answered contact. */
  store: ContactStore;
  topics: ContactTopics;
  now: () => Date;
};

const NOT_FOUND = 'Posten finns inte. / No such entry.';

export type KnowledgeBase = ReturnType<typeof createKnowledgeBase>;

/**
 * @example
 * const knowledge = createKnowledgeBase({ policy, audit, knowledge: store, store: contacts, topics, now });
 * const draft = await knowledge.propose(caller, { fromContact: contactId });
 * await knowledge.submit(caller, draft.id); // then another reviewer: knowledge.publish(reviewer, draft.id)
 */
export function createKnowledgeBase(deps: KnowledgeBaseDeps) {
  const rules = knowledgeRules(deps);
  const actorOf = (caller: Caller) => auditPrincipal(caller.principal);

  async function accessible(caller: Caller, id: string): Promise<KnowledgeRow> {
    const row = await deps.knowledge.get(id);
    if (!row || !rules.maySee(caller, row)) {
      await recordRead(deps.audit, caller, { action: 'knowledge.denied', shown: [id], masked: [] });
      throw new AppError('not_found', NOT_FOUND);
    }
    return row;
  }

  async function shown(caller: Caller, id: string): Promise<KnowledgeEntryView> {
    const { rank: _, ...summary } = entrySummary((await deps.knowledge.get(id)) as KnowledgeRow, deps.topics);
    const view = { ...summary, history: await deps.knowledge.history(id) };
    await recordRead(deps.audit, caller, { action: 'knowledge.read', shown: [id], masked: [] });
    return view;
  }

  /** The contact an entry is proposed from: one the caller handles, answered; its texts read and audited. */
  async function answeredContact(caller: Caller, id: string) {
    const contact = await deps.store.get(id);
    if (!contact || !rules.handles(caller, contact.municipality)) {
      await recordRead(deps.audit, caller, {
        action: 'contact.denied',
        contactId: id,
        shown: [],
        masked: [],
      });
      throw new AppError('not_found', 'Kontakten finns inte. / No such contact.');
    }
    // A social-services question (a topic following a case domain's policy) never becomes an entry.
    if (topicDomain(deps.topics, contact.municipality, contact.topic) !== undefined)
      throw new AppError(
        'unprocessable',
        'Frågor inom socialtjänstens ämnen blir inte kunskapsposter. / Questions on social-services topics do not become entries.',
        { errors: [{ field: 'fromContact', message: 'skyddat ämne / protected topic' }] },
      );
    if (contact.answer === null)
      throw new AppError(
        'unprocessable',
        'Kontakten har inget svar att bygga en post på. / The contact has no answer to build an entry on.',
        { errors: [{ field: 'fromContact', message: 'inte besvarad / not answered' }] },
      );
    // Only its question and answer (stored masked) are read; the person stays on the contact.
    await recordRead(deps.audit, caller, {
      action: 'contact.read',
      contactId: contact.id,
      shown: ['question', 'answer'],
      masked: [],
      ...(contact.personRef ? { personRefs: [contact.personRef] } : {}),
    });
    return {
      municipality: contact.municipality,
      topic: contact.topic,
      question: { sv: contact.question } as EntryText,
      answer: { sv: contact.answer } as EntryText,
    };
  }

  async function step(
    caller: Caller,
    id: string,
    change: { from: KnowledgeStatus[]; to: KnowledgeStatus; step: 'submitted' | 'published' | 'withdrawn' },
    conflict: string,
  ): Promise<KnowledgeEntryView> {
    const row = await accessible(caller, id);
    if (change.step !== 'submitted' && !rules.reviews(caller, row.municipality))
      throw new AppError(
        'forbidden',
        'Bara en granskare får publicera eller dra tillbaka poster. / Only a reviewer may publish or withdraw entries.',
      );
    if (!change.from.includes(row.status)) throw new AppError('conflict', conflict);
    if (change.step !== 'withdrawn') {
      // Text proposed from a contact may still say where a person was: "[personnummer]".
      const errors = personalDataIn(row);
      if (errors.length > 0) throw new AppError('unprocessable', PERSON_DETAIL, { errors });
    }
    if (change.step === 'published') {
      // Four eyes: whoever proposed or edited the text may not approve it.
      const writers = (await deps.knowledge.history(id))
        .filter((h) => h.step === 'proposed' || h.step === 'edited')
        .map((h) => h.subject);
      if (writers.includes(actorOf(caller).subject))
        throw new AppError(
          'forbidden',
          'Du kan inte godkänna en post du själv har skrivit. / You cannot approve an entry you wrote.',
        );
    }
    const at = deps.now().toISOString();
    if (!(await deps.knowledge.change({ id, ...change, at, actor: actorOf(caller) })))
      throw new AppError('conflict', conflict);
    return shown(caller, id);
  }

  return {
    ...createKnowledgeSearch(deps),
    /** Whether the caller reviews the municipality's entries (the console shows the review steps only to them). */
    mayReview: (caller: Caller, municipality: string) => rules.reviews(caller, municipality),

    async propose(caller: Caller, input: ProposeEntry): Promise<KnowledgeEntryView> {
      const errors = personalDataIn(input);
      if (errors.length > 0) throw new AppError('validation', PERSON_DETAIL, { errors });
      const base = input.fromContact ? await answeredContact(caller, input.fromContact) : undefined;
      if (base && input.municipality && input.municipality !== base.municipality)
        throw new AppError(
          'unprocessable',
          'Posten hör till kontaktens kommun. / The entry belongs to the contact’s municipality.',
          { errors: [{ field: 'municipality', message: 'inte kontaktens / not the contact’s' }] },
        );
      const municipality = base?.municipality ?? (input.municipality as string);
      if (!rules.handles(caller, municipality)) throw new AppError('forbidden', NOT_HANDLED);
      const topic = input.topic ?? (base?.topic as string);
      rules.checkTopic(municipality, topic);
      const id = randomUUID();
      await deps.knowledge.insert(
        {
          id,
          municipality,
          fromContact: input.fromContact ?? null,
          at: deps.now().toISOString(),
          topic,
          question: storedText(input.question ?? (base?.question as EntryText)),
          answer: storedText(input.answer ?? (base?.answer as EntryText)),
          caseDomain: input.caseDomain ?? null,
          caseType: input.caseType ?? null,
          caseStatus: input.caseStatus ?? null,
        },
        actorOf(caller),
      );
      return shown(caller, id);
    },

    async read(caller: Caller, id: string): Promise<KnowledgeEntryView> {
      await accessible(caller, id);
      return shown(caller, id);
    },

    /** Edits a draft or an entry in review, or a withdrawn one (back to draft); a published one is withdrawn first. */
    async edit(caller: Caller, id: string, input: EditEntry): Promise<KnowledgeEntryView> {
      const row = await accessible(caller, id);
      const errors = personalDataIn(input);
      if (errors.length > 0) throw new AppError('validation', PERSON_DETAIL, { errors });
      rules.checkTopic(row.municipality, input.topic);
      const question = input.question ? storedText(input.question) : row.question;
      const answer = input.answer ? storedText(input.answer) : row.answer;
      for (const lang of ['en', 'ar'] as const)
        if ((question[lang] === null) !== (answer[lang] === null))
          throw new AppError(
            'validation',
            'En översättning har både fråga och svar. / A translation has both question and answer.',
            {
              errors: [
                {
                  field: `${question[lang] === null ? 'question' : 'answer'}.${lang}`,
                  message: 'saknas / missing',
                },
              ],
            },
          );
      const content: Partial<EntryContent> = {
        ...(input.topic !== undefined ? { topic: input.topic } : {}),
        ...(input.question ? { question } : {}),
        ...(input.answer ? { answer } : {}),
        ...(input.caseDomain !== undefined ? { caseDomain: input.caseDomain } : {}),
        ...(input.caseType !== undefined ? { caseType: input.caseType } : {}),
        ...(input.caseStatus !== undefined ? { caseStatus: input.caseStatus } : {}),
      };
      const applied =
        row.status !== 'published' &&
        (await deps.knowledge.change({
          id,
          from: [row.status],
          to: row.status === 'withdrawn' ? 'draft' : row.status,
          step: 'edited',
          at: deps.now().toISOString(),
          actor: actorOf(caller),
          content,
        }));
      if (!applied)
        throw new AppError(
          'conflict',
          'En publicerad post ändras inte; dra tillbaka den först. / A published entry is not edited; withdraw it first.',
        );
      return shown(caller, id);
    },

    submit: (caller: Caller, id: string) =>
      step(
        caller,
        id,
        { from: ['draft'], to: 'review', step: 'submitted' },
        'Bara ett utkast skickas till granskning. / Only a draft is sent for review.',
      ),
    publish: (caller: Caller, id: string) =>
      step(
        caller,
        id,
        { from: ['review'], to: 'published', step: 'published' },
        'Bara en post under granskning publiceras. / Only an entry in review is published.',
      ),
    withdraw: (caller: Caller, id: string) =>
      step(
        caller,
        id,
        { from: ['draft', 'review', 'published'], to: 'withdrawn', step: 'withdrawn' },
        'Posten är redan tillbakadragen. / The entry is already withdrawn.',
      ),
  };
}
