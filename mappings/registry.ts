/** All mappings a hub uses, loaded and compiled once at start; a bad file stops start-up. */
import { readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { type Process, processOf } from '../schemas/process-guide.js';
import { runExamples } from './engine/examples.js';
import {
  formatProblem,
  loadMapping,
  type Mapper,
  MappingFileError,
  type MappingFileProblem,
} from './engine/index.js';

export type MappingInfo = {
  id: string;
  version: string;
  domain: string;
  sourceSystem: string;
  municipality: { code: string; name: string };
  targets: { system: string; vendor?: string; apiVersion: string };
  file: string;
};

/** How a mapping did on its golden examples (`arendenav mappings test`): how many, and which failed. */
export type MappingTestReport = { total: number; failed: string[] };

export type MappingRegistry = {
  list(): MappingInfo[];
  /** The mapping for a source: by mapping id and the municipality whose override applies. */
  get(id: string, municipalityCode: string): Mapper | undefined;
  /** The process a case type follows, as the mapping a case came from declares it (the process guide). */
  processFor(id: string, municipalityCode: string, caseType: string): Process | undefined;
  /** Runs the mapping's example vectors (none beside it: total 0); undefined for an unknown mapping. */
  test(id: string, municipalityCode: string): Promise<MappingTestReport | undefined>;
};

function yamlFiles(dir: string): string[] {
  return readdirSync(dir)
    .sort()
    .flatMap((name) => {
      const path = join(dir, name);
      if (statSync(path).isDirectory())
        return name === 'engine' || name.endsWith('examples') ? [] : yamlFiles(path);
      return /\.ya?ml$/.test(name) ? [path] : [];
    });
}

/**
 * Loads every mapping and override file under `dir`. Problems of all files are reported together,
 * each with file, line and reason, so one start-up attempt shows everything to fix.
 */
export function loadMappingRegistry(dir: string): MappingRegistry {
  const problems: MappingFileProblem[] = [];
  const loaded: { mapper: Mapper; file: string }[] = [];
  for (const file of yamlFiles(dir)) {
    try {
      loaded.push({ mapper: loadMapping(file), file: relative(dir, file) });
    } catch (error) {
      if (!(error instanceof MappingFileError)) throw error;
      problems.push(...error.problems);
    }
  }
  const byKey = new Map<string, (typeof loaded)[number]>();
  for (const entry of loaded) {
    const key = `${entry.mapper.id}@${entry.mapper.mapping.municipality.code}`;
    const clash = byKey.get(key);
    if (clash) {
      problems.push({
        file: join(dir, entry.file),
        path: 'municipality',
        message: `${entry.mapper.id} for ${entry.mapper.mapping.municipality.code} is already defined by ${clash.file}`,
      });
    }
    byKey.set(key, entry);
  }
  if (problems.length > 0) {
    // Overrides of a broken shared mapping report its problems again: say each one once.
    const seen = new Set<string>();
    throw new MappingFileError(
      problems.filter((p) => !seen.has(formatProblem(p)) && seen.add(formatProblem(p))),
    );
  }
  return {
    list: () =>
      loaded.map(({ mapper, file }) => ({
        id: mapper.id,
        version: mapper.version,
        domain: mapper.mapping.domain,
        sourceSystem: mapper.mapping.sourceSystem,
        municipality: mapper.mapping.municipality,
        targets: mapper.mapping.targets,
        file,
      })),
    get: (id, municipalityCode) => byKey.get(`${id}@${municipalityCode}`)?.mapper,
    processFor: (id, municipalityCode, caseType) =>
      processOf(byKey.get(`${id}@${municipalityCode}`)?.mapper.mapping.process, caseType),
    async test(id, municipalityCode) {
      const entry = byKey.get(`${id}@${municipalityCode}`);
      if (!entry) return undefined;
      const outcomes = await runExamples(entry.mapper, join(dir, entry.file));
      return { total: outcomes.length, failed: outcomes.filter((o) => !o.passed).map((o) => o.description) };
    },
  };
}
