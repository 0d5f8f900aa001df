/**
 * The knowledge base where agents work: suggestions on the register form (rendered by the server, with
 * or without script), entries for a case on its page, and "propose as knowledge entry" on a contact.
 */
import type { ContactView } from '../schemas/contact.js';
import type { KnowledgeListItem, Suggestions } from '../schemas/knowledge.js';
import { type Language, t } from './i18n.js';
import { inLanguage } from './knowledge-pages.js';
import { CSRF_FIELD } from './session.js';

/** The suggestions for the form: found ones, or why there are none yet. */
export type FormSuggestions = Suggestions | 'too-short';

/** An entry's answer in the contact's language when the entry has it, else Swedish. */
export function answerFor(
  entry: KnowledgeListItem,
  contactLanguage: string,
): { text: string; lang: Language } {
  const l = contactLanguage === 'en' || contactLanguage === 'ar' ? contactLanguage : 'sv';
  return inLanguage(entry.answer, l);
}

/**
 * The live region under the question. Without script, "Use this answer" posts the form back with the
 * entry chosen; with script (assets/suggest.js) it fills the answer in place.
 */
export function SuggestionsRegion(props: {
  lang: Language;
  suggestions?: FormSuggestions | undefined;
  contactLanguage: string;
  /** An entry's answer was just filled in (without script: the form came back with it). */
  used?: boolean;
}) {
  return (
    <div
      id="contact-suggestions"
      class="suggestions"
      aria-live="polite"
      data-used={t('suggestUsed', props.lang)}
    >
      {props.used ? <p class="notice notice-ok suggest-used">{t('suggestUsed', props.lang)}</p> : null}
      {props.suggestions ? <SuggestionList {...props} suggestions={props.suggestions} /> : null}
    </div>
  );
}

export function SuggestionList(props: {
  lang: Language;
  suggestions: FormSuggestions;
  contactLanguage: string;
}) {
  const { lang, suggestions, contactLanguage } = props;
  if (suggestions === 'too-short') return <p class="hint">{t('suggestTooShort', lang)}</p>;
  const { entries, contacts } = suggestions;
  if (entries.length === 0 && contacts.length === 0) return <p class="hint">{t('suggestNone', lang)}</p>;
  return (
    <section class="panel" aria-labelledby="suggestions-heading">
      <h2 id="suggestions-heading">{t('suggestHeading', lang)}</h2>
      {entries.length > 0 ? (
        <>
          <h3>{t('suggestEntries', lang)}</h3>
          <ul class="plain suggestion-list">
            {entries.map((entry) => {
              const question = inLanguage(entry.question, lang);
              const answer = answerFor(entry, contactLanguage);
              return (
                <li class="suggestion">
                  <p class="suggestion-question" lang={question.lang} dir="auto">
                    <a href={`/staff/kunskap/${entry.id}?lang=${lang}`} target="_blank" rel="noopener">
                      {question.text}
                    </a>
                  </p>
                  <p class="suggestion-answer contact-text" lang={answer.lang} dir="auto">
                    {answer.text}
                  </p>
                  <button
                    type="submit"
                    class="button secondary use-entry"
                    name="kunskap"
                    value={entry.id}
                    formaction={`/staff/fragor/forslag?lang=${lang}`}
                  >
                    {t('suggestUse', lang)}
                    <span class="visually-hidden">: {question.text}</span>
                  </button>
                </li>
              );
            })}
          </ul>
        </>
      ) : null}
      {contacts.length > 0 ? (
        <>
          <h3>{t('suggestContacts', lang)}</h3>
          <ul class="plain suggestion-list">
            {contacts.map((c) => (
              <li class="suggestion">
                <p class="suggestion-question" dir="auto">
                  {c.question}
                </p>
                <p class="meta" dir="auto">
                  {c.answer}
                </p>
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </section>
  );
}

/** A case page's entries for its case type and status (only for those who handle the municipality's contacts). */
export function CaseKnowledge(props: { lang: Language; items: readonly KnowledgeListItem[] }) {
  const { lang, items } = props;
  if (items.length === 0) return null;
  return (
    <section class="panel" aria-labelledby="case-knowledge-heading">
      <h2 id="case-knowledge-heading">{t('caseKnowledgeHeading', lang)}</h2>
      <ul class="plain">
        {items.map((item) => {
          const question = inLanguage(item.question, lang);
          return (
            <li>
              <a href={`/staff/kunskap/${item.id}?lang=${lang}`} lang={question.lang} dir="auto">
                {question.text}
              </a>
            </li>
          );
        })}
      </ul>
    </section>
  );
}

/** On a contact's page: the entry its answer came from, and proposing an answered one as an entry. */
export function ContactKnowledge(props: { lang: Language; view: ContactView; csrf: string }) {
  const { lang, view } = props;
  return (
    <>
      {view.knowledgeEntry ? (
        <p class="notice">
          {t('knowledgeUsedOnContact', lang)}:{' '}
          <a href={`/staff/kunskap/${view.knowledgeEntry}?lang=${lang}`}>{t('knowledgeOpenEntry', lang)}</a>
        </p>
      ) : null}
      {view.answer !== null ? (
        <form
          method="post"
          action={`/staff/fragor/${view.id}/kunskap?lang=${lang}`}
          class="panel"
          aria-describedby="propose-hint"
        >
          <input type="hidden" name={CSRF_FIELD} value={props.csrf} />
          <p id="propose-hint" class="hint">
            {t('knowledgeProposeHint', lang)}
          </p>
          <button type="submit" class="button secondary">
            {t('knowledgePropose', lang)}
          </button>
        </form>
      ) : null}
    </>
  );
}
