/** One knowledge entry: its text in the page language (else Swedish), its state, review steps and edit form. */
import type { ContactTopic } from '../contacts/topic-schema.js';
import type { KnowledgeEntryView } from '../schemas/knowledge.js';
import { MUNICIPALITIES } from '../schemas/municipalities.js';
import { formatDateTime } from './format.js';
import { LANGUAGE_NAMES, LANGUAGES, type Language, type TextKey, t } from './i18n.js';
import { inLanguage, STATE_NAMES } from './knowledge-pages.js';
import { Layout, type SessionInfo } from './layout.js';
import { CSRF_FIELD } from './session.js';

/** What the entry page says after a step (from the address: `?klart=…`). */
export const ENTRY_NOTICES = {
  foreslagen: 'knowledgeDoneProposed',
  andrad: 'knowledgeDoneEdited',
  skickad: 'knowledgeDoneSubmitted',
  publicerad: 'knowledgeDonePublished',
  tillbakadragen: 'knowledgeDoneWithdrawn',
  konflikt: 'knowledgeChanged',
} as const satisfies Record<string, TextKey>;
export type EntryNotice = keyof typeof ENTRY_NOTICES;

/** The edit form's fields: `topic`, `question.sv`, `answer.en`, … (the service's field names). */
export type EntryEditValues = Record<string, string>;
export type EntryEditErrors = Record<string, TextKey>;

export const TEXT_FIELDS = LANGUAGES.flatMap((l) => [`question.${l}`, `answer.${l}`]);
const idOf = (field: string) => `entry-${field.replace('.', '-')}`;

export function editValuesOf(view: KnowledgeEntryView): EntryEditValues {
  const values: EntryEditValues = { topic: view.topic.code };
  for (const l of LANGUAGES) {
    values[`question.${l}`] = view.question[l] ?? '';
    values[`answer.${l}`] = view.answer[l] ?? '';
  }
  return values;
}

export function KnowledgeEntryPage(props: {
  lang: Language;
  session: SessionInfo;
  view: KnowledgeEntryView;
  /** The signed-in person proposed or edited it: they may not approve it. */
  wroteIt: boolean;
  reviews: boolean;
  topics: readonly ContactTopic[];
  done?: EntryNotice | undefined;
  refusal?: TextKey | undefined;
  edit?: { values: EntryEditValues; errors: EntryEditErrors } | undefined;
}) {
  const { lang, session, view, refusal } = props;
  const topic = view.topic.label[lang];
  const title = t('knowledgeEntryTitle', lang, { topic });
  const errors = props.edit?.errors ?? {};
  const failed = refusal !== undefined || Object.keys(errors).length > 0;
  const question = inLanguage(view.question, lang);
  const answer = inLanguage(view.answer, lang);
  const action = (step: string) => `/staff/kunskap/${view.id}/${step}?lang=${lang}`;
  const stepButton = (step: string, text: TextKey, secondary = false) => (
    <form method="post" action={action(step)} class="inline-form">
      <input type="hidden" name={CSRF_FIELD} value={session.csrf} />
      <button type="submit" class={secondary ? 'button secondary' : 'button'}>
        {t(text, lang)}
      </button>
    </form>
  );
  return (
    <Layout
      lang={lang}
      title={failed ? `${t('errorSummary', lang)}: ${title}` : title}
      path={`/staff/kunskap/${view.id}`}
      session={session}
    >
      <p>
        <a href={`/staff/kunskap?lang=${lang}`}>{t('knowledgeBack', lang)}</a>
      </p>
      <h1>{title}</h1>
      <p class="meta">
        {MUNICIPALITIES[view.municipality] ?? view.municipality} · {t(STATE_NAMES[view.status], lang)}
        {view.publishedAt ? ` · ${formatDateTime(view.publishedAt, lang)}` : ''}
      </p>
      {props.done ? (
        <p class={`notice ${props.done === 'konflikt' ? 'notice-warning' : 'notice-ok'}`} role="status">
          {t(ENTRY_NOTICES[props.done], lang)}
        </p>
      ) : null}
      {refusal ? (
        <div class="error-summary" role="alert" aria-labelledby="error-summary-title" tabindex={-1}>
          <h2 id="error-summary-title">{t('errorSummary', lang)}</h2>
          <p>{t(refusal, lang)}</p>
        </div>
      ) : null}
      <section class="panel" aria-labelledby="entry-question-heading">
        <h2 id="entry-question-heading">{t('knowledgeQuestion', lang)}</h2>
        <p class="contact-text" lang={question.lang} dir="auto">
          {question.text}
        </p>
        <h2>{t('knowledgeAnswer', lang)}</h2>
        <p class="contact-text knowledge-answer" lang={answer.lang} dir="auto">
          {answer.text}
        </p>
        {question.lang !== lang || answer.lang !== lang ? (
          <p class="hint">{t('knowledgeOnlySwedish', lang)}</p>
        ) : null}
      </section>
      {view.status !== 'published' && props.wroteIt ? (
        <p class="notice">{t('knowledgeOwnText', lang)}</p>
      ) : null}
      <div class="actions">
        {view.status === 'draft' ? stepButton('skicka', 'knowledgeSubmit') : null}
        {view.status === 'review' && props.reviews ? stepButton('publicera', 'knowledgePublish') : null}
        {view.status !== 'withdrawn' && props.reviews
          ? stepButton('dra-tillbaka', 'knowledgeWithdraw', true)
          : null}
      </div>
      {view.status !== 'published' ? (
        <EditForm
          lang={lang}
          csrf={session.csrf}
          action={action('andra')}
          topics={props.topics}
          values={props.edit?.values ?? editValuesOf(view)}
          errors={errors}
        />
      ) : null}
    </Layout>
  );
}

