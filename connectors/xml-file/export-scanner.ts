/**
 * Cuts a streamed export file into its record elements while checking the frame around them: one root
 * element that opens and closes, no DOCTYPE or other declaration anywhere, no text outside the root,
 * no record outside the root and none larger than the cap. Whatever breaks that is bad data with the
 * line it was found on (never the file's contents); each record itself is parsed elsewhere.
 */
import { ConnectorError } from '../contract.js';

export type ScannedRecord = { text: string; number: number; line: number };

export type ExportScannerOptions = { recordElement: string; maxRecordBytes: number };

function badData(message: string): ConnectorError {
  return new ConnectorError('bad_data', message, { retryable: false });
}

// A start tag with its attributes; an attribute value may hold `>`, so a plain indexOf is not enough.
const START_TAG = /<([A-Za-z_][\w.:-]*)((?:\s+[^\s=/>"']+\s*=\s*(?:"[^"]*"|'[^']*'))*)\s*(\/?)>/y;
const END_TAG = /<\/([A-Za-z_][\w.:-]*)\s*>/y;

function newlines(text: string, from: number, to: number): number {
  let n = 0;
  for (let i = text.indexOf('\n', from); i >= 0 && i < to; i = text.indexOf('\n', i + 1)) n++;
  return n;
}

/** UTF-8 size of `text`, counted only when its UTF-16 length leaves room for doubt. */
function tooLarge(text: string, max: number): boolean {
  if (text.length > max) return true;
  return text.length * 3 > max && Buffer.byteLength(text, 'utf8') > max;
}

/**
 * @example
 * const scanner = createExportScanner({ recordElement: 'Arende', maxRecordBytes: 1 << 20 });
 * for (const record of scanner.push(text)) parse(record.text);
 * scanner.end();
 */
export function createExportScanner(options: ExportScannerOptions) {
  const { recordElement, maxRecordBytes } = options;
  const close = `</${recordElement}>`;
  const open: string[] = [];
  let buffer = '';
  let line = 1;
  let rootSeen = false;
  let rootClosed = false;
  let seen = 0;

  /** Unread text at the front of `buffer` that waits for the next chunk must not grow without end. */
  function guard(from: number, what: () => string): void {
    if (buffer.length - from > maxRecordBytes) throw badData(what());
  }

  function checkText(text: string, at: number): void {
    if (open.length > 0) return;
    const first = text.search(/\S/);
    if (first >= 0) throw badData(`text outside the root element at line ${at + newlines(text, 0, first)}`);
  }

  /** Reads what it can of `buffer`; returns the records found and keeps the rest for the next chunk. */
  function scan(final = false): ScannedRecord[] {
    const records: ScannedRecord[] = [];
    let pos = 0;
    const advance = (to: number) => {
      line += newlines(buffer, pos, to);
      pos = to;
    };
    while (pos < buffer.length) {
      const lt = buffer.indexOf('<', pos);
      if (lt < 0) {
        checkText(buffer.slice(pos), line);
        advance(buffer.length);
        break;
      }
      if (lt > pos) {
        checkText(buffer.slice(pos, lt), line);
        advance(lt);
      }
      const rest = buffer.length - pos;
      if (rest < 9 && !final) break; // too short to tell `<!--`, `<!DOCTYPE` and `<Arende` apart
      if (buffer.startsWith('<!--', pos) || buffer.startsWith('<?', pos)) {
        const end = buffer.indexOf(buffer[pos + 1] === '?' ? '?>' : '-->', pos + 2);
        if (end < 0) {
          guard(pos, () => `a comment or instruction at line ${line} never ends`);
          break;
        }
        advance(end + (buffer[pos + 1] === '?' ? 2 : 3));
        continue;
      }
      if (buffer.startsWith('<!', pos)) {
        // A DOCTYPE is the door to external and expanding entities: refused wherever it stands.
        if (/^<!DOCTYPE/i.test(buffer.slice(pos, pos + 9)))
          throw badData(`the file declares a DOCTYPE at line ${line}; exports must not`);
        throw badData(`a declaration or CDATA outside the records at line ${line}`);
      }
      if (buffer.startsWith('</', pos)) {
        END_TAG.lastIndex = pos;
        const end = END_TAG.exec(buffer);
        if (!end) {
          if (buffer.indexOf('>', pos) >= 0) throw badData(`a malformed end tag at line ${line}`);
          break;
        }
        if (open.pop() !== end[1]) throw badData(`an end tag at line ${line} closes no open element`);
        if (open.length === 0) rootClosed = true;
        advance(END_TAG.lastIndex);
        continue;
      }
      START_TAG.lastIndex = pos;
      const start = START_TAG.exec(buffer);
      if (!start) {
        // Incomplete (wait for more) or malformed: the cap decides, so a broken tag cannot grow the buffer.
        guard(pos, () => `a malformed tag at line ${line}`);
        break;
      }
      if (start[1] === recordElement) {
        if (open.length === 0) throw badData(`a <${recordElement}> outside the root element at line ${line}`);
        const selfClosing = start[3] === '/';
        const end = selfClosing ? START_TAG.lastIndex : buffer.indexOf(close, pos);
        const number = seen + 1;
        if (end < 0) {
          guard(pos, () => `record ${number} (line ${line}) is larger than ${maxRecordBytes} bytes`);
          break;
        }
        const to = selfClosing ? end : end + close.length;
        const text = buffer.slice(pos, to);
        // Checked here too: a record whose end arrived in the same chunk never met the guard above.
        if (tooLarge(text, maxRecordBytes))
          throw badData(`record ${number} (line ${line}) is larger than ${maxRecordBytes} bytes`);
        seen = number;
        records.push({ text, number, line });
        advance(to);
        continue;
      }
      if (rootClosed) throw badData(`a second root element at line ${line}`);
      rootSeen = true;
      if (start[3] !== '/') open.push(start[1] as string);
      else if (open.length === 0) rootClosed = true;
      advance(START_TAG.lastIndex);
    }
    buffer = buffer.slice(pos);
    return records;
  }

  return {
    /** Adds decoded text; returns the complete records it finished. */
    push(text: string): ScannedRecord[] {
      buffer += text;
      return scan();
    },
    /** The file ended: the last records, or bad data if anything is unfinished (a cut record, an open root) or no record came. */
    end(): ScannedRecord[] {
      const last = scan(true);
      const rest = buffer.trim();
      if (rest.startsWith(`<${recordElement}`))
        throw badData(`the file ends inside record ${seen + 1} (line ${line}): truncated`);
      if (rest.length > 0) throw badData(`the file ends with unfinished markup at line ${line}`);
      if (!rootSeen) throw badData('the file has no root element');
      if (!rootClosed) throw badData(`the root element <${open[0]}> never closes: truncated file`);
      if (seen === 0) throw badData(`the file holds no <${recordElement}> records`);
      return last;
    },
    records: () => seen,
  };
}
