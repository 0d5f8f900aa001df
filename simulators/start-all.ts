/** Starts the three simulated office systems together, for the demo, integration tests and benchmarks. */
import { mkdir } from 'node:fs/promises';
import type { V8Arende } from './byggr-v8/model.js';
import {
  type ByggrV8Simulator,
  type ByggrV8SimulatorOptions,
  startByggrV8Simulator,
} from './byggr-v8/server.js';
import {
  type CaseData,
  type CaseDataOptions,
  createOmsorgData,
  type OmsorgArende,
  type Placement,
} from './case-data/index.js';
import { type OmsorgExportResult, writeOmsorgExport } from './omsorg/export-file.js';
import {
  type SkolplaceringSimulator,
  type SkolplaceringSimulatorOptions,
  startSkolplaceringSimulator,
} from './skolplacering-rest/server.js';

export type AllSimulatorsOptions = CaseDataOptions & {
  /** Folder for the social-services nightly export (created if missing); the hub watches it. */
  exportDir: string;
  /** Per-system settings on top of the shared case-data options (e.g. `cases`, `referenceFormat`). */
  /** The ByggR v8 simulator; it serves Umeå (2480) unless `municipalities` says otherwise. */
  byggr?: Omit<ByggrV8SimulatorOptions, 'data'>;
  skolplacering?: Omit<SkolplaceringSimulatorOptions, 'data'>;
  omsorg?: CaseDataOptions & { kommun?: string };
};

export type AllSimulators = {
  byggr: ByggrV8Simulator;
  skolplacering: SkolplaceringSimulator;
  omsorg: { data: CaseData<OmsorgArende>; exportDir: string };
  urls: {
    /** ByggR WSDL URL (`…/ArendeExportWS.svc?wsdl`), for soap.createClientAsync. */
    byggrWsdl: string;
    /** The service address; a client built from the WSDL must call it (node-soap would pick the https port). */
    byggrEndpoint: string;
    /** Placement API base URL (the API is under /api/v2). */
    skolplacering: string;
    skolplaceringToken: string;
  };
  /** The first export, written at start. */
  initialExport: OmsorgExportResult;
  /** Moves all three data sets to `now`; returns what changed in each. */
  advance(now: Date): { byggr: V8Arende[]; skolplacering: Placement[]; omsorg: OmsorgArende[] };
  /** Writes a new export of every social-services case (as the nightly job would), stamped with the simulated time. */
  exportOmsorg(): Promise<OmsorgExportResult>;
  close(): Promise<void>;
};

/**
 * Starts the SOAP and REST servers on loopback and writes an initial export file into `exportDir`.
 *
 * @example
 * const sims = await startAllSimulators({ exportDir: '.data/omsorg-inbox', start: new Date() });
 * // … later: sims.advance(new Date()); await sims.exportOmsorg();
 */
export async function startAllSimulators(options: AllSimulatorsOptions): Promise<AllSimulators> {
  const {
    exportDir,
    byggr: byggrOptions,
    skolplacering: skolOptions,
    omsorg: omsorgOptions,
    ...shared
  } = options;
  await mkdir(exportDir, { recursive: true });
  const omsorgData = createOmsorgData({ ...shared, ...omsorgOptions });
  const kommun = omsorgOptions?.kommun ?? omsorgData.municipality.code;
  const exportOmsorg = () =>
    writeOmsorgExport(exportDir, omsorgData.list(), { kommun, skapad: omsorgData.now() });

  const { referenceFormat: _umeaFormat, municipality: _umea, ...byggrShared } = shared;
  const byggr = await startByggrV8Simulator({ municipalities: ['2480'], ...byggrShared, ...byggrOptions });
  let skolplacering: SkolplaceringSimulator | undefined;
  try {
    skolplacering = await startSkolplaceringSimulator({ ...shared, ...skolOptions });
    const initialExport = await exportOmsorg();
    const started = skolplacering;
    return {
      byggr,
      skolplacering: started,
      omsorg: { data: omsorgData, exportDir },
      urls: {
        byggrWsdl: byggr.wsdlUrl,
        byggrEndpoint: byggr.url,
        skolplacering: started.url,
        skolplaceringToken: started.token,
      },
      initialExport,
      advance: (now) => ({
        byggr: byggr.data.advance(now),
        skolplacering: started.data.advance(now),
        omsorg: omsorgData.advance(now),
      }),
      exportOmsorg,
      close: async () => {
        await Promise.all([byggr.close(), started.close()]);
      },
    };
  } catch (error) {
    await Promise.all([byggr.close(), skolplacering?.close()]);
    throw error;
  }
}
