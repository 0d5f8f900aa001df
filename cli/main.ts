#!/usr/bin/env node
/** The `arendenav` command line: start the hub (demo or production) and demo helpers. */
import { parseArgs } from 'node:util';
import { EnvError, loadEnv } from '../app/env.js';
import { startHub } from '../app/hub.js';
import { dbCommand } from './db-command.js';
import { mappingsCommand } from './mappings-command.js';
import { retentionCommand } from './retention-command.js';
import { sealedFileCommand } from './sealed-file-command.js';
import { syncCommand } from './sync-command.js';

const USAGE = `Usage: arendenav <command> [options]

Commands:
  demo                         start the hub in demo mode: embedded store, demo data, demo sign-in
  serve                        start the hub in production mode (needs DATABASE_URL, OIDC_ISSUER,
                               OIDC_AUDIENCE, PERSON_REF_KEY, CASE_ID_KEY); demo sign-in is refused
  demo-token --persona <name> [--municipality <kommunkod>]
                               print a bearer token for a demo persona (demo mode only;
                               without --persona it lists them); --municipality signs a
                               staff persona in for another municipality (e.g. 2460)
  sync --source <id> [--once]  run one configured source's sync (ARENDENAV_CONFIG)
  retention run [--dry-run]    remove what is past its retention (quarantine, audit entries, kept
                               export files; anonymise closed contacts) once; prints counts only
  sealed-file open <file>      write a kept (sealed) export file to stdout for an operator
                               (refused where PERSON_REF_KEY is set, unless --in-production)
  db migrate | db grant-app-role <role>
                               apply migrations / give a role only what the running hub needs
  db rekey-case-ids            re-key the stored case ids to CASE_ID_KEY (after changing it); counts only
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
    case 'retention':
      return retentionCommand(rest, {
        out: (s) => process.stdout.write(s),
        err: (s) => process.stderr.write(s),
      });
    case 'sealed-file':
      return sealedFileCommand(rest, {
        // Respect back-pressure: a large file piped to `less` must not pile up in memory.
        out: (chunk) =>
          new Promise<void>((done) =>
            process.stdout.write(chunk) ? done() : process.stdout.once('drain', done),
          ),
        err: (s) => process.stderr.write(s),
      });
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

/** The demo's composition, which production installations (the Docker image) do not carry. */
async function importDemo(): Promise<typeof import('../demo/start-demo.js')> {
  try {
    return await import('../demo/start-demo.js');
  } catch (error) {
    const { code, message } = error as { code?: string; message?: string };
    if (code === 'ERR_MODULE_NOT_FOUND' && message?.includes('start-demo')) {
      throw new Error('this installation carries no demo (the production image runs `serve` only)');
    }
    throw error;
  }
}

/** Runs until SIGINT/SIGTERM; -1 tells main() not to set an exit code yet. */
async function runServer(mode: 'demo' | 'production'): Promise<number> {
  const env = loadEnv(mode);
  let stop: () => Promise<void>;
  if (mode === 'demo') {
    // The demo (simulators, personas) is loaded only here: `serve` never imports it.
    const { startDemo } = await importDemo();
    stop = await startDemo(env, (text) => process.stdout.write(text));
  } else {
    const hub = await startHub(env, mode);
    stop = () => hub.close();
  }
  const shutdown = async () => {
    await stop();
    process.exit(0);
  };
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
  return -1;
}

async function demoToken(args: string[]): Promise<number> {
  const { values } = parseArgs({
    args,
    options: { persona: { type: 'string' }, municipality: { type: 'string' } },
  });
  const { demoToken: issue } = await importDemo();
  return issue(
    loadEnv('demo'),
    values.persona,
    { out: (s) => process.stdout.write(s), err: (s) => process.stderr.write(s) },
    values.municipality,
  );
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
