/** The contact pages' shared pieces: names of channels, outcomes and languages, and one labelled form field. */
import type { Child } from 'hono/jsx';
import type { ContactChannel, ContactOutcome, ContactView } from '../schemas/contact.js';
import type { ContactField, ContactFormValues, FieldErrors } from './contact-form-input.js';
import { LOCALES } from './format.js';
import { type Language, type TextKey, t } from './i18n.js';

export const CHANNEL_NAMES: Record<ContactChannel, TextKey> = {
  phone: 'channelPhone',
  email: 'channelEmail',
  visit: 'channelVisit',
  letter: 'channelLetter',
  web: 'channelWeb',
};

export const OUTCOME_NAMES: Record<ContactOutcome, TextKey> = {
  answered_directly: 'outcomeAnsweredDirectly',
  forwarded: 'outcomeForwarded',
  callback_promised: 'outcomeCallbackPromised',
  referred_elsewhere: 'outcomeReferredElsewhere',
};

/** A language's name in the page's language ("finska", "Finnish", "الفنلندية"). */
export function languageName(code: string, lang: Language): string {
  return new Intl.DisplayNames([LOCALES[lang]], { type: 'language' }).of(code) ?? code;
}

/** A label, its hint and error (each referenced by aria-describedby), and the control. */
export function Field(props: {
  field: ContactField;
  lang: Language;
  label: TextKey;
  hint?: TextKey | undefined;
  note?: string | undefined;
  error?: TextKey | undefined;
  control: (describedBy: string | undefined, invalid: 'true' | undefined) => Child;
}) {
  const { field, lang, label, hint, note, error, control } = props;
  const id = `contact-${field}`;
  const described = [hint ? `${id}-hint` : '', note ? `${id}-note` : '', error ? `${id}-error` : '']
    .filter(Boolean)
    .join(' ');
  return (
    <div class={error ? 'field field-error' : 'field'}>
      <label for={id}>{t(label, lang)}</label>
      {hint ? (
        <p id={`${id}-hint`} class="hint">
          {t(hint, lang)}
        </p>
      ) : null}
      {note ? (
        <p id={`${id}-note`} class="hint">
          {note}
        </p>
      ) : null}
      {error ? (
        <p id={`${id}-error`} class="error-message">
          <span class="visually-hidden">{t('errorSummary', lang)}: </span>
          {t(error, lang)}
        </p>
      ) : null}
      {control(described || undefined, error ? 'true' : undefined)}
    </div>
  );
}

/**
 * The callback fact on a contact's page: whether a number is saved and, only on the agent's explicit
 * request (a POST, so never from a link, a prefetch or the browser history), the number itself.
 */
export function CallbackFact(props: {
  lang: Language;
  number: string | null;
  shown: boolean;
  action: string;
  csrf: { field: string; value: string };
}) {
  const { lang, number } = props;
  if (number === null) return <dd>{t('contactCallbackNone', lang)}</dd>;
  if (props.shown)
    return (
      <dd>
        <span class="callback-number" dir="ltr">
          {number}
        </span>
        <br />
        {t('contactCallbackShown', lang)}
      </dd>
    );
  return (
    <dd>
      {t('contactCallbackSaved', lang)}
      <form method="post" action={props.action} class="inline-form">
        <input type="hidden" name={props.csrf.field} value={props.csrf.value} />
        <button type="submit" class="button secondary">
          {t('contactCallbackShow', lang)}
        </button>
      </form>
    </dd>
  );
}

/** The public-record part of the form: only for an e-mail or letter that must be registered. */
export function PublicRecordFields(props: {
  lang: Language;
  values: ContactFormValues;
  errors: FieldErrors;
}) {
  const { lang, values, errors } = props;
  return (
    <fieldset class="field-row" aria-describedby="contact-record-hint">
      <legend>{t('contactRecordLegend', lang)}</legend>
      <p id="contact-record-hint" class="hint">
        {t('contactRecordHint', lang)}
      </p>
      <Field
        field="recordArrivedOn"
        lang={lang}
        label="contactRecordArrivedOn"
        error={errors.recordArrivedOn}
        control={(d, invalid) => (
          <input
            id="contact-recordArrivedOn"
            name="recordArrivedOn"
            type="date"
            value={values.recordArrivedOn}
            aria-describedby={d}
            aria-invalid={invalid}
          />
        )}
      />
      <Field
        field="recordDiarienummer"
        lang={lang}
        label="contactRecordDiarienummer"
        error={errors.recordDiarienummer}
        control={(d, invalid) => (
          <input
            id="contact-recordDiarienummer"
            name="recordDiarienummer"
            type="text"
            autocomplete="off"
            maxlength={64}
            value={values.recordDiarienummer}
            aria-describedby={d}
            aria-invalid={invalid}
          />
        )}
      />
    </fieldset>
  );
}

/** The public record on a contact's page, when the question came as one. */
export function PublicRecordFact(props: { lang: Language; record: ContactView['publicRecord'] }) {
  const { lang, record } = props;
  if (!record) return null;
  return (
    <>
      <dt>{t('contactRecordLegend', lang)}</dt>
      <dd>
        {t('contactRecordFact', lang, { date: record.arrivedOn })} ·{' '}
        {record.diarienummer ?? t('contactRecordNoDnr', lang)}
      </dd>
    </>
  );
}
