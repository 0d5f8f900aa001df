/** Starts the hub: opens the store, migrates, builds identity and the API, listens, and stops cleanly. */

import type { AddressInfo } from 'node:net';
import { hostname } from 'node:os';
import { resolve } from 'node:path';
import { serve } from '@hono/node-server';
import { CONNECTOR_KINDS } from '../connectors/registry.js';
import { contactDepsOn } from '../contacts/contact-deps.js';
import { loadTopics } from '../contacts/load-topics.js';
import type { OverdueAlertJob } from '../contacts/overdue-alerts.js';
import { subscriptionDepsOn } from '../events/subscriptions.js';
import { webhookRules } from '../events/webhook-receivers.js';
import { shippedMappingsDir } from '../mappings/location.js';
import { loadMappingRegistry, type MappingRegistry } from '../mappings/registry.js';
import type { Producers } from '../minaarenden/producers.js';
import { loadMunicipalities } from '../municipalities/load-municipalities.js';
import { parseQuietHours } from '../notify/quiet-hours.js';
import type { DemoSignIn } from '../pages/sign-in.js';
import type { PersonRefHasher } from '../person/person-ref.js';
import { createFileSealer } from '../person/sealed-file.js';
import { loadPolicy } from '../policy/load-policy.js';
import type { Policy } from '../policy/policy-schema.js';
import { searchIndexRule } from '../policy/protected-identity.js';
import type { RetentionJob } from '../retention/retention-job.js';
import { CASE_DOMAINS } from '../schemas/case.js';
import { type CaseIdMinter, createCaseIdMinter } from '../schemas/case-id.js';
import { createAuditLog } from '../store/audit-log.js';
import { requireCaseIdKey } from '../store/case-id-key.js';
import type { createCaseStore } from '../store/case-store.js';
import type { Db } from '../store/db.js';
import { createRateLimitCounter } from '../store/rate-limit-counter.js';
import { createEngineOn } from '../sync/create-engine.js';
import type { SyncEngine } from '../sync/engine.js';
import {
  DEFAULT_RETENTION,
  loadHubConfig,
  type RetentionSettings,
  type SourceDefinition,
} from '../sync/sources-config.js';
import { createApp } from './create-app.js';
import { type Env, type Mode, readSecret } from './env.js';
import { hubAlertJob } from './hub-alerts.js';
import { type HubEvents, hubEvents } from './hub-events.js';
import { minaArendenOptions } from './hub-mina-arenden.js';
import { digitalMailboxFrom, notificationChannels, notificationChoicesOn } from './hub-notifications.js';
import { hubPageOptions } from './hub-pages.js';
import { hubRetentionJob } from './hub-retention.js';
import { caseIdKey, derivedKey, openStore, personRefKey } from './hub-store.js';
import { createLogger, type Logger } from './logger.js';
import { createMetrics } from './metrics.js';
import { type MetricsListener, startMetricsListener } from './metrics-listener.js';
import { oidcVerifier } from './oidc-verifier.js';
import type { TokenVerifier } from './principal.js';

export type Hub = {
  url: string;
  port: number;
  /** The metrics listener's address (`…/metrics`), when it is on. */
  metricsUrl?: string;
  db: Db;
  logger: Logger;
  sync: SyncEngine;
  mappings: MappingRegistry;
  retention: RetentionJob;
  /** The overdue-task alerts, when SMTP_URL is set. */
  alerts?: OverdueAlertJob;
  close(): Promise<void>;
};

/**
 * Who may sign in: the demo composition gives its own verifier and persona sign-in; without it
 * the hub verifies tokens of the configured OpenID provider.
 */
export type HubIdentity = {
  verifier(personRefs: PersonRefHasher): TokenVerifier;
  signIn?: DemoSignIn;
};

export type HubOptions = {
  /** Sources given by the caller (the demo's simulators) instead of, or besides, ARENDENAV_CONFIG. */
  sources?: SourceDefinition[];
  /** Start the sync schedules (tests drive runs themselves). */
  startSync?: boolean;
  /** Start the retention job's schedule; default: as startSync. */
  startRetention?: boolean;
  /** Demo mode only: the demo's sign-in (production always uses the OpenID provider). */
  identity?: HubIdentity;
  /** Demo mode only: Mina ärenden producers when ARENDENAV_MINA_ARENDEN names none. */
  minaArenden?: Producers;
};

