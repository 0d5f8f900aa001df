// After the whole test suite: fails when any log line or metric the hub wrote during the tests holds
// a personnummer (any form) or a party's name from the test data; and, given `--files <dir>` (the
// tests' TMPDIR), when an export file is left there in clear with personal data (nothing lingers).
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';

const filesAt = process.argv.indexOf('--files');
const filesDir = filesAt >= 0 ? process.argv[filesAt + 1] : undefined;
const dir =
  process.argv.slice(2).find((a, i, all) => !a.startsWith('--') && all[i - 1] !== '--files') ??
  '.tmp/test-output';
if (!existsSync(dir)) {
  console.error(`scan-test-output: ${dir} is missing: the tests wrote no log output to scan`);
  process.exit(1);
}
// The test data's numbers come only from demo/test-personnummer.ts; its names from the fixtures and simulators.
const source = readFileSync('demo/test-personnummer.ts', 'utf8');
const numbers = [...source.matchAll(/number: '(\d{8})-(\d{4})'/g)].map((m) => [m[1], m[2]]);
const forms = numbers.flatMap(([date, tail]) => [
  `${date}-${tail}`,
  `${date}${tail}`,
  `${date.slice(2)}-${tail}`,
  `${date.slice(2)}${tail}`,
  `${date.slice(2)}+${tail}`,
]);
const people = readFileSync('simulators/case-data/people.ts', 'utf8');
const fixtures = readFileSync('test/support/fixtures.ts', 'utf8');
const names = [
  ...[...people.matchAll(/\['([A-ZÅÄÖ][a-zåäöé]+)', '([A-ZÅÄÖ][a-zåäöé]+)'/g)].map((m) => `${m[1]} ${m[2]}`),
  ...[...fixtures.matchAll(/displayName: '([^']+)'/g)].map((m) => m[1]),
];
let scanned = 0;
const hits = [];
for (const file of readdirSync(dir)) {
  const text = readFileSync(join(dir, file), 'utf8');
  scanned += text.length;
  for (const needle of [...forms, ...names]) {
    const at = text.indexOf(needle);
    if (at >= 0)
      hits.push(`${file}: "${needle}" near …${text.slice(Math.max(0, at - 60), at).replace(/\n/g, ' ')}`);
  }
}
if (scanned === 0) {
  console.error('scan-test-output: the test output is empty: nothing was scanned');
  process.exit(1);
}
if (hits.length > 0) {
  console.error(
    `scan-test-output: personal data in ${hits.length} place(s) of the logs/metrics:\n${hits.slice(0, 20).join('\n')}`,
  );
  process.exit(1);
}

// Export files: what an office system drops (`*.xml`, a writer's `*.partial`) and whatever an xml-file
// source sets aside (`processed/`, `failed/`). The hub deletes or seals them; a test that wrote one
// and never ran the hub over it must remove it itself. Databases (`pgdata`) are not export files.
if (filesDir && existsSync(filesDir)) {
  const exportLike = (path) =>
    /\.(xml|partial)$/.test(path) || ['processed', 'failed'].includes(basename(join(path, '..')));
  const fileHits = [];
  let files = 0;
  const walk = (folder) => {
    for (const name of readdirSync(folder)) {
      const path = join(folder, name);
      const stat = statSync(path, { throwIfNoEntry: false });
      if (stat?.isDirectory()) {
        if (name !== 'pgdata' && name !== 'node_modules') walk(path);
      } else if (stat?.isFile() && exportLike(path)) {
        files++;
        const text = readFileSync(path).toString('utf8');
        const needle = [...forms, ...names].find((n) => text.includes(n));
        if (needle) fileHits.push(`${path}: holds "${needle}"`);
      }
    }
  };
  walk(filesDir);
  if (fileHits.length > 0) {
    console.error(
      `scan-test-output: ${fileHits.length} export file(s) left in clear with personal data after the suite:\n${fileHits.slice(0, 20).join('\n')}`,
    );
    process.exit(1);
  }
  console.error(
    `scan-test-output: ${files} export file(s) left under ${filesDir}: none in clear with personal data`,
  );
}
console.error(
  `scan-test-output: ${Math.round(scanned / 1024)} KB of logs and metrics, ${forms.length} number forms and ${names.length} names: none found`,
);
