/** "Mina uppföljningar": the agent's open contacts in the register's order (overdue tasks first), as a list of cards. */
import type { ContactView } from '../schemas/contact.js';
import { MUNICIPALITIES } from '../schemas/municipalities.js';
import { CHANNEL_NAMES } from './contact-fields.js';
import { officeLabel, TaskDue, taskStatusName } from './contact-tasks.js';
import { formatDateTime } from './format.js';
import { type Language, t } from './i18n.js';
import { Layout, type SessionInfo } from './layout.js';

type Summary = Omit<ContactView, 'history' | 'tasks'>;

export function MyContactsPage(props: { lang: Language; session: SessionInfo; items: Summary[] }) {
  const { lang, session, items } = props;
  return (
    <Layout lang={lang} title={t('navMyContacts', lang)} path="/staff/fragor" session={session}>
      <h1>{t('navMyContacts', lang)}</h1>
      <p>{t('myContactsIntro', lang)}</p>
      <p>
        <a class="button secondary" href={`/staff/fragor/ny?lang=${lang}`}>
          {t('navNewContact', lang)}
        </a>
      </p>
      <p role="status">{t('myContactsCount', lang, { n: items.length })}</p>
      {items.length === 0 ? (
        <p>{t('myContactsNone', lang)}</p>
      ) : (
        <ol class="case-list contact-list">
          {items.map((item) => (
            <li class="case-card">
              <h2 class="contact-card-title">
                <a href={`/staff/fragor/${item.id}?lang=${lang}`}>{item.topic.label[lang]}</a>
              </h2>
              <p class="contact-excerpt" dir="auto">
                {excerpt(item.question)}
              </p>
              <p class="meta">
                {t('contactRegisteredAt', lang, { date: formatDateTime(item.createdAt, lang) })} ·{' '}
                {t(CHANNEL_NAMES[item.channel], lang)} ·{' '}
                {MUNICIPALITIES[item.municipality] ?? item.municipality}
                {item.callbackNumber !== null ? ` · ${t('contactCallbackHeading', lang)}` : ''}
              </p>
              {item.task ? (
                <p class="meta">
                  {t('taskLatest', lang, { office: officeLabel(item.task.office, lang) })} ·{' '}
                  {taskStatusName(item.task.status, lang)} · <TaskDue task={item.task} lang={lang} />
                </p>
              ) : null}
            </li>
          ))}
        </ol>
      )}
    </Layout>
  );
}

/** The first line of a question, short enough for a list. */
function excerpt(text: string): string {
  const line = text.split('\n')[0] ?? '';
  return line.length > 140 ? `${line.slice(0, 139)}…` : line;
}
