/** The retention job over a hub's store and sources (scheduled by startHub, run once by the CLI). */
import { createRetentionJob, type RetentionJob } from '../retention/retention-job.js';
import { createSyncStore } from '../sync/sync-store.js';
import type { HubCore } from './hub.js';

export function hubRetentionJob(core: HubCore): RetentionJob {
  return createRetentionJob({
    db: core.db,
    syncStore: createSyncStore(core.db),
    pruneFiles: core.sync.pruneKept,
    settings: core.retention,
    logger: core.logger,
    registry: core.metrics.registry,
  });
}
