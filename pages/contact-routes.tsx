/**
 * The console's contact register routes (issue 14): register a question during a call (from a case page
 * with the case linked), "Mina uppföljningar", and one contact with answer, close and reopen. The pages
 * call the register in process; no personnummer or callback number ever goes into an address.
 */

import { type Context, Hono, type MiddlewareHandler } from 'hono';
import type { AppEnv } from '../app/context.js';
import { AppError } from '../app/errors.js';
import { callerOf } from '../app/middleware.js';
import type { Principal, Role } from '../app/principal.js';
import type { CaseReads } from '../cases/case-reads.js';
import type { ContactChoice } from '../contacts/contact-choices.js';
import type { ContactRegister } from '../contacts/contact-register.js';
import type { KnowledgeBase } from '../contacts/knowledge-base.js';
import { isUuid } from '../schemas/case-id.js';
import { AnswerContactSchema } from '../schemas/contact.js';
import type { LinkedCase } from './contact-form.js';
import {
  type ContactFormValues,
  type FieldErrors,
  parseContactForm,
  withoutPersonnummer,
} from './contact-form-input.js';
import { ContactPage, DONE_NOTICES, type DoneNotice, NewContactPage } from './contact-pages.js';
import { CLOSE_OUTCOMES, type CloseOutcome, type OfficeChoice } from './contact-tasks.js';
import { answerFor, type FormSuggestions, SuggestionList } from './knowledge-suggestions.js';
import type { SessionInfo } from './layout.js';
import { MyContactsPage } from './my-contacts-page.js';
import { lang, type PageHelpers } from './page-context.js';
import type { PageSession } from './session.js';

/** Only the information center registers and follows up contacts (the policy decides for which municipalities). */
const CONTACT_ROLES: readonly Role[] = ['infocenter'];

export type ContactRouteDeps = {
  contacts: ContactRegister;
  /** Suggestions while registering: published entries and earlier answered contacts (audited). */
  knowledge: KnowledgeBase;
  /** The municipalities (with topics) the signed-in person may register contacts for. */
  contactChoices: (principal: Principal) => ContactChoice[];
  cases: CaseReads;
  session: PageSession;
  helpers: PageHelpers;
  /** The same budget as case reads: the form reads the linked case. */
  searchBudget: MiddlewareHandler<AppEnv>;
  /** The offices of a municipality a contact can be forwarded to (the policy's list). */
  forwardOffices: (municipality: string) => OfficeChoice[];
  now: () => Date;
};

const isConflict = (error: unknown) => error instanceof AppError && error.code === 'conflict';

