/** A fully composed API over a fresh test database, with captured logs and demo tokens. */

import { type AppDeps, createApp } from '../../app/create-app.js';
import { notificationChoicesOn } from '../../app/hub-notifications.js';
import { createJwtVerifier } from '../../app/jwt-verifier.js';
import { createLogger } from '../../app/logger.js';
import { createMetrics } from '../../app/metrics.js';
import type { RateLimits } from '../../app/rate-limit.js';
import { contactDepsOn } from '../../contacts/contact-deps.js';
import { loadTopics } from '../../contacts/load-topics.js';
import { DEMO_AUDIENCE, DEMO_ISSUER, demoHubIdentity, loadDemoIdentity } from '../../demo/identity.js';
import { findPersona, type Persona } from '../../demo/personas.js';
import { subscriptionDepsOn } from '../../events/subscriptions.js';
import { createPersonRefHasher, type PersonRefHasher } from '../../person/person-ref.js';
import { loadPolicy } from '../../policy/load-policy.js';
import type { Policy } from '../../policy/policy-schema.js';
import { searchIndexRule } from '../../policy/protected-identity.js';
import { CASE_DOMAINS } from '../../schemas/case.js';
import { createAuditLog } from '../../store/audit-log.js';
import { createCaseStore } from '../../store/case-store.js';
import type { Db } from '../../store/db.js';
import { type Backend, freshDatabase } from './databases.js';
import { capturingDestination, recordMetrics } from './log-sink.js';

export const TEST_PERSON_REF_KEY = 'test-person-ref-key-0123456789abcdef';
export const NOW = new Date('2026-06-01T10:00:00Z');

export async function testApp(
  backend: Backend = 'pglite',
  options: {
    sources?: AppDeps['sources'];
    now?: () => Date;
    refreshTimeoutMs?: number;
    lookUpTimeoutMs?: number;
    rateLimits?: RateLimits | false;
    database?: { db: Db; drop: () => Promise<void> };
    personRefs?: PersonRefHasher;
    /** An access policy other than the shipped default (e.g. a test policy file). */
    policy?: Policy;
    /** Serve /metrics on the app to this bearer token. */
    metricsToken?: string;
    /** The loaded mappings (for their process guides); none by default. */
    mappings?: AppDeps['mappings'];
    /** Webhook addresses allowed besides https:// on public addresses (default: none). */
    webhookRules?: { allowHttp: boolean; allowPrivate: boolean };
    /** Mina ärenden producers (and the public address its events link to). */
    minaArenden?: AppDeps['minaArenden'];
  } = {},
) {
  const { db, drop } = options.database ?? (await freshDatabase(backend));
  const logLines: string[] = [];
  const destination = capturingDestination(logLines);
  const logger = createLogger({ level: 'info', destination });
  const metrics = createMetrics({ defaultMetrics: false });
  const personRefs = options.personRefs ?? createPersonRefHasher(TEST_PERSON_REF_KEY);
  const identity = await loadDemoIdentity();
  const policy = options.policy ?? loadPolicy();
  const store = createCaseStore(db, { searchIndex: searchIndexRule(policy) });
  const audit = createAuditLog(db);
  const app = createApp({
    contacts: contactDepsOn(db, { secret: TEST_PERSON_REF_KEY, topics: loadTopics() }),
    notifications: notificationChoicesOn(db, audit, {
      secret: TEST_PERSON_REF_KEY,
      channels: ['email', 'digital_mail'],
      quietHours: { start: '20:00', end: '08:00' },
    }),
    subscriptions: subscriptionDepsOn(db, {
      secret: TEST_PERSON_REF_KEY,
      rules: options.webhookRules ?? { allowHttp: false, allowPrivate: false },
    }),
    policy,
    audit,
    store,
    personRefs,
    now: options.now ?? (() => NOW),
    ...(options.sources ? { sources: options.sources } : {}),
    ...(options.refreshTimeoutMs ? { refreshTimeoutMs: options.refreshTimeoutMs } : {}),
    ...(options.lookUpTimeoutMs ? { lookUpTimeoutMs: options.lookUpTimeoutMs } : {}),
    ...(options.rateLimits !== undefined ? { rateLimits: options.rateLimits } : {}),
    ...(options.metricsToken ? { metricsToken: options.metricsToken } : {}),
    ...(options.mappings ? { mappings: options.mappings } : {}),
    ...(options.minaArenden ? { minaArenden: options.minaArenden } : {}),
    staleAfterSeconds: 3600,
    domains: CASE_DOMAINS,
    logger,
    metrics,
    pages: { signIn: demoHubIdentity(identity).signIn },
    verifier: createJwtVerifier({
      keys: identity.keys,
      issuer: DEMO_ISSUER,
      audience: DEMO_AUDIENCE,
      personRefs,
    }),
  });
  const tokenFor = async (personaId: string) => identity.issue(findPersona(personaId) as Persona);
  const dropAll = async () => {
    recordMetrics(await metrics.registry.metrics());
    await drop();
  };
  return { app, db, audit, store, personRefs, identity, tokenFor, logLines, metrics, drop: dropAll };
}

export function jsonPost(
  token: string | undefined,
  body: unknown,
  extraHeaders: Record<string, string> = {},
) {
  return {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...extraHeaders,
    },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  };
}

export function bearer(token: string) {
  return { headers: { authorization: `Bearer ${token}` } };
}