function EditForm(props: {
  lang: Language;
  csrf: string;
  action: string;
  topics: readonly ContactTopic[];
  values: EntryEditValues;
  errors: EntryEditErrors;
}) {
  const { lang, values, errors } = props;
  const fields = Object.keys(errors);
  const label = (field: string) => {
    const [part, l] = field.split('.') as [string, Language];
    return t('knowledgeTextIn', lang, {
      part: t(part === 'question' ? 'knowledgeQuestion' : 'knowledgeAnswer', lang),
      language: LANGUAGE_NAMES[l],
    });
  };
  return (
    <section class="panel" aria-labelledby="entry-edit-heading">
      <h2 id="entry-edit-heading">{t('knowledgeEditHeading', lang)}</h2>
      <p id="entry-edit-hint" class="hint">
        {t('knowledgeEditHint', lang)}
      </p>
      <form method="post" action={props.action} novalidate>
        <input type="hidden" name={CSRF_FIELD} value={props.csrf} />
        {fields.length > 0 ? (
          <div class="error-summary" role="alert" aria-labelledby="edit-errors-title" tabindex={-1}>
            <h3 id="edit-errors-title">{t('errorSummary', lang)}</h3>
            <ul>
              {fields.map((field) => (
                <li>
                  <a href={`#${idOf(field)}`}>
                    {field === 'topic' ? t('contactTopic', lang) : label(field)}:{' '}
                    {t(errors[field] as TextKey, lang)}
                  </a>
                </li>
              ))}
            </ul>
          </div>
        ) : null}
        <div class={errors.topic ? 'field field-error' : 'field'}>
          <label for="entry-topic">{t('contactTopic', lang)}</label>
          {errors.topic ? <FieldError id="entry-topic-error" lang={lang} text={errors.topic} /> : null}
          <select
            id="entry-topic"
            name="topic"
            aria-describedby={errors.topic ? 'entry-topic-error' : undefined}
            aria-invalid={errors.topic ? 'true' : undefined}
          >
            {props.topics.map((topic) => (
              <option value={topic.code} selected={topic.code === values.topic}>
                {topic.label[lang]}
              </option>
            ))}
          </select>
        </div>
        {TEXT_FIELDS.map((field) => {
          const id = idOf(field);
          const error = errors[field];
          const textLang = field.split('.')[1] as Language;
          return (
            <div class={error ? 'field field-error' : 'field'}>
              <label for={id}>{label(field)}</label>
              {error ? <FieldError id={`${id}-error`} lang={lang} text={error} /> : null}
              <textarea
                id={id}
                name={field}
                lang={textLang}
                dir={textLang === 'ar' ? 'rtl' : 'ltr'}
                rows={field.startsWith('answer') ? 4 : 2}
                maxlength={4000}
                aria-describedby={error ? `${id}-error` : 'entry-edit-hint'}
                aria-invalid={error ? 'true' : undefined}
              >
                {values[field] ?? ''}
              </textarea>
            </div>
          );
        })}
        <button type="submit" class="button">
          {t('knowledgeSaveEdit', lang)}
        </button>
      </form>
    </section>
  );
}

function FieldError(props: { id: string; lang: Language; text: TextKey }) {
  return (
    <p id={props.id} class="error-message">
      <span class="visually-hidden">{t('errorSummary', props.lang)}: </span>
      {t(props.text, props.lang)}
    </p>
  );
}
