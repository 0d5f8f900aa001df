import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadOffices, OfficesError } from './load-offices.js';
import { loadTopics, TopicsError } from './load-topics.js';
import { type ContactTopic, serviceNormFor } from './topic-schema.js';

const dir = mkdtempSync(join(process.env.TMPDIR ?? '/tmp', 'topics-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const file = (name: string, text: string) => {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
};

describe('the contact topics file', () => {
  it('resolves each topic’s service norms: the office’s, else the topic’s, else the file’s', () => {
    const umea = loadTopics().get('2480');
    expect(umea?.get('bygglov')?.serviceNorm).toEqual({
      default: { workingDays: 2 },
      offices: { BN: { workingDays: 5 } },
    });
    expect(serviceNormFor(umea?.get('skola') as ContactTopic, 'BUN')).toEqual({ hours: 48 });
    expect(serviceNormFor(umea?.get('skola') as ContactTopic, 'BN')).toEqual({ workingDays: 3 });
    expect(serviceNormFor(umea?.get('avfall') as ContactTopic, 'BN')).toEqual({ workingDays: 3 });
  });

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
      'a service norm in weeks',
      'version: 1.0.0\nmunicipalities:\n  "2480":\n    - code: a\n      label: { sv: A, en: A, ar: A }\n      serviceNorm: { default: { weeks: 2 } }\n',
      /line 6: municipalities\.2480\.0\.serviceNorm\.default: a service norm is \{ workingDays: N \}/,
    ],
    [
      'zero working days for an office',
      'version: 1.0.0\nmunicipalities:\n  "2480":\n    - code: a\n      label: { sv: A, en: A, ar: A }\n      serviceNorm:\n        offices:\n          BN: { workingDays: 0 }\n',
      /line 8: municipalities\.2480\.0\.serviceNorm\.offices\.BN/,
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

describe('the offices file', () => {
  it('loads the shipped file: each office’s alert mailbox', () => {
    expect(loadOffices().get('2480')?.get('BN')).toEqual({ alertEmail: 'bygglov@umea.example' });
  });

  it('refuses an address that is none, naming file and line', () => {
    const path = file(
      'offices.yaml',
      'version: 1.0.0\nmunicipalities:\n  "2480":\n    BN: { alertEmail: bygglov }\n',
    );
    expect(() => loadOffices(path)).toThrow(OfficesError);
    expect(() => loadOffices(path)).toThrow(
      /offices\.yaml:\n {2}- line 4: municipalities\.2480\.BN\.alertEmail: an e-mail address/,
    );
  });
});
