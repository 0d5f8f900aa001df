/** Server-rendered pages (hono/jsx, no client build): start, sign-in, staff console, "Mina ärenden". */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { type Context, Hono, type MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { every } from 'hono/combine';
import { secureHeaders } from 'hono/secure-headers';
import type { AppEnv } from '../app/context.js';
import { AppError } from '../app/errors.js';
import type { Principal } from '../app/principal.js';
import type { AdminAudit } from '../cases/admin-audit.js';
import type { CaseReads } from '../cases/case-reads.js';
import type { SourceHealth } from '../cases/source-health.js';
import type { SourceOperations } from '../cases/source-operations.js';
import type { ContactChoice } from '../contacts/contact-choices.js';
import type { ContactRegister } from '../contacts/contact-register.js';
import type { KnowledgeBase } from '../contacts/knowledge-base.js';
import type { ContactStats } from '../contacts/stats/contact-stats.js';
import type { TaskRegister } from '../contacts/task-register.js';
import type { Municipalities } from '../municipalities/municipality-schema.js';
import type { NotificationChoices } from '../notify/choices.js';
import type { MappingRow, MappingTest } from './admin-page.js';
import { adminRoutes } from './admin-routes.js';
import type { WebhookService } from './admin-webhooks.js';
import { citizenRoutes } from './citizen-routes.js';
import { contactRoutes } from './contact-routes.js';
import type { OfficeChoice } from './contact-tasks.js';
import { HomePage } from './home.js';
import { knowledgeRoutes } from './knowledge-routes.js';
import { notificationRoutes } from './notification-routes.js';
import { NOTIFICATIONS_PATH } from './notifications-page.js';
import type { OidcSignIn } from './oidc-sign-in.js';
import { lang, pageHelpers } from './page-context.js';
import { pageErrorResponse } from './page-error.js';
import type { PageSession } from './session.js';
import type { DemoSignIn } from './sign-in.js';
import { signInRoutes } from './sign-in-routes.js';
import { staffRoutes } from './staff-routes.js';
import { statsPageRoutes } from './stats-routes.js';
import type { TopicLabel } from './task-pages.js';
import { taskRoutes } from './task-routes.js';

const asset = (name: string) =>
  readFileSync(fileURLToPath(new URL(`./assets/${name}`, import.meta.url)), 'utf8');
/** Our own files, each with its type; scripts are external modules (the CSP allows no inline script). */
const ASSETS: Record<string, { body: string; type: string }> = {
  'app.css': { body: asset('app.css'), type: 'text/css; charset=utf-8' },
  'suggest.js': { body: asset('suggest.js'), type: 'text/javascript; charset=utf-8' },
};

export type PageDeps = {
  cases: CaseReads;
  /** Source health as the signed-in person may see it (the policy filters it). */
  sourceHealth: SourceHealth;
  session: PageSession;
  signIn?: DemoSignIn | undefined;
  /** Production: the municipality's e-ID through its OpenID provider. */
  oidcSignIn?: OidcSignIn | undefined;
  /** The same search budget as the API's (shared counters). */
  searchLimits: MiddlewareHandler<AppEnv>[];
  signInLimit: MiddlewareHandler<AppEnv>;
  /** The deployment's municipalities (name, contact, opening hours), loaded once at start. */
  municipalities: Municipalities;
  /** The purposes staff may state for a read (the policy's list). */
  purposes: readonly { id: string; label: string }[];
  /** The contact register (issue 14), and the municipalities with topics each person may register for. */
  contacts: ContactRegister;
  contactChoices: (principal: Principal) => ContactChoice[];
  /** Forwarding (the offices of a municipality, from the policy) and the officers' tasks. */
  forwardOffices: (municipality: string) => OfficeChoice[];
  tasks: TaskRegister;
  topicLabel: TopicLabel;
  /** The knowledge base (issue 14 item 3): search, review, suggestions. */
  knowledge: KnowledgeBase;
  now: () => Date;
  /** The contact register's statistics (the unit head's page). */
  stats: ContactStats;
  /** Citizens' notification choices (issue 15); without it Mina ärenden offers no notifications. */
  notifications?: NotificationChoices | undefined;
  /** The admin console: the own municipality's sources, audit search, webhooks and the loaded mappings. */
  sourceOperations: SourceOperations;
  adminAudit: AdminAudit;
  webhooks: WebhookService;
  mappings: () => MappingRow[];
  /** Runs a mapping's golden examples (absent: the console offers no such check). */
  testMapping?: MappingTest | undefined;
};

// Hono's `/staff/*` matches `/staff` itself too: one pattern per section, so middleware runs once.
const PAGE_PATHS = ['/', '/logga-in/*', '/logga-ut', '/staff/*', '/mina-arenden/*', '/admin/*'];
const PAGE_PREFIXES =
  /^\/(?:$|logga-in(?:\/|$)|logga-ut$|staff(?:\/|$)|mina-arenden(?:\/|$)|admin(?:\/|$)|assets\/)/;
const FORM_BYTES = 16 * 1024;

/**
 * Whether an error for this request should be a page rather than problem+json: the pages' own
 * addresses, and any address outside the API that a browser asked for as HTML.
 */
export function wantsPage(c: Context<AppEnv>): boolean {
  const path = c.req.path;
  if (path.startsWith('/api/')) return false;
  return PAGE_PREFIXES.test(path) || /\btext\/html\b/.test(c.req.header('accept') ?? '');
}

export type Pages = {
  routes: Hono<AppEnv>;
  /** The error as a page in the person's language (logging is the caller's, in the one onError). */
  errorPage(error: AppError, c: Context<AppEnv>): Response | Promise<Response>;
};

export function pageRoutes(deps: PageDeps): Pages {
  const { session } = deps;
  const helpers = pageHelpers(session);
  const searchBudget: MiddlewareHandler<AppEnv> = deps.searchLimits.length
    ? every(...deps.searchLimits)
    : async (_c, next) => next();
  const app = new Hono<AppEnv>();

  for (const path of PAGE_PATHS) {
    // Pages carry no inline script or style: the CSP can forbid both.
    app.use(
      path,
      secureHeaders({
        contentSecurityPolicy: {
          defaultSrc: ["'none'"],
          styleSrc: ["'self'"],
          // Only our own external modules (suggestions while typing), which fetch only from us.
          scriptSrc: ["'self'"],
          connectSrc: ["'self'"],
          imgSrc: ["'self'"],
          frameAncestors: ["'none'"],
          formAction: ["'self'"],
          baseUri: ["'none'"],
        },
        strictTransportSecurity: 'max-age=31536000; includeSubDomains',
        referrerPolicy: 'no-referrer',
      }),
    );
    app.use(path, session.middleware);
    app.use(path, async (c, next) => {
      if (c.req.method !== 'POST') return next();
      return bodyLimit({
        maxSize: FORM_BYTES,
        onError: () => {
          throw new AppError('payload_too_large', 'The form is too large.');
        },
      })(c, next);
    });
  }

  app.get('/', (c) => c.html(<HomePage lang={lang(c)} session={helpers.sessionInfo(c)} />));
  app.route(
    '/',
    signInRoutes({
      session,
      helpers,
      signIn: deps.signIn,
      oidcSignIn: deps.oidcSignIn,
      signInLimit: deps.signInLimit,
    }),
  );
  const { municipalities } = deps;
  app.route(
    '/',
    staffRoutes({
      cases: deps.cases,
      sourceHealth: deps.sourceHealth,
      session,
      helpers,
      searchBudget,
      municipalities,
      purposes: deps.purposes,
      knowledge: deps.knowledge,
      contactChoices: deps.contactChoices,
    }),
  );
  app.route(
    '/',
    contactRoutes({
      contacts: deps.contacts,
      knowledge: deps.knowledge,
      contactChoices: deps.contactChoices,
      cases: deps.cases,
      session,
      helpers,
      searchBudget,
      forwardOffices: deps.forwardOffices,
      now: deps.now,
    }),
  );
  app.route(
    '/',
    taskRoutes({
      contacts: deps.contacts,
      tasks: deps.tasks,
      forwardOffices: deps.forwardOffices,
      topicLabel: deps.topicLabel,
      session,
      helpers,
    }),
  );
  app.route('/', statsPageRoutes({ stats: deps.stats, helpers }));
  app.route(
    '/',
    knowledgeRoutes({ knowledge: deps.knowledge, contactChoices: deps.contactChoices, session, helpers }),
  );
  if (deps.notifications)
    app.route('/', notificationRoutes({ notifications: deps.notifications, session, helpers }));
  app.route(
    '/',
    citizenRoutes({
      cases: deps.cases,
      helpers,
      municipalities,
      ...(deps.notifications ? { notificationsPath: NOTIFICATIONS_PATH } : {}),
    }),
  );
  app.route(
    '/',
    adminRoutes({
      sourceOperations: deps.sourceOperations,
      adminAudit: deps.adminAudit,
      webhooks: deps.webhooks,
      mappings: deps.mappings,
      testMapping: deps.testMapping,
      session,
      helpers,
    }),
  );

  // Unknown page addresses get a page, not JSON.
  app.get('/staff/*', () => {
    throw new AppError('not_found', 'No such page.');
  });
  app.get('/mina-arenden/*', () => {
    throw new AppError('not_found', 'No such page.');
  });

  app.get('/assets/:name', (c) => {
    const file = Object.hasOwn(ASSETS, c.req.param('name')) ? ASSETS[c.req.param('name')] : undefined;
    if (!file) throw new AppError('not_found', 'No such file.');
    c.header('cache-control', 'public, max-age=3600');
    c.header('x-content-type-options', 'nosniff');
    return c.body(file.body, 200, { 'content-type': file.type });
  });

  return { routes: app, errorPage: (error, c) => pageErrorResponse(error, c, helpers) };
}
