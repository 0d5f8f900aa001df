import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createOmsorgData } from '../../simulators/case-data/index.js';
import { writeOmsorgExport } from '../../simulators/omsorg/export-file.js';
import type { Db } from '../../store/db.js';
import { freshDatabase } from '../../test/support/databases.js';
import { addSource, engineOn, mapperFor, storedStatuses } from '../../test/support/sync.js';
import { xmlFileConnector } from './index.js';

let db: Db;
let drop: () => Promise<void>;
let inbox: string;

beforeEach(async () => {
  ({ db, drop } = await freshDatabase('pglite'));
  inbox = mkdtempSync(join(tmpdir(), 'arendenav-inbox-'));
});
afterEach(async () => {
  await drop();
  rmSync(inbox, { recursive: true, force: true });
});

async function hubWithInbox() {
  const hub = engineOn(db);
  await addSource(
    hub.engine,
    'umea-omsorg-export',
    xmlFileConnector.create(xmlFileConnector.configSchema.parse({ inboxDir: inbox })),
    mapperFor('omsorg-xml/socialtjanst'),
  );
  return hub;
}

describe('xml-file connector with the sync engine', () => {
  it('stores every record of a nightly export and then deletes the file', async () => {
    const data = createOmsorgData({ cases: 120, seed: 7 });
    await writeOmsorgExport(inbox, data.list(), { fileName: 'omsorg-export-20260504.xml' });
    const { engine } = await hubWithInbox();
    const run = await engine.runOnce('umea-omsorg-export');
    expect(run).toMatchObject({ outcome: 'ok', stored: 120, quarantined: 0, units: 1 });
    const stored = await storedStatuses(db);
    expect(Object.keys(stored)).toHaveLength(120);
    // Nothing lingers: without keepProcessed the file goes once its unit is committed.
    expect(readdirSync(join(inbox, 'processed'))).toEqual([]);
    expect(readdirSync(inbox).filter((f) => f.endsWith('.xml'))).toEqual([]);
  });

  it('stores nothing from a corrupted file, sets it aside with a report, and still reads the next file', async () => {
    const data = createOmsorgData({ cases: 40, seed: 8 });
    const bad = await writeOmsorgExport(inbox, data.list().slice(0, 20), {
      fileName: 'omsorg-export-20260501.xml',
    });
    // Cut the file in the middle of a record, as a failed transfer would.
    const text = readFileSync(bad.path, 'utf8');
    writeFileSync(
      bad.path,
      `${text.slice(0, Math.floor(text.length * 0.6)).replace(/<\/Arende>[^<]*$/, '')}<Arende id="x"><Diarienummer>SN 1</Diarie`,
    );
    await writeOmsorgExport(inbox, data.list().slice(20), { fileName: 'omsorg-export-20260502.xml' });
    const { engine } = await hubWithInbox();
    const run = await engine.runOnce('umea-omsorg-export');
    expect(run).toMatchObject({ outcome: 'ok', stored: 20, failedUnits: 1 });
    const expected = Object.fromEntries(
      data
        .list()
        .slice(20)
        .map((r) => [r.Diarienummer, expect.any(String)]),
    );
    expect(await storedStatuses(db)).toEqual(expected);
    // Without keepFailed the refused file is deleted too; only its report (no contents) stays.
    const failed = readdirSync(join(inbox, 'failed'));
    expect(failed).toHaveLength(1);
    const report = JSON.parse(
      readFileSync(join(inbox, 'failed', failed.find((f) => f.endsWith('.error.json')) as string), 'utf8'),
    );
    expect(report).toMatchObject({ file: 'omsorg-export-20260501.xml', stored: 0, kept: null });
    expect(report.reason).toMatch(/bad_data: (record \d+ is not well-formed XML|the file ends inside)/);
    expect(JSON.stringify(report)).not.toMatch(/\d{6}-?\d{4}/);
  });

  it('refuses a file with a DOCTYPE: external entities are never resolved, expansion never happens', async () => {
    const secret = join(inbox, 'secret.txt');
    writeFileSync(secret, 'TOP SECRET');
    writeFileSync(
      join(inbox, 'omsorg-export-evil.xml'),
      `<?xml version="1.0"?><!DOCTYPE Export [<!ENTITY xxe SYSTEM "file://${secret}"><!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>\n<Export><Arende id="X" senastAndrad="2026-05-01T10:00:00+02:00"><Diarienummer>&xxe;&b;</Diarienummer></Arende></Export>`,
    );
    const { engine } = await hubWithInbox();
    const run = await engine.runOnce('umea-omsorg-export');
    expect(run).toMatchObject({ outcome: 'ok', stored: 0, failedUnits: 1 });
    expect(await storedStatuses(db)).toEqual({});
    const report = readdirSync(join(inbox, 'failed')).find((f) => f.endsWith('.error.json')) as string;
    expect(readFileSync(join(inbox, 'failed', report), 'utf8')).toContain('declares a DOCTYPE');
  });

  it('quarantines a record with an unknown status, shows why, and stores it once the mapping knows the code', async () => {
    const data = createOmsorgData({ cases: 10, seed: 9 });
    const odd = data.injectUnknownStatus({ code: 'VILANDE' });
    await writeOmsorgExport(inbox, data.list(), { fileName: 'omsorg-export-20260503.xml' });
    const { engine } = await hubWithInbox();
    expect(await engine.runOnce('umea-omsorg-export')).toMatchObject({ stored: 9, quarantined: 1 });
    const [entry] = await engine.quarantined('umea-omsorg-export');
    expect(entry).toMatchObject({ sourceRecordId: odd['@id'], mappingId: 'omsorg-xml/socialtjanst' });
    expect(entry?.reasons[0]?.message).toContain('source status "VILANDE" is not in tables.status');
    // The payload is kept encrypted: the personnummer is not readable in the table.
    const { rows } = await db.query<{ payload: Uint8Array }>('SELECT payload FROM quarantine');
    expect(Buffer.from(rows[0]?.payload ?? []).toString('latin1')).not.toMatch(/\d{8}-\d{4}|Personnummer/);

    // A fixed mapping (here: the same mapping with the code added) maps it on the next run.
    const fixed = mapperFor('omsorg-xml/socialtjanst');
    const patched = {
      ...fixed,
      mapping: {
        ...fixed.mapping,
        tables: {
          ...fixed.mapping.tables,
          status: { ...fixed.mapping.tables.status, VILANDE: 'in_progress' },
        },
      },
    };
    const { compileMapping } = await import('../../mappings/engine/index.js');
    const later = engineOn(db);
    await addSource(
      later.engine,
      'umea-omsorg-export',
      xmlFileConnector.create(xmlFileConnector.configSchema.parse({ inboxDir: inbox })),
      compileMapping(patched.mapping),
    );
    expect(await later.engine.runOnce('umea-omsorg-export')).toMatchObject({ outcome: 'ok' });
    expect(await later.engine.quarantined('umea-omsorg-export')).toEqual([]);
    expect((await storedStatuses(db))[odd.Diarienummer]).toBe('in_progress');
    expect(existsSync(join(inbox, 'omsorg-export-20260503.xml'))).toBe(false);
  });
});
