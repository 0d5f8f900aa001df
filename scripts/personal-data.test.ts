/**
 * The personal-data scan run after the suite (scripts/scan-test-output.mjs): it must find every test
 * number in every written form and every name in either order, and pass output that holds none.
 * A regression here would let a leak in a log pass unnoticed.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  findPersonalData,
  personalDataPatterns,
  scanExportFiles,
  scanLogDirectory,
  testIdentities,
} from './personal-data.mjs';

const identities = testIdentities();
const patterns = personalDataPatterns(identities);
const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

/** A folder of sample files, one per entry, as the tests' log output would be (.txt: not an export). */
function sampleDir(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'arendenav-scan-'));
  dirs.push(dir);
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}

const logLine = (value: string) => `{"level":30,"time":1780000000000,"msg":"looked up","party":"${value}"}\n`;

describe('the test data the scan looks for', () => {
  it('reads every test personnummer and samordningsnummer, the organisationsnummer and the names', () => {
    expect(identities.personnummer.length).toBeGreaterThanOrEqual(30);
    expect(identities.personnummer).toEqual(
      expect.arrayContaining(['19900321-2389', '19121212-1212', '19140168-2396', '20220161-2393']),
    );
    // Luhn-completed as simulators/byggr-v8/parties.ts does.
    expect(identities.organisationsnummer).toEqual(expect.arrayContaining(['462000-1018']));
    expect(identities.organisationsnummer).toHaveLength(5);
    expect(identities.names).toEqual(
      expect.arrayContaining([
        ['Maja', 'Testberg'],
        ['Per', 'Åströmtest'],
        ['Nils', 'Forsberg'],
      ]),
    );
  });
});

describe('every written form', () => {
  const personnummer = [
    '19900321-2389',
    '199003212389',
    '900321-2389',
    '9003212389',
    '900321+2389',
    '19900321 2389',
    '900321 2389',
    '19900321\u00a02389',
    '19900321–2389',
    '19900321—2389',
    '19900321−2389',
    '19900321 - 2389',
    '1990-03-21-2389',
    '1990 03 21 2389',
  ];
  const samordningsnummer = ['19140168-2396', '140168+2396', '19140168 2396', '140168–2396', '191401682396'];
  const organisationsnummer = [
    '462000-1018',
    '4620001018',
    '16462000-1018',
    '164620001018',
    '462000 1018',
    '462000–1018',
    '16 462000-1018',
  ];
  const names = [
    'Maja Testberg',
    'Testberg Maja',
    'Testberg, Maja',
    'Testberg,Maja',
    'Maja, Testberg',
    'Maja  Testberg',
    'MAJA TESTBERG',
    'TESTBERG, MAJA',
    'Åströmtest, Per',
    'Per Åströmtest',
  ];

  it.each([...personnummer, ...samordningsnummer, ...organisationsnummer, ...names])(
    'finds "%s" in a log file',
    (form) => {
      const { hits } = scanLogDirectory(
        sampleDir({ 'logs-1.txt': `${logLine('x')}${logLine(form)}` }),
        patterns,
      );
      expect(hits).toHaveLength(1);
      expect(hits[0]?.found.replace(/\s+/g, ' ')).toBe(form.replace(/\s+/g, ' '));
    },
  );

  it('names which identity it found, whatever the form', () => {
    expect(findPersonalData('900321 2389', patterns).map((h) => h.what)).toEqual([
      'personnummer 19900321-2389',
    ]);
    expect(findPersonalData('Testberg, Maja', patterns).map((h) => h.what)).toEqual(['name Maja Testberg']);
    expect(findPersonalData('164620001018', patterns).map((h) => h.what)).toEqual([
      'organisationsnummer 462000-1018',
    ]);
  });

  it('finds one in an export file left in clear, and not in a sealed one', () => {
    const dir = sampleDir({
      'export.xml': `<Klient><Namn>Testberg Maja</Namn></Klient>`,
      'export.xml.sealed': 'x',
    });
    mkdirSync(join(dir, 'processed'));
    writeFileSync(join(dir, 'processed', 'a.sealed'), 'ciphertext only');
    const { files, hits } = scanExportFiles(dir, patterns);
    expect(files).toBe(2);
    expect(hits.map((h) => h.what)).toEqual(['name Maja Testberg']);
  });
});

describe('clean output', () => {
  it('passes log lines that hold no personal data, however close they come', () => {
    const clean = [
      logLine('pr_3f9a1c0d2e4b5a6978c1d2e3f4a5b6c7'),
      '{"msg":"case stored","reference":"BN 2026-000123","updatedAt":"2026-05-30T08:00:00.000Z"}\n',
      '{"msg":"request","id":"0b9c6a8e-1990-4321-8389-900321238900","ms":1990032123}\n',
      // A longer run of digits that only contains a test number is not that number.
      '{"seq":"1990032123890","other":"9199003212389"}\n',
      // A surname alone, a given name alone, a street named like a surname.
      '{"street":"Testbergsvägen 4","officer":"Maja","family":"Testberg"}\n',
      'arendenav_sync_records_total{source="umea-byggr",outcome="stored"} 1160\n',
    ].join('');
    const { scanned, hits } = scanLogDirectory(
      sampleDir({ 'logs-1.txt': clean, 'metrics-1.txt': clean }),
      patterns,
    );
    expect(scanned).toBe(clean.length * 2);
    expect(hits).toEqual([]);
  });
});
