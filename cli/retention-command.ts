/** `arendenav retention run [--dry-run]`: run the retention job once from the command line. */
import { parseArgs } from 'node:util';
import { openHubCore } from '../app/hub.js';
import { hubRetentionJob } from '../app/hub-retention.js';
import { toolEnv } from './tool-env.js';

type Out = { out: (s: string) => void; err: (s: string) => void };

const USAGE = `Usage: arendenav retention run [--dry-run]
  Removes what is past its retention period: quarantine entries with their sealed payloads, audit
  entries, and the sealed export files sources keep; anonymises the information center's closed
  contacts (periods from ARENDENAV_CONFIG). Prints the counts
  as JSON, never what was removed. With --dry-run: only counts. Skips (exit 0) when another hub
  instance is running it now.
`;

export async function retentionCommand(args: string[], io: Out): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    options: { 'dry-run': { type: 'boolean' } },
    allowPositionals: true,
  });
  if (positionals.length !== 1 || positionals[0] !== 'run') {
    io.err(USAGE);
    return 2;
  }
  const env = toolEnv('retention', io);
  if (!env) return 2;
  const core = await openHubCore(env, env.PERSON_REF_KEY ? 'production' : 'demo');
  try {
    const outcome = await hubRetentionJob(core).run({ dryRun: values['dry-run'] ?? false });
    io.out(`${JSON.stringify(outcome)}\n`);
    return outcome.ran && (outcome.auditError !== null || outcome.fileErrors > 0) ? 1 : 0;
  } finally {
    await core.db.close();
  }
}
