/** Forwarding on a contact's page: the form that makes the question an office's task, and the tasks with their answers. */
import type { ContactView } from '../schemas/contact.js';
import type { TaskStatus } from '../schemas/task.js';
import { FORM_OUTCOMES } from './contact-form-input.js';
import { formatDateTime } from './format.js';
import { type Language, type TextKey, t } from './i18n.js';
import { CSRF_FIELD } from './session.js';

/** An office the contact can be forwarded to: a code of its municipality in the policy. */
export type OfficeChoice = { code: string };

export type ForwardField = 'office' | 'officer' | 'note';
export type ForwardErrors = Partial<Record<ForwardField, TextKey>>;
export type ForwardValues = { office: string; officer: string; note: string };

const OFFICE_NAMES: Record<string, TextKey> = {
  BN: 'officeBN',
  MBN: 'officeMBN',
  BUN: 'officeBUN',
  SN: 'officeSN',
};

const TASK_STATUS_NAMES: Record<TaskStatus, TextKey> = {
  open: 'taskOpen',
  answered: 'taskAnswered',
  closed: 'taskClosed',
};

/** "BN – Byggnadsnämnden" for a code the pages know a name for, else the code alone. */
export function officeLabel(code: string, lang: Language): string {
  const name = Object.hasOwn(OFFICE_NAMES, code) ? OFFICE_NAMES[code] : undefined;
  return name ? `${code} – ${t(name, lang)}` : code;
}

export function taskStatusName(status: TaskStatus, lang: Language): string {
  return t(TASK_STATUS_NAMES[status], lang);
}

/** The due time, and "Försenad" as text with a sign (never colour alone) when an open task is past it. */
/** The office's answer and when it came, as a term and its description (nothing before it is answered). */
export function TaskAnswerFact(props: {
  task: { answer: string | null; answeredAt: string | null };
  lang: Language;
}) {
  const { task, lang } = props;
  if (task.answer === null) return null;
  return (
    <>
      <dt>{t('taskAnswer', lang)}</dt>
      <dd class="contact-text" dir="auto">
        {task.answer}
        {task.answeredAt ? (
          <span class="meta">
            {' '}
            ({t('taskAnsweredAt', lang, { date: formatDateTime(task.answeredAt, lang) })})
          </span>
        ) : null}
      </dd>
    </>
  );
}

export function TaskDue(props: { task: { dueAt: string; overdue: boolean }; lang: Language }) {
  const { task, lang } = props;
  return (
    <>
      <span>{t('taskDue', lang, { date: formatDateTime(task.dueAt, lang) })}</span>
      {task.overdue ? (
        <>
          {' '}
          <strong class="badge badge-overdue">
            <span aria-hidden="true">⚠ </span>
            {t('taskOverdue', lang)}
          </strong>
        </>
      ) : null}
    </>
  );
}

/** Whether the form is offered: an open contact (not anonymised) whose last task is not still open. */
export function mayForward(view: ContactView): boolean {
  return view.status === 'open' && !view.anonymisedAt && !view.tasks.some((task) => task.status === 'open');
}

/** The contact's tasks, oldest first, each with its office, due time, state and the office's answer. */
export function ContactTasks(props: { tasks: ContactView['tasks']; lang: Language }) {
  const { tasks, lang } = props;
  if (tasks.length === 0) return null;
  return (
    <section class="panel" aria-labelledby="tasks-heading">
      <h2 id="tasks-heading">{t('tasksHeading', lang)}</h2>
      <ol class="plain">
        {tasks.map((task) => (
          <li class="task">
            <dl class="facts">
              <dt>{t('taskOffice', lang)}</dt>
              <dd>
                {officeLabel(task.office, lang)}
                {task.officer ? ` · ${t('taskOfficer', lang)}: ${task.officer}` : ''}
              </dd>
              <dt>{t('taskStatus', lang)}</dt>
              <dd>
                {taskStatusName(task.status, lang)} · <TaskDue task={task} lang={lang} />
              </dd>
              <dt>{t('taskNote', lang)}</dt>
              <dd class="contact-text" dir="auto">
                {task.note}
              </dd>
              <TaskAnswerFact task={task} lang={lang} />
            </dl>
          </li>
        ))}
      </ol>
    </section>
  );
}

