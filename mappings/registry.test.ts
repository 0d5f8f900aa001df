import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MappingFileError } from './engine/index.js';
import { shippedMappingsDir } from './location.js';
import { loadMappingRegistry } from './registry.js';

describe('mapping registry', () => {
  it('loads every shipped mapping and override, keyed by municipality', () => {
    const registry = loadMappingRegistry(shippedMappingsDir());
    expect(
      registry
        .list()
        .map((m) => `${m.id}@${m.municipality.code}`)
        .sort(),
    ).toEqual([
      'byggr-arendeexport/bygglov@2401',
      'byggr-arendeexport/bygglov@2403',
      'byggr-arendeexport/bygglov@2460',
      'byggr-arendeexport/bygglov@2480',
      'omsorg-xml/socialtjanst@2480',
      'ss12000/ansokan@2480',
      'ss12000/placering@2480',
    ]);
    expect(registry.get('byggr-arendeexport/bygglov', '2460')?.mapping.municipality.name).toBe('Vännäs');
    expect(registry.get('byggr-arendeexport/bygglov', '0181')).toBeUndefined();
  });

  it('refuses to start with a broken file, naming file and line, and reports all files at once', () => {
    const dir = mkdtempSync(join(tmpdir(), 'arendenav-registry-'));
    cpSync(shippedMappingsDir(), dir, { recursive: true });
    const byggr = join(dir, 'byggr-arendeexport/bygglov.yaml');
    writeFileSync(byggr, readFileSync(byggr, 'utf8').replace('Pågående: in_progress', 'Pågående: pending'));
    const skola = join(dir, 'ss12000/placering.yaml');
    writeFileSync(skola, readFileSync(skola, 'utf8').replace(/^version: .*$/m, 'version: one'));
    let error: unknown;
    try {
      loadMappingRegistry(dir);
    } catch (e) {
      error = e;
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    expect(error).toBeInstanceOf(MappingFileError);
    const text = (error as Error).message;
    expect(text).toMatch(
      /byggr-arendeexport\/bygglov\.yaml:\d+:\d+: tables\.status\.Pågående: "pending" is not a canonical status/,
    );
    expect(text).toMatch(/ss12000\/placering\.yaml:\d+:\d+: version: version is semver/);
    // The overrides that extend the broken mapping do not repeat its problem.
    expect(text.match(/"pending" is not a canonical status/g)).toHaveLength(1);
  });

  it('runs a mapping’s golden examples and names the ones that no longer pass (the admin console’s check)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'arendenav-registry-'));
    cpSync(shippedMappingsDir(), dir, { recursive: true });
    const registry = loadMappingRegistry(dir);
    const before = await registry.test('omsorg-xml/socialtjanst', '2480');
    expect(before?.total).toBeGreaterThan(0);
    expect(before?.failed).toEqual([]);
    // An example whose expectation no longer holds.
    const examples = join(dir, 'omsorg-xml/examples');
    const [first] = readdirSync(examples)
      .filter((f) => f.endsWith('.json'))
      .sort();
    const file = join(examples, first as string);
    const vector = JSON.parse(readFileSync(file, 'utf8'));
    writeFileSync(
      file,
      JSON.stringify({ ...vector, description: 'broken on purpose', expected: { id: 'x' } }),
    );
    expect((await registry.test('omsorg-xml/socialtjanst', '2480'))?.failed).toEqual(['broken on purpose']);
    expect(await registry.test('omsorg-xml/socialtjanst', '0181')).toBeUndefined();
    rmSync(dir, { recursive: true, force: true });
  });
});
