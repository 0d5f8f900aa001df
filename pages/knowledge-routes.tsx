/**
 * The console's knowledge base routes (issue 14 item 3): search published entries, one entry, the review
 * queue with submit/publish/withdraw and edit, and proposing an answered contact as an entry. The service
 * decides who sees and reviews what; addresses carry only ids and the outcome of a step, never any text.
 */
import { type Context, Hono } from 'hono';
import type { AppEnv } from '../app/context.js';
import { AppError } from '../app/errors.js';
import { callerOf } from '../app/middleware.js';
import type { Principal, Role } from '../app/principal.js';
import { auditSubject } from '../cases/audit-entry.js';
import type { ContactChoice } from '../contacts/contact-choices.js';
import type { KnowledgeBase } from '../contacts/knowledge-base.js';
import { isUuid } from '../schemas/case-id.js';
import { EditEntrySchema, type KnowledgeEntryView, type KnowledgeListItem } from '../schemas/knowledge.js';
import { withoutPersonnummer } from './contact-form-input.js';
import type { TextKey } from './i18n.js';
import {
  ENTRY_NOTICES,
  type EntryEditErrors,
  type EntryEditValues,
  type EntryNotice,
  KnowledgeEntryPage,
  TEXT_FIELDS,
} from './knowledge-entry-page.js';
import { KnowledgeQueuePage, KnowledgeSearchPage, type KnowledgeSearchValues } from './knowledge-pages.js';
import type { SessionInfo } from './layout.js';
import { lang, type PageHelpers } from './page-context.js';
import type { PageSession } from './session.js';

/** Those who handle contacts use the knowledge base (the policy decides for which municipalities). */
const KNOWLEDGE_ROLES: readonly Role[] = ['infocenter'];

export type KnowledgeRouteDeps = {
  knowledge: KnowledgeBase;
  contactChoices: (principal: Principal) => ContactChoice[];
  session: PageSession;
  helpers: PageHelpers;
};

const str = (value: unknown) => (typeof value === 'string' ? value : '');
const codeOf = (error: unknown) => (error instanceof AppError ? error.code : undefined);

