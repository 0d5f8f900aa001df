/**
 * The demo's office systems: the simulators started in-process (ByggR v8 for four municipalities,
 * school placement and social services for Umeå) and the hub sources that read them, so the demo
 * runs the same connectors, mappings and sync engine as production.
 */
import { join } from 'node:path';
import { placementStatusConnector } from '../connectors/placement-status/index.js';
import { soapConnector } from '../connectors/soap/index.js';
import { ss12000Connector } from '../connectors/ss12000/index.js';
import { xmlFileConnector } from '../connectors/xml-file/index.js';
import { type ByggrV8Simulator, startByggrV8Simulator } from '../simulators/byggr-v8/index.js';
import { type AllSimulators, startAllSimulators } from '../simulators/start-all.js';
import type { SourceSettings } from '../sync/engine.js';
import type { SourceDefinition } from '../sync/sources-config.js';

const DEMO_SETTINGS = {
  callTimeoutMs: 5_000,
  freshnessSeconds: 900,
  retry: { maxAttempts: 3, initialDelayMs: 500, maxDelayMs: 5_000 },
  breaker: { consecutiveFailures: 3, halfOpenAfterMs: 30_000 },
};

function settings(
  id: string,
  kind: string,
  municipality: string,
  mapping: string,
  everySeconds: number,
): SourceSettings {
  return { id, kind, municipality, mapping, everySeconds, ...DEMO_SETTINGS };
}

/**
 * The soap connector for ByggR ArendeExportWS v8, as docs/connectors.md's recipe has it: GetUpdatedArenden
 * windows paged by BatchEnd, GetArende for one case, GetRelateradeArendenByPersOrgNr for a person's cases,
 * the http port (the /V8/ actions come from the WSDL).
 */
function byggrV8Config(sim: ByggrV8Simulator) {
  return soapConnector.configSchema.parse({
    wsdlUrl: sim.wsdlUrl,
    port: 'BasicHttpBinding_IExportArenden',
    operation: 'GetUpdatedArenden',
    request: { filter: { LowerExclusiveBound: '{{cursor}}', UpperInclusiveBound: null } },
    recordsPath: 'GetUpdatedArendenResult.Arenden.arende',
    nextCursorPath: 'GetUpdatedArendenResult.BatchEnd',
    initialCursor: '2000-01-01T00:00:00',
    fetchOne: {
      operation: 'GetArende',
      argument: 'dnr',
      resultPath: 'GetArendeResult',
      notFoundFault: '^Arende not found for dnr',
    },
    // Look-up on demand: a staff search of a personnummer asks ByggR for that person's cases first.
    findByParty: {
      operation: 'GetRelateradeArendenByPersOrgNr',
      argument: 'persOrgNr',
      resultPath: 'GetRelateradeArendenByPersOrgNrResult.arende',
    },
    callTimeoutMs: DEMO_SETTINGS.callTimeoutMs,
  });
}

/** The shared ByggR mapping; the registry picks each municipality's override by its kommunkod. */
function byggrSource(id: string, municipality: string, sim: ByggrV8Simulator): SourceDefinition {
  return {
    settings: settings(id, 'soap', municipality, 'byggr-arendeexport/bygglov', 30),
    config: byggrV8Config(sim),
  };
}

/**
 * One ByggR per municipality, as in real life: each kommun runs its own installation, and
 * GetUpdatedArenden has no municipality filter, so a shared instance would give every source the
 * other municipalities' cases too.
 */
function startByggr(code: string, now: Date, cases: number) {
  return startByggrV8Simulator({ start: now, cases, seed: Number(code), municipalities: [code] });
}

export type DemoSystems = {
  sources: SourceDefinition[];
  /** A real reference from the simulated ByggR, for the example printed at start. */
  sampleReference: string;
  describe(): string[];
  close(): Promise<void>;
};

/** Starts the simulated office systems with data around `now` and returns the sources to sync. */
export async function startDemoSystems(dataDir: string, now = new Date()): Promise<DemoSystems> {
  const umea: AllSimulators = await startAllSimulators({
    exportDir: join(dataDir, 'omsorg-inbox'),
    start: now,
    cases: 150,
  });
  const [vannas, bjurholm, nordmaling] = await Promise.all([
    startByggr('2460', now, 60),
    startByggr('2403', now, 30),
    startByggr('2401', now, 50),
  ]);
  const byggrs = [umea.byggr, vannas, bjurholm, nordmaling];
  // The office systems move on with real time, and the social-services export runs every few minutes.
  const ticker = setInterval(() => {
    const at = new Date();
    umea.advance(at);
    for (const sim of byggrs.slice(1)) sim.data.advance(at);
  }, 60_000);
  const exporter = setInterval(() => void umea.exportOmsorg().catch(() => {}), 5 * 60_000);
  ticker.unref();
  exporter.unref();
  return {
    // An ongoing case: a thinned (Gallrat) one would have no events to show.
    sampleReference:
      umea.byggr.data.list().find((a) => a.status === 'Pågående')?.dnr ??
      umea.byggr.data.list()[0]?.dnr ??
      'BN 2026-000100',
    sources: [
      byggrSource('umea-byggr', '2480', umea.byggr),
      byggrSource('vannas-byggr', '2460', vannas),
      byggrSource('bjurholm-byggr', '2403', bjurholm),
      byggrSource('nordmaling-byggr', '2401', nordmaling),
      {
        settings: settings('umea-skolplacering', 'ss12000', '2480', 'ss12000/placering', 30),
        config: ss12000Connector.configSchema.parse({
          baseUrl: umea.urls.ss12000,
          tokenUrl: umea.urls.ss12000Token,
          clientId: umea.ss12000.clientId,
          clientSecret: umea.ss12000.clientSecret,
        }),
      },
      // The preschool queue: asked only when staff search a personnummer (no schedule, no pull). The
      // vendor answers per child, so a guardian's children are found in SS 12000 first.
      {
        settings: settings('umea-skolko', 'placement-status', '2480', 'ss12000/ansokan', 30),
        config: placementStatusConnector.configSchema.parse({
          baseUrl: umea.ss12000.applicationStatusUrls['2480'],
          licenseKey: umea.ss12000.licenseKey,
          callTimeoutMs: 1_500,
          persons: {
            baseUrl: umea.urls.ss12000,
            tokenUrl: umea.urls.ss12000Token,
            clientId: umea.ss12000.clientId,
          },
          personsClientSecret: umea.ss12000.clientSecret,
        }),
      },
      {
        settings: settings('umea-omsorg-export', 'xml-file', '2480', 'omsorg-xml/socialtjanst', 60),
        config: xmlFileConnector.configSchema.parse({ inboxDir: umea.omsorg.exportDir }),
      },
    ],
    describe: () => [
      `ByggR v8 (SOAP)          Umeå ${umea.urls.byggrWsdl}`,
      `ByggR v8 (SOAP)          Vännäs ${vannas.wsdlUrl}`,
      `ByggR v8 (SOAP)          Bjurholm ${bjurholm.wsdlUrl}`,
      `ByggR v8 (SOAP)          Nordmaling ${nordmaling.wsdlUrl}`,
      `Skolplacering (SS 12000) Umeå ${umea.urls.ss12000}/placements`,
      `Förskolekö (XML look-up) Umeå ${umea.ss12000.applicationStatusUrls['2480']}`,
      `Omsorg (XML export)   Umeå ${umea.omsorg.exportDir}`,
    ],
    async close() {
      clearInterval(ticker);
      clearInterval(exporter);
      await Promise.all([umea.close(), ...byggrs.slice(1).map((sim) => sim.close())]);
    },
  };
}
