/**
 * The demo's office systems: the simulators started in-process (ByggR for three municipalities,
 * school placement and social services for Umeå) and the hub sources that read them, so the demo
 * runs the same connectors, mappings and sync engine as production.
 */
import { join } from 'node:path';
import { soapConnector } from '../connectors/soap/index.js';
import { ss12000Connector } from '../connectors/ss12000/index.js';
import { xmlFileConnector } from '../connectors/xml-file/index.js';
import { type ByggrSoapSimulator, startByggrSoapSimulator } from '../simulators/byggr-soap/server.js';
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

/** The soap connector's configuration for ByggR's ArendeExport service (as in docs/connectors.md). */
export function byggrArendeExportConfig(wsdlUrl: string, overrides: { callTimeoutMs?: number } = {}) {
  return soapConnector.configSchema.parse({
    wsdlUrl,
    operation: 'GetUpdatedArenden',
    request: { filter: { LowerExclusiveBound: '{{cursor}}', UpperInclusiveBound: null } },
    recordsPath: 'GetUpdatedArendenResult.Arenden.arende',
    nextCursorPath: 'GetUpdatedArendenResult.BatchEnd',
    initialCursor: '2000-01-01T00:00:00',
    fetchOne: { operation: 'GetArende', argument: 'dnr', resultPath: 'GetArendeResult' },
    ...overrides,
  });
}

function byggrSource(id: string, municipality: string, sim: ByggrSoapSimulator): SourceDefinition {
  return {
    settings: settings(id, 'soap', municipality, 'byggr-arendeexport/bygglov', 30),
    config: byggrArendeExportConfig(sim.url),
  };
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
  const vannas = await startByggrSoapSimulator({
    start: now,
    cases: 60,
    seed: 2460,
    referenceFormat: 'BYGG.{yyyy}.{n}',
    municipality: { code: '2460', name: 'Vännäs', emailDomain: 'vannas.example', phone: '0935-140 00' },
  });
  const bjurholm = await startByggrSoapSimulator({
    start: now,
    cases: 30,
    seed: 2403,
    referenceFormat: 'BN {yyyy}/{n}',
    municipality: { code: '2403', name: 'Bjurholm', emailDomain: 'bjurholm.example', phone: '0932-140 00' },
  });
  // The office systems move on with real time, and the social-services export runs every few minutes.
  const ticker = setInterval(() => {
    const at = new Date();
    umea.advance(at);
    vannas.data.advance(at);
    bjurholm.data.advance(at);
  }, 60_000);
  const exporter = setInterval(() => void umea.exportOmsorg().catch(() => {}), 5 * 60_000);
  ticker.unref();
  exporter.unref();
  return {
    sampleReference: umea.byggr.data.list()[0]?.dnr ?? 'BN 2026-000100',
    sources: [
      byggrSource('umea-byggr', '2480', umea.byggr),
      byggrSource('vannas-byggr', '2460', vannas),
      byggrSource('bjurholm-byggr', '2403', bjurholm),
      {
        settings: settings('umea-skolplacering', 'ss12000', '2480', 'ss12000/placering', 30),
        config: ss12000Connector.configSchema.parse({
          baseUrl: umea.urls.ss12000,
          tokenUrl: umea.urls.ss12000Token,
          clientId: umea.ss12000.clientId,
          clientSecret: umea.ss12000.clientSecret,
        }),
      },
      {
        settings: settings('umea-omsorg-export', 'xml-file', '2480', 'omsorg-xml/socialtjanst', 60),
        config: xmlFileConnector.configSchema.parse({ inboxDir: umea.omsorg.exportDir }),
      },
    ],
    describe: () => [
      `ByggR (SOAP)          Umeå ${umea.urls.byggrWsdl}`,
      `ByggR (SOAP)          Vännäs ${vannas.url}`,
      `ByggR (SOAP)          Bjurholm ${bjurholm.url}`,
      `Skolplacering (SS 12000) Umeå ${umea.urls.ss12000}/placements`,
      `Omsorg (XML export)   Umeå ${umea.omsorg.exportDir}`,
    ],
    async close() {
      clearInterval(ticker);
      clearInterval(exporter);
      await Promise.all([umea.close(), vannas.close(), bjurholm.close()]);
    },
  };
}
