/**
 * "Aviseringar" on Mina ärenden (issue 15): the citizen chooses e-mail (with the address), digital mail
 * or none, and the language of the message. A plain form: no script, errors beside their fields.
 */
import type { NotificationChannel, NotificationLanguage, SendingChannel } from '../schemas/notification.js';
import { NOTIFICATION_LANGUAGES } from '../schemas/notification.js';
import { LANGUAGE_NAMES, type Language, type TextKey, t } from './i18n.js';
import { Layout, type SessionInfo } from './layout.js';
import { CSRF_FIELD } from './session.js';

export const NOTIFICATIONS_PATH = '/mina-arenden/aviseringar';

export type NotifyField = 'channel' | 'email' | 'language';
export type NotifyValues = {
  channel: NotificationChannel | '';
  email: string;
  language: NotificationLanguage;
};
export type NotifyErrors = Partial<Record<NotifyField, TextKey>>;

const CHANNEL_TEXT: Record<NotificationChannel, TextKey> = {
  email: 'notifyEmail',
  digital_mail: 'notifyDigitalMail',
  none: 'notifyNone',
};

const idOf = (field: NotifyField) => (field === 'channel' ? 'notify-channel-email' : `notify-${field}`);

function ErrorText(props: { id: string; lang: Language; text: TextKey | undefined }) {
  if (!props.text) return null;
  return (
    <p id={props.id} class="error-message">
      <span class="visually-hidden">{t('errorSummary', props.lang)}: </span>
      {t(props.text, props.lang)}
    </p>
  );
}

export function NotificationsPage(props: {
  lang: Language;
  session: SessionInfo;
  channels: readonly SendingChannel[];
  quietHours: { start: string; end: string } | undefined;
  values: NotifyValues;
  errors: NotifyErrors;
  saved: boolean;
  /** Whether the citizen has saved a choice before. */
  chosen: boolean;
}) {
  const { lang, session, values, errors } = props;
  const channels: NotificationChannel[] = [...props.channels, 'none'];
  const errorFields = Object.keys(errors) as NotifyField[];
  const described = (...ids: (string | false)[]) => ids.filter(Boolean).join(' ') || undefined;
  return (
    <Layout lang={lang} title={t('notifyTitle', lang)} path={NOTIFICATIONS_PATH} session={session}>
      <p>
        <a href={`/mina-arenden?lang=${lang}`}>{t('backToMyCases', lang)}</a>
      </p>
      <h1>{t('notifyTitle', lang)}</h1>
      {props.saved ? (
        <p class="notice notice-ok" role="status">
          {t('notifySaved', lang)}
        </p>
      ) : null}
      <p class="lead">{t('notifyIntro', lang)}</p>
      {props.quietHours ? <p>{t('notifyQuiet', lang, props.quietHours)}</p> : null}
      {!props.chosen && !props.saved ? <p>{t('notifyCurrentNone', lang)}</p> : null}
      <form method="post" action={`${NOTIFICATIONS_PATH}?lang=${lang}`} novalidate>
        <input type="hidden" name={CSRF_FIELD} value={session.csrf} />
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
        <fieldset
          class={errors.channel ? 'field field-error' : 'field'}
          aria-describedby={described('notify-protected', !!errors.channel && 'notify-channel-error')}
        >
          <legend>{t('notifyChannel', lang)}</legend>
          <p id="notify-protected" class="hint">
            {t('notifyProtected', lang)}
          </p>
          <ErrorText id="notify-channel-error" lang={lang} text={errors.channel} />
          {channels.map((channel) => (
            <div class="choice">
              <input
                type="radio"
                id={`notify-channel-${channel}`}
                name="channel"
                value={channel}
                checked={channel === values.channel}
                aria-describedby={channel === 'digital_mail' ? 'notify-digital-hint' : undefined}
              />
              <label for={`notify-channel-${channel}`}>{t(CHANNEL_TEXT[channel], lang)}</label>
              {channel === 'digital_mail' ? (
                <p id="notify-digital-hint" class="hint">
                  {t('notifyDigitalMailHint', lang)}
                </p>
              ) : null}
            </div>
          ))}
        </fieldset>
        {props.channels.includes('email') ? (
          <div class={errors.email ? 'field field-error' : 'field'}>
            <label for="notify-email">{t('notifyEmailAddress', lang)}</label>
            <p id="notify-email-hint" class="hint">
              {t('notifyEmailHint', lang)}
            </p>
            <ErrorText id="notify-email-error" lang={lang} text={errors.email} />
            <input
              id="notify-email"
              name="email"
              type="email"
              autocomplete="email"
              spellcheck={false}
              dir="ltr"
              maxlength={254}
              value={values.email}
              aria-describedby={described('notify-email-hint', !!errors.email && 'notify-email-error')}
              aria-invalid={errors.email ? 'true' : undefined}
            />
          </div>
        ) : null}
        <div class={errors.language ? 'field field-error' : 'field'}>
          <label for="notify-language">{t('notifyLanguage', lang)}</label>
          <ErrorText id="notify-language-error" lang={lang} text={errors.language} />
          <select
            id="notify-language"
            name="language"
            aria-describedby={errors.language ? 'notify-language-error' : undefined}
            aria-invalid={errors.language ? 'true' : undefined}
          >
            {NOTIFICATION_LANGUAGES.map((code) => (
              <option value={code} selected={code === values.language} lang={code}>
                {LANGUAGE_NAMES[code]}
              </option>
            ))}
          </select>
        </div>
        <button type="submit">{t('notifySave', lang)}</button>
      </form>
    </Layout>
  );
}
