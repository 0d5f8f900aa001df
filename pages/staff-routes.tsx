/** The information-center console's routes: search, a case at a glance, and "refresh now". */
import { type Context, Hono, type MiddlewareHandler } from 'hono';
import type { AppEnv } from '../app/context.js';
import { AppError } from '../app/errors.js';
import { callerOf } from '../app/middleware.js';
import type { Principal, Role } from '../app/principal.js';
import type { CaseReads } from '../cases/case-reads.js';
import type { Caller } from '../cases/read-context.js';
import type { SourceHealth } from '../cases/source-health.js';
import type { ContactChoice } from '../contacts/contact-choices.js';
import type { KnowledgeBase } from '../contacts/knowledge-base.js';
import type { Municipalities } from '../municipalities/municipality-schema.js';
import { isUuid } from '../schemas/case-id.js';
import { CasePage } from './case-page.js';
import { t } from './i18n.js';
import { CaseKnowledge } from './knowledge-suggestions.js';
import { Layout, type SessionInfo } from './layout.js';
import { lang, type PageHelpers } from './page-context.js';
import { searchHandles } from './search-handle.js';
import type { PageSession } from './session.js';
import { type Purpose, type SearchOutcome, type SourceRow, StaffPage, sourceHealth } from './staff.js';
import { continueStaffSearch, resultView, runStaffSearch } from './staff-search.js';

const STAFF_ROLES: readonly Role[] = ['infocenter', 'officer'];

export type StaffRouteDeps = {
  cases: CaseReads;
  /** The sources whose health the signed-in person may see. */
  sourceHealth: SourceHealth;
  session: PageSession;
  helpers: PageHelpers;
  /** The same search budget as the API's (shared counters). */
  searchBudget: MiddlewareHandler<AppEnv>;
  /** So staff can tell a caller how to reach the case's municipality. */
  municipalities: Municipalities;
  /** The purposes staff may state (the policy's list); the chosen id is recorded with each read. */
  purposes: readonly Purpose[];
  /** Entries for a case's type and status, for those who handle the municipality's contacts. */
  knowledge: KnowledgeBase;
  contactChoices: (principal: Principal) => ContactChoice[];
};

/** The caller with the purpose the person chose on the page (a form field or the case link's `syfte`). */
function withPurpose(c: Context<AppEnv>, chosen: unknown): Caller {
  const caller = callerOf(c);
  return typeof chosen === 'string' && chosen !== '' ? { ...caller, purpose: chosen } : caller;
}

