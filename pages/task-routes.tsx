/**
 * Owned until answered (issue 14 item 2) in the console: the contact centre forwards a contact from its
 * page, and officers list, read and answer their office's tasks at /staff/uppgifter (the address the
 * overdue alert links to). Every read goes through the registers, which audit it; no personnummer is
 * ever put into an address.
 */
import { type Context, Hono } from 'hono';
import type { AppEnv } from '../app/context.js';
import { AppError } from '../app/errors.js';
import { callerOf } from '../app/middleware.js';
import type { Role } from '../app/principal.js';
import type { ContactRegister } from '../contacts/contact-register.js';
import type { TaskRegister } from '../contacts/task-register.js';
import { isUuid } from '../schemas/case-id.js';
import { AnswerTaskSchema, ForwardContactSchema } from '../schemas/task.js';
import { withoutPersonnummer } from './contact-form-input.js';
import { ContactPage } from './contact-pages.js';
import type { ForwardErrors, ForwardValues, OfficeChoice } from './contact-tasks.js';
import type { SessionInfo } from './layout.js';
import { lang, type PageHelpers } from './page-context.js';
import type { PageSession } from './session.js';
import { TASK_NOTICES, TaskListPage, type TaskNotice, TaskPage, type TopicLabel } from './task-pages.js';

const CONTACT_ROLES: readonly Role[] = ['infocenter'];
const TASK_ROLES: readonly Role[] = ['officer'];

export type TaskRouteDeps = {
  contacts: ContactRegister;
  tasks: TaskRegister;
  forwardOffices: (municipality: string) => OfficeChoice[];
  topicLabel: TopicLabel;
  session: PageSession;
  helpers: PageHelpers;
};

const isConflict = (error: unknown) => error instanceof AppError && error.code === 'conflict';
const text = (value: unknown) => (typeof value === 'string' ? value : '');

/** The form's problems as the form shows them; a personnummer typed as the officer is one of them. */
function forwardErrors(values: ForwardValues): ForwardErrors {
  const errors: ForwardErrors = {};
  const parsed = ForwardContactSchema.safeParse({
    office: values.office,
    note: values.note,
    ...(values.officer.trim() ? { officer: values.officer } : {}),
  });
  for (const issue of parsed.success ? [] : parsed.error.issues) {
    const field = issue.path[0];
    if (field === 'office') errors.office = 'errorForwardOffice';
    if (field === 'officer') errors.officer = 'errorForwardOfficer';
    if (field === 'note') errors.note = 'errorForwardNote';
  }
  if (withoutPersonnummer(values.officer).masked) errors.officer = 'errorForwardOfficer';
  return errors;
}

/** The register's refusal of a form that looked right, as field errors (else undefined: a real error). */
function forwardRefusal(error: unknown): ForwardErrors | undefined {
  if (!(error instanceof AppError) || !['unprocessable', 'validation'].includes(error.code)) return undefined;
  const errors: ForwardErrors = {};
  for (const problem of error.errors ?? []) {
    if (problem.field === 'office') errors.office = 'errorForwardOffice';
    if (problem.field === 'officer') errors.officer = 'errorForwardOfficer';
  }
  return Object.keys(errors).length > 0 ? errors : undefined;
}

