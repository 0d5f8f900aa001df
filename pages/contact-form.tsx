/** "Registrera fråga": the compact form an agent fills in during a call (issue 14 item 1). */
import type { ContactTopic } from '../contacts/topic-schema.js';
import { CONTACT_CHANNELS, CONTACT_TEXT_MAX } from '../schemas/contact.js';
import { MUNICIPALITIES } from '../schemas/municipalities.js';
import { CHANNEL_NAMES, Field, languageName, OUTCOME_NAMES, PublicRecordFields } from './contact-fields.js';
import {
  CONTACT_LANGUAGES,
  type ContactField,
  type ContactFormValues,
  type FieldErrors,
  FORM_OUTCOMES,
} from './contact-form-input.js';
import { type Language, type TextKey, t } from './i18n.js';
import { type FormSuggestions, SuggestionsRegion } from './knowledge-suggestions.js';
import { CSRF_FIELD } from './session.js';

export type MunicipalityChoice = { municipality: string; topics: readonly ContactTopic[] };
export type LinkedCase = {
  id: string;
  reference: string;
  title?: string | undefined;
  /** The case's municipality, preselected when the agent handles its contacts. */
  municipality: string;
};

/** The field's element id; the error summary links to it. */
const idOf = (field: ContactField) =>
  field === 'outcome' ? `contact-outcome-${FORM_OUTCOMES[0]}` : `contact-${field}`;

