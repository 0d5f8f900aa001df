/** A page that only says something: an error, or that the caller's role has no access here. */
import { type Language, type TextKey, t } from './i18n.js';
import { Layout, type SessionInfo } from './layout.js';

export function MessagePage(props: {
  lang: Language;
  title: TextKey;
  message: TextKey;
  requestId?: string | undefined;
  session?: SessionInfo | undefined;
  /** Where the language links lead: the same page. */
  path: string;
  /** A link that carries on (e.g. to the page asked for), shown as the main action. */
  action?: { href: string; label: TextKey } | undefined;
}) {
  const { lang, title, message, requestId, session, path, action } = props;
  return (
    <Layout lang={lang} title={t(title, lang)} path={path} session={session}>
      <h1>{t(title, lang)}</h1>
      <p>{t(message, lang)}</p>
      {action ? (
        <p>
          <a class="button" href={action.href}>
            {t(action.label, lang)}
          </a>
        </p>
      ) : null}
      {requestId ? <p class="meta">{t('requestRef', lang, { id: requestId })}</p> : null}
      <p>
        <a href={`/?lang=${lang}`}>{t('toStart', lang)}</a>
      </p>
    </Layout>
  );
}
