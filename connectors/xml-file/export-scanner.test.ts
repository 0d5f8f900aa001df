import { describe, expect, it } from 'vitest';
import { ConnectorError } from '../contract.js';
import { createExportScanner, type ScannedRecord } from './export-scanner.js';

const options = { recordElement: 'Arende', maxRecordBytes: 1024 };
const file = [
  '\uFEFF<?xml version="1.0" encoding="UTF-8"?>\n',
  '<!-- nightly export -->\n',
  '<Export skapad="2026-05-04" note="a > b">\n',
  '  <ArendeLista antal="3"/>\n',
  '  <Arende id="1" a=\'x\'><Diarienummer>SN 1</Diarienummer></Arende>\n',
  '  <Arende id="2"/>\n',
  '  <?pi inside?><Arende\n id="3"><Text>å &amp; ö</Text></Arende>\n',
  '</Export>\n',
].join('');

/** Every record found when `text` arrives in chunks of `size` characters. */
function scanned(text: string, size: number): ScannedRecord[] {
  const scanner = createExportScanner(options);
  const out: ScannedRecord[] = [];
  for (let i = 0; i < text.length; i += size) out.push(...scanner.push(text.slice(i, i + size)));
  out.push(...scanner.end());
  return out;
}

function refusal(text: string, size = text.length): string {
  try {
    scanned(text, size);
  } catch (error) {
    if (error instanceof ConnectorError && error.code === 'bad_data') return error.message;
    throw error;
  }
  throw new Error('not refused');
}

describe('export scanner', () => {
  it('finds the same records with their lines however the text is cut into chunks', () => {
    const whole = scanned(file, file.length);
    expect(whole.map((r) => [r.number, r.line])).toEqual([
      [1, 5],
      [2, 6],
      [3, 7],
    ]);
    expect(whole[2]?.text).toBe('<Arende\n id="3"><Text>å &amp; ö</Text></Arende>');
    for (let size = 1; size <= 17; size++) expect(scanned(file, size)).toEqual(whole);
  });

  it.each([
    [
      'a DOCTYPE between records',
      file.replace('  <Arende id="2"/>', '<!DOCTYPE x>'),
      'the file declares a DOCTYPE at line 6; exports must not',
    ],
    [
      'a root that never closes',
      file.replace('</Export>\n', ''),
      'the root element <Export> never closes: truncated file',
    ],
    [
      'a cut inside a record',
      file.slice(0, file.indexOf('<Text>')),
      'the file ends inside record 3 (line 7): truncated',
    ],
    [
      'a record outside the root',
      `${file}<Arende id="4"/>\n`,
      'a <Arende> outside the root element at line 10',
    ],
    ['a second root', `${file}<Other/>\n`, 'a second root element at line 10'],
    ['text outside the root', `${file}junk\n`, 'text outside the root element at line 10'],
    [
      'a mismatched end tag',
      file.replace('</Export>', '</Exprot>'),
      'an end tag at line 9 closes no open element',
    ],
    ['no records', '<Export>\n</Export>\n', 'the file holds no <Arende> records'],
    ['no root', '<?xml version="1.0"?>\n', 'the file has no root element'],
    [
      'a record over the cap in one chunk',
      file.replace('SN 1', 'x'.repeat(1100)),
      'record 1 (line 5) is larger than 1024 bytes',
    ],
    [
      'a record over the cap in UTF-8 bytes, not characters',
      file.replace('SN 1', 'å'.repeat(600)),
      'record 1 (line 5) is larger than 1024 bytes',
    ],
  ])('refuses %s, in one chunk and in small ones', (_name, text, reason) => {
    expect(refusal(text)).toBe(reason);
    expect(refusal(text, 7)).toBe(reason);
  });

  it('refuses a record over the cap while it streams, before its end arrives', () => {
    const scanner = createExportScanner(options);
    scanner.push('<Export><Arende id="1"><T>');
    expect(() => scanner.push('x'.repeat(1100))).toThrow('record 1 (line 1) is larger than 1024 bytes');
  });
});