export function staffRoutes(deps: StaffRouteDeps): Hono<AppEnv> {
  const { cases, session, helpers, searchBudget } = deps;
  const app = new Hono<AppEnv>();
  const handles = searchHandles(session.derivedKey('staff-search-handle'), () => new Date());
  const municipalityChoices = [...deps.municipalities.values()]
    .map((m) => ({ code: m.code, name: m.name }))
    .sort((a, b) => a.name.localeCompare(b.name, 'sv'));
  const sourceRows = async (principal: Principal): Promise<SourceRow[]> =>
    (await deps.sourceHealth.visibleTo(principal)).map((status) => ({
      status,
      health: sourceHealth(status),
    }));

  app.get('/staff/arenden/:id', helpers.ownNavigation);

  app.get('/staff', async (c) => {
    const who = helpers.signedIn(c, STAFF_ROLES, '/staff');
    if (who instanceof Response) return who;
    return c.html(
      <StaffPage
        lang={lang(c)}
        session={helpers.sessionInfo(c) as SessionInfo}
        sources={await sourceRows(who)}
        purposes={deps.purposes}
      />,
    );
  });

  // A new search (`q`), or another page, order or filter of one made before (`sokning`, its sealed handle).
  app.post('/staff/sok', session.verifyForm, searchBudget, async (c) => {
    const who = helpers.signedIn(c, STAFF_ROLES, '/staff');
    if (who instanceof Response) return who;
    const body = await helpers.form(c);
    const caller = withPurpose(c, body.syfte);
    const bind = `${who.subject}\n${c.get('csrfSecret') ?? ''}`;
    const view = resultView(body);
    let outcome: SearchOutcome;
    if (body.sokning !== undefined && body.q === undefined) {
      const handle = handles.open(body.sokning, bind);
      outcome = handle
        ? await continueStaffSearch(cases, caller, handle, view)
        : { kind: 'error', message: 'searchExpired', value: '' };
    } else {
      outcome = await runStaffSearch(cases, caller, body.q, { ...view, page: 1 });
    }
    return c.html(
      <StaffPage
        lang={lang(c)}
        session={helpers.sessionInfo(c) as SessionInfo}
        outcome={outcome}
        sealed={outcome.kind === 'results' ? handles.seal(outcome.handle, bind) : undefined}
        municipalities={municipalityChoices}
        sources={await sourceRows(who)}
        purposes={deps.purposes}
        purpose={caller.purpose}
      />,
      outcome.kind === 'error' ? 400 : 200,
    );
  });

  app.get('/staff/arenden/:id', searchBudget, async (c) => {
    const id = c.req.param('id');
    const who = helpers.signedIn(c, STAFF_ROLES, `/staff/arenden/${isUuid(id) ? id : ''}`);
    if (who instanceof Response) return who;
    if (!isUuid(id)) throw new AppError('not_found', 'No case with that id.');
    const caller = withPurpose(c, c.req.query('syfte'));
    const { view, refreshable } = await cases.readForStaff(caller, id);
    const l = lang(c);
    const outcome = c.req.query('uppdaterat');
    const info = helpers.sessionInfo(c) as SessionInfo;
    // The center's agents who handle this municipality's contacts get its entries for the case; others nothing.
    const handles =
      who.role === 'infocenter' &&
      deps.contactChoices(who).some((ch) => ch.municipality === view.municipality.code);
    const entries =
      handles && view.caseType
        ? (
            await deps.knowledge.search(caller, {
              status: 'published',
              municipality: view.municipality.code,
              caseType: view.caseType.code,
              ...(view.status ? { caseStatus: view.status.code } : {}),
            })
          ).items.slice(0, 5)
        : [];
    return c.html(
      <Layout lang={l} title={view.reference} path={`/staff/arenden/${id}`} session={info}>
        <CasePage
          view={view}
          lang={l}
          audience="staff"
          back={{ href: `/staff?lang=${l}`, label: t('backToSearch', l) }}
          municipality={deps.municipalities.get(view.municipality.code)}
          actions={
            who.role === 'infocenter' ? (
              <>
                <p>
                  <a class="button secondary" href={`/staff/fragor/ny?arende=${id}&lang=${l}`}>
                    {t('contactAboutCase', l)}
                  </a>
                </p>
                <CaseKnowledge lang={l} items={entries} />
              </>
            ) : undefined
          }
          refresh={
            refreshable
              ? {
                  action: `/staff/arenden/${id}/uppdatera?lang=${l}`,
                  csrf: info.csrf,
                  outcome: outcome === 'ok' ? 'ok' : outcome === 'fel' ? 'failed' : undefined,
                }
              : undefined
          }
        />
      </Layout>,
    );
  });

  app.post('/staff/arenden/:id/uppdatera', session.verifyForm, searchBudget, async (c) => {
    const id = c.req.param('id');
    const who = helpers.signedIn(c, STAFF_ROLES, '/staff');
    if (who instanceof Response) return who;
    if (!isUuid(id)) throw new AppError('not_found', 'No case with that id.');
    const refreshed = await cases.refreshForStaff(callerOf(c), id);
    return c.redirect(`/staff/arenden/${id}?lang=${lang(c)}&uppdaterat=${refreshed ? 'ok' : 'fel'}`, 303);
  });

  return app;
}
