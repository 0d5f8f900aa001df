/** The contact register's console pages: register a question, and one contact with its history. */
import type { ContactHistoryEntry, ContactStep, ContactView } from '../schemas/contact.js';
import { MUNICIPALITIES } from '../schemas/municipalities.js';
import {
  CallbackFact,
  CHANNEL_NAMES,
  languageName,
  OUTCOME_NAMES,
  PublicRecordFact,
} from './contact-fields.js';
import { ContactForm, type LinkedCase } from './contact-form.js';
import type { ContactFormValues, FieldErrors } from './contact-form-input.js';
import {
  ContactTasks,
  closeOutcomes,
  ForwardErrorSummary,
  type ForwardErrors,
  ForwardForm,
  type ForwardValues,
  mayForward,
  type OfficeChoice,
} from './contact-tasks.js';
import { formatDateTime } from './format.js';
import { type Language, type TextKey, t } from './i18n.js';
import { ContactKnowledge, type FormSuggestions } from './knowledge-suggestions.js';
import { Layout, ROLE_NAMES, type SessionInfo } from './layout.js';
import { CSRF_FIELD } from './session.js';

const STEP_NAMES: Record<ContactStep, TextKey> = {
  registered: 'stepRegistered',
  answered: 'stepAnswered',
  forwarded: 'stepForwarded',
  task_answered: 'stepTaskAnswered',
  closed: 'stepClosed',
  reopened: 'stepReopened',
};

/** What the contact page says after a step (from the address: `?klart=…`, never any content). */
export const DONE_NOTICES = {
  sparad: 'contactSaved',
  besvarad: 'contactAnsweredNotice',
  avslutad: 'contactClosedNotice',
  oppnad: 'contactReopenedNotice',
  andrad: 'contactChanged',
  vidarebefordrad: 'forwardedNotice',
} as const satisfies Record<string, TextKey>;
export type DoneNotice = keyof typeof DONE_NOTICES;

export function NewContactPage(props: {
  lang: Language;
  session: SessionInfo;
  choices: Parameters<typeof ContactForm>[0]['choices'];
  values: ContactFormValues;
  errors: FieldErrors;
  linkedCase?: LinkedCase | undefined;
  suggestions?: FormSuggestions | undefined;
}) {
  const { lang, session, errors } = props;
  const title = t('navNewContact', lang);
  const failed = Object.keys(errors).length > 0;
  return (
    <Layout
      lang={lang}
      title={failed ? `${t('errorSummary', lang)}: ${title}` : title}
      path={props.linkedCase ? `/staff/fragor/ny?arende=${props.linkedCase.id}` : '/staff/fragor/ny'}
      session={session}
    >
      <h1>{title}</h1>
      {props.choices.length === 0 ? (
        <p>{t('contactNoMunicipality', lang)}</p>
      ) : (
        <>
          <p>{t('contactNewIntro', lang)}</p>
          <ContactForm {...props} csrf={session.csrf} />
        </>
      )}
    </Layout>
  );
}

