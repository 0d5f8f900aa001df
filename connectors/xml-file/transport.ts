/**
 * Streaming XML reading for export files: the file is cut into record elements as it streams and
 * each record is parsed on its own, so memory stays flat however large the file is. The only place
 * the xml-file connector touches fast-xml-parser.
 */
import { createReadStream } from 'node:fs';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { ConnectorError } from '../contract.js';

export type RecordReaderOptions = { recordElement: string; batchSize: number; maxRecordBytes: number };

const parser = (recordElement: string) =>
  new XMLParser({
    ignoreAttributes: false,
    attributeNamePrefix: '@',
    textNodeName: '#text',
    parseTagValue: false,
    parseAttributeValue: false,
    trimValues: true,
    // Entities beyond the five predefined ones would need a DOCTYPE, which is refused below.
    processEntities: true,
    htmlEntities: false,
    isArray: (name) => name === recordElement,
  });

function badData(message: string): ConnectorError {
  return new ConnectorError('bad_data', message, { retryable: false });
}

const parsers = new Map<string, XMLParser>();

/**
 * Parses one record element (`<Arende …>…</Arende>`), e.g. a message body. Refuses DOCTYPE and
 * entity declarations; `where` names the record in messages ("record 12", "the message").
 */
export function parseRecord(text: string, recordElement: string, where = 'the record'): unknown {
  if (/<!DOCTYPE|<!ENTITY/i.test(text)) throw badData(`${where} declares a DOCTYPE or entities`);
  const valid = XMLValidator.validate(text);
  if (valid !== true)
    throw badData(`${where} is not well-formed XML (line ${valid.err.line}: ${valid.err.code})`);
  let xml = parsers.get(recordElement);
  if (!xml) {
    xml = parser(recordElement);
    parsers.set(recordElement, xml);
  }
  const parsed = xml.parse(text) as Record<string, unknown[] | undefined>;
  const record = parsed[recordElement]?.[0];
  if (record === undefined) throw badData(`${where} is not a <${recordElement}> element`);
  return record;
}

/**
 * Yields batches of parsed records from `file`. A DOCTYPE (the door to external and expanding
 * entities) is refused outright; malformed XML fails with the record number, never its content.
 */
export async function* readRecords(file: string, options: RecordReaderOptions): AsyncGenerator<unknown[]> {
  const open = `<${options.recordElement}`;
  // `<Arende` must be followed by a space, `>` or `/`: `<ArendeLista>` is another element.
  const recordStart = (text: string, tag: string) => {
    let at = text.indexOf(tag);
    while (at >= 0 && at + tag.length < text.length && !/[\s>/]/.test(text[at + tag.length] ?? ''))
      at = text.indexOf(tag, at + 1);
    return at + tag.length >= text.length ? -1 : at;
  };
  const close = `</${options.recordElement}>`;
  let buffer = '';
  let batch: unknown[] = [];
  let seen = 0;
  let headerChecked = false;
  for await (const chunk of createReadStream(file, { encoding: 'utf8', highWaterMark: 1 << 20 })) {
    buffer += chunk as string;
    if (!headerChecked) {
      const firstRecord = recordStart(buffer, open);
      const header = firstRecord >= 0 ? buffer.slice(0, firstRecord) : buffer;
      if (/<!DOCTYPE|<!ENTITY/i.test(header))
        throw badData('the file declares a DOCTYPE or entities; exports must not');
      if (firstRecord >= 0 || buffer.length > 64 * 1024) headerChecked = true;
    }
    while (true) {
      const start = recordStart(buffer, open);
      if (start < 0) {
        buffer = buffer.slice(Math.max(0, buffer.length - open.length));
        break;
      }
      const end = buffer.indexOf(close, start);
      if (end < 0) {
        if (buffer.length - start > options.maxRecordBytes)
          throw badData(`record ${seen + 1} is larger than ${options.maxRecordBytes} bytes`);
        buffer = buffer.slice(start);
        break;
      }
      const text = buffer.slice(start, end + close.length);
      buffer = buffer.slice(end + close.length);
      seen++;
      batch.push(parseRecord(text, options.recordElement, `record ${seen}`));
      if (batch.length >= options.batchSize) {
        yield batch;
        batch = [];
      }
    }
  }
  if (buffer.trim().length > 0 && buffer.includes('<') && !/^\s*(<\/[\w:.-]+>\s*)*$/.test(buffer)) {
    throw badData(`the file ends inside or after record ${seen} with unexpected content`);
  }
  if (batch.length > 0) yield batch;
}
