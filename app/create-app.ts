/** The composition root of the HTTP API: middleware order, routes, OpenAPI document and error mapping. */
import { randomBytes } from 'node:crypto';
import { OpenAPIHono } from '@hono/zod-openapi';
import { bodyLimit } from 'hono/body-limit';
import { HTTPException } from 'hono/http-exception';
import { secureHeaders } from 'hono/secure-headers';
import { createAdminAudit } from '../cases/admin-audit.js';
import { type CaseReadDeps, createCaseReads } from '../cases/case-reads.js';
import { createPersonAudit } from '../cases/person-audit.js';
import { createSourceHealth } from '../cases/source-health.js';
import { type CaseSources, NO_CASE_SOURCES } from '../cases/source-lookup.js';
import { createSourceOperations } from '../cases/source-operations.js';
import { contactChoices } from '../contacts/contact-choices.js';
import { createSubscriptions, type SubscriptionDeps } from '../events/subscriptions.js';
import { createMinaArenden } from '../minaarenden/kundhandelse-fraga.js';
import type { Producers } from '../minaarenden/producers.js';
import { loadMunicipalities } from '../municipalities/load-municipalities.js';
import type { Municipalities } from '../municipalities/municipality-schema.js';
import type { NotificationChoices } from '../notify/choices.js';
import type { OidcSignIn } from '../pages/oidc-sign-in.js';
import { pageRoutes, wantsPage } from '../pages/pages.index.js';
import { pageSession } from '../pages/session.js';
import type { DemoSignIn } from '../pages/sign-in.js';
import { officesOf } from '../policy/contact-access.js';
import { loadPolicy } from '../policy/load-policy.js';
import type { Policy } from '../policy/policy-schema.js';
import { auditRoutes } from '../routes/audit/audit.index.js';
import { casesRoutes } from '../routes/cases/cases.index.js';
import { contactsRoutes } from '../routes/contacts/contacts.index.js';
import { healthRoutes } from '../routes/health/health.index.js';
import { knowledgeRoutes } from '../routes/knowledge/knowledge.index.js';
import { mappingsRoutes } from '../routes/mappings/mappings.index.js';
import { meRoutes } from '../routes/me/me.index.js';
import { minaArendenRoutes } from '../routes/mina-arenden/mina-arenden.index.js';
import type { RouteServices, SourcesService } from '../routes/shared.js';
import { sourcesRoutes } from '../routes/sources/sources.index.js';
import { statsRoutes } from '../routes/stats/stats.index.js';
import { subscriptionsRoutes } from '../routes/subscriptions/subscriptions.index.js';
import { tasksRoutes } from '../routes/tasks/tasks.index.js';
import type { RateLimitCounter } from '../store/rate-limit-counter.js';
import { mountApiDocs } from './api-docs.js';
import { type ContactStores, createContactServices } from './contact-services.js';
import type { AppEnv } from './context.js';
import { AppError, toAppError } from './errors.js';
import { logFailure, problemResponse } from './failure-response.js';
import type { Logger } from './logger.js';
import type { Metrics } from './metrics.js';
import { tokenMetricsHandler } from './metrics-listener.js';
import {
  auditRefusals,
  authenticate,
  refusePersonnummerInUrl,
  requestIdentity,
  requestLog,
} from './middleware.js';
import type { TokenVerifier } from './principal.js';
import {
  clientAddress,
  DEFAULT_MINA_ARENDEN_LIMITS,
  DEFAULT_RATE_LIMITS,
  DEFAULT_SIGN_IN_LIMITS,
  minaArendenRateLimit,
  type RateLimits,
  searchRateLimits,
  signInRateLimit,
} from './rate-limit.js';

export const MAX_BODY_BYTES = 1024 * 1024;