export function ContactForm(props: {
  lang: Language;
  csrf: string;
  choices: readonly MunicipalityChoice[];
  values: ContactFormValues;
  errors: FieldErrors;
  linkedCase?: LinkedCase | undefined;
  suggestions?: FormSuggestions | undefined;
}) {
  const { lang, csrf, choices, values, errors, linkedCase } = props;
  const several = choices.length > 1;
  const topicOptions = (topics: readonly ContactTopic[]) =>
    topics.map((topic) => (
      <option value={topic.code} selected={topic.code === values.topic}>
        {topic.label[lang]}
      </option>
    ));
  const errorFields = Object.keys(errors) as ContactField[];
  return (
    <form method="post" action={`/staff/fragor?lang=${lang}`} class="contact-form" novalidate>
      <input type="hidden" name={CSRF_FIELD} value={csrf} />
      {errorFields.length > 0 ? (
        <div class="error-summary" role="alert" aria-labelledby="error-summary-title" tabindex={-1}>
          <h2 id="error-summary-title">{t('errorSummary', lang)}</h2>
          <ul>
            {errorFields.map((field) => (
              <li>
                <a href={`#${idOf(field)}`}>{t(errors[field] as TextKey, lang)}</a>
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      {linkedCase ? (
        <p class="notice">
          <input type="hidden" name="arende" value={linkedCase.id} />
          {t('contactLinkedCase', lang)}:{' '}
          <a href={`/staff/arenden/${linkedCase.id}?lang=${lang}`}>
            <span class="reference">{linkedCase.reference}</span>
          </a>
          {linkedCase.title ? <span lang="sv"> · {linkedCase.title}</span> : null}
        </p>
      ) : null}
      <div class="field-row">
        <Field
          field="channel"
          lang={lang}
          label="contactChannel"
          error={errors.channel}
          control={(d, invalid) => (
            <select id="contact-channel" name="channel" aria-describedby={d} aria-invalid={invalid}>
              {CONTACT_CHANNELS.map((c) => (
                <option value={c} selected={c === values.channel}>
                  {t(CHANNEL_NAMES[c], lang)}
                </option>
              ))}
            </select>
          )}
        />
        <Field
          field="language"
          lang={lang}
          label="contactLanguage"
          error={errors.language}
          control={(d, invalid) => (
            <select id="contact-language" name="language" aria-describedby={d} aria-invalid={invalid}>
              {CONTACT_LANGUAGES.map((code) => (
                <option value={code} selected={code === values.language}>
                  {languageName(code, lang)}
                </option>
              ))}
            </select>
          )}
        />
        <Field
          field="municipality"
          lang={lang}
          label="contactMunicipalityField"
          error={errors.municipality}
          control={(d, invalid) => (
            <select id="contact-municipality" name="municipality" aria-describedby={d} aria-invalid={invalid}>
              {several ? <option value="">{t('contactChoose', lang)}</option> : null}
              {choices.map((c) => (
                <option value={c.municipality} selected={!several || c.municipality === values.municipality}>
                  {MUNICIPALITIES[c.municipality] ?? c.municipality}
                </option>
              ))}
            </select>
          )}
        />
        <Field
          field="topic"
          lang={lang}
          label="contactTopic"
          error={errors.topic}
          control={(d, invalid) => (
            <select id="contact-topic" name="topic" aria-describedby={d} aria-invalid={invalid}>
              <option value="">{t('contactChoose', lang)}</option>
              {several
                ? choices.map((c) => (
                    <optgroup label={MUNICIPALITIES[c.municipality] ?? c.municipality}>
                      {topicOptions(c.topics)}
                    </optgroup>
                  ))
                : topicOptions(choices[0]?.topics ?? [])}
            </select>
          )}
        />
      </div>
      {values.textMasked ? <p class="notice notice-warning">{t('contactTextMasked', lang)}</p> : null}
      <Field
        field="question"
        lang={lang}
        label="contactQuestion"
        hint="contactQuestionHint"
        error={errors.question}
        control={(d, invalid) => (
          <textarea
            dir="auto"
            id="contact-question"
            name="question"
            rows={3}
            maxlength={CONTACT_TEXT_MAX}
            aria-describedby={d}
            aria-invalid={invalid}
          >
            {values.question}
          </textarea>
        )}
      />
      <div class="suggest-row">
        <p id="contact-suggest-hint" class="hint">
          {t('suggestHint', lang)}
        </p>
        {/* Without script it posts the form back with suggestions, keeping what was typed. */}
        <button
          type="submit"
          id="contact-suggest"
          class="button secondary"
          formaction={`/staff/fragor/forslag?lang=${lang}`}
          aria-describedby="contact-suggest-hint"
        >
          {t('suggestButton', lang)}
        </button>
      </div>
      <SuggestionsRegion
        lang={lang}
        suggestions={props.suggestions}
        contactLanguage={values.language}
        used={props.suggestions !== undefined && values.knowledgeEntry !== undefined}
      />
      <input
        type="hidden"
        id="contact-knowledgeEntry"
        name="knowledgeEntry"
        value={values.knowledgeEntry ?? ''}
      />
      <Field
        field="answer"
        lang={lang}
        label="contactAnswer"
        hint="contactAnswerHint"
        error={errors.answer}
        control={(d, invalid) => (
          <textarea
            dir="auto"
            id="contact-answer"
            name="answer"
            rows={3}
            maxlength={CONTACT_TEXT_MAX}
            aria-describedby={d}
            aria-invalid={invalid}
          >
            {values.answer}
          </textarea>
        )}
      />
      <fieldset
        class={errors.outcome ? 'field field-error' : 'field'}
        aria-describedby={
          errors.outcome ? 'contact-outcome-hint contact-outcome-error' : 'contact-outcome-hint'
        }
      >
        <legend>{t('contactOutcome', lang)}</legend>
        <p id="contact-outcome-hint" class="hint">
          {t('contactOutcomeHint', lang)}
        </p>
        {errors.outcome ? (
          <p id="contact-outcome-error" class="error-message">
            <span class="visually-hidden">{t('errorSummary', lang)}: </span>
            {t(errors.outcome, lang)}
          </p>
        ) : null}
        {FORM_OUTCOMES.map((outcome) => (
          <div class="choice">
            <input
              type="radio"
              id={`contact-outcome-${outcome}`}
              name="outcome"
              value={outcome}
              checked={outcome === values.outcome}
            />
            <label for={`contact-outcome-${outcome}`}>{t(OUTCOME_NAMES[outcome], lang)}</label>
          </div>
        ))}
      </fieldset>
      <div class="field-row">
        <Field
          field="callbackNumber"
          lang={lang}
          label="contactCallback"
          hint="contactCallbackHint"
          error={errors.callbackNumber}
          control={(d, invalid) => (
            <input
              id="contact-callbackNumber"
              name="callbackNumber"
              type="tel"
              autocomplete="off"
              maxlength={24}
              value={values.callbackNumber}
              aria-describedby={d}
              aria-invalid={invalid}
            />
          )}
        />
        <Field
          field="personnummer"
          lang={lang}
          label="contactPersonnummer"
          hint="contactPersonnummerHint"
          note={
            values.personnummerMasked
              ? t('contactPersonnummerGiven', lang, { masked: values.personnummerMasked })
              : undefined
          }
          error={errors.personnummer}
          control={(d, invalid) => (
            <input
              id="contact-personnummer"
              name="personnummer"
              type="text"
              inputmode="numeric"
              autocomplete="off"
              spellcheck={false}
              maxlength={20}
              aria-describedby={d}
              aria-invalid={invalid}
            />
          )}
        />
      </div>
      <PublicRecordFields lang={lang} values={values} errors={errors} />
      <button type="submit" id="contact-save" class="button">
        {t('contactSave', lang)}
      </button>
      <script type="module" src="/assets/suggest.js" />
    </form>
  );
}
