/** The knowledge base's rules shared by its lifecycle and its search: whose entries, which topics, no people. */
import { AppError, type FieldProblem } from '../app/errors.js';
import type { Caller } from '../cases/read-context.js';
import { mayHandleContacts, mayReviewKnowledge } from '../policy/contact-access.js';
import type { Policy } from '../policy/policy-schema.js';
import type { EntryText } from '../schemas/knowledge.js';
import type { KnowledgeRow } from '../store/knowledge-store.js';
import { namesPerson } from './contact-text.js';
import type { ContactTopics } from './topic-schema.js';

export const NOT_HANDLED =
  'Du hanterar inte kontakter för den kommunen. / You do not handle contacts for that municipality.';

export const PERSON_DETAIL =
  'En kunskapspost får inte innehålla personuppgifter; skriv om texten utan personen. / ' +
  'A knowledge entry must hold no personal data; rewrite the text without the person.';

/** Each text of `texts` that names a person (a personnummer, or the mask left where one was), by field. */
export function personalDataIn(texts: {
  question?: Partial<Record<string, string | null | undefined>> | undefined;
  answer?: Partial<Record<string, string | null | undefined>> | undefined;
}): FieldProblem[] {
  const errors: FieldProblem[] = [];
  for (const part of ['question', 'answer'] as const)
    for (const [lang, text] of Object.entries(texts[part] ?? {}))
      if (typeof text === 'string' && namesPerson(text))
        errors.push({ field: `${part}.${lang}`, message: 'nämner en person / names a person' });
  return errors;
}

/** A text as stored: every language present, a missing translation null. */
export const storedText = (t: EntryText) => ({ sv: t.sv, en: t.en ?? null, ar: t.ar ?? null });

/**
 * Who may see and do what in a municipality's knowledge base, from the policy.
 *
 * @example
 * const rules = knowledgeRules({ policy, topics });
 * rules.municipalityFor(caller, undefined); // the caller's own, if they handle its contacts
 */
export function knowledgeRules(deps: { policy: Policy; topics: ContactTopics }) {
  const handles = (caller: Caller, municipality: string) =>
    mayHandleContacts(caller.principal, deps.policy, municipality);
  const reviews = (caller: Caller, municipality: string) =>
    mayReviewKnowledge(caller.principal, deps.policy, municipality);
  return {
    handles,
    reviews,
    /** Published entries for the municipality's handlers; the others for its reviewers and their author. */
    maySee: (caller: Caller, row: KnowledgeRow) =>
      handles(caller, row.municipality) &&
      (row.status === 'published' ||
        reviews(caller, row.municipality) ||
        row.authorSubject === caller.principal.subject),
    /** The municipality asked for, else the caller's own; refused (403) if they do not handle its contacts. */
    municipalityFor(caller: Caller, asked: string | undefined): string {
      const p = caller.principal;
      const municipality = asked ?? (p.kind === 'staff' ? p.municipality : undefined);
      if (!municipality || !handles(caller, municipality)) throw new AppError('forbidden', NOT_HANDLED);
      return municipality;
    },
    checkTopic(municipality: string, topic: string | undefined): void {
      if (topic !== undefined && !deps.topics.get(municipality)?.has(topic))
        throw new AppError('validation', 'Okänt ämne för kommunen. / Unknown topic for the municipality.', {
          errors: [
            { field: 'topic', message: 'inget ämne i kommunens lista / not in the municipality’s topics' },
          ],
        });
    },
  };
}
