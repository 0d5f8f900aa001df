// After the whole test suite: fails when any log line or metric the hub wrote during the tests, or any
// output of a process the tests started (test/support/child-process.ts), holds a personnummer,
// samordningsnummer or organisationsnummer of the test data in any written form, or a party's name in
// either order (scripts/personal-data.mjs); and, given `--files <dir>` (the tests' TMPDIR), when an
// export file is left there in clear with personal data (nothing lingers).
import { existsSync } from 'node:fs';
import { personalDataPatterns, scanExportFiles, scanLogDirectory, testIdentities } from './personal-data.mjs';

const filesAt = process.argv.indexOf('--files');
const filesDir = filesAt >= 0 ? process.argv[filesAt + 1] : undefined;
const dir =
  process.argv.slice(2).find((a, i, all) => !a.startsWith('--') && all[i - 1] !== '--files') ??
  '.tmp/test-output';
if (!existsSync(dir)) {
  console.error(`scan-test-output: ${dir} is missing: the tests wrote no log output to scan`);
  process.exit(1);
}
const patterns = personalDataPatterns(testIdentities());
const { scanned, hits } = scanLogDirectory(dir, patterns);
if (scanned === 0) {
  console.error('scan-test-output: the test output is empty: nothing was scanned');
  process.exit(1);
}
if (hits.length > 0) {
  const lines = hits.slice(0, 20).map((h) => `${h.file}: ${h.what} as "${h.found}" near …${h.near}`);
  console.error(
    `scan-test-output: personal data in ${hits.length} place(s) of the logs/metrics:\n${lines.join('\n')}`,
  );
  process.exit(1);
}

// The hub deletes or seals export files; a test that wrote one and never ran the hub over it must
// remove it itself.
if (filesDir && existsSync(filesDir)) {
  const { files, hits: fileHits } = scanExportFiles(filesDir, patterns);
  if (fileHits.length > 0) {
    const lines = fileHits.slice(0, 20).map((h) => `${h.path}: holds ${h.what} as "${h.found}"`);
    console.error(
      `scan-test-output: ${fileHits.length} export file(s) left in clear with personal data after the suite:\n${lines.join('\n')}`,
    );
    process.exit(1);
  }
  console.error(
    `scan-test-output: ${files} export file(s) left under ${filesDir}: none in clear with personal data`,
  );
}
console.error(
  `scan-test-output: ${Math.round(scanned / 1024)} KB of logs, metrics and child-process output, ${patterns.length} numbers and names in every written form: none found`,
);
