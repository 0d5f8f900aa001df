/** Seeded, evolving case data for the simulated social-services system; ByggR v8 (../byggr-v8/) and SS 12000 (../ss12000/) build on its parts. */
import { type CaseData, type CaseDataOptions, createCaseData, generateCases } from './case-machine.js';
import { OMSORG_MODEL, type OmsorgArende } from './omsorg.js';
import { UMEA_REFERENCE_FORMATS } from './reference.js';

export {
  type CaseData,
  type CaseDataOptions,
  type ChangedRecord,
  DEFAULT_START,
  type MunicipalityProfile,
  type SystemName,
  UMEA,
} from './case-machine.js';
export { isoWithOffset, localDate, localDateTime, parseTimestamp, ZONE } from './clock.js';
export { createFaultQueue, type FaultQueue, sleep } from './faults.js';
export type { OmsorgArende, OmsorgHandling, OmsorgStatus } from './omsorg.js';
export { DEMO_CITIZEN, SIM_PEOPLE, type SimPerson } from './people.js';
export { formatReference, UMEA_REFERENCE_FORMATS } from './reference.js';

/** Social-services cases (`SN 2026/0457`). */
export function createOmsorgData(options: CaseDataOptions = {}): CaseData<OmsorgArende> {
  return createCaseData(OMSORG_MODEL, options, UMEA_REFERENCE_FORMATS.omsorg);
}

/**
 * The same initial social-services cases as {@link createOmsorgData}, one at a time and without keeping
 * them, for exports of a million records: `writeOmsorgExport(dir, streamOmsorgRecords({ cases: 1e6 }))`.
 */
export function* streamOmsorgRecords(options: CaseDataOptions = {}): Generator<OmsorgArende> {
  for (const { record } of generateCases(OMSORG_MODEL, options, UMEA_REFERENCE_FORMATS.omsorg)) yield record;
}
