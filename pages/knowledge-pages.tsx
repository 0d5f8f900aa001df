/** The knowledge base's console pages: search published entries, and the review queue. */
import type { ContactChoice } from '../contacts/contact-choices.js';
import type { KnowledgeListItem, KnowledgeStatus } from '../schemas/knowledge.js';
import { MUNICIPALITIES } from '../schemas/municipalities.js';
import { type Language, type TextKey, t } from './i18n.js';
import { Layout, type SessionInfo } from './layout.js';
import { CSRF_FIELD } from './session.js';

export const STATE_NAMES: Record<KnowledgeStatus, TextKey> = {
  draft: 'stateDraft',
  review: 'stateReview',
  published: 'statePublished',
  withdrawn: 'stateWithdrawn',
};

type Text = { sv: string; en: string | null; ar: string | null };

/** A text in the page's language when the entry has it, else Swedish (marked `lang="sv"` by the caller). */
export function inLanguage(text: Text, lang: Language): { text: string; lang: Language } {
  const own = text[lang];
  return own ? { text: own, lang } : { text: text.sv, lang: 'sv' };
}

/** A list of entries with links, their question in the page language (else Swedish). */
export function EntryList(props: { items: readonly KnowledgeListItem[]; lang: Language; states?: boolean }) {
  const { items, lang } = props;
  return (
    <ol class="case-list contact-list">
      {items.map((item) => {
        const question = inLanguage(item.question, lang);
        return (
          <li class="case-card">
            <h3 class="contact-card-title">
              <a href={`/staff/kunskap/${item.id}?lang=${lang}`} lang={question.lang} dir="auto">
                {question.text}
              </a>
            </h3>
            <p class="meta">
              {item.topic.label[lang]} · {MUNICIPALITIES[item.municipality] ?? item.municipality}
              {props.states ? ` · ${t(STATE_NAMES[item.status], lang)}` : ''}
            </p>
          </li>
        );
      })}
    </ol>
  );
}

export type KnowledgeSearchValues = { q: string; topic: string; municipality: string };

export function KnowledgeSearchPage(props: {
  lang: Language;
  session: SessionInfo;
  choices: readonly ContactChoice[];
  values: KnowledgeSearchValues;
  items: readonly KnowledgeListItem[];
  /** Whether the person reviews any municipality's entries (the queue link). */
  reviews: boolean;
}) {
  const { lang, session, choices, values, items } = props;
  const several = choices.length > 1;
  const title = t('navKnowledge', lang);
  return (
    <Layout lang={lang} title={title} path="/staff/kunskap" session={session}>
      <h1>{title}</h1>
      <p>{t('knowledgeIntro', lang)}</p>
      <p>
        <a href={`/staff/kunskap/granska?lang=${lang}`}>
          {t(props.reviews ? 'knowledgeReviewQueue' : 'knowledgeDrafts', lang)}
        </a>
      </p>
      <form method="post" action={`/staff/kunskap?lang=${lang}`} class="panel knowledge-search">
        <input type="hidden" name={CSRF_FIELD} value={session.csrf} />
        <div class="field">
          <label for="knowledge-q">{t('knowledgeSearchLabel', lang)}</label>
          <p id="knowledge-q-hint" class="hint">
            {t('knowledgeSearchHint', lang)}
          </p>
          <input
            id="knowledge-q"
            name="q"
            type="search"
            maxlength={200}
            autocomplete="off"
            value={values.q}
            aria-describedby="knowledge-q-hint"
          />
        </div>
        <div class="field-row">
          {several ? (
            <div class="field">
              <label for="knowledge-municipality">{t('contactMunicipalityField', lang)}</label>
              <select id="knowledge-municipality" name="municipality">
                {choices.map((c) => (
                  <option value={c.municipality} selected={c.municipality === values.municipality}>
                    {MUNICIPALITIES[c.municipality] ?? c.municipality}
                  </option>
                ))}
              </select>
            </div>
          ) : null}
          <div class="field">
            <label for="knowledge-topic">{t('contactTopic', lang)}</label>
            <select id="knowledge-topic" name="topic">
              <option value="">{t('knowledgeAllTopics', lang)}</option>
              {choices.map((c) => (
                <optgroup label={MUNICIPALITIES[c.municipality] ?? c.municipality}>
                  {c.topics.map((topic) => (
                    <option value={topic.code} selected={topic.code === values.topic}>
                      {topic.label[lang]}
                    </option>
                  ))}
                </optgroup>
              ))}
            </select>
          </div>
        </div>
        <button type="submit" class="button">
          {t('knowledgeSearch', lang)}
        </button>
      </form>
      <h2 id="knowledge-results">{t('knowledgeCount', lang, { n: items.length })}</h2>
      {items.length === 0 ? <p>{t('knowledgeNone', lang)}</p> : <EntryList items={items} lang={lang} />}
    </Layout>
  );
}

/** Entries waiting for a reviewer, and drafts (a reviewer sees everyone's, anyone else their own). */
export function KnowledgeQueuePage(props: {
  lang: Language;
  session: SessionInfo;
  review: readonly KnowledgeListItem[];
  drafts: readonly KnowledgeListItem[];
  reviews: boolean;
}) {
  const { lang, session } = props;
  const title = t(props.reviews ? 'knowledgeReviewQueue' : 'knowledgeDrafts', lang);
  return (
    <Layout lang={lang} title={title} path="/staff/kunskap/granska" session={session}>
      <p>
        <a href={`/staff/kunskap?lang=${lang}`}>{t('knowledgeBack', lang)}</a>
      </p>
      <h1>{title}</h1>
      {(
        [
          ['knowledgeInReview', props.review],
          ['knowledgeDrafts', props.drafts],
        ] as const
      ).map(([heading, items]) => (
        <section class="panel" aria-labelledby={`queue-${heading}`}>
          <h2 id={`queue-${heading}`}>{t(heading, lang)}</h2>
          {items.length === 0 ? (
            <p>{t('knowledgeQueueNone', lang)}</p>
          ) : (
            <EntryList items={items} lang={lang} states />
          )}
        </section>
      ))}
    </Layout>
  );
}