export function contactRoutes(deps: ContactRouteDeps): Hono<AppEnv> {
  const { contacts, session, helpers, searchBudget } = deps;
  const app = new Hono<AppEnv>();
  const info = (c: Context<AppEnv>) => helpers.sessionInfo(c) as SessionInfo;
  const contactPath = (c: Context<AppEnv>, id: string, done: DoneNotice) =>
    `/staff/fragor/${id}?lang=${lang(c)}&klart=${done}`;

  /** The linked case as the form shows it (an audited read: the person may see it, or it is "not found"). */
  const linkedCase = async (c: Context<AppEnv>, id: string | undefined): Promise<LinkedCase | undefined> => {
    if (!id) return undefined;
    const { view } = await deps.cases.readForStaff(callerOf(c), id);
    return {
      id,
      reference: view.reference,
      title: view.title ?? undefined,
      municipality: view.municipality.code,
    };
  };

  const formPage = (
    c: Context<AppEnv>,
    who: Principal,
    values: ContactFormValues,
    errors: FieldErrors,
    linked: LinkedCase | undefined,
    suggestions?: FormSuggestions,
  ) =>
    c.html(
      <NewContactPage
        lang={lang(c)}
        session={info(c)}
        choices={deps.contactChoices(who)}
        values={values}
        errors={errors}
        linkedCase={linked}
        suggestions={suggestions}
      />,
      Object.keys(errors).length > 0 ? 400 : 200,
    );

  for (const path of ['/staff/fragor', '/staff/fragor/:id']) app.get(path, helpers.ownNavigation);

  app.get('/staff/fragor/ny', searchBudget, async (c) => {
    const caseId = c.req.query('arende');
    const who = helpers.signedIn(c, CONTACT_ROLES, '/staff/fragor/ny');
    if (who instanceof Response) return who;
    if (caseId !== undefined && !isUuid(caseId)) throw new AppError('not_found', 'No case with that id.');
    const linked = await linkedCase(c, caseId);
    const choices = deps.contactChoices(who);
    const only = choices.length === 1 ? choices[0]?.municipality : undefined;
    const ofCase = choices.find((ch) => ch.municipality === linked?.municipality)?.municipality;
    const values: ContactFormValues = {
      municipality: ofCase ?? only ?? '',
      channel: 'phone',
      language: 'sv',
      topic: '',
      question: '',
      answer: '',
      outcome: 'answered_directly',
      callbackNumber: '',
      recordArrivedOn: '',
      recordDiarienummer: '',
      caseId,
    };
    return formPage(c, who, values, {}, linked);
  });

  app.post('/staff/fragor', session.verifyForm, searchBudget, async (c) => {
    const who = helpers.signedIn(c, CONTACT_ROLES, '/staff/fragor/ny');
    if (who instanceof Response) return who;
    const parsed = parseContactForm(await helpers.form(c), deps.now());
    if (!parsed.ok)
      return formPage(c, who, parsed.values, parsed.errors, await linkedCase(c, parsed.values.caseId));
    let id: string;
    try {
      ({ id } = await contacts.register(callerOf(c), parsed.input));
    } catch (error) {
      const errors = registerRefusal(error);
      if (!errors) throw error;
      // An entry withdrawn since it was suggested: the answer stays, no longer marked as from the knowledge base.
      if (errors.answer === 'errorKnowledgeEntryGone') parsed.values.knowledgeEntry = undefined;
      return formPage(c, who, parsed.values, errors, await linkedCase(c, parsed.values.caseId));
    }
    // Answered or referred during the call: nothing to follow up, so it is closed at once.
    if (parsed.outcome !== 'callback_promised') await contacts.close(callerOf(c), id, parsed.outcome);
    return c.redirect(contactPath(c, id, 'sparad'), 303);
  });

  /** Suggestions for the question typed so far, in the municipality chosen on the form (else the agent's own). */
  const suggestionsFor = async (c: Context<AppEnv>, who: Principal, values: ContactFormValues) => {
    const q = values.question.trim().slice(0, 200);
    if (q.length < 2) return 'too-short' as const;
    const handled = deps.contactChoices(who).some((ch) => ch.municipality === values.municipality);
    return deps.knowledge.suggest(callerOf(c), {
      q,
      ...(handled ? { municipality: values.municipality } : {}),
    });
  };

  // "Föreslå svar" without script: the form comes back as typed (never the personnummer), with suggestions;
  // "Använd svaret" (`kunskap`) also fills the answer from that entry and records it on the contact.
  app.post('/staff/fragor/forslag', session.verifyForm, searchBudget, async (c) => {
    const who = helpers.signedIn(c, CONTACT_ROLES, '/staff/fragor/ny');
    if (who instanceof Response) return who;
    const body = await helpers.form(c);
    const { values } = parseContactForm(body, deps.now());
    const chosen = typeof body.kunskap === 'string' && isUuid(body.kunskap) ? body.kunskap : undefined;
    if (chosen) {
      const entry = await deps.knowledge.read(callerOf(c), chosen);
      values.answer = answerFor({ ...entry, rank: null }, values.language).text;
      values.knowledgeEntry = entry.id;
    }
    const suggestions = await suggestionsFor(c, who, values);
    return formPage(c, who, values, {}, await linkedCase(c, values.caseId), suggestions);
  });

  // The same list for the form's script (assets/suggest.js), as a fragment of the page.
  app.post('/staff/fragor/forslag/lista', session.verifyForm, searchBudget, async (c) => {
    const who = helpers.signedIn(c, CONTACT_ROLES, '/staff/fragor/ny');
    if (who instanceof Response) return who;
    const { values } = parseContactForm(await helpers.form(c), deps.now());
    const suggestions = await suggestionsFor(c, who, values);
    return c.html(
      <SuggestionList lang={lang(c)} suggestions={suggestions} contactLanguage={values.language} />,
    );
  });

  app.get('/staff/fragor', async (c) => {
    const who = helpers.signedIn(c, CONTACT_ROLES, '/staff/fragor');
    if (who instanceof Response) return who;
    const { items } = await contacts.mine(callerOf(c));
    return c.html(<MyContactsPage lang={lang(c)} session={info(c)} items={items} />);
  });

  app.get('/staff/fragor/:id', async (c) => {
    const id = c.req.param('id');
    const who = helpers.signedIn(c, CONTACT_ROLES, `/staff/fragor/${isUuid(id) ? id : ''}`);
    if (who instanceof Response) return who;
    if (!isUuid(id)) throw new AppError('not_found', 'No such contact.');
    const done = c.req.query('klart');
    const view = await contacts.read(callerOf(c), id);
    return c.html(
      <ContactPage
        lang={lang(c)}
        session={info(c)}
        view={view}
        offices={deps.forwardOffices(view.municipality)}
        done={done && done in DONE_NOTICES ? (done as DoneNotice) : undefined}
      />,
    );
  });

  /** A step on one contact: a state that changed meanwhile is said on the page, not as an error. */
  const step = (name: string, run: (c: Context<AppEnv>, id: string) => Promise<DoneNotice | Response>) =>
    app.post(`/staff/fragor/:id/${name}`, session.verifyForm, async (c) => {
      const id = c.req.param('id');
      const who = helpers.signedIn(c, CONTACT_ROLES, '/staff/fragor');
      if (who instanceof Response) return who;
      if (!isUuid(id)) throw new AppError('not_found', 'No such contact.');
      try {
        const done = await run(c, id);
        return done instanceof Response ? done : c.redirect(contactPath(c, id, done), 303);
      } catch (error) {
        if (isConflict(error)) return c.redirect(contactPath(c, id, 'andrad'), 303);
        throw error;
      }
    });

  step('svara', async (c, id) => {
    const typed = (await helpers.form(c)).answer;
    const parsed = AnswerContactSchema.safeParse({ answer: typeof typed === 'string' ? typed : '' });
    if (parsed.success) {
      await contacts.answer(callerOf(c), id, parsed.data.answer);
      return 'besvarad';
    }
    const tooLong = parsed.error.issues.some((i) => i.code === 'too_big');
    const view = await contacts.read(callerOf(c), id);
    return c.html(
      <ContactPage
        lang={lang(c)}
        session={info(c)}
        view={view}
        offices={deps.forwardOffices(view.municipality)}
        answerError={tooLong ? 'errorContactTooLong' : 'errorContactAnswer'}
        answerValue={withoutPersonnummer(typeof typed === 'string' ? typed : '').text}
      />,
      400,
    );
  });

  step('avsluta', async (c, id) => {
    const outcome = (await helpers.form(c)).outcome;
    if (!(CLOSE_OUTCOMES as readonly unknown[]).includes(outcome))
      throw new AppError('validation', 'Choose an outcome.');
    await contacts.close(callerOf(c), id, outcome as CloseOutcome);
    return 'avslutad';
  });

  // The callback number only on request: the read is audited with the number among what was shown.
  step('visa-nummer', async (c, id) => {
    const view = await contacts.read(callerOf(c), id);
    return c.html(
      <ContactPage
        lang={lang(c)}
        session={info(c)}
        view={view}
        offices={deps.forwardOffices(view.municipality)}
        showCallback
      />,
    );
  });

  step('oppna', async (c, id) => {
    await contacts.reopen(callerOf(c), id);
    return 'oppnad';
  });

  return app;
}

/** The register's own refusals of a form that looked right, as field errors (else undefined: a real error). */
function registerRefusal(error: unknown): FieldErrors | undefined {
  if (!(error instanceof AppError)) return undefined;
  if (error.code === 'forbidden') return { municipality: 'errorContactMunicipality' };
  if (error.code === 'unprocessable' && error.errors?.some((p) => p.field === 'knowledgeEntry'))
    return { answer: 'errorKnowledgeEntryGone' };
  if (error.code !== 'validation') return undefined;
  const errors: FieldErrors = {};
  for (const problem of error.errors ?? []) {
    if (problem.field === 'topic') errors.topic = 'errorContactTopic';
    if (problem.field === 'personnummer') errors.personnummer = 'errorPersonnummer';
  }
  return Object.keys(errors).length > 0 ? errors : undefined;
}
