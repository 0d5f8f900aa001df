/**
 * Hostile and broken export files are bad data, never a hub failure: each is refused with a reason
 * (line or byte, no contents) and set aside in failed/, the run stays ok, the circuit stays closed,
 * and the good file behind it is read in the same run. Real files in a real inbox, a real engine.
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createOmsorgData } from '../../simulators/case-data/index.js';
import { renderArendeXml } from '../../simulators/omsorg/arende-xml.js';
import type { Db } from '../../store/db.js';
import { freshDatabase } from '../../test/support/databases.js';
import { addSource, engineOn, mapperFor, storedStatuses } from '../../test/support/sync.js';
import { xmlFileConnector } from './index.js';

let db: Db;
let drop: () => Promise<void>;
let inbox: string;

beforeEach(async () => {
  ({ db, drop } = await freshDatabase('pglite'));
  inbox = mkdtempSync(join(tmpdir(), 'arendenav-hostile-'));
});
afterEach(async () => {
  await drop();
  rmSync(inbox, { recursive: true, force: true });
});

const HEAD =
  '<?xml version="1.0" encoding="UTF-8"?>\n<Export skapad="2026-05-04T02:00:00+02:00" kommun="2480">\n';
const TAIL = '</Export>\n';
const BAD = 'omsorg-export-20260501.xml';
const GOOD = 'omsorg-export-20260502.xml';
const MAX_RECORD_BYTES = 8 * 1024;

/** Three rendered records for the bad file and two for the good one (distinct cases). */
function records(): { bad: string[]; good: string[]; goodRefs: string[] } {
  const list = createOmsorgData({ cases: 5, seed: 131 }).list();
  return {
    bad: list.slice(0, 3).map(renderArendeXml),
    good: list.slice(3).map(renderArendeXml),
    goodRefs: list.slice(3).map((r) => r.Diarienummer),
  };
}

async function runWith(bad: string | Buffer) {
  const { good, goodRefs } = records();
  writeFileSync(join(inbox, BAD), bad);
  writeFileSync(join(inbox, GOOD), `${HEAD}${good.join('\n')}\n${TAIL}`);
  const hub = engineOn(db);
  const connector = xmlFileConnector.create(
    xmlFileConnector.configSchema.parse({ inboxDir: inbox, maxRecordBytes: MAX_RECORD_BYTES }),
  );
  await addSource(hub.engine, 'umea-omsorg-export', connector, mapperFor('omsorg-xml/socialtjanst'));
  const run = await hub.engine.runOnce('umea-omsorg-export');
  const [status] = await hub.engine.status();
  return { run, status, goodRefs };
}

function report(): { file: string; reason: string; stored: number } {
  const name = readdirSync(join(inbox, 'failed')).find((f) => f.endsWith('.error.json'));
  if (!name) throw new Error('no report in failed/');
  const text = readFileSync(join(inbox, 'failed', name), 'utf8');
  // The reason names a line or a byte, never a personnummer or any other content.
  expect(text).not.toMatch(/\d{6}[-+]?\d{4}|\d{8}[-+]?\d{4}/);
  return JSON.parse(text);
}

const { bad } = records();
const [first = '', second = '', third = ''] = bad;
const utf8Prefix = `${HEAD}${first}\n<Arende id="Z"><Diarienummer>SN `;

