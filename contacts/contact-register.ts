/**
 * The information center's contact register: register, read, answer, close and reopen a contact, and
 * list an agent's open ones. Plain functions of a `Caller`; who may handle a municipality's contacts is
 * the policy's (`mayHandleContacts`), and every read of a contact is audited before it is returned.
 */
import { randomUUID } from 'node:crypto';
import { AppError } from '../app/errors.js';
import { auditPrincipal, recordRead } from '../cases/audit-entry.js';
import type { Caller } from '../cases/read-context.js';
import type { PersonRefHasher } from '../person/person-ref.js';
import type { SealedBox } from '../person/sealed-box.js';
import { mayHandleContacts } from '../policy/contact-access.js';
import type { Policy } from '../policy/policy-schema.js';
import type { ContactOutcome, ContactView, RegisterContact } from '../schemas/contact.js';
import type { ForwardContact } from '../schemas/task.js';
import type { AuditLog } from '../store/audit-log.js';
import type { ContactRow, ContactStore, StepActor } from '../store/contact-store.js';
import type { KnowledgeStore } from '../store/knowledge-store.js';
import type { TaskStore } from '../store/task-store.js';
import { mayReadContent, withoutContent } from './contact-content.js';
import { FORWARD_REFUSED, newTask } from './contact-forward.js';
import { maskPersonnummer } from './contact-text.js';
import { contactSummary, contactView } from './contact-view.js';
import type { ContactTopics } from './topic-schema.js';

/** The purpose label of the callback number's sealed box: its own key, never shared with other data. */
export const CALLBACK_BOX_PURPOSE = 'contact callback number';

export type ContactRegisterDeps = {
  policy: Policy;
  audit: AuditLog;
  store: ContactStore;
  /** The tasks of forwarded contacts (shown on the contact, ordered into my follow-ups). */
  tasks: TaskStore;
  personRefs: PersonRefHasher;
  /** Seals callback numbers (purpose CALLBACK_BOX_PURPOSE). */
  callbackBox: SealedBox;
  topics: ContactTopics;
  /** The knowledge base's entries: an answer may name the published entry it was taken from. */
  knowledge: KnowledgeStore;
  now: () => Date;
};

/** What registering takes: the API's body, with the person's number when the agent has it. */
export type ContactInput = RegisterContact;

const NOT_FOUND = 'Kontakten finns inte. / No such contact.';
const ANONYMISED =
  'Kontakten är gallrad enligt dokumenthanteringsplanen och kan inte ändras. / The contact was anonymised under the records-management plan and cannot be changed.';
const MY_LIMIT = 200;

export type ContactRegister = ReturnType<typeof createContactRegister>;

/**
 * @example
 * const contacts = createContactRegister({ policy, audit, store, personRefs, callbackBox, topics, now });
 * const view = await contacts.register(caller, { municipality: '2480', channel: 'phone', topic: 'bygglov', question: '…' });
 */
