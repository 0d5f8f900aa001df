/**
 * Nothing lingers: export files hold personnummer, names and `secret` fields in clear. After a run
 * none is left in clear anywhere under the inbox; a kept file is sealed, opens only with the key, and
 * is gone once its retention has passed.
 */
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createFileSealer } from '../../person/sealed-file.js';
import { createOmsorgData } from '../../simulators/case-data/index.js';
import { writeOmsorgExport } from '../../simulators/omsorg/export-file.js';
import type { Db } from '../../store/db.js';
import { TEST_PERSON_REF_KEY } from '../../test/support/app.js';
import { clearPersonalData } from '../../test/support/clear-personal-data.js';
import { freshDatabase } from '../../test/support/databases.js';
import { addSource, engineOn, mapperFor, storedStatuses } from '../../test/support/sync.js';
import { xmlFileConnector } from './index.js';

const DAY = 86_400_000;
let db: Db;
let drop: () => Promise<void>;
let inbox: string;
let clock: Date;
const sealer = createFileSealer(TEST_PERSON_REF_KEY, 'export file');

beforeEach(async () => {
  ({ db, drop } = await freshDatabase('pglite'));
  inbox = mkdtempSync(join(tmpdir(), 'arendenav-lingers-'));
  clock = new Date('2026-05-04T02:00:00.000Z');
});
afterEach(async () => {
  await drop();
  rmSync(inbox, { recursive: true, force: true });
});

async function sourceWith(config: Record<string, unknown>) {
  const connector = xmlFileConnector.create(
    xmlFileConnector.configSchema.parse({ inboxDir: inbox, ...config }),
    {
      sealer,
      now: () => clock,
    },
  );
  const { engine } = engineOn(db);
  await addSource(engine, 'umea-omsorg-export', connector, mapperFor('omsorg-xml/socialtjanst'));
  return { engine, connector };
}

async function opened(file: string, with_ = sealer): Promise<string> {
  const parts: Buffer[] = [];
  for await (const chunk of with_.open(file)) parts.push(chunk);
  return Buffer.concat(parts).toString('utf8');
}

/** A personnummer-bearing export of `cases` cases; the clients' names, to scan for. */
async function export_(fileName: string, cases: number, seed: number) {
  const records = createOmsorgData({ cases, seed }).list();
  const written = await writeOmsorgExport(inbox, records, { fileName });
  return { ...written, names: records.map((r) => r.Klient.Namn), text: readFileSync(written.path, 'utf8') };
}