/**
 * Starts the hub in `mode`. Demo mode allows built-in sign-in and seeds demo data; production
 * refuses both and needs a real database, identity provider and key.
 */
export type HubCore = {
  logger: Logger;
  policy: Policy;
  db: Db;
  store: ReturnType<typeof createCaseStore>;
  personRefs: PersonRefHasher;
  /** Mints case ids under CASE_ID_KEY; the stored ids were checked to be this key's at start. */
  caseIds: CaseIdMinter;
  mappings: MappingRegistry;
  metrics: ReturnType<typeof createMetrics>;
  sync: SyncEngine;
  sources: SourceDefinition[];
  /** Retention periods from ARENDENAV_CONFIG (defaults without it). */
  retention: RetentionSettings;
};

/**
 * Everything but HTTP: mappings (a bad file stops start-up with file, line and reason, before
 * anything opens), sources, the store and the sync engine. Shared by `serve`/`demo` and `sync`.
 */
export async function openHubCore(
  env: Env,
  mode: Mode,
  extraSources: SourceDefinition[] = [],
): Promise<HubCore> {
  const logger = createLogger({ level: env.LOG_LEVEL });
  // The municipality's own policy file when given; a bad one stops start-up before anything opens.
  const policy = loadPolicy(env.ARENDENAV_POLICY ? resolve(env.ARENDENAV_POLICY) : undefined);
  const mappings = loadMappingRegistry(
    env.ARENDENAV_MAPPINGS_DIR ? resolve(env.ARENDENAV_MAPPINGS_DIR) : shippedMappingsDir(),
  );
  const config = env.ARENDENAV_CONFIG
    ? loadHubConfig(env.ARENDENAV_CONFIG, { kinds: CONNECTOR_KINDS, mappings, readSecret })
    : { sources: [], retention: DEFAULT_RETENTION };
  const sources = [...config.sources, ...extraSources];
  const key = personRefKey(env, mode);
  const caseIds = createCaseIdMinter(caseIdKey(env, mode));
  const db = await openStore(env);
  // Ids minted with another key (or unkeyed, before 009) would be doubled by the next sync: refuse.
  await requireCaseIdKey(db, caseIds.fingerprint).catch(async (error: unknown) => {
    await db.close().catch(() => {});
    throw error;
  });
  const metrics = createMetrics();
  // Export files a source keeps (config keepProcessed / keepFailed) are sealed under their own purpose.
  const sealer = createFileSealer(key, 'export file', env.PERSON_REF_KEY_PREVIOUS);
  const {
    engine: sync,
    store,
    personRefs,
  } = createEngineOn({
    db,
    key,
    caseIds,
    previousKeys: env.PERSON_REF_KEY_PREVIOUS,
    logger,
    owner: `${hostname()}:${process.pid}`,
    registry: metrics.registry,
    searchIndex: searchIndexRule(policy),
  });
  for (const source of sources) {
    const kind = CONNECTOR_KINDS[source.settings.kind];
    const mapper = mappings.get(source.settings.mapping, source.settings.municipality);
    if (!kind || !mapper) throw new Error(`source ${source.settings.id}: unknown kind or mapping`);
    await sync.add(source.settings, kind.create(source.config, { sealer }), mapper);
  }
  return {
    logger,
    policy,
    db,
    store,
    personRefs,
    caseIds,
    mappings,
    metrics,
    sync,
    sources,
    retention: config.retention,
  };
}

