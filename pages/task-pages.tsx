/** The officers' pages (issue 14 item 2): their office's tasks forwarded by the contact centre, and one task with its answer form. */
import type { LocalizedText } from '../schemas/case.js';
import type { TaskView } from '../schemas/task.js';
import { officeLabel, TaskAnswerFact, TaskDue, taskStatusName } from './contact-tasks.js';
import { type Language, type TextKey, t } from './i18n.js';
import { Layout, type SessionInfo } from './layout.js';
import { CSRF_FIELD } from './session.js';

/** What the task pages say after a step (from the address: `?klart=…`, never any content). */
export const TASK_NOTICES = {
  besvarad: 'taskAnsweredNotice',
  andrad: 'taskChangedNotice',
} as const satisfies Record<string, TextKey>;
export type TaskNotice = keyof typeof TASK_NOTICES;

/** A topic's label in the page's language, or its code when the topics file no longer has it. */
export type TopicLabel = (municipality: string, code: string) => LocalizedText | undefined;

const topicName = (task: TaskView, lang: Language, label: TopicLabel) =>
  label(task.municipality, task.topic)?.[lang] ?? task.topic;

function Notice(props: { notice: TaskNotice | undefined; lang: Language }) {
  const { notice, lang } = props;
  if (!notice) return null;
  return (
    <p class={`notice ${notice === 'andrad' ? 'notice-warning' : 'notice-ok'}`} role="status">
      {t(TASK_NOTICES[notice], lang)}
    </p>
  );
}

export function TaskListPage(props: {
  lang: Language;
  session: SessionInfo;
  items: TaskView[];
  topicLabel: TopicLabel;
  notice?: TaskNotice | undefined;
}) {
  const { lang, session, items } = props;
  return (
    <Layout lang={lang} title={t('navMyTasks', lang)} path="/staff/uppgifter" session={session}>
      <h1>{t('navMyTasks', lang)}</h1>
      <p>{t('tasksIntro', lang)}</p>
      <Notice notice={props.notice} lang={lang} />
      <p role="status">{t('tasksCount', lang, { n: items.length })}</p>
      {items.length === 0 ? (
        <p>{t('tasksNone', lang)}</p>
      ) : (
        <ol class="case-list contact-list">
          {items.map((task) => (
            <li class="case-card">
              <h2 class="contact-card-title">
                <a href={`/staff/uppgifter/${task.id}?lang=${lang}`}>
                  {topicName(task, lang, props.topicLabel)}
                </a>
              </h2>
              <p class="contact-excerpt" dir="auto">
                {excerpt(task.question)}
              </p>
              <p class="meta">
                {taskStatusName(task.status, lang)} · <TaskDue task={task} lang={lang} />
                {task.officer ? ` · ${t('taskOfficer', lang)}: ${task.officer}` : ''}
              </p>
            </li>
          ))}
        </ol>
      )}
    </Layout>
  );
}

export function TaskPage(props: {
  lang: Language;
  session: SessionInfo;
  task: TaskView;
  topicLabel: TopicLabel;
  notice?: TaskNotice | undefined;
  answerError?: TextKey | undefined;
  /** What the officer typed when the answer was refused (personnummer already taken out). */
  answerValue?: string | undefined;
}) {
  const { lang, session, task, answerError } = props;
  const topic = topicName(task, lang, props.topicLabel);
  const title = t('taskTitle', lang, { topic });
  return (
    <Layout
      lang={lang}
      title={answerError ? `${t('errorSummary', lang)}: ${title}` : title}
      path={`/staff/uppgifter/${task.id}`}
      session={session}
    >
      <p>
        <a href={`/staff/uppgifter?lang=${lang}`}>{t('taskBack', lang)}</a>
      </p>
      <h1>{title}</h1>
      <Notice notice={props.notice} lang={lang} />
      {answerError ? (
        <div class="error-summary" role="alert" aria-labelledby="error-summary-title" tabindex={-1}>
          <h2 id="error-summary-title">{t('errorSummary', lang)}</h2>
          <ul>
            <li>
              <a href="#task-answer">{t(answerError, lang)}</a>
            </li>
          </ul>
        </div>
      ) : null}
      <section class="panel" aria-labelledby="task-facts-heading">
        <h2 id="task-facts-heading">{t('taskQuestion', lang)}</h2>
        <p class="contact-text" dir="auto">
          {task.question}
        </p>
        <dl class="facts">
          <dt>{t('taskTopic', lang)}</dt>
          <dd>{topic}</dd>
          <dt>{t('taskNote', lang)}</dt>
          <dd class="contact-text" dir="auto">
            {task.note}
          </dd>
          <dt>{t('taskOffice', lang)}</dt>
          <dd>
            {officeLabel(task.office, lang)}
            {task.officer ? ` · ${t('taskOfficer', lang)}: ${task.officer}` : ''}
          </dd>
          <dt>{t('taskStatus', lang)}</dt>
          <dd>
            {taskStatusName(task.status, lang)} · <TaskDue task={task} lang={lang} />
          </dd>
          <TaskAnswerFact task={task} lang={lang} />
        </dl>
      </section>
      {task.status === 'open' ? (
        <section class="panel" aria-labelledby="task-answer-heading">
          <h2 id="task-answer-heading">{t('taskAnswerHeading', lang)}</h2>
          <form method="post" action={`/staff/uppgifter/${task.id}/svara?lang=${lang}`} novalidate>
            <input type="hidden" name={CSRF_FIELD} value={session.csrf} />
            <div class={answerError ? 'field field-error' : 'field'}>
              <label for="task-answer">{t('taskAnswer', lang)}</label>
              <p id="task-answer-hint" class="hint">
                {t('taskAnswerHint', lang)}
              </p>
              {answerError ? (
                <p id="task-answer-error" class="error-message">
                  <span class="visually-hidden">{t('errorSummary', lang)}: </span>
                  {t(answerError, lang)}
                </p>
              ) : null}
              <textarea
                dir="auto"
                id="task-answer"
                name="answer"
                rows={4}
                maxlength={4000}
                aria-describedby={answerError ? 'task-answer-hint task-answer-error' : 'task-answer-hint'}
                aria-invalid={answerError ? 'true' : undefined}
              >
                {props.answerValue ?? ''}
              </textarea>
            </div>
            <button type="submit" class="button">
              {t('taskSend', lang)}
            </button>
          </form>
        </section>
      ) : null}
    </Layout>
  );
}

/** The first line of a question, short enough for a list. */
function excerpt(text: string): string {
  const line = text.split('\n')[0] ?? '';
  return line.length > 140 ? `${line.slice(0, 139)}…` : line;
}
