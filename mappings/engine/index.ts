/** The mapping engine: load, validate and compile declarative mapping files; map source records. */

export {
  compileMapping,
  type MapOptions,
  type Mapper,
  MappingCompileError,
  type MapResult,
} from './compile-mapping.js';
export type { MappingProblem, TraceEntry } from './compile-rule.js';
export {
  applyOverride,
  formatProblem,
  loadMapping,
  MappingFileError,
  type MappingFileProblem,
} from './load-mapping.js';
export {
  type Mapping,
  type MappingOverride,
  MappingSchema,
  OverrideSchema,
  type Rule,
} from './mapping-schema.js';
