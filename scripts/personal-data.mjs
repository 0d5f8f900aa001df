// The personal data the test suite uses, and patterns that find it in any written form: every
// personnummer/samordningsnummer and organisationsnummer with or without century (or "16"), with any
// separator (none, spaces, hyphen, en/em dash, minus sign, plus), and every name in both orders, with or
// without a comma. Read by scripts/scan-test-output.mjs after the suite; tested in personal-data.test.ts.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';

/** Between the parts of a number: nothing, or up to three of space (any), hyphen, dash, minus, plus. */
const SEP = '[\\s+\\-\\u2010-\\u2015\\u2212]{0,3}';
const NOT_DIGIT_BEFORE = '(?<!\\d)';
const NOT_DIGIT_AFTER = '(?!\\d)';
const NOT_LETTER_BEFORE = '(?<![\\p{L}\\p{N}])';
const NOT_LETTER_AFTER = '(?![\\p{L}\\p{N}])';

/** Luhn check digit over the digits given (as simulators/byggr-v8/parties.ts computes it). */
function luhnDigit(digits) {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = Number(digits[i]) * (i % 2 === 0 ? 2 : 1);
    if (d > 9) d -= 9;
    sum += d;
  }
  return (10 - (sum % 10)) % 10;
}

/**
 * The test data's identities, read from the files the suite takes them from: numbers from
 * demo/test-personnummer.ts, organisationsnummer from simulators/byggr-v8/parties.ts, names from
 * simulators/case-data/people.ts and test/support/fixtures.ts.
 */
export function testIdentities(root = '.') {
  const read = (path) => readFileSync(join(root, path), 'utf8');
  const personnummer = [...read('demo/test-personnummer.ts').matchAll(/number: '(\d{8})-(\d{4})'/g)].map(
    (m) => `${m[1]}-${m[2]}`,
  );
  const organisationsnummer = [
    ...read('simulators/byggr-v8/parties.ts').matchAll(/company\('[^']+', '(\d{9})'/g),
  ].map((m) => `${m[1].slice(0, 6)}-${m[1].slice(6)}${luhnDigit(m[1])}`);
  const names = [
    ...[
      ...read('simulators/case-data/people.ts').matchAll(/\['([\p{Lu}][\p{Ll}]+)', '([\p{Lu}][\p{Ll}]+)'/gu),
    ].map((m) => [m[1], m[2]]),
    ...[...read('test/support/fixtures.ts').matchAll(/displayName: '([^']+)'/g)].map((m) => {
      const parts = m[1].trim().split(/\s+/);
      return [parts.slice(0, -1).join(' '), parts.at(-1)];
    }),
  ].filter(([given, family]) => given && family);
  const unique = (list) => [...new Map(list.map((x) => [JSON.stringify(x), x])).values()];
  return {
    personnummer: unique(personnummer),
    organisationsnummer: unique(organisationsnummer),
    names: unique(names),
  };
}

const escapeRegExp = (text) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * One pattern per identity: `{ what, regex }`, `what` naming the identity (test data only, so safe to print).
 *
 * @example
 * personalDataPatterns({ personnummer: ['19900321-2389'], organisationsnummer: [], names: [] })[0].regex
 *   .test('…900321 2389…') // true
 */
export function personalDataPatterns({ personnummer, organisationsnummer, names }) {
  const patterns = [];
  for (const number of personnummer) {
    const [, cc, yy, mm, dd, tail] = /^(\d\d)(\d\d)(\d\d)(\d\d)-(\d{4})$/.exec(number);
    const body = `(?:${cc}${SEP})?${yy}${SEP}${mm}${SEP}${dd}${SEP}${tail}`;
    patterns.push({
      what: `personnummer ${number}`,
      regex: new RegExp(`${NOT_DIGIT_BEFORE}${body}${NOT_DIGIT_AFTER}`, 'u'),
    });
  }
  for (const number of organisationsnummer) {
    const [, six, four] = /^(\d{6})-(\d{4})$/.exec(number);
    patterns.push({
      what: `organisationsnummer ${number}`,
      regex: new RegExp(`${NOT_DIGIT_BEFORE}(?:16${SEP})?${six}${SEP}${four}${NOT_DIGIT_AFTER}`, 'u'),
    });
  }
  for (const [given, family] of names) {
    // Either order, separated by spaces and/or a comma; as written or in capitals.
    const forms = (a, b) => [
      `${escapeRegExp(a)}[\\s,]+${escapeRegExp(b)}`,
      `${escapeRegExp(a.toUpperCase())}[\\s,]+${escapeRegExp(b.toUpperCase())}`,
    ];
    const alternatives = [...forms(given, family), ...forms(family, given)].map((p) =>
      p.replace(/ /g, '\\s+'),
    );
    patterns.push({
      what: `name ${given} ${family}`,
      regex: new RegExp(`${NOT_LETTER_BEFORE}(?:${alternatives.join('|')})${NOT_LETTER_AFTER}`, 'u'),
    });
  }
  return patterns;
}

/** Every pattern found in `text`: `{ what, found, at }` (first place per pattern). */
export function findPersonalData(text, patterns) {
  const hits = [];
  for (const { what, regex } of patterns) {
    const m = regex.exec(text);
    if (m) hits.push({ what, found: m[0], at: m.index });
  }
  return hits;
}

/**
 * Every file directly in `dir` (the tests' log, metrics and child-process output): the bytes read and
 * each hit as `{ file, what, found, near }`, `near` being up to 60 characters before it.
 */
export function scanLogDirectory(dir, patterns) {
  let scanned = 0;
  const hits = [];
  for (const file of readdirSync(dir)) {
    const text = readFileSync(join(dir, file), 'utf8');
    scanned += text.length;
    for (const { what, found, at } of findPersonalData(text, patterns))
      hits.push({ file, what, found, near: text.slice(Math.max(0, at - 60), at).replace(/\n/g, ' ') });
  }
  return { scanned, hits };
}

/**
 * Export files under `dir` (walked, databases left out): what an office system drops (`*.xml`, a
 * writer's `*.partial`) and whatever an xml-file source sets aside (`processed/`, `failed/`). Returns
 * how many there are and, per file in clear with personal data, its first hit `{ path, what, found }`.
 */
export function scanExportFiles(dir, patterns) {
  const exportLike = (path) =>
    /\.(xml|partial)$/.test(path) || ['processed', 'failed'].includes(basename(join(path, '..')));
  const hits = [];
  let files = 0;
  const walk = (folder) => {
    for (const name of readdirSync(folder)) {
      const path = join(folder, name);
      const stat = statSync(path, { throwIfNoEntry: false });
      if (stat?.isDirectory()) {
        if (name !== 'pgdata' && name !== 'node_modules') walk(path);
      } else if (stat?.isFile() && exportLike(path)) {
        files++;
        const [hit] = findPersonalData(readFileSync(path).toString('utf8'), patterns);
        if (hit) hits.push({ path, what: hit.what, found: hit.found });
      }
    }
  };
  walk(dir);
  return { files, hits };
}