export type AppDeps = Omit<CaseReadDeps, 'sources' | 'policy'> & {
  /** The access policy; the shipped default when not given. */
  policy?: Policy;
  /** The sync engine (or a stand-in): source health and operations, and the source of one case. */
  sources?: SourcesService & CaseSources;
  mappings?: RouteServices['mappings'];
  logger: Logger;
  metrics: Metrics;
  verifier: TokenVerifier;
  version?: string;
  /** Search limits; `false` only for benchmarks of raw throughput. */
  rateLimits?: RateLimits | false;
  /** Counts rate limits in the database, shared by every instance on it; in process memory without it. */
  rateLimitCounter?: RateLimitCounter;
  pages?: PageOptions;
  /** Reverse proxies in front of the hub that append to X-Forwarded-For (0: the header is ignored). */
  trustedProxies?: number;
  /** Serve /metrics on this listener too, to a scraper with this bearer token (none: no /metrics here). */
  metricsToken?: string;
  /** The information center's stores, its callback-number box and the municipalities' topics (issue 14). */
  contacts: ContactStores;
  /** The webhook subscriptions' store, secret box and address rules (issue 15). */
  subscriptions: SubscriptionDeps;
  /** Citizens' notification choices on Mina ärenden (issue 15); none: the pages offer no notifications. */
  notifications?: NotificationChoices;
  /** The municipalities answering Mina ärenden here (none: every municipality answers 404). */
  minaArenden?: { producers: Producers; publicUrl?: string | undefined };
};

/** The pages' sessions: demo sign-in (demo mode only), cookie security and the CSRF key. */
export type PageOptions = {
  signIn?: DemoSignIn;
  /** Production sign-in through the municipality's OpenID provider (authorization code + PKCE). */
  oidcSignIn?: OidcSignIn;
  /** Production: `Secure` `__Host-` cookies. */
  secureCookies?: boolean;
  /** Shared by all instances behind one address; random per process when absent. */
  csrfKey?: Buffer;
  /** The origin browsers use (ARENDENAV_PUBLIC_URL), for the same-origin check behind a proxy. */
  publicOrigin?: string;
  /** The municipalities the pages present (ARENDENAV_MUNICIPALITIES); the shipped file when not given. */
  municipalities?: Municipalities;
};

/** A hub without configured sources (tests, benchmarks of the read path). */
const NO_SOURCES: SourcesService & CaseSources = {
  ...NO_CASE_SOURCES,
  status: async () => [],
  has: () => false,
  runOnce: async () => ({ outcome: 'failed', stored: 0, quarantined: 0, units: 0, error: 'no such source' }),
  quarantined: async () => [],
};

/**
 * Builds the API. Services are passed in, never imported as singletons, so tests and the
 * benchmark compose the same app over their own store.
 *
 * @example
 * const app = createApp({ store, personRefs, now: () => new Date(), staleAfterSeconds: 3600, domains, logger, metrics, verifier });
 * await app.request('/healthz');
 */
