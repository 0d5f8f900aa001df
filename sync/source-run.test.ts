import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type Connector, ConnectorError, type PullUnit } from '../connectors/contract.js';
import type { Db } from '../store/db.js';
import { freshDatabase } from '../test/support/databases.js';
import { type FakeRecord, partsOn, sourceOn, storedIds, unitOf } from '../test/support/sync-parts.js';
import { createQuarantineRetry } from './quarantine-retry.js';
import { createSourceRun } from './source-run.js';
import { createUnitProcessor } from './unit-processor.js';

let db: Db;
let drop: () => Promise<void>;
let parts: ReturnType<typeof partsOn>;

beforeEach(async () => {
  ({ db, drop } = await freshDatabase('pglite'));
  parts = partsOn(db);
});
afterEach(async () => drop());

function runner() {
  const processor = createUnitProcessor(parts);
  const retryQuarantine = createQuarantineRetry({ ...parts, processor });
  return createSourceRun({ ...parts, processor, retryQuarantine, stopped: () => false });
}

/** A pull connector serving `units` (made fresh per pull); `pulls` records each pull's cursor, `served` each unit handed out. */
function pagedConnector(units: () => PullUnit[]) {
  const pulls: (string | null)[] = [];
  const served: string[] = [];
  const connector: Connector = {
    health: async () => ({ ok: true, detail: 'fake' }),
    async *pull(cursor) {
      pulls.push(cursor);
      for (const unit of units()) {
        served.push(unit.label);
        yield unit;
      }
    },
  };
  return { connector, pulls, served };
}

const page = (label: string, records: FakeRecord[], cursor: string | null = label) => ({
  ...unitOf([records], cursor).unit,
  label,
});

async function leaseOf(id: string) {
  const { rows } = await db.query<{ owner: string | null }>(
    'SELECT lease_owner AS owner FROM sync_sources WHERE source_id = $1',
    [id],
  );
  return rows[0]?.owner;
}

describe('one run of a source', () => {
  it('holds the lease while it pulls, releases it after, logs the run, and resumes from the stored cursor', async () => {
    const held: (string | null | undefined)[] = [];
    const { connector, pulls } = pagedConnector(() => [
      page('page-1', [{ id: 'A-1' }, { id: 'A-2' }]),
      { ...page('page-2', [{ id: 'A-3' }]), settle: async () => void held.push(await leaseOf('s')) },
    ]);
    const source = await sourceOn(db, 's', connector);
    const run = runner();
    expect(await run(source)).toEqual({ outcome: 'ok', stored: 3, quarantined: 0, units: 2, failedUnits: 0 });
    expect(held).toEqual(['test-hub']);
    expect(await leaseOf('s')).toBeNull();
    await run(source);
    expect(pulls).toEqual([null, 'page-2']);
    const { rows } = await db.query('SELECT owner, outcome, stored, units FROM sync_runs ORDER BY id');
    expect(rows[0]).toEqual({ owner: 'test-hub', outcome: 'ok', stored: 3, units: 2 });
  });

  it('does not pull a source another hub process holds the lease on', async () => {
    const { connector, pulls } = pagedConnector(() => [page('page-1', [{ id: 'A-1' }])]);
    const source = await sourceOn(db, 's', connector);
    expect(await parts.syncStore.acquireLease('s', 'other-hub', 60_000)).toBe(true);
    expect(await runner()(source)).toMatchObject({ outcome: 'leased-elsewhere', stored: 0, units: 0 });
    expect(pulls).toEqual([]);
    expect(await storedIds(db)).toEqual([]);
    expect(await leaseOf('s')).toBe('other-hub');
    expect((await db.query('SELECT id FROM sync_runs')).rows).toEqual([]);
  });

  it('stops after the unit during which another process took the lease over, and leaves that lease alone', async () => {
    const steal = async () => {
      await db.query(
        "UPDATE sync_sources SET lease_owner = 'other-hub', lease_until = now() + interval '1 minute' WHERE source_id = 's'",
      );
    };
    const { connector, served } = pagedConnector(() => [
      { ...page('page-1', [{ id: 'A-1' }]), settle: steal },
      page('page-2', [{ id: 'A-2' }]),
    ]);
    const source = await sourceOn(db, 's', connector);
    expect(await runner()(source)).toMatchObject({
      outcome: 'failed',
      error: 'unavailable: the lease on this source was lost',
      stored: 1,
      units: 1,
    });
    expect(served).toEqual(['page-1']);
    expect(await storedIds(db)).toEqual(['A-1']);
    expect(await leaseOf('s')).toBe('other-hub');
  });

  it('sets aside a unit the source made unreadable and goes on with the next', async () => {
    const corrupt: PullUnit = {
      ...page('file-1', []),
      batches: (async function* () {
        yield [{ id: 'A-1' }];
        throw new ConnectorError('bad_data', 'the file ends in the middle of a record', { retryable: false });
      })(),
    };
    const { connector } = pagedConnector(() => [corrupt, page('file-2', [{ id: 'A-2' }])]);
    const source = await sourceOn(db, 's', connector);
    expect(await runner()(source)).toEqual({
      outcome: 'ok',
      stored: 1,
      quarantined: 0,
      units: 1,
      failedUnits: 1,
    });
    expect(await storedIds(db)).toEqual(['A-2']);
    expect(await parts.syncStore.cursor('s')).toBe('file-2');
  });
});
