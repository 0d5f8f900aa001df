/** The API server under test, run as a child process of the bench so it has a core of its own. */

import type { AddressInfo } from 'node:net';
import { type Http2Bindings, type HttpBindings, serve } from '@hono/node-server';
import { Hono } from 'hono';
import { createApp } from '../app/create-app.js';
import { createJwtVerifier } from '../app/jwt-verifier.js';
import { createLogger } from '../app/logger.js';
import { createMetrics } from '../app/metrics.js';
import { contactDepsOn } from '../contacts/contact-deps.js';
import { loadTopics } from '../contacts/load-topics.js';
import { DEMO_AUDIENCE, DEMO_ISSUER, loadDemoIdentity } from '../demo/identity.js';
import { findPersona, type Persona } from '../demo/personas.js';
import { subscriptionDepsOn } from '../events/subscriptions.js';
import { createPersonRefHasher } from '../person/person-ref.js';
import { loadPolicy } from '../policy/load-policy.js';
import { searchIndexRule } from '../policy/protected-identity.js';
import { CASE_DOMAINS } from '../schemas/case.js';
import { createAuditLog } from '../store/audit-log.js';
import { createCaseStore } from '../store/case-store.js';
import { connectPostgres } from '../store/db.js';
import { migrate } from '../store/migrate.js';
import { bareRoutes } from './bare-routes.js';
import { benchVisible } from './bench-staff.js';
import { BENCH_NOW, BENCH_PERSON_REF_KEY } from './generate-cases.js';
import { createPauseMonitor } from './server-pauses.js';
import { SERVER_LOG_LEVEL, type ServerReady, type ServerStopped } from './server-protocol.js';

async function main(databaseUrl: string): Promise<void> {
  // Composed as app/hub.ts composes it, over the bench database; at 'warn' no request lines are logged.
  const logger = createLogger({ level: SERVER_LOG_LEVEL });
  const db = await connectPostgres(databaseUrl);
  await migrate(db);
  const store = createCaseStore(db, { searchIndex: searchIndexRule(loadPolicy()) });
  const personRefs = createPersonRefHasher(BENCH_PERSON_REF_KEY);
  const demo = await loadDemoIdentity();
  const api = createApp({
    contacts: contactDepsOn(db, { secret: BENCH_PERSON_REF_KEY, topics: loadTopics() }),
    subscriptions: subscriptionDepsOn(db, {
      secret: BENCH_PERSON_REF_KEY,
      rules: { allowHttp: false, allowPrivate: false },
    }),
    // The audit log is written on every read, as in production: its cost is part of what is measured.
    audit: createAuditLog(db),
    // Throughput is what is measured here; the search limits would turn the bench into a 429 count.
    rateLimits: false,
    store,
    personRefs,
    // The bench data is dated relative to a fixed day; "now" matches it so ages and overdue flags are realistic.
    now: () => BENCH_NOW,
    staleAfterSeconds: 3600,
    domains: CASE_DOMAINS,
    logger,
    metrics: createMetrics(),
    verifier: createJwtVerifier({
      keys: demo.keys,
      issuer: DEMO_ISSUER,
      audience: DEMO_AUDIENCE,
      algorithms: ['ES256'],
      personRefs,
    }),
  });
  // The ceilings sit on a plain Hono app in front of the API, outside all of its middleware: a constant
  // answer, and bare routes running the same store SQL with the same visibility (bench/bare-routes.ts).
  const root = new Hono();
  root.get('/bench/constant', (c) => c.json({ ok: true }));
  const pauses = createPauseMonitor();
  root.get('/bench/pauses', (c) => c.json(pauses.take()));
  root.route(
    '/',
    bareRoutes({
      db,
      store,
      personRefs,
      visible: benchVisible(),
      municipality: findPersona('infocenter')?.municipality,
    }),
  );
  root.route('/', api);

  // Requests whose client already hung up (autocannon stops mid-flight) still run; the pool must outlive them.
  let inFlight = 0;
  const fetch = async (request: Request, env: HttpBindings | Http2Bindings): Promise<Response> => {
    inFlight++;
    try {
      return await root.fetch(request, env);
    } finally {
      inFlight--;
    }
  };
  const server = await new Promise<ReturnType<typeof serve>>((ready) => {
    const s = serve({ fetch, port: 0, hostname: '127.0.0.1' }, () => ready(s));
  });
  const port = (server.address() as AddressInfo).port;
  const token = await demo.issue(findPersona('infocenter') as Persona);
  const stop = async () => {
    await new Promise<void>((done) => server.close(() => done()));
    for (let waited = 0; inFlight > 0 && waited < 10_000; waited += 50) {
      await new Promise((r) => setTimeout(r, 50));
    }
    pauses.stop();
    await db.close();
    const stopped: ServerStopped = { type: 'stopped', maxRssKb: process.resourceUsage().maxRSS };
    process.send?.(stopped, undefined, {}, () => process.exit(0));
  };
  process.on('message', (message) => {
    if (message === 'stop') void stop();
  });
  // Never outlive the bench.
  process.on('disconnect', () => process.exit(0));
  const ready: ServerReady = { type: 'ready', port, token };
  process.send?.(ready);
}

const url = process.argv[2];
if (!url || !process.send) {
  console.error('bench/server.js is started by bench/run.js with an IPC channel and a database URL');
  process.exit(2);
}
main(url).catch((error: unknown) => {
  console.error('bench server failed to start:', error);
  process.exit(1);
});
