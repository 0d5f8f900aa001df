/**
 * A throw-away directory for tests of the built command line against the embedded store: an inbox,
 * a sources file with the omsorg export source, and the environment the command runs with. The
 * tests of `sync`, `retention` and bad export files all start from it.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { builtDist } from './built-dist.js';
import { type RunOptions, type RunResult, runLogged } from './child-process.js';

export const OMSORG_SOURCE = 'umea-omsorg-export';

export type CliWorkspace = {
  dir: string;
  inbox: string;
  env: Record<string, string | undefined>;
  /** Runs `arendenav <args>` from dist/ with the workspace's environment (plus `options.env`). */
  cli(args: readonly string[], options?: RunOptions): Promise<RunResult>;
  /** `arendenav sync --source umea-omsorg-export --once`. */
  syncOnce(options?: RunOptions): Promise<RunResult>;
  remove(): void;
};

/**
 * @example
 * const ws = await cliWorkspace('retention', { config: '{ inboxDir: inbox, keepProcessed: { days: 7 } }' });
 * await writeOmsorgExport(ws.inbox, records);
 * const { stdout } = await ws.syncOnce();
 */
export async function cliWorkspace(
  prefix: string,
  source: { config?: string; retention?: string } = {},
): Promise<CliWorkspace> {
  const cliFile = fileURLToPath(new URL('cli/main.js', await builtDist()));
  const dir = mkdtempSync(join(tmpdir(), `arendenav-${prefix}-`));
  const inbox = join(dir, 'inbox');
  mkdirSync(inbox);
  writeFileSync(
    join(dir, 'sources.yaml'),
    [
      ...(source.retention ? [`retention: ${source.retention}`] : []),
      'sources:',
      `  - id: ${OMSORG_SOURCE}`,
      '    municipality: "2480"',
      '    kind: xml-file',
      '    mapping: omsorg-xml/socialtjanst',
      `    config: ${source.config ?? '{ inboxDir: inbox }'}`,
      '',
    ].join('\n'),
  );
  const env = {
    PATH: process.env.PATH,
    ARENDENAV_CONFIG: join(dir, 'sources.yaml'),
    ARENDENAV_DATA_DIR: join(dir, 'data'),
    LOG_LEVEL: 'warn',
  };
  const cli = (args: readonly string[], options: RunOptions = {}) =>
    runLogged(process.execPath, [cliFile, ...args], { ...options, env: { ...env, ...options.env } });
  return {
    dir,
    inbox,
    env,
    cli,
    syncOnce: (options = {}) =>
      cli(['sync', '--source', OMSORG_SOURCE, '--once'], { timeout: 80_000, ...options }),
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}
