/** `arendenav sync --source <id> [--once]`: run one source's sync from the command line. */
import { parseArgs } from 'node:util';
import { openHubCore } from '../app/hub.js';
import { toolEnv } from './tool-env.js';

type Out = { out: (s: string) => void; err: (s: string) => void };

const USAGE = `Usage: arendenav sync --source <id> [--once]
  Runs one configured source (ARENDENAV_CONFIG) against the store (DATABASE_URL, else the embedded
  store in ARENDENAV_DATA_DIR). With --once: one run, its outcome printed as JSON, exit 0 when ok.
  Without: the source's schedule runs until the process is stopped.
`;

export async function syncCommand(args: string[], io: Out): Promise<number> {
  const { values } = parseArgs({ args, options: { source: { type: 'string' }, once: { type: 'boolean' } } });
  if (!values.source) {
    io.err(USAGE);
    return 2;
  }
  const env = toolEnv('sync', io);
  if (!env) return 2;
  const core = await openHubCore(env, env.PERSON_REF_KEY ? 'production' : 'demo');
  if (!core.sync.has(values.source)) {
    io.err(
      `arendenav sync: no source "${values.source}" (configured: ${core.sources.map((s) => s.settings.id).join(', ') || 'none'})\n`,
    );
    await core.db.close();
    return 2;
  }
  if (values.once) {
    const outcome = await core.sync.runOnce(values.source);
    io.out(`${JSON.stringify({ source: values.source, ...outcome })}\n`);
    await core.db.close();
    return outcome.outcome === 'ok' ? 0 : 1;
  }
  await core.sync.start([values.source]);
  const stop = async () => {
    await core.sync.stop();
    await core.db.close();
    process.exit(0);
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  return -1;
}
