import { describe, expect, it } from 'vitest';
import { measureMappingThroughput } from './mapping-throughput.js';

describe('mapping benchmark harness', () => {
  it('compares the engine with a baseline that gives identical cases for every shipped mapping', async () => {
    const rows = await measureMappingThroughput(600, () => {});
    expect(rows.map((r) => r.mapping)).toEqual([
      'byggr-arendeexport/bygglov',
      'ss12000/placering',
      'omsorg-xml/socialtjanst',
    ]);
  });
});