describe('export files after their unit (nothing lingers)', () => {
  it('deletes a processed file by default: no personnummer in any form, no name, anywhere under the inbox', async () => {
    const file = await export_('omsorg-export-20260504.xml', 30, 11);
    // The scan must be able to see what it looks for: the export holds both, in clear.
    expect(clearPersonalData(inbox, file.names).length).toBeGreaterThan(0);
    const { engine } = await sourceWith({});
    expect(await engine.runOnce('umea-omsorg-export')).toMatchObject({ outcome: 'ok', stored: 30 });
    expect(Object.keys(await storedStatuses(db))).toHaveLength(30);
    expect(clearPersonalData(inbox, file.names)).toEqual([]);
  });

  it('keeps a processed file sealed for keepProcessed.days: unreadable without the key, gone after its retention', async () => {
    const file = await export_('omsorg-export-20260504.xml', 20, 12);
    const { engine, connector } = await sourceWith({ keepProcessed: { days: 7 } });
    expect(await engine.runOnce('umea-omsorg-export')).toMatchObject({ outcome: 'ok', stored: 20 });
    expect(clearPersonalData(inbox, file.names)).toEqual([]);
    const kept = readdirSync(join(inbox, 'processed'));
    expect(kept).toEqual(['2026-05-04T02-00-00-000Z-omsorg-export-20260504.xml.sealed']);
    const path = join(inbox, 'processed', kept[0] as string);
    // The operator's key opens it byte for byte; another hub's key, or another purpose's, does not.
    expect(await opened(path)).toBe(file.text);
    await expect(
      opened(path, createFileSealer('another-hub-key-'.repeat(3), 'export file')),
    ).rejects.toThrow();
    await expect(opened(path, createFileSealer(TEST_PERSON_REF_KEY, 'quarantine'))).rejects.toThrow();

    clock = new Date(clock.getTime() + 7 * DAY - 1);
    expect(await connector.prune?.({ dryRun: false })).toEqual({ removed: 0 });
    clock = new Date(clock.getTime() + 1);
    expect(await connector.prune?.({ dryRun: true })).toEqual({ removed: 1 });
    expect(readdirSync(join(inbox, 'processed'))).toHaveLength(1);
    expect(await connector.prune?.({ dryRun: false })).toEqual({ removed: 1 });
    expect(readdirSync(join(inbox, 'processed'))).toEqual([]);
  });

  it('keeps a refused file sealed with a report for keepFailed.days, then removes both', async () => {
    const file = await export_('omsorg-export-20260501.xml', 10, 13);
    // Cut off inside a record, as a failed transfer would leave it.
    writeFileSync(file.path, file.text.slice(0, Math.floor(file.text.length * 0.7)));
    const { engine, connector } = await sourceWith({ keepFailed: { days: 14 } });
    expect(await engine.runOnce('umea-omsorg-export')).toMatchObject({ outcome: 'ok', failedUnits: 1 });
    expect(clearPersonalData(inbox, file.names)).toEqual([]);
    const failed = readdirSync(join(inbox, 'failed')).sort();
    expect(failed).toEqual([
      '2026-05-04T02-00-00-000Z-omsorg-export-20260501.xml.error.json',
      '2026-05-04T02-00-00-000Z-omsorg-export-20260501.xml.sealed',
    ]);
    const report = JSON.parse(readFileSync(join(inbox, 'failed', failed[0] as string), 'utf8'));
    expect(report).toMatchObject({
      file: 'omsorg-export-20260501.xml',
      kept: '2026-05-04T02-00-00-000Z-omsorg-export-20260501.xml.sealed',
      removeAfter: '2026-06-03T02:00:00.000Z',
    });
    expect(await opened(join(inbox, 'failed', failed[1] as string))).toBe(
      file.text.slice(0, Math.floor(file.text.length * 0.7)),
    );
    clock = new Date(clock.getTime() + 14 * DAY);
    expect(await connector.prune?.({ dryRun: false })).toEqual({ removed: 1 });
    // The report (file name, time, reason: no contents) is kept at least 30 days.
    expect(readdirSync(join(inbox, 'failed'))).toEqual([failed[0]]);
    clock = new Date(clock.getTime() + 16 * DAY);
    expect(await connector.prune?.({ dryRun: false })).toEqual({ removed: 1 });
    expect(readdirSync(join(inbox, 'failed'))).toEqual([]);
  });

  it('removes clear files an earlier version left in processed/ and failed/, and crash leftovers of sealing', async () => {
    const old = await export_('omsorg-export-20260401.xml', 5, 14);
    mkdirSync(join(inbox, 'processed'));
    mkdirSync(join(inbox, 'failed'));
    writeFileSync(join(inbox, 'processed', 'omsorg-export-20260401.xml'), old.text);
    writeFileSync(join(inbox, 'failed', '2026-04-02T01-00-00-000Z-omsorg-export-20260402.xml'), old.text);
    writeFileSync(join(inbox, 'processed', '.x.sealed.abcd1234.sealing'), 'ciphertext');
    rmSync(old.path);
    const { connector } = await sourceWith({ keepProcessed: { days: 7 } });
    // The leftover of a sealing is removed only once it cannot be one in progress (a day old).
    expect(await connector.prune?.({ dryRun: false })).toEqual({ removed: 2 });
    clock = new Date(Date.now() + DAY);
    expect(await connector.prune?.({ dryRun: false })).toEqual({ removed: 1 });
    expect(clearPersonalData(inbox, old.names)).toEqual([]);
  });

  it('refuses keepProcessed without the hub’s sealer rather than keep a file in clear', () => {
    expect(() =>
      xmlFileConnector.create(
        xmlFileConnector.configSchema.parse({ inboxDir: inbox, keepProcessed: { days: 1 } }),
      ),
    ).toThrow(/need the hub to seal/);
  });
});