export function knowledgeRoutes(deps: KnowledgeRouteDeps): Hono<AppEnv> {
  const { knowledge, session, helpers } = deps;
  const app = new Hono<AppEnv>();
  const info = (c: Context<AppEnv>) => helpers.sessionInfo(c) as SessionInfo;
  const entryPath = (c: Context<AppEnv>, id: string, done: EntryNotice) =>
    `/staff/kunskap/${id}?lang=${lang(c)}&klart=${done}`;
  const reviewsAny = (c: Context<AppEnv>, who: Principal) =>
    deps.contactChoices(who).some((ch) => knowledge.mayReview(callerOf(c), ch.municipality));

  const searchPage = async (c: Context<AppEnv>, who: Principal, values: KnowledgeSearchValues) => {
    const choices = deps.contactChoices(who);
    const municipality = choices.some((ch) => ch.municipality === values.municipality)
      ? values.municipality
      : (choices[0]?.municipality ?? '');
    const topics = choices.find((ch) => ch.municipality === municipality)?.topics ?? [];
    const topic = topics.some((tp) => tp.code === values.topic) ? values.topic : '';
    const q = values.q.trim().slice(0, 200);
    const { items } = municipality
      ? await knowledge.search(callerOf(c), {
          status: 'published',
          municipality,
          ...(q ? { q } : {}),
          ...(topic ? { topic } : {}),
        })
      : { items: [] };
    return c.html(
      <KnowledgeSearchPage
        lang={lang(c)}
        session={info(c)}
        choices={choices}
        values={{ q, topic, municipality }}
        items={items}
        reviews={reviewsAny(c, who)}
      />,
    );
  };

  const entryPage = (
    c: Context<AppEnv>,
    who: Principal,
    view: KnowledgeEntryView,
    extra: {
      done?: EntryNotice | undefined;
      refusal?: TextKey;
      edit?: { values: EntryEditValues; errors: EntryEditErrors };
    } = {},
  ) =>
    c.html(
      <KnowledgeEntryPage
        lang={lang(c)}
        session={info(c)}
        view={view}
        wroteIt={view.history.some(
          (h) => (h.step === 'proposed' || h.step === 'edited') && h.subject === auditSubject(who),
        )}
        reviews={knowledge.mayReview(callerOf(c), view.municipality)}
        topics={deps.contactChoices(who).find((ch) => ch.municipality === view.municipality)?.topics ?? []}
        {...extra}
      />,
      extra.refusal ? 403 : extra.edit ? 400 : 200,
    );

  for (const path of ['/staff/kunskap', '/staff/kunskap/:id']) app.get(path, helpers.ownNavigation);

  app.get('/staff/kunskap', async (c) => {
    const who = helpers.signedIn(c, KNOWLEDGE_ROLES, '/staff/kunskap');
    if (who instanceof Response) return who;
    return searchPage(c, who, { q: '', topic: '', municipality: '' });
  });

  // A POST, like the case search: what an agent types stays out of addresses, logs and history.
  app.post('/staff/kunskap', session.verifyForm, async (c) => {
    const who = helpers.signedIn(c, KNOWLEDGE_ROLES, '/staff/kunskap');
    if (who instanceof Response) return who;
    const body = await helpers.form(c);
    return searchPage(c, who, {
      q: str(body.q),
      topic: str(body.topic),
      municipality: str(body.municipality),
    });
  });

  app.get('/staff/kunskap/granska', async (c) => {
    const who = helpers.signedIn(c, KNOWLEDGE_ROLES, '/staff/kunskap/granska');
    if (who instanceof Response) return who;
    const lists: Record<'review' | 'drafts', KnowledgeListItem[]> = { review: [], drafts: [] };
    for (const { municipality } of deps.contactChoices(who)) {
      lists.review.push(...(await knowledge.search(callerOf(c), { status: 'review', municipality })).items);
      lists.drafts.push(...(await knowledge.search(callerOf(c), { status: 'draft', municipality })).items);
    }
    return c.html(
      <KnowledgeQueuePage
        lang={lang(c)}
        session={info(c)}
        review={lists.review}
        drafts={lists.drafts}
        reviews={reviewsAny(c, who)}
      />,
    );
  });

  app.get('/staff/kunskap/:id', async (c) => {
    const id = c.req.param('id');
    const who = helpers.signedIn(c, KNOWLEDGE_ROLES, `/staff/kunskap/${isUuid(id) ? id : ''}`);
    if (who instanceof Response) return who;
    if (!isUuid(id)) throw new AppError('not_found', 'No such entry.');
    const done = c.req.query('klart');
    const view = await knowledge.read(callerOf(c), id);
    return entryPage(c, who, view, {
      done: done && done in ENTRY_NOTICES ? (done as EntryNotice) : undefined,
    });
  });

  const steps = { skicka: 'submit', publicera: 'publish', 'dra-tillbaka': 'withdraw' } as const;
  const doneOf = { skicka: 'skickad', publicera: 'publicerad', 'dra-tillbaka': 'tillbakadragen' } as const;
  for (const [name, step] of Object.entries(steps) as [
    keyof typeof steps,
    (typeof steps)[keyof typeof steps],
  ][])
    app.post(`/staff/kunskap/:id/${name}`, session.verifyForm, async (c) => {
      const id = c.req.param('id');
      const who = helpers.signedIn(c, KNOWLEDGE_ROLES, '/staff/kunskap');
      if (who instanceof Response) return who;
      if (!isUuid(id)) throw new AppError('not_found', 'No such entry.');
      try {
        await knowledge[step](callerOf(c), id);
        return c.redirect(entryPath(c, id, doneOf[name]), 303);
      } catch (error) {
        const code = codeOf(error);
        if (code === 'conflict') return c.redirect(entryPath(c, id, 'konflikt'), 303);
        if (code !== 'forbidden' && code !== 'unprocessable') throw error;
        // Refused with the entry still readable: said on its page (four eyes, not a reviewer, a person named).
        const view = await knowledge.read(callerOf(c), id);
        const wrote = view.history.some(
          (h) => (h.step === 'proposed' || h.step === 'edited') && h.subject === auditSubject(who),
        );
        const refusal: TextKey =
          code === 'unprocessable'
            ? 'knowledgePersonDetail'
            : wrote && step === 'publish'
              ? 'knowledgeFourEyes'
              : 'knowledgeNotReviewer';
        return entryPage(c, who, view, { refusal });
      }
    });

  app.post('/staff/kunskap/:id/andra', session.verifyForm, async (c) => {
    const id = c.req.param('id');
    const who = helpers.signedIn(c, KNOWLEDGE_ROLES, '/staff/kunskap');
    if (who instanceof Response) return who;
    if (!isUuid(id)) throw new AppError('not_found', 'No such entry.');
    const body = await helpers.form(c);
    const values: EntryEditValues = { topic: str(body.topic) };
    for (const field of TEXT_FIELDS) values[field] = str(body[field]).slice(0, 4100);
    const text = (part: 'question' | 'answer') =>
      Object.fromEntries(
        (['sv', 'en', 'ar'] as const)
          .map((l) => [l, values[`${part}.${l}`]?.trim() ?? ''] as const)
          .filter(([l, v]) => l === 'sv' || v !== ''),
      );
    const parsed = EditEntrySchema.safeParse({
      topic: values.topic,
      question: text('question'),
      answer: text('answer'),
    });
    let errors: EntryEditErrors = {};
    if (parsed.success) {
      try {
        await knowledge.edit(callerOf(c), id, parsed.data);
        return c.redirect(entryPath(c, id, 'andrad'), 303);
      } catch (error) {
        if (codeOf(error) === 'conflict') return c.redirect(entryPath(c, id, 'konflikt'), 303);
        if (codeOf(error) !== 'validation') throw error;
        errors = fieldErrors((error as AppError).errors ?? []);
      }
    } else
      errors = fieldErrors(parsed.error.issues.map((i) => ({ field: i.path.join('.'), message: i.message })));
    const view = await knowledge.read(callerOf(c), id);
    // What was typed is shown again, except any personnummer (the reason it may have been refused).
    for (const field of TEXT_FIELDS) values[field] = withoutPersonnummer(values[field] ?? '').text;
    return entryPage(c, who, view, { edit: { values, errors } });
  });

  app.post('/staff/fragor/:id/kunskap', session.verifyForm, async (c) => {
    const id = c.req.param('id');
    const who = helpers.signedIn(c, KNOWLEDGE_ROLES, '/staff/fragor');
    if (who instanceof Response) return who;
    if (!isUuid(id)) throw new AppError('not_found', 'No such contact.');
    const draft = await knowledge.propose(callerOf(c), { fromContact: id });
    return c.redirect(entryPath(c, draft.id, 'foreslagen'), 303);
  });

  return app;
}

/** The service's and schema's field problems as the form's errors (`topic`, `question.sv`, …). */
function fieldErrors(problems: readonly { field?: string | undefined; message: string }[]): EntryEditErrors {
  const errors: EntryEditErrors = {};
  for (const { field, message } of problems) {
    if (field === 'topic') errors.topic = 'errorContactTopic';
    else if (field && TEXT_FIELDS.includes(field))
      errors[field] = /översättning|translation/.test(message) ? 'errorKnowledgePair' : 'errorKnowledgeText';
  }
  if (Object.keys(errors).length === 0) errors['question.sv'] = 'errorKnowledgeText';
  return errors;
}
