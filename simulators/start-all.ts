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
} from './case-data/index.js';
import { type OmsorgExportResult, writeOmsorgExport } from './omsorg/export-file.js';
import {
  type Change,
  type Ss12000Simulator,
  type Ss12000SimulatorOptions,
  startSs12000Simulator,
} from './ss12000/index.js';

export type AllSimulatorsOptions = CaseDataOptions & {
  /** Folder for the social-services nightly export (created if missing); the hub watches it. */
  exportDir: string;
  /** Per-system settings on top of the shared case-data options (e.g. `cases`, `referenceFormat`). */
  /** The ByggR v8 simulator; it serves Umeå (2480) unless `municipalities` says otherwise. */
  byggr?: Omit<ByggrV8SimulatorOptions, 'data'>;
  /** School placement (SS 12000); it shares `seed` and `start`, its history is its own. */
  ss12000?: Omit<Ss12000SimulatorOptions, 'data'>;
  omsorg?: CaseDataOptions & { kommun?: string };
};

export type AllSimulators = {
  byggr: ByggrV8Simulator;
  ss12000: Ss12000Simulator;
  omsorg: { data: CaseData<OmsorgArende>; exportDir: string };
  urls: {
    /** ByggR WSDL URL (`…/ArendeExportWS.svc?wsdl`), for soap.createClientAsync. */
    byggrWsdl: string;
    /** The service address; a client built from the WSDL must call it (node-soap would pick the https port). */
    byggrEndpoint: string;
    /** SS 12000 API base of Umeå, up to `/v2.0` (`…/placements`, `…/deletedEntities`). */
    ss12000: string;
    /** Its OAuth2 token endpoint (client credentials: `ss12000.clientId`, `ss12000.clientSecret`). */
    ss12000Token: string;
  };
  /** The first export, written at start. */
  initialExport: OmsorgExportResult;
  /** Moves all three data sets to `now`; returns what changed in each. */
  advance(now: Date): { byggr: V8Arende[]; ss12000: Change[]; omsorg: OmsorgArende[] };
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
    ss12000: ss12000Options,
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
  let ss12000: Ss12000Simulator | undefined;
  try {
    ss12000 = await startSs12000Simulator({
      ...(shared.seed !== undefined ? { seed: shared.seed } : {}),
      ...(shared.start !== undefined ? { start: shared.start } : {}),
      ...ss12000Options,
    });
    const initialExport = await exportOmsorg();
    const started = ss12000;
    return {
      byggr,
      ss12000: started,
      omsorg: { data: omsorgData, exportDir },
      urls: {
        byggrWsdl: byggr.wsdlUrl,
        byggrEndpoint: byggr.url,
        ss12000: started.urls['2480'] ?? started.url,
        ss12000Token: started.tokenUrl,
      },
      initialExport,
      advance: (now) => ({
        byggr: byggr.data.advance(now),
        ss12000: started.data.advance(now),
        omsorg: omsorgData.advance(now),
      }),
      exportOmsorg,
      close: async () => {
        await Promise.all([byggr.close(), started.close()]);
      },
    };
  } catch (error) {
    await Promise.all([byggr.close(), ss12000?.close()]);
    throw error;
  }
}
