import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { listExamples, mapExample, readExample } from './examples.js';
import { loadMapping } from './load-mapping.js';

const ROOT = new URL('..', import.meta.url).pathname;

/** Every mapping and override file under mappings/. */
function mappingFiles(dir = ROOT): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory())
      return name === 'engine' || name.endsWith('examples') ? [] : mappingFiles(path);
    return /\.ya?ml$/.test(name) ? [path] : [];
  });
}

const files = mappingFiles();

describe('shipped mappings', () => {
  it('includes the three example mappings', () => {
    expect(files.length).toBeGreaterThanOrEqual(3);
  });

  describe.each(files)('%s', (file) => {
    const mapper = loadMapping(file);
    const vectors = listExamples(file);

    it('has example vectors', () => {
      expect(vectors.length).toBeGreaterThan(0);
    });

    it.each(vectors)('gives exactly the expected result for %s', async (vectorFile) => {
      const vector = readExample(vectorFile);
      const result = await mapExample(mapper, vector);
      const actual = JSON.parse(
        JSON.stringify(
          result.ok === true
            ? { expected: result.case }
            : result.ok === false
              ? { expectedErrors: result.errors }
              : { expectedDeletion: { sourceId: result.sourceId, at: result.at } },
        ),
      );
      expect(actual).toEqual(
        vector.expectedErrors
          ? { expectedErrors: vector.expectedErrors }
          : vector.expectedDeletion
            ? { expectedDeletion: vector.expectedDeletion }
            : { expected: vector.expected },
      );
    });
  });
});