export function createContactRegister(deps: ContactRegisterDeps) {
  const actorOf = (caller: Caller): StepActor => auditPrincipal(caller.principal);

  /** The contact if the caller may handle it; else audited as refused and answered like a missing one. */
  async function accessible(caller: Caller, id: string): Promise<ContactRow> {
    const row = await deps.store.get(id);
    if (!row || !mayHandleContacts(caller.principal, deps.policy, row.municipality)) {
      await recordRead(deps.audit, caller, {
        action: 'contact.denied',
        contactId: id,
        shown: [],
        masked: [],
      });
      throw new AppError('not_found', NOT_FOUND);
    }
    return row;
  }

  /** Builds the view, records what it shows, and only then returns it (fail closed). */
  async function shown(caller: Caller, row: ContactRow): Promise<ContactView> {
    const [history, tasks] = await Promise.all([deps.store.history(row.id), deps.tasks.ofContact(row.id)]);
    const full = contactView(row, history, tasks, deps.now(), deps);
    const { view, masked } = mayReadContent(caller.principal, deps.policy, deps.topics, row)
      ? { view: full, masked: [] }
      : withoutContent(full);
    await recordRead(deps.audit, caller, {
      action: 'contact.read',
      contactId: row.id,
      shown: Object.keys(view).filter((k) => view[k as keyof ContactView] !== null && !masked.includes(k)),
      masked,
      // The person is named in the entry only when shown.
      ...(row.personRef && masked.length === 0 ? { personRefs: [row.personRef] } : {}),
    });
    return view;
  }

  /** An answer taken from the knowledge base names a published entry of the contact's own municipality. */
  async function publishedEntry(municipality: string, id: string): Promise<void> {
    const entry = await deps.knowledge.get(id);
    if (entry?.status !== 'published' || entry.municipality !== municipality)
      throw new AppError(
        'unprocessable',
        'Svaret kan bara hänvisa till en publicerad kunskapspost i kontaktens kommun. / ' +
          'The answer can only name a published knowledge entry of the contact’s municipality.',
        {
          errors: [
            { field: 'knowledgeEntry', message: 'ingen publicerad post här / no published entry here' },
          ],
        },
      );
  }

  async function step(
    caller: Caller,
    id: string,
    change: {
      from: 'open' | 'closed';
      step: 'answered' | 'closed' | 'reopened';
      answer?: string;
      outcome?: ContactOutcome;
      knowledgeEntry?: string | undefined;
    },
    conflict: string,
  ): Promise<ContactView> {
    const row = await accessible(caller, id);
    if (row.anonymisedAt) throw new AppError('conflict', ANONYMISED);
    if (change.knowledgeEntry !== undefined) await publishedEntry(row.municipality, change.knowledgeEntry);
    const now = deps.now();
    const masked =
      change.answer === undefined ? undefined : maskPersonnummer(change.answer, deps.personRefs, now);
    const applied = await deps.store.change({
      id,
      from: change.from,
      step: change.step,
      at: now.toISOString(),
      actor: actorOf(caller),
      ...(masked ? { answer: masked.text } : {}),
      ...(masked?.personRefs[0] ? { personRef: masked.personRefs[0] } : {}),
      ...(change.outcome ? { outcome: change.outcome } : {}),
      ...(change.knowledgeEntry ? { knowledgeEntry: change.knowledgeEntry } : {}),
    });
    if (!applied) throw new AppError('conflict', conflict);
    return shown(caller, (await deps.store.get(id)) as ContactRow);
  }

  return {
    async register(caller: Caller, input: ContactInput): Promise<ContactView> {
      const { principal } = caller;
      if (principal.kind !== 'staff' || !mayHandleContacts(principal, deps.policy, input.municipality))
        throw new AppError(
          'forbidden',
          'Du hanterar inte kontakter för den kommunen. / You do not handle contacts for that municipality.',
        );
      if (!deps.topics.get(input.municipality)?.has(input.topic))
        throw new AppError('validation', 'Okänt ämne för kommunen. / Unknown topic for the municipality.', {
          errors: [
            { field: 'topic', message: 'inget ämne i kommunens lista / not in the municipality’s topics' },
          ],
        });
      if (input.knowledgeEntry !== undefined) await publishedEntry(input.municipality, input.knowledgeEntry);
      const now = deps.now();
      const question = maskPersonnummer(input.question, deps.personRefs, now);
      const answer =
        input.answer === undefined ? undefined : maskPersonnummer(input.answer, deps.personRefs, now);
      let personRef: string | undefined;
      if (input.personnummer !== undefined) {
        personRef = deps.personRefs.fromInput(input.personnummer);
        if (!personRef)
          throw new AppError('validation', 'Personnumret är inte giltigt. / The personnummer is not valid.', {
            errors: [{ field: 'personnummer', message: 'ogiltigt personnummer / invalid personnummer' }],
          });
      }
      personRef ??= question.personRefs[0] ?? answer?.personRefs[0];
      const id = randomUUID();
      await deps.store.insert(
        {
          id,
          municipality: input.municipality,
          channel: input.channel,
          language: input.language,
          topic: input.topic,
          question: question.text,
          ...(answer ? { answer: answer.text } : {}),
          ...(input.knowledgeEntry ? { knowledgeEntry: input.knowledgeEntry } : {}),
          ownerSubject: principal.subject,
          ownerMunicipality: principal.municipality as string,
          ownerOffice: principal.office ?? null,
          personRef: personRef ?? null,
          callbackSealed: input.callbackNumber ? deps.callbackBox.seal(input.callbackNumber) : null,
          caseIds: input.caseIds,
          recordArrivedOn: input.publicRecord?.arrivedOn ?? null,
          recordDiarienummer: input.publicRecord?.diarienummer ?? null,
          createdAt: now.toISOString(),
        },
        actorOf(caller),
      );
      return shown(caller, (await deps.store.get(id)) as ContactRow);
    },

    async read(caller: Caller, id: string): Promise<ContactView> {
      return shown(caller, await accessible(caller, id));
    },

    /**
     * "My follow-ups": the caller's own open contacts, those with an overdue task first, then oldest
     * first, each with its latest task's state and due time (one audit entry lists them).
     */
    async mine(caller: Caller) {
      const now = deps.now();
      const rows = (
        await deps.store.openOwnedBy(caller.principal.subject, MY_LIMIT, now.toISOString())
      ).filter((r) => mayHandleContacts(caller.principal, deps.policy, r.municipality));
      const latest = await deps.tasks.latestOf(rows.map((r) => r.id));
      const items = rows.map((r) => contactSummary(r, latest.get(r.id), now, deps));
      await recordRead(deps.audit, caller, {
        action: 'contact.list',
        shown: rows.map((r) => r.id),
        masked: [],
        resultCount: rows.length,
        personRefs: rows.flatMap((r) => (r.personRef ? [r.personRef] : [])),
      });
      return { items };
    },

    /** Records the answer given; `knowledgeEntry` when it was taken from the knowledge base (counted in statistics). */
    answer: (caller: Caller, id: string, answer: string, knowledgeEntry?: string) =>
      step(
        caller,
        id,
        { from: 'open', step: 'answered', answer, knowledgeEntry },
        'Kontakten är avslutad; öppna den igen för att svara. / The contact is closed; reopen it to answer.',
      ),

    close: (caller: Caller, id: string, outcome: ContactOutcome) =>
      step(
        caller,
        id,
        { from: 'open', step: 'closed', outcome },
        'Kontakten är redan avslutad. / The contact is already closed.',
      ),

    /**
     * Forwards an open contact to an office of its municipality (or a named officer there): a task due
     * by the service norm of the contact's topic and that office. The contact stays the caller's.
     */
    async forward(caller: Caller, id: string, input: ForwardContact): Promise<ContactView> {
      const row = await accessible(caller, id);
      const refused = await deps.tasks.forward(newTask(row, input, deps), actorOf(caller));
      if (refused) throw new AppError('conflict', FORWARD_REFUSED[refused]);
      return shown(caller, (await deps.store.get(id)) as ContactRow);
    },

    reopen: (caller: Caller, id: string) =>
      step(
        caller,
        id,
        { from: 'closed', step: 'reopened' },
        'Kontakten är redan öppen. / The contact is already open.',
      ),
  };
}
