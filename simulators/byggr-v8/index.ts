/** ByggR ArendeExportWS v8 simulator: the real contract's shapes, seeded evolving cases for four municipalities. */
export { type ByggrV8Changed, type ByggrV8Data, type ByggrV8DataOptions, createByggrV8Data } from './data.js';
export type { V8Arende, V8Handelse, V8Intressent, V8Status } from './model.js';
export { findMunicipality, V8_MUNICIPALITIES, type V8Municipality } from './municipalities.js';
export type { PersOrgNrMatch } from './operations.js';
export { V8_COMPANIES, V8_PERSONS } from './parties.js';
export {
  type ByggrV8Fault,
  type ByggrV8Simulator,
  type ByggrV8SimulatorOptions,
  startByggrV8Simulator,
} from './server.js';
export { outputAction, renderWsdl, SERVICE_PATH, soapAction, V8_OPERATIONS } from './wsdl.js';
