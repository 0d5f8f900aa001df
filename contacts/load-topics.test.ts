import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadTopics, TopicsError } from './load-topics.js';

const dir = mkdtempSync(join(process.env.TMPDIR ?? '/tmp', 'topics-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const file = (name: string, text: string) => {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
};

describe('the contact topics file', () => {
  it('loads the shipped file: every demo municipality with sv/en/ar labels', () => {
    const topics = loadTopics();
    expect([...topics.keys()].sort()).toEqual(['2401', '2403', '2460', '2480']);
    expect(topics.get('2480')?.get('gata')?.label).toEqual({
      sv: 'Gator, parker och snöröjning',
      en: 'Streets, parks and snow clearing',
      ar: 'الشوارع والحدائق وإزالة الثلوج',
    });
  });

  it.each([
    [
      'a label without Arabic',
      'version: 1.0.0\nmunicipalities:\n  "2480":\n    - { code: a, label: { sv: A, en: A } }\n',
      /2480\.0\.label\.ar/,
    ],
    [
      'a topic code twice',
      'version: 1.0.0\nmunicipalities:\n  "2480":\n    - { code: a, label: { sv: A, en: A, ar: A } }\n    - { code: a, label: { sv: B, en: B, ar: B } }\n',
      /a twice/,
    ],
    [
      'an unquoted kommunkod with a leading zero',
      'version: 1.0.0\nmunicipalities:\n  0181:\n    - { code: a, label: { sv: A, en: A, ar: A } }\n',
      /kommunkod/,
    ],
    [
      'a misspelt key',
      'version: 1.0.0\nmunicipalities:\n  "2480":\n    - { code: a, lable: { sv: A, en: A, ar: A } }\n',
      /lable/,
    ],
    [
      'a municipality without topics',
      'version: 1.0.0\nmunicipalities:\n  "2480": []\n',
      /at least one topic/,
    ],
  ])('refuses %s, naming the file and the place', (_, text, problem) => {
    const path = file('bad.yaml', text);
    expect(() => loadTopics(path)).toThrow(TopicsError);
    expect(() => loadTopics(path)).toThrow(problem);
    expect(() => loadTopics(path)).toThrow(path);
  });
});
