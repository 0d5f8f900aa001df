/** Simulators of municipal office systems (ByggR v8 SOAP, school placement on SS 12000, social-services XML/AMQP) with evolving case data. */

export {
  type ByggrV8Simulator,
  type ByggrV8SimulatorOptions,
  createByggrV8Data,
  startByggrV8Simulator,
} from './byggr-v8/index.js';
export * from './case-data/index.js';
export { renderArendeXml } from './omsorg/arende-xml.js';
export {
  type OmsorgExportOptions,
  type OmsorgExportResult,
  writeOmsorgExport,
} from './omsorg/export-file.js';
export {
  type OmsorgEventMessage,
  omsorgEventMessage,
  type PublishOmsorgOptions,
  publishOmsorgEvents,
} from './omsorg/publish.js';
export {
  type Ss12000Simulator,
  type Ss12000SimulatorOptions,
  startSs12000Simulator,
} from './ss12000/index.js';
export { type AllSimulators, type AllSimulatorsOptions, startAllSimulators } from './start-all.js';
