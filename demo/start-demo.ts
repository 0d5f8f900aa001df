/**
 * The demo as `npm start` runs it: the simulated office systems, the hub on the embedded store with
 * the demo sign-in, and a printed guide. Loaded only by `arendenav demo`, never by `serve`.
 */
import { resolve } from 'node:path';
import type { Env } from '../app/env.js';
import { startHub } from '../app/hub.js';
import { embeddedStoreDir } from '../app/hub-store.js';
import { regionExamplePolicyFile } from '../policy/load-policy.js';
import { MUNICIPALITIES } from '../schemas/municipalities.js';
import { assertDataDirFree } from '../store/data-dir-lock.js';
import { demoHubIdentity, loadDemoIdentity } from './identity.js';
import { DEMO_MINA_ARENDEN_KEY, demoProducers } from './mina-arenden.js';
import { PERSONAS } from './personas.js';
import { startDemoSystems } from './simulated-sources.js';

/** Starts the demo and returns a function that stops it (hub first, then the simulators). */
export async function startDemo(env: Env, out: (text: string) => void): Promise<() => Promise<void>> {
  const dataDir = resolve(env.ARENDENAV_DATA_DIR);
  // The simulators write into the data dir: a second demo on it must stop before they start.
  if (!env.DATABASE_URL) assertDataDirFree(embeddedStoreDir(env));
  const systems = await startDemoSystems(dataDir);
  let hub: Awaited<ReturnType<typeof startHub>>;
  try {
    // The demo serves Umeåregionen: its example policy (with the regional agreement) unless another is given.
    const policy = env.ARENDENAV_POLICY ?? regionExamplePolicyFile();
    hub = await startHub({ ...env, ARENDENAV_POLICY: policy }, 'demo', {
      sources: systems.sources,
      identity: demoHubIdentity(await loadDemoIdentity(dataDir)),
      minaArenden: demoProducers(),
    });
  } catch (error) {
    // The simulators would keep the process alive after the error was printed.
    await systems.close();
    throw error;
  }
  out(
    [
      '',
      `Ärendenav (demo) is running on ${hub.url}  — store: ${hub.db.kind}`,
      `  Pages:         ${hub.url}/  (staff console ${hub.url}/staff, residents ${hub.url}/mina-arenden;`,
      '                 sign in as one of the demo personas below)',
      `  API docs:      ${hub.url}/docs`,
      `  OpenAPI:       ${hub.url}/openapi.json`,
      `  Health:        ${hub.url}/healthz  ${hub.url}/readyz`,
      `  Metrics:       ${hub.metricsUrl ?? 'off (ARENDENAV_METRICS_PORT)'}  (its own listener, loopback only)`,
      '',
      'Simulated office systems, synced by the hub:',
      ...systems.describe().map((line) => `  ${line}`),
      '',
      'Demo sign-ins (bearer tokens; print one with `npm run -s arendenav -- demo-token --persona <id>`):',
      // Staff by the same names as on the sign-in page. A citizen persona's name is a citizen's name in
      // the simulated office systems too, and names never go into output a log collector keeps: the
      // sign-in page shows it, the banner the persona id and description.
      ...PERSONAS.map(
        (p) =>
          `  ${p.id.padEnd(11)} ${(p.role === 'citizen' ? '' : p.label).padEnd(22)} ${p.role.padEnd(10)} ${p.description.en}`,
      ),
      '',
      'Try:',
      `  TOKEN=$(npm run -s arendenav -- demo-token --persona infocenter)`,
      `  curl -s -H "authorization: Bearer $TOKEN" -H 'content-type: application/json' \\`,
      `       -d '{"reference":"${systems.sampleReference}"}' ${hub.url}/api/v1/cases/search`,
      '',
      'Mina ärenden as Skatteverket asks it (docs/mina-arenden.md; PNR: a demo persona’s 12 digits):',
      `  curl -s -H 'X-API-Key: ${DEMO_MINA_ARENDEN_KEY}' -H 'skv_client_correlation_id: demo-1' \\`,
      `       -H 'content-type: application/json' \\`,
      `       -d '{"anvandare":"'$PNR'","fraga":{"parter":[{"kund":{"identifierare":"'$PNR'","typ":"Personnummer"}}]}}' \\`,
      `       ${hub.url}/mina-arenden/2480/kundhandelseFragaSynkron`,
      '',
    ].join('\n'),
  );
  return async () => {
    await hub.close();
    await systems.close();
  };
}

/**
 * `arendenav demo-token`: a bearer token for a demo persona, refused where production is configured;
 * `municipality` (a kommunkod) signs the persona in for another municipality, e.g. Vännäs's admin.
 */
export async function demoToken(
  env: Env,
  personaId: string | undefined,
  io: { out(text: string): void; err(text: string): void },
  municipality?: string,
): Promise<number> {
  const found = PERSONAS.find((p) => p.id === personaId);
  if (!found) {
    io.err(`arendenav demo-token: --persona must be one of ${PERSONAS.map((p) => p.id).join(', ')}\n`);
    return 2;
  }
  if (
    municipality !== undefined &&
    (found.role === 'citizen' || !Object.hasOwn(MUNICIPALITIES, municipality))
  ) {
    io.err(
      found.role === 'citizen'
        ? 'arendenav demo-token: --municipality is for staff personas\n'
        : `arendenav demo-token: --municipality must be one of ${Object.keys(MUNICIPALITIES).join(', ')}\n`,
    );
    return 2;
  }
  const persona = municipality === undefined ? found : { ...found, municipality };
  if (env.OIDC_ISSUER) {
    io.err(
      'arendenav demo-token: refused — this environment is configured for production (OIDC_ISSUER set).\n',
    );
    return 2;
  }
  const identity = await loadDemoIdentity(env.ARENDENAV_DATA_DIR);
  io.out(`${await identity.issue(persona)}\n`);
  return 0;
}
