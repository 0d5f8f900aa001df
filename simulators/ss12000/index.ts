/** SS 12000 school-data API simulator (placements, persons, deleted entities) with the vendor's application-status lookup. */
export { APPLICATION_STATUS_NS, type ApplicationStatusOptions } from './application-status.js';
export { createSs12000Data, type Ss12000Data, type Ss12000DataOptions } from './data.js';
export type { Change, MunicipalityState } from './events.js';
export type { Edition, ErrorBody, Placement } from './model.js';
export {
  SCOPE_PREFIX,
  SS12000_SCOPES,
  type Ss12000Fault,
  type Ss12000Simulator,
  type Ss12000SimulatorOptions,
  startSs12000Simulator,
} from './server.js';
export { SS12000_MUNICIPALITIES } from './units.js';