const cases: { name: string; file: string | Buffer; reason: RegExp }[] = [
  {
    name: 'a record nesting deeper than the parser allows',
    file: `${HEAD}${first}\n${second.replace('</Arende>', `${'<Djup>'.repeat(150)}x${'</Djup>'.repeat(150)}</Arende>`)}\n${TAIL}`,
    reason: /^bad_data: record 2 \(line 4\): nesting deeper than 100$/,
  },
  {
    name: 'bytes that are not UTF-8 (reported at their offset)',
    file: Buffer.concat([
      Buffer.from(utf8Prefix),
      Buffer.from([0xc3, 0x28]),
      Buffer.from(`</Diarienummer></Arende>\n${TAIL}`),
    ]),
    reason: new RegExp(`^bad_data: the file is not valid UTF-8 \\(byte ${Buffer.byteLength(utf8Prefix)}\\)$`),
  },
  {
    name: 'a DOCTYPE after the first record',
    file: `${HEAD}${first}\n<!DOCTYPE Export [<!ENTITY a "b">]>\n${second}\n${TAIL}`,
    reason: /^bad_data: the file declares a DOCTYPE at line 4; exports must not$/,
  },
  {
    name: 'a root that never closes (a truncated transfer after a whole record)',
    file: `${HEAD}${first}\n${second}\n`,
    reason: /^bad_data: the root element <Export> never closes: truncated file$/,
  },
  {
    name: 'an undeclared entity (never stored as literal text)',
    file: `${HEAD}${first}\n${second.replace('</Diarienummer>', '&hemligt;</Diarienummer>')}\n${TAIL}`,
    reason:
      /^bad_data: record 2 \(line 4\) uses an undeclared entity or invalid character reference \(line 4 of the file\)$/,
  },
  {
    name: 'a record over maxRecordBytes whose end arrives in the same chunk',
    file: `${HEAD}${first}\n${third.replace('</Arende>', `<Anteckning>${'x'.repeat(MAX_RECORD_BYTES)}</Anteckning></Arende>`)}\n${TAIL}`,
    reason: new RegExp(`^bad_data: record 2 \\(line 4\\) is larger than ${MAX_RECORD_BYTES} bytes$`),
  },
  {
    name: 'a file with no records',
    file: `${HEAD}${TAIL}`,
    reason: /^bad_data: the file holds no <Arende> records$/,
  },
];

describe('xml-file: an unreadable export is bad data, set aside, and blocks nothing', () => {
  it.each(cases)('$name', async ({ file, reason }) => {
    const { run, status, goodRefs } = await runWith(file);
    // The run is a success for the source: one unit refused, the next file read in the same run.
    expect(run).toMatchObject({ outcome: 'ok', failedUnits: 1, units: 1, stored: goodRefs.length });
    expect(status?.circuit).toBe('closed');
    expect(Object.keys(await storedStatuses(db)).sort()).toEqual([...goodRefs].sort());
    // Neither file is left in the inbox, and the refused one did not go to processed/.
    expect(existsSync(join(inbox, BAD))).toBe(false);
    expect(existsSync(join(inbox, GOOD))).toBe(false);
    expect(readdirSync(join(inbox, 'processed'))).toEqual([]);
    const refused = report();
    expect(refused).toMatchObject({ file: BAD, stored: 0 });
    expect(refused.reason).toMatch(reason);
  });

  it('never opens the circuit, however many unreadable files arrive run after run', async () => {
    const hub = engineOn(db);
    const connector = xmlFileConnector.create(xmlFileConnector.configSchema.parse({ inboxDir: inbox }));
    await addSource(hub.engine, 'umea-omsorg-export', connector, mapperFor('omsorg-xml/socialtjanst'));
    const deep = `${HEAD}${first.replace('</Arende>', `${'<Djup>'.repeat(150)}${'</Djup>'.repeat(150)}</Arende>`)}\n${TAIL}`;
    // More runs than the breaker's threshold of consecutive failures (3).
    for (let day = 1; day <= 5; day++) {
      writeFileSync(join(inbox, `omsorg-export-2026050${day}.xml`), deep);
      expect(await hub.engine.runOnce('umea-omsorg-export')).toMatchObject({ outcome: 'ok', failedUnits: 1 });
    }
    const [status] = await hub.engine.status();
    expect(status?.circuit).toBe('closed');
    expect(readdirSync(inbox).filter((f) => f.endsWith('.xml'))).toEqual([]);
  });

  it('decodes numeric character references instead of storing them as text', async () => {
    const { good, goodRefs } = records();
    const [ref = ''] = goodRefs;
    const digit = ref.search(/\d/);
    const encoded = `${ref.slice(0, digit)}&#${ref.charCodeAt(digit)};${ref.slice(digit + 1)}`;
    const first = (good[0] ?? '').replace(
      `<Diarienummer>${ref}</Diarienummer>`,
      `<Diarienummer>${encoded}</Diarienummer>`,
    );
    expect(first).toContain(encoded);
    writeFileSync(join(inbox, GOOD), `${HEAD}${first}\n${TAIL}`);
    const hub = engineOn(db);
    const connector = xmlFileConnector.create(xmlFileConnector.configSchema.parse({ inboxDir: inbox }));
    await addSource(hub.engine, 'umea-omsorg-export', connector, mapperFor('omsorg-xml/socialtjanst'));
    expect(await hub.engine.runOnce('umea-omsorg-export')).toMatchObject({ outcome: 'ok', stored: 1 });
    expect(Object.keys(await storedStatuses(db))).toEqual([ref]);
  });
});
