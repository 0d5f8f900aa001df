#!/usr/bin/env node
/** The `arendenav` command line: start the hub (demo or production) and demo helpers. */
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { EnvError, loadEnv } from '../app/env.js';
import { startHub } from '../app/hub.js';
import { loadDemoIdentity } from '../demo/identity.js';
import { findPersona, PERSONAS } from '../demo/personas.js';
import { type DemoSystems, startDemoSystems } from '../demo/simulated-sources.js';
import { dbCommand } from './db-command.js';
import { mappingsCommand } from './mappings-command.js';
import { syncCommand } from './sync-command.js';

const USAGE = `Usage: arendenav <command> [options]

Commands:
  demo                         start the hub in demo mode: embedded store, demo data, demo sign-in
  serve                        start the hub in production mode (needs DATABASE_URL, OIDC_ISSUER,
                               OIDC_AUDIENCE, PERSON_REF_KEY); demo sign-in is refused
  demo-token --persona <name>  print a bearer token for a demo persona (demo mode only)
                               personas: ${PERSONAS.map((p) => p.id).join(', ')}
  sync --source <id> [--once]  run one configured source's sync (ARENDENAV_CONFIG)
  db migrate | db grant-app-role <role>
                               apply migrations / give a role only what the running hub needs
  mappings validate|test|explain|schema ...
                               check mapping files, run their examples, explain one payload,
                               or write the JSON Schemas
`;

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  switch (command) {
    case 'demo':
      return runServer('demo');
    case 'serve':
      return runServer('production');
    case 'demo-token':
      return demoToken(rest);
    case 'db':
      return dbCommand(rest, { out: (s) => process.stdout.write(s), err: (s) => process.stderr.write(s) });
    case 'sync':
      return syncCommand(rest, { out: (s) => process.stdout.write(s), err: (s) => process.stderr.write(s) });
    case 'mappings':
      return mappingsCommand(rest, {
        out: (s) => process.stdout.write(s),
        err: (s) => process.stderr.write(s),
      });
    case undefined:
    case '--help':
    case '-h':
      process.stdout.write(USAGE);
      return command === undefined ? 2 : 0;
    default:
      process.stderr.write(`arendenav: unknown command "${command}"\n\n${USAGE}`);
      return 2;
  }
}

async function runServer(mode: 'demo' | 'production'): Promise<number> {
  const env = loadEnv(mode);
  let systems: DemoSystems | undefined;
  if (mode === 'demo') systems = await startDemoSystems(resolve(env.ARENDENAV_DATA_DIR));
  let hub: Awaited<ReturnType<typeof startHub>>;
  try {
    hub = await startHub(env, mode, systems ? { sources: systems.sources } : {});
  } catch (error) {
    // The simulators would keep the process alive after the error was printed.
    await systems?.close();
    throw error;
  }
  if (mode === 'demo' && systems) {
    const lines = [
      '',
      `Ärendenav (demo) is running on ${hub.url}  — store: ${hub.db.kind}`,
      `  Pages:         ${hub.url}/  (staff console ${hub.url}/staff, residents ${hub.url}/mina-arenden;`,
      '                 sign in as one of the demo personas below)',
      `  API docs:      ${hub.url}/docs`,
      `  OpenAPI:       ${hub.url}/openapi.json`,
      `  Health:        ${hub.url}/healthz  ${hub.url}/readyz  ${hub.url}/metrics`,
      '',
      'Simulated office systems, synced by the hub:',
      ...systems.describe().map((line) => `  ${line}`),
      '',
      'Demo sign-ins (bearer tokens; print one with `npm run -s arendenav -- demo-token --persona <id>`):',
      ...PERSONAS.map((p) => `  ${p.id.padEnd(11)} ${p.role.padEnd(10)} ${p.description.en}`),
      '',
      'Try:',
      `  TOKEN=$(npm run -s arendenav -- demo-token --persona infocenter)`,
      `  curl -s -H "authorization: Bearer $TOKEN" -H 'content-type: application/json' \\`,
      `       -d '{"reference":"${systems.sampleReference}"}' ${hub.url}/api/v1/cases/search`,
      '',
    ];
    process.stdout.write(lines.join('\n'));
  }
  const stop = async () => {
    await hub.close();
    await systems?.close();
    process.exit(0);
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  return -1;
}

async function demoToken(args: string[]): Promise<number> {
  const { values } = parseArgs({ args, options: { persona: { type: 'string' } } });
  const persona = values.persona ? findPersona(values.persona) : undefined;
  if (!persona) {
    process.stderr.write(
      `arendenav demo-token: --persona must be one of ${PERSONAS.map((p) => p.id).join(', ')}\n`,
    );
    return 2;
  }
  const env = loadEnv('demo');
  if (env.OIDC_ISSUER) {
    process.stderr.write(
      'arendenav demo-token: refused — this environment is configured for production (OIDC_ISSUER set).\n',
    );
    return 2;
  }
  const identity = await loadDemoIdentity(env.ARENDENAV_DATA_DIR);
  process.stdout.write(`${await identity.issue(persona)}\n`);
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => {
    if (code >= 0) process.exitCode = code;
  },
  (error: unknown) => {
    if (error instanceof EnvError) {
      process.stderr.write(`arendenav: ${error.message}\n`);
    } else {
      process.stderr.write(`arendenav: ${error instanceof Error ? error.message : String(error)}\n`);
    }
    process.exitCode = 1;
  },
);