/** One labelled control with its error beside it (referenced by aria-describedby). */
function ForwardFieldBox(props: {
  field: ForwardField;
  label: TextKey;
  hint?: TextKey;
  error: TextKey | undefined;
  lang: Language;
  control: (describedBy: string | undefined, invalid: 'true' | undefined) => unknown;
}) {
  const { field, label, hint, error, lang } = props;
  const id = `forward-${field}`;
  const described = [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ');
  return (
    <div class={error ? 'field field-error' : 'field'}>
      <label for={id}>{t(label, lang)}</label>
      {hint ? (
        <p id={`${id}-hint`} class="hint">
          {t(hint, lang)}
        </p>
      ) : null}
      {error ? (
        <p id={`${id}-error`} class="error-message">
          <span class="visually-hidden">{t('errorSummary', lang)}: </span>
          {t(error, lang)}
        </p>
      ) : null}
      {props.control(described || undefined, error ? 'true' : undefined)}
    </div>
  );
}

export function ForwardForm(props: {
  lang: Language;
  action: string;
  csrf: string;
  offices: readonly OfficeChoice[];
  values?: ForwardValues | undefined;
  errors?: ForwardErrors | undefined;
}) {
  const { lang, offices, errors = {} } = props;
  const values = props.values ?? { office: '', officer: '', note: '' };
  return (
    <section class="panel" aria-labelledby="forward-heading">
      <h2 id="forward-heading">{t('forwardHeading', lang)}</h2>
      <p>{t('forwardIntro', lang)}</p>
      <form method="post" action={props.action} novalidate>
        <input type="hidden" name={CSRF_FIELD} value={props.csrf} />
        <ForwardFieldBox
          field="office"
          label="forwardOffice"
          error={errors.office}
          lang={lang}
          control={(describedBy, invalid) => (
            <select id="forward-office" name="office" aria-describedby={describedBy} aria-invalid={invalid}>
              <option value="">{t('contactChoose', lang)}</option>
              {offices.map((office) => (
                <option value={office.code} selected={office.code === values.office}>
                  {officeLabel(office.code, lang)}
                </option>
              ))}
            </select>
          )}
        />
        <ForwardFieldBox
          field="officer"
          label="forwardOfficer"
          hint="forwardOfficerHint"
          error={errors.officer}
          lang={lang}
          control={(describedBy, invalid) => (
            <input
              type="text"
              id="forward-officer"
              name="officer"
              maxlength={200}
              autocomplete="off"
              value={values.officer}
              aria-describedby={describedBy}
              aria-invalid={invalid}
            />
          )}
        />
        <ForwardFieldBox
          field="note"
          label="forwardNote"
          error={errors.note}
          lang={lang}
          control={(describedBy, invalid) => (
            <textarea
              dir="auto"
              id="forward-note"
              name="note"
              rows={3}
              maxlength={4000}
              aria-describedby={describedBy}
              aria-invalid={invalid}
            >
              {values.note}
            </textarea>
          )}
        />
        <button type="submit" class="button">
          {t('forwardSubmit', lang)}
        </button>
      </form>
    </section>
  );
}

const FORWARD_ORDER: readonly ForwardField[] = ['office', 'officer', 'note'];

/** The refused form's problems, each a link to its field; focus goes here first. */
export function ForwardErrorSummary(props: { errors: ForwardErrors; lang: Language }) {
  const { errors, lang } = props;
  const fields = FORWARD_ORDER.filter((field) => errors[field]);
  if (fields.length === 0) return null;
  return (
    <div class="error-summary" role="alert" aria-labelledby="error-summary-title" tabindex={-1}>
      <h2 id="error-summary-title">{t('errorSummary', lang)}</h2>
      <ul>
        {fields.map((field) => (
          <li>
            <a href={`#forward-${field}`}>{t(errors[field] as TextKey, lang)}</a>
          </li>
        ))}
      </ul>
    </div>
  );
}

/** The outcomes a contact can be closed with: "forwarded" too, first and chosen, once an office was asked. */
export const CLOSE_OUTCOMES = ['forwarded', ...FORM_OUTCOMES] as const;
export type CloseOutcome = (typeof CLOSE_OUTCOMES)[number];

export function closeOutcomes(view: ContactView): readonly CloseOutcome[] {
  return view.tasks.length > 0 ? CLOSE_OUTCOMES : FORM_OUTCOMES;
}
