/** Finds personal data left in clear on disk: every written form of the test personnummer, and given names. */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { TEST_PERSONNUMMER } from '../../demo/test-personnummer.js';

/** `19900321-2389` as it may be written: 12 or 10 digits, with or without `-`, and `+` for the 100-year-olds. */
export function writtenForms(number: string): string[] {
  const [date = '', tail = ''] = number.split('-');
  return [
    `${date}-${tail}`,
    `${date}${tail}`,
    `${date.slice(2)}-${tail}`,
    `${date.slice(2)}${tail}`,
    `${date.slice(2)}+${tail}`,
  ];
}

const NUMBER_FORMS = TEST_PERSONNUMMER.flatMap((p) => writtenForms(p.number));

/**
 * Every file under `dir` (hidden and temporary files included) that holds a test personnummer in any
 * form, or one of `names`: `path: what` for each hit.
 */
export function clearPersonalData(dir: string, names: readonly string[] = []): string[] {
  const hits: string[] = [];
  const walk = (folder: string) => {
    for (const name of readdirSync(folder)) {
      const path = join(folder, name);
      const stat = statSync(path);
      if (stat.isDirectory()) {
        walk(path);
        continue;
      }
      const text = readFileSync(path).toString('latin1');
      const utf8 = readFileSync(path, 'utf8');
      for (const needle of NUMBER_FORMS)
        if (text.includes(needle)) hits.push(`${relative(dir, path)}: ${needle}`);
      for (const needle of names) if (utf8.includes(needle)) hits.push(`${relative(dir, path)}: a name`);
    }
  };
  walk(dir);
  return hits;
}