export function taskRoutes(deps: TaskRouteDeps): Hono<AppEnv> {
  const { contacts, tasks, session, helpers } = deps;
  const app = new Hono<AppEnv>();
  const info = (c: Context<AppEnv>) => helpers.sessionInfo(c) as SessionInfo;
  const notice = (c: Context<AppEnv>): TaskNotice | undefined => {
    const done = c.req.query('klart');
    return done && done in TASK_NOTICES ? (done as TaskNotice) : undefined;
  };

  app.post('/staff/fragor/:id/vidarebefordra', session.verifyForm, async (c) => {
    const id = c.req.param('id');
    const who = helpers.signedIn(c, CONTACT_ROLES, '/staff/fragor');
    if (who instanceof Response) return who;
    if (!isUuid(id)) throw new AppError('not_found', 'No such contact.');
    const body = await helpers.form(c);
    const values: ForwardValues = {
      office: text(body.office),
      officer: text(body.officer),
      note: text(body.note),
    };
    let errors = forwardErrors(values);
    if (Object.keys(errors).length === 0) {
      try {
        await contacts.forward(callerOf(c), id, {
          office: values.office.trim(),
          note: values.note,
          ...(values.officer.trim() ? { officer: values.officer.trim() } : {}),
        });
        return c.redirect(`/staff/fragor/${id}?lang=${lang(c)}&klart=vidarebefordrad`, 303);
      } catch (error) {
        if (isConflict(error)) return c.redirect(`/staff/fragor/${id}?lang=${lang(c)}&klart=andrad`, 303);
        const refused = forwardRefusal(error);
        if (!refused) throw error;
        errors = refused;
      }
    }
    const view = await contacts.read(callerOf(c), id);
    // What was typed comes back, never a personnummer: masked in the note, left out as the officer.
    const shown: ForwardValues = {
      office: values.office,
      officer: withoutPersonnummer(values.officer).masked ? '' : values.officer,
      note: withoutPersonnummer(values.note).text,
    };
    return c.html(
      <ContactPage
        lang={lang(c)}
        session={info(c)}
        view={view}
        offices={deps.forwardOffices(view.municipality)}
        forward={{ values: shown, errors }}
      />,
      400,
    );
  });

  for (const path of ['/staff/uppgifter', '/staff/uppgifter/:id']) app.get(path, helpers.ownNavigation);

  app.get('/staff/uppgifter', async (c) => {
    const who = helpers.signedIn(c, TASK_ROLES, '/staff/uppgifter');
    if (who instanceof Response) return who;
    const { items } = await tasks.mine(callerOf(c));
    return c.html(
      <TaskListPage
        lang={lang(c)}
        session={info(c)}
        items={items}
        topicLabel={deps.topicLabel}
        notice={notice(c)}
      />,
    );
  });

  app.get('/staff/uppgifter/:id', async (c) => {
    const id = c.req.param('id');
    const who = helpers.signedIn(c, TASK_ROLES, `/staff/uppgifter/${isUuid(id) ? id : ''}`);
    if (who instanceof Response) return who;
    if (!isUuid(id)) throw new AppError('not_found', 'No such task.');
    const task = await tasks.read(callerOf(c), id);
    return c.html(
      <TaskPage
        lang={lang(c)}
        session={info(c)}
        task={task}
        topicLabel={deps.topicLabel}
        notice={notice(c)}
      />,
    );
  });

  app.post('/staff/uppgifter/:id/svara', session.verifyForm, async (c) => {
    const id = c.req.param('id');
    const who = helpers.signedIn(c, TASK_ROLES, '/staff/uppgifter');
    if (who instanceof Response) return who;
    if (!isUuid(id)) throw new AppError('not_found', 'No such task.');
    const typed = text((await helpers.form(c)).answer);
    const parsed = AnswerTaskSchema.safeParse({ answer: typed });
    if (!parsed.success) {
      const task = await tasks.read(callerOf(c), id);
      return c.html(
        <TaskPage
          lang={lang(c)}
          session={info(c)}
          task={task}
          topicLabel={deps.topicLabel}
          answerError="errorTaskAnswer"
          answerValue={withoutPersonnummer(typed).text}
        />,
        400,
      );
    }
    try {
      await tasks.answer(callerOf(c), id, parsed.data.answer);
    } catch (error) {
      // Answered by a colleague, or closed with its contact, meanwhile: said on the task's page.
      if (isConflict(error)) return c.redirect(`/staff/uppgifter/${id}?lang=${lang(c)}&klart=andrad`, 303);
      throw error;
    }
    return c.redirect(`/staff/uppgifter?lang=${lang(c)}&klart=besvarad`, 303);
  });

  return app;
}