export function ContactPage(props: {
  lang: Language;
  session: SessionInfo;
  view: ContactView;
  done?: DoneNotice | undefined;
  answerError?: TextKey | undefined;
  /** What the agent typed when the answer was refused (personnummer already taken out). */
  answerValue?: string | undefined;
  /** The agent asked to see the callback number (POST visa-nummer). */
  showCallback?: boolean;
  /** The offices of the contact's municipality it can be forwarded to. */
  offices: readonly OfficeChoice[];
  /** A refused forwarding: what was typed (personnummer taken out) and each field's problem. */
  forward?: { values: ForwardValues; errors: ForwardErrors } | undefined;
}) {
  const { lang, session, view, done, answerError, forward } = props;
  const failed = answerError !== undefined || forward !== undefined;
  const open = view.status === 'open';
  const topic = view.topic.label[lang];
  const action = (step: string) => `/staff/fragor/${view.id}/${step}?lang=${lang}`;
  return (
    <Layout
      lang={lang}
      title={
        failed
          ? `${t('errorSummary', lang)}: ${t('contactTitle', lang, { topic })}`
          : t('contactTitle', lang, { topic })
      }
      path={`/staff/fragor/${view.id}`}
      session={session}
    >
      <p>
        <a href={`/staff/fragor?lang=${lang}`}>{t('contactBack', lang)}</a>
      </p>
      <h1>{t('contactTitle', lang, { topic })}</h1>
      <p class="meta">
        {t('contactRegisteredAt', lang, { date: formatDateTime(view.createdAt, lang) })} ·{' '}
        {t(CHANNEL_NAMES[view.channel], lang)} · {languageName(view.language, lang)} ·{' '}
        {MUNICIPALITIES[view.municipality] ?? view.municipality}
      </p>
      {done ? (
        <p class={`notice ${done === 'andrad' ? 'notice-warning' : 'notice-ok'}`} role="status">
          {t(DONE_NOTICES[done], lang)}
        </p>
      ) : null}
      {answerError ? (
        <div class="error-summary" role="alert" aria-labelledby="error-summary-title" tabindex={-1}>
          <h2 id="error-summary-title">{t('errorSummary', lang)}</h2>
          <ul>
            <li>
              <a href="#contact-answer">{t(answerError, lang)}</a>
            </li>
          </ul>
        </div>
      ) : null}
      {forward ? <ForwardErrorSummary errors={forward.errors} lang={lang} /> : null}
      <section class="panel" aria-labelledby="contact-facts-heading">
        <h2 id="contact-facts-heading">{t('contactQuestion', lang)}</h2>
        <p class="contact-text" dir="auto">
          {view.anonymisedAt
            ? t('contactAnonymised', lang, { date: view.anonymisedAt.slice(0, 10) })
            : view.contentHidden
              ? t('contactContentHidden', lang)
              : view.question}
        </p>
        <dl class="facts">
          <dt>{t('contactStatus', lang)}</dt>
          <dd>
            {t(open ? 'contactOpen' : 'contactClosedState', lang)}
            {view.outcome ? ` · ${t(OUTCOME_NAMES[view.outcome], lang)}` : ''}
          </dd>
          <dt>{t('contactAnswer', lang)}</dt>
          <dd class="contact-text" dir="auto">
            {view.answer ?? t('contactNoAnswer', lang)}
          </dd>
          <dt>{t('contactPerson', lang)}</dt>
          <dd>{t(view.personRef ? 'contactPersonKnown' : 'contactPersonNone', lang)}</dd>
          <dt>{t('contactCallbackHeading', lang)}</dt>
          <CallbackFact
            lang={lang}
            number={open ? view.callbackNumber : null}
            shown={props.showCallback === true}
            action={action('visa-nummer')}
            csrf={{ field: CSRF_FIELD, value: session.csrf }}
          />
          <PublicRecordFact lang={lang} record={view.publicRecord} />
          <dt>{t('contactCases', lang)}</dt>
          <dd>
            {view.caseIds.length === 0 ? (
              t('contactNoCases', lang)
            ) : (
              <ul class="plain">
                {view.caseIds.map((id, i) => (
                  <li>
                    <a href={`/staff/arenden/${id}?lang=${lang}`}>
                      {t('contactCaseLink', lang, { n: i + 1 })}
                    </a>
                  </li>
                ))}
              </ul>
            )}
          </dd>
        </dl>
      </section>
      <ContactTasks tasks={view.tasks} lang={lang} />
      <ContactKnowledge lang={lang} view={view} csrf={session.csrf} />
      {mayForward(view) ? (
        <ForwardForm
          lang={lang}
          action={action('vidarebefordra')}
          csrf={session.csrf}
          offices={props.offices}
          values={forward?.values}
          errors={forward?.errors}
        />
      ) : null}
      {open ? (
        <>
          <section class="panel" aria-labelledby="answer-heading">
            <h2 id="answer-heading">{t('contactAnswerHeading', lang)}</h2>
            <form method="post" action={action('svara')} novalidate>
              <input type="hidden" name={CSRF_FIELD} value={session.csrf} />
              <div class={answerError ? 'field field-error' : 'field'}>
                <label for="contact-answer">{t('contactAnswer', lang)}</label>
                {answerError ? (
                  <p id="contact-answer-error" class="error-message">
                    <span class="visually-hidden">{t('errorSummary', lang)}: </span>
                    {t(answerError, lang)}
                  </p>
                ) : null}
                <textarea
                  dir="auto"
                  id="contact-answer"
                  name="answer"
                  rows={3}
                  maxlength={4000}
                  aria-describedby={answerError ? 'contact-answer-error' : undefined}
                  aria-invalid={answerError ? 'true' : undefined}
                >
                  {props.answerValue ?? view.answer ?? ''}
                </textarea>
              </div>
              <button type="submit" class="button">
                {t('contactSaveAnswer', lang)}
              </button>
            </form>
          </section>
          <section class="panel" aria-labelledby="close-heading">
            <h2 id="close-heading">{t('contactCloseHeading', lang)}</h2>
            <form method="post" action={action('avsluta')}>
              <input type="hidden" name={CSRF_FIELD} value={session.csrf} />
              <fieldset class="field">
                <legend>{t('contactOutcome', lang)}</legend>
                {closeOutcomes(view).map((outcome, i) => (
                  <div class="choice">
                    <input
                      type="radio"
                      id={`close-outcome-${outcome}`}
                      name="outcome"
                      value={outcome}
                      checked={i === 0}
                    />
                    <label for={`close-outcome-${outcome}`}>{t(OUTCOME_NAMES[outcome], lang)}</label>
                  </div>
                ))}
              </fieldset>
              <button type="submit" class="button">
                {t('contactClose', lang)}
              </button>
            </form>
          </section>
        </>
      ) : (
        <form method="post" action={action('oppna')} class="panel">
          <input type="hidden" name={CSRF_FIELD} value={session.csrf} />
          <button type="submit" class="button secondary">
            {t('contactReopen', lang)}
          </button>
        </form>
      )}
      <History history={view.history} lang={lang} />
    </Layout>
  );
}

function History(props: { history: ContactHistoryEntry[]; lang: Language }) {
  const { history, lang } = props;
  return (
    <section class="panel" aria-labelledby="history-heading">
      <h2 id="history-heading">{t('contactHistory', lang)}</h2>
      <ol class="timeline">
        {history.map((entry) => (
          <li>
            <time datetime={entry.at}>{formatDateTime(entry.at, lang)}</time>{' '}
            {t(STEP_NAMES[entry.step], lang)}
            {entry.outcome ? ` (${t(OUTCOME_NAMES[entry.outcome], lang)})` : ''}
            <span class="meta">
              {' '}
              · {roleName(entry.role, lang)}
              {entry.office ? `, ${entry.office}` : ''}
            </span>
          </li>
        ))}
      </ol>
    </section>
  );
}

/** Who took a step, by role (never a name: the subject is an account id). */
function roleName(role: string, lang: Language): string {
  return role in ROLE_NAMES ? t(ROLE_NAMES[role as keyof typeof ROLE_NAMES], lang) : role;
}