export async function startHub(env: Env, mode: Mode, options: HubOptions = {}): Promise<Hub> {
  if (options.identity && mode !== 'demo') throw new Error('demo sign-in is refused outside demo mode');
  // Like the policy: a bad municipalities file stops start-up before anything opens.
  const municipalities = loadMunicipalities(
    env.ARENDENAV_MUNICIPALITIES ? resolve(env.ARENDENAV_MUNICIPALITIES) : undefined,
  );
  // The contact register's topics, likewise: a bad file stops start-up.
  const topics = loadTopics(env.ARENDENAV_CONTACT_TOPICS ? resolve(env.ARENDENAV_CONTACT_TOPICS) : undefined);
  // Likewise the Mina ärenden producers: a bad file stops start-up.
  const minaArenden = minaArendenOptions(env, mode, options.minaArenden);
  const core = await openHubCore(env, mode, options.sources);
  const { logger, policy, db, store, personRefs, mappings, metrics, sync, sources } = core;
  const retention = hubRetentionJob(core);
  let alerts: ReturnType<typeof hubAlertJob>;
  let events: HubEvents | undefined;
  let server: ReturnType<typeof serve> | undefined;
  let metricsListener: MetricsListener | undefined;
  // Group-committed: its queued entries are written (or refused) before the store closes.
  const audit = createAuditLog(db);
  // A start-up that fails after the store opened must not leave the process held open by it.
  const abandon = async (error: unknown): Promise<never> => {
    await alerts?.stop().catch(() => {});
    await events?.stop().catch(() => {});
    await retention.stop().catch(() => {});
    await sync.stop().catch(() => {});
    if (server) await new Promise<void>((done) => server?.close(() => done()));
    await metricsListener?.close().catch(() => {});
    await audit.close();
    await db.close().catch(() => {});
    throw error;
  };
  let verifier: TokenVerifier;
  const key = personRefKey(env, mode);
  try {
    alerts = hubAlertJob(env, { db, logger, municipalities });
    events = await hubEvents({ env, db, logger, municipalities, registry: metrics.registry, key });
    verifier = options.identity ? options.identity.verifier(personRefs) : await oidcVerifier(env, personRefs);
    const app = createApp({
      contacts: contactDepsOn(db, { secret: key, previousSecrets: env.PERSON_REF_KEY_PREVIOUS, topics }),
      notifications: notificationChoicesOn(db, audit, {
        secret: key,
        previousSecrets: env.PERSON_REF_KEY_PREVIOUS,
        channels: notificationChannels(env, digitalMailboxFrom(env) !== undefined),
        quietHours: parseQuietHours(env.NOTIFY_QUIET_HOURS, env.NOTIFY_TIME_ZONE),
      }),
      subscriptions: subscriptionDepsOn(db, {
        secret: key,
        previousSecrets: env.PERSON_REF_KEY_PREVIOUS,
        rules: webhookRules(env),
      }),
      policy,
      audit,
      sources: sync,
      mappings,
      store,
      personRefs,
      now: () => new Date(),
      staleAfterSeconds: 3600,
      domains: CASE_DOMAINS,
      logger,
      metrics,
      verifier,
      trustedProxies: env.ARENDENAV_TRUSTED_PROXIES,
      // On PostgreSQL several instances may serve one address: they count into one budget. The
      // embedded store is a single process, where memory is the shared place.
      ...(db.kind === 'postgres'
        ? { rateLimitCounter: createRateLimitCounter(db, derivedKey(key, 'rate-limit keys')) }
        : {}),
      ...(env.ARENDENAV_METRICS_TOKEN ? { metricsToken: env.ARENDENAV_METRICS_TOKEN } : {}),
      minaArenden,
      pages: hubPageOptions(env, mode, { key, municipalities, signIn: options.identity?.signIn }),
    });
    server = await new Promise<ReturnType<typeof serve>>((ready, fail) => {
      const s = serve({ fetch: app.fetch, port: env.PORT, hostname: env.HOST }, () => ready(s));
      s.once('error', fail);
    });
    // Its own listener, loopback by default: a port that is taken stops start-up, like the main one.
    if (env.ARENDENAV_METRICS_PORT !== undefined) {
      metricsListener = await startMetricsListener(metrics, {
        port: env.ARENDENAV_METRICS_PORT,
        host: env.ARENDENAV_METRICS_HOST,
      });
    }
    if (options.startSync ?? true) await sync.start();
    if (options.startRetention ?? options.startSync ?? true) retention.start();
    alerts?.start();
    if (options.startSync ?? true) events.start();
  } catch (error) {
    return abandon(error);
  }
  const listening = server;
  const port = (listening.address() as AddressInfo).port;
  const url = `http://localhost:${port}`;
  const metricsOn = metricsListener;
  logger.info(
    { port, mode, store: db.kind, sources: sources.length, metricsPort: metricsOn?.port ?? null },
    'hub listening',
  );
  return {
    url,
    port,
    ...(metricsOn ? { metricsUrl: `${metricsOn.url}/metrics` } : {}),
    db,
    logger,
    sync,
    mappings,
    retention,
    ...(alerts ? { alerts } : {}),
    async close() {
      await alerts?.stop();
      await events?.stop();
      await retention.stop();
      await sync.stop();
      await new Promise<void>((done) => listening.close(() => done()));
      await metricsOn?.close();
      await audit.close();
      await db.close();
    },
  };
}