export function createApp(options: AppDeps): OpenAPIHono<AppEnv> {
  const sources = options.sources ?? NO_SOURCES;
  const policy = options.policy ?? loadPolicy();
  const municipalities = options.pages?.municipalities ?? loadMunicipalities();
  const cases = createCaseReads({
    ...options,
    policy,
    sources,
    municipalityName: (code) => municipalities.get(code)?.name,
    processFor: (c) =>
      options.mappings?.processFor?.(c.source.mappingId, c.municipality.code, c.caseType.code),
  });
  const sourceHealth = createSourceHealth({ policy, sources });
  const personAudit = createPersonAudit(options);
  const { contacts, knowledge, tasks, stats } = createContactServices({ ...options, policy });
  const subscriptions = createSubscriptions({ ...options.subscriptions, logger: options.logger });
  const deps = {
    ...options,
    subscriptions,
    contacts,
    knowledge,
    tasks,
    stats,
    personAudit,
    cases,
    sources,
    sourceOperations: createSourceOperations({ sources }),
    adminAudit: createAdminAudit({ audit: options.audit, store: options.store, personAudit }),
    sourceHealth,
    mappings: options.mappings ?? { list: () => [] },
  };
  const app = new OpenAPIHono<AppEnv>();

  app.use('*', requestIdentity());
  app.use('*', requestLog(deps.logger, deps.metrics));
  app.use(
    '/api/*',
    secureHeaders({
      contentSecurityPolicy: { defaultSrc: ["'none'"], frameAncestors: ["'none'"] },
      strictTransportSecurity: 'max-age=31536000; includeSubDomains',
      referrerPolicy: 'no-referrer',
    }),
  );
  app.use('*', refusePersonnummerInUrl());
  const limitBody = bodyLimit({
    maxSize: MAX_BODY_BYTES,
    onError: () => {
      throw new AppError('payload_too_large', `The request body is larger than ${MAX_BODY_BYTES} bytes.`);
    },
  });
  // No GET or HEAD handler reads a body; asking for one built a full Request for every read.
  app.use('/api/*', (c, next) =>
    c.req.method === 'GET' || c.req.method === 'HEAD' ? next() : limitBody(c, next),
  );
  app.use('/api/*', async (c, next) => {
    if (
      c.req.method === 'POST' &&
      !/^application\/(?:[\w.+-]+\+)?json\b/i.test(c.req.header('content-type') ?? '')
    ) {
      throw new AppError('unsupported_media_type', 'Send the request body as application/json.');
    }
    await next();
  });
  // The API and the case pages record refusals through the same middleware.
  for (const path of ['/api/*', '/staff/*', '/mina-arenden/*', '/admin/*'])
    app.use(path, auditRefusals(deps.audit, deps.logger));
  app.use('/api/*', authenticate(deps.verifier));
  // One budget for searching and for reading cases one by one (ids can be computed from references),
  // shared by the API and the staff pages.
  const address = clientAddress(deps.trustedProxies ?? 0);
  const searchLimits =
    deps.rateLimits === false
      ? []
      : searchRateLimits(deps.rateLimits ?? DEFAULT_RATE_LIMITS, address, deps.rateLimitCounter);
  for (const limiter of searchLimits) app.use('/api/v1/cases/*', limiter);

  app.route('/', healthRoutes({ store: deps.store }));
  // Before the pages, whose `/mina-arenden/*` it shares: Skatteverket's contract, its own keys and errors.
  const producers = options.minaArenden?.producers ?? new Map();
  app.route(
    '/',
    minaArendenRoutes({
      minaArenden: createMinaArenden({ ...deps, policy, publicUrl: options.minaArenden?.publicUrl }),
      producers,
      audit: deps.audit,
      logger: deps.logger,
      limits:
        deps.rateLimits === false
          ? []
          : [minaArendenRateLimit(DEFAULT_MINA_ARENDEN_LIMITS, address, deps.rateLimitCounter)],
    }),
  );
  // Only with a token: the metrics' own listener (loopback) is the default place to scrape.
  if (deps.metricsToken) app.get('/metrics', tokenMetricsHandler(deps.metrics, deps.metricsToken));
  app.route('/', casesRoutes(deps));
  app.route('/', meRoutes(deps));
  app.route('/', contactsRoutes(deps));
  app.route('/', knowledgeRoutes(deps));
  app.route('/', tasksRoutes(deps));
  app.route('/', statsRoutes(deps));
  app.route('/', sourcesRoutes(deps));
  app.route('/', mappingsRoutes(deps));
  app.route('/', auditRoutes(deps));
  app.route('/', subscriptionsRoutes(deps));
  const pages = pageRoutes({
    cases,
    purposes: policy.purposes,
    sourceHealth,
    signIn: deps.pages?.signIn,
    oidcSignIn: deps.pages?.oidcSignIn,
    session: pageSession({
      verifier: deps.verifier,
      csrfKey: deps.pages?.csrfKey ?? randomBytes(32),
      secureCookies: deps.pages?.secureCookies ?? false,
      publicOrigin: deps.pages?.publicOrigin,
    }),
    searchLimits,
    signInLimit: signInRateLimit(DEFAULT_SIGN_IN_LIMITS, address, deps.rateLimitCounter),
    municipalities,
    contacts,
    knowledge,
    contactChoices: (principal) => contactChoices(principal, policy, options.contacts.topics),
    forwardOffices: (municipality) => officesOf(policy, municipality).map((code) => ({ code })),
    tasks,
    topicLabel: (municipality, code) => options.contacts.topics.get(municipality)?.get(code)?.label,
    now: options.now,
    stats,
    notifications: options.notifications,
    sourceOperations: deps.sourceOperations,
    adminAudit: deps.adminAudit,
    webhooks: subscriptions,
    mappings: () => deps.mappings.list(),
    ...(deps.mappings.test ? { testMapping: deps.mappings.test } : {}),
  });
  app.route('/', pages.routes);

  mountApiDocs(app, { version: deps.version, publicOrigin: deps.pages?.publicOrigin });

  app.notFound(() => {
    throw new AppError('not_found', 'No such resource.');
  });
  app.onError((error, c) => {
    const page = wantsPage(c);
    // On the pages a bare 403 comes only from the same-origin check of a form post.
    const appError =
      page && error instanceof HTTPException && error.status === 403
        ? new AppError('forbidden', 'Refused.', { context: { reason: 'csrf' } })
        : toAppError(error);
    logFailure(deps.logger, appError, error, c.get('requestId'), page);
    return page ? pages.errorPage(appError, c) : problemResponse(appError, c);
  });
  return app;
}
