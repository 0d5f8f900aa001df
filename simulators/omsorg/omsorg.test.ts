import { mkdtemp, readdir, readFile, rm, stat } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { XMLParser } from 'fast-xml-parser';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadMapping } from '../../mappings/engine/index.js';
import { shippedMappingsDir } from '../../mappings/location.js';
import { createPersonRefHasher } from '../../person/person-ref.js';
import { createCaseIdMinter } from '../../schemas/case-id.js';
import { createOmsorgData, type OmsorgArende, streamOmsorgRecords } from '../case-data/index.js';
import { renderArendeXml } from './arende-xml.js';
import { writeOmsorgExport } from './export-file.js';
import { omsorgEventMessage, publishOmsorgEvents } from './publish.js';

/** The parser settings the hub's omsorg connector uses. */
const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@',
  textNodeName: '#text',
  parseTagValue: false,
  parseAttributeValue: false,
  isArray: (name: string) => name === 'Arende' || name === 'Handling',
});
const mapper = loadMapping(`${shippedMappingsDir()}/omsorg-xml/socialtjanst.yaml`);
const mapOptions = {
  personRefs: createPersonRefHasher('simulator-test-key-0123456789abcdef'),
  caseIds: createCaseIdMinter('simulator-test-case-id-key-0123456789ab'),
  now: new Date('2026-06-01T00:00:00Z'),
};

/** The record without null fields: the XML leaves them out, so that is what parsing gives back. */
function withoutNulls(record: OmsorgArende): unknown {
  return JSON.parse(JSON.stringify(record, (_, value) => (value === null ? undefined : value)));
}

describe('renderArendeXml', () => {
  it('parses back to the same record, which maps exactly as the source record does', async () => {
    const data = createOmsorgData({ seed: 41, cases: 80 });
    data.advance(new Date(data.now().getTime() + 3 * 86_400_000));
    for (const record of data.list()) {
      const parsed = parser.parse(renderArendeXml(record)).Arende[0];
      expect(parsed).toEqual(withoutNulls(record));
      const viaXml = await mapper.map(parsed, mapOptions);
      expect(viaXml.ok).toBe(true);
      expect(viaXml).toEqual(await mapper.map(record, mapOptions));
    }
  });

  it('escapes text and attributes', () => {
    const [record] = createOmsorgData({ cases: 1 }).list() as [OmsorgArende];
    const nasty = structuredClone(record);
    nasty.Rubrik = 'Hyra & el <maj> "akut"';
    nasty.Arendetyp['#text'] = "Försörjningsstöd's <del>";
    nasty['@id'] = 'OMS-"1"&<2>';
    const xml = renderArendeXml(nasty);
    expect(xml).toContain('<Rubrik>Hyra &amp; el &lt;maj&gt; "akut"</Rubrik>');
    const parsed = parser.parse(xml).Arende[0];
    expect(parsed.Rubrik).toBe(nasty.Rubrik);
    expect(parsed['@id']).toBe(nasty['@id']);
    expect(parsed.Arendetyp['#text']).toBe(nasty.Arendetyp['#text']);
  });
});

describe('writeOmsorgExport', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'omsorg-export-'));
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  it('writes an Export file whose records parse and map', async () => {
    const records = createOmsorgData({ seed: 42, cases: 60 }).list();
    const result = await writeOmsorgExport(dir, records, { skapad: new Date('2026-05-04T01:00:00Z') });
    expect(result).toMatchObject({ path: join(dir, 'omsorg-export-20260504-030000.xml'), count: 60 });
    const text = await readFile(result.path, 'utf8');
    expect(
      text.startsWith(
        '<?xml version="1.0" encoding="UTF-8"?>\n<Export skapad="2026-05-04T03:00:00+02:00" kommun="2480">',
      ),
    ).toBe(true);
    expect(Buffer.byteLength(text)).toBe(result.bytes);
    const exported = parser.parse(text).Export;
    expect(exported['@kommun']).toBe('2480');
    expect(exported.Arende).toHaveLength(60);
    for (const arende of exported.Arende) expect((await mapper.map(arende, mapOptions)).ok).toBe(true);
    expect(await readdir(dir)).toEqual(['omsorg-export-20260504-030000.xml']);
  });

  it('streams: pulls records one by one into a hidden temporary file, renamed only at the end', async () => {
    const fileName = 'natt.xml';
    const seen: { partials: string[]; size: number; finalExists: boolean }[] = [];
    async function* slowly() {
      let i = 0;
      for (const record of streamOmsorgRecords({ seed: 43, cases: 6000 })) {
        if (++i === 5999) {
          const names = await readdir(dir);
          const partials = names.filter((n) => n.endsWith('.partial'));
          const size = partials[0] ? (await stat(join(dir, partials[0]))).size : 0;
          seen.push({ partials, size, finalExists: names.includes(fileName) });
        }
        yield record;
      }
    }
    const result = await writeOmsorgExport(dir, slowly(), {
      fileName,
      skapad: new Date('2026-05-04T01:00:00Z'),
    });
    expect(result.count).toBe(6000);
    expect(seen[0]?.partials).toHaveLength(1);
    expect(seen[0]?.partials[0]).toMatch(/^\.natt\.xml\..+\.partial$/);
    expect(seen[0]?.size).toBeGreaterThan(1 << 20);
    expect(seen[0]?.finalExists).toBe(false);
    expect(await readdir(dir)).toEqual([fileName]);
  });

  it('removes the temporary file when the records fail', async () => {
    async function* broken() {
      yield* createOmsorgData({ cases: 2 }).list();
      throw new Error('source gone');
    }
    await expect(writeOmsorgExport(dir, broken(), { fileName: 'x.xml' })).rejects.toThrow('source gone');
    expect(await readdir(dir)).toEqual([]);
  });
});

describe('case events', () => {
  it('builds one persistent application/xml message per record', () => {
    const [record] = createOmsorgData({ cases: 1 }).list() as [OmsorgArende];
    const message = omsorgEventMessage(record);
    expect(message.routingKey).toBe(`arende.${record.Status['@kod'].toLowerCase()}`);
    expect(message.options).toMatchObject({
      persistent: true,
      contentType: 'application/xml',
      messageId: `${record['@id']}@${record['@senastAndrad']}`,
    });
    expect(parser.parse(message.content.toString('utf8')).Arende[0]['@id']).toBe(record['@id']);
  });

  it('rejects cleanly when no broker answers', async () => {
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as { port: number };
    await new Promise((resolve) => server.close(resolve));
    await expect(publishOmsorgEvents(`amqp://127.0.0.1:${port}`, 'omsorg', [])).rejects.toThrow();
  });
});
