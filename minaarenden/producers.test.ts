import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { apiKeyHash, keyMatches, loadProducers, ProducersError, producersFrom } from './producers.js';

const dir = mkdtempSync(join(tmpdir(), 'producers-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const producer = (over: Record<string, unknown> = {}) => ({
  municipality: '2480',
  prefix: 'UMEA',
  name: 'Umeå kommun',
  apiKeys: [{ sha256: apiKeyHash('old-key') }, { sha256: apiKeyHash('new-key') }],
  ...over,
});

describe('the producers file', () => {
  it('loads producers by kommunkod from YAML', () => {
    const file = join(dir, 'ok.yaml');
    writeFileSync(
      file,
      `version: 1.0.0\nproducers:\n  - municipality: "2480"\n    prefix: UMEA\n    name: Umeå kommun\n    apiKeys:\n      - sha256: ${apiKeyHash('k')}\n`,
    );
    expect(loadProducers(file).get('2480')?.prefix).toBe('UMEA');
  });

  it.each([
    ['a key in clear instead of its hash', { apiKeys: [{ sha256: 'my-secret-key' }] }, 'sha256'],
    ['a prefix with å', { prefix: 'UMEÅ' }, 'prefix'],
    ['no keys', { apiKeys: [] }, 'apiKeys'],
    ['a five-digit municipality', { municipality: '24800' }, 'municipality'],
    ['an unknown field', { apiKey: 'x' }, 'apiKey'],
  ])('refuses %s, naming the field', (_, over, field) => {
    expect(() => producersFrom({ version: '1.0.0', producers: [producer(over)] })).toThrow(new RegExp(field));
  });

  it('refuses a municipality given twice, and a file that is not YAML', () => {
    expect(() => producersFrom({ version: '1.0.0', producers: [producer(), producer()] })).toThrow(
      ProducersError,
    );
    const file = join(dir, 'bad.yaml');
    writeFileSync(file, 'producers: [');
    expect(() => loadProducers(file)).toThrow(ProducersError);
  });
});

describe('an API key', () => {
  const p = producersFrom({ version: '1.0.0', producers: [producer()] }).get('2480');
  it('matches any configured key (two during a rotation), and nothing else', () => {
    if (!p) throw new Error('no producer');
    expect(keyMatches(p, 'old-key')).toBe(true);
    expect(keyMatches(p, 'new-key')).toBe(true);
    for (const wrong of [undefined, '', 'new-key ', 'NEW-KEY', apiKeyHash('new-key'), 'x'.repeat(600)])
      expect(keyMatches(p, wrong)).toBe(false);
  });
});
