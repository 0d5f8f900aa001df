/**
 * Streaming XML reading for export files: the file is cut into record elements as it streams and
 * each record is parsed on its own, so memory stays flat however large the file is. The only place
 * the xml-file connector touches fast-xml-parser.
 */
import { createReadStream } from 'node:fs';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { ConnectorError } from '../contract.js';
import { createUtf8Stream, InvalidUtf8 } from '../utf8.js';
import { createExportScanner, type ScannedRecord } from './export-scanner.js';

export type RecordReaderOptions = { recordElement: string; batchSize: number; maxRecordBytes: number };

/** Deeper nesting than this is refused as bad data (the parser's own limit, stated here so reasons can name it). */
export const MAX_NESTING = 100;

const parser = (recordElement: string) =>
  new XMLParser({
    ignoreAttributes: false,
    attributeNamePrefix: '@',
    textNodeName: '#text',
    parseTagValue: false,
    parseAttributeValue: false,
    trimValues: true,
    // Named entities beyond the five predefined ones are refused before parsing (they would need a
    // DOCTYPE); this decodes the five and numeric character references (`&#229;`).
    processEntities: true,
    htmlEntities: true,
    maxNestedTags: MAX_NESTING,
    isArray: (name) => name === recordElement,
    // The callbacks need only the tag's name: no path string built for every tag, attribute and text.
    jPath: false,
  });

function badData(message: string): ConnectorError {
  return new ConnectorError('bad_data', message, { retryable: false });
}

const parsers = new Map<string, XMLParser>();

/** Bytes read from an export file at a time (see readRecords). */
const CHUNK_BYTES = 64 * 1024;

const REFERENCE = /&(?:lt|gt|amp|apos|quot|#([0-9]{1,7})|#x([0-9a-fA-F]{1,6}));/y;
const xmlChar = (c: number) =>
  c === 0x9 ||
  c === 0xa ||
  c === 0xd ||
  (c >= 0x20 && c <= 0xd7ff) ||
  (c >= 0xe000 && c <= 0xfffd) ||
  (c >= 0x10000 && c <= 0x10ffff);

/**
 * The line (1-based, within `text`) of the first `&` that is not one of the five predefined entities
 * or a reference to a character XML allows, or 0. CDATA sections and comments hold `&` as plain text.
 */
function badReferenceLine(text: string): number {
  if (!text.includes('&')) return 0;
  const plain = text.replace(/<!\[CDATA\[[\s\S]*?\]\]>|<!--[\s\S]*?-->/g, (m) => m.replace(/[^\n]/g, ' '));
  for (let at = plain.indexOf('&'); at >= 0; at = plain.indexOf('&', at + 1)) {
    REFERENCE.lastIndex = at;
    const ref = REFERENCE.exec(plain);
    const code =
      ref?.[1] !== undefined
        ? Number(ref[1])
        : ref?.[2] !== undefined
          ? Number.parseInt(ref[2], 16)
          : undefined;
    if (!ref || (code !== undefined && !xmlChar(code))) return plain.slice(0, at).split('\n').length;
  }
  return 0;
}

export type RecordPlace = {
  /** Names the record in reasons: "record 12", "the message". */
  where: string;
  /** The line the record starts on in its file, so reasons can give file lines; 1 for a message. */
  line?: number;
};

/**
 * Parses one record element (`<Arende …>…</Arende>`), e.g. a message body. Refuses DOCTYPE and
 * entity declarations, undeclared entities, malformed XML and nesting deeper than `MAX_NESTING`, each
 * as bad data naming the record and line (never its content).
 */
export function parseRecord(
  text: string,
  recordElement: string,
  place: RecordPlace = { where: 'the record' },
): unknown {
  const { where } = place;
  const first = place.line ?? 1;
  const at = (line: number) =>
    place.line === undefined ? `line ${line}` : `line ${first + line - 1} of the file`;
  if (/<!DOCTYPE|<!ENTITY/i.test(text)) throw badData(`${where} declares a DOCTYPE or entities`);
  const valid = XMLValidator.validate(text);
  if (valid !== true)
    throw badData(`${where} is not well-formed XML (${at(valid.err.line)}: ${valid.err.code})`);
  const badLine = badReferenceLine(text);
  if (badLine > 0)
    throw badData(`${where} uses an undeclared entity or invalid character reference (${at(badLine)})`);
  let xml = parsers.get(recordElement);
  if (!xml) {
    xml = parser(recordElement);
    parsers.set(recordElement, xml);
  }
  let parsed: Record<string, unknown[] | undefined>;
  try {
    parsed = xml.parse(text) as Record<string, unknown[] | undefined>;
  } catch (error) {
    // The parser's own limits are the record's problem, not the hub's: bad data, never an internal error.
    if (error instanceof Error && /nested tags/i.test(error.message))
      throw badData(`${where}: nesting deeper than ${MAX_NESTING}`);
    throw badData(`${where} could not be parsed as XML`);
  }
  const record = parsed[recordElement]?.[0];
  if (record === undefined) throw badData(`${where} is not a <${recordElement}> element`);
  return record;
}

/**
 * Yields batches of parsed records from `file`. The bytes must be UTF-8 (a bad byte is refused with
 * its offset); the frame around the records is checked by the scanner (no DOCTYPE anywhere, a root
 * that closes, at least one record) and each record by `parseRecord`.
 */
export async function* readRecords(file: string, options: RecordReaderOptions): AsyncGenerator<unknown[]> {
  const scanner = createExportScanner(options);
  const utf8 = createUtf8Stream();
  let batch: unknown[] = [];
  const decode = (read: () => string) => {
    try {
      return read();
    } catch (error) {
      if (error instanceof InvalidUtf8) throw badData(`the file is not valid UTF-8 (byte ${error.offset})`);
      throw error;
    }
  };
  const parse = (record: ScannedRecord) =>
    parseRecord(record.text, options.recordElement, {
      where: `record ${record.number} (line ${record.line})`,
      line: record.line,
    });
  // Chunks small enough that their text (and the scanner's buffer) stay ordinary young objects: a
  // megabyte string is a large object that only a full collection frees, one per chunk of the file.
  for await (const chunk of createReadStream(file, { highWaterMark: CHUNK_BYTES })) {
    for (const record of scanner.push(decode(() => utf8.write(chunk as Buffer)))) {
      batch.push(parse(record));
      if (batch.length >= options.batchSize) {
        yield batch;
        batch = [];
      }
    }
  }
  const last = [...scanner.push(decode(() => utf8.end())), ...scanner.end()];
  for (const record of last) batch.push(parse(record));
  if (batch.length > 0) yield batch;
}
