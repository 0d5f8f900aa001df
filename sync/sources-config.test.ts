import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CONNECTOR_KINDS } from '../connectors/registry.js';
import { shippedMappingsDir } from '../mappings/location.js';
import { loadMappingRegistry } from '../mappings/registry.js';
import { DEFAULT_RETENTION, loadHubConfig, loadSourcesConfig, SourcesConfigError } from './sources-config.js';

const mappings = loadMappingRegistry(shippedMappingsDir());
const dir = mkdtempSync(join(tmpdir(), 'arendenav-sources-'));
const secrets: Record<string, string> = {
  SKOLA_TOKEN: 'secret-token',
  OMSORG_AMQP_URL: 'amqp://hub:pw@mq.example:5672',
  BYGGR_PASSWORD: 'byggr-pw',
  BYGGR_PFX_PASSPHRASE: 'pfx-pw',
};

function load(yaml: string) {
  const file = join(dir, `sources-${Math.random().toString(36).slice(2)}.yaml`);
  writeFileSync(file, yaml);
  return loadSourcesConfig(file, { kinds: CONNECTOR_KINDS, mappings, readSecret: (name) => secrets[name] });
}

function loadAll(yaml: string) {
  const file = join(dir, `sources-${Math.random().toString(36).slice(2)}.yaml`);
  writeFileSync(file, yaml);
  return loadHubConfig(file, { kinds: CONNECTOR_KINDS, mappings, readSecret: (name) => secrets[name] });
}

function problems(yaml: string): string {
  try {
    load(yaml);
  } catch (error) {
    if (error instanceof SourcesConfigError) return error.message;
    throw error;
  }
  throw new Error('expected the file to be refused');
}

const GOOD = `
sources:
  - id: umea-skola
    municipality: "2480"
    kind: rest
    mapping: ss12000/placering
    everySeconds: 120
    config:
      baseUrl: https://skola.example/
      listPath: /api/v2/placements
      token: { env: SKOLA_TOKEN }
  - id: umea-omsorg-export
    municipality: "2480"
    kind: xml-file
    mapping: omsorg-xml/socialtjanst
    config: { inboxDir: inbox }
  - id: vannas-byggr
    municipality: "2460"
    kind: soap
    mapping: byggr-arendeexport/bygglov
    config:
      wsdlUrl: https://byggr.vannas.example/ArendeExport.svc?wsdl
      operation: GetUpdatedArenden
      request: { filter: { LowerExclusiveBound: "{{cursor}}" } }
      recordsPath: GetUpdatedArendenResult.Arenden.arende
      nextCursorPath: GetUpdatedArendenResult.BatchEnd
      initialCursor: "2000-01-01T00:00:00"
`;

describe('sources file', () => {
  it('reads sources with defaults, secrets from the environment and folders relative to the file', () => {
    const sources = load(GOOD);
    expect(sources.map((s) => s.settings.id)).toEqual(['umea-skola', 'umea-omsorg-export', 'vannas-byggr']);
    expect(sources[0]?.settings).toMatchObject({
      everySeconds: 120,
      callTimeoutMs: 10_000,
      retry: { maxAttempts: 4 },
    });
    expect(sources[0]?.config).toMatchObject({ token: 'secret-token', pageSize: 100 });
    expect(sources[1]?.config).toMatchObject({ inboxDir: join(dir, 'inbox') });
  });

  it('a shorter lease is allowed down to two call timeouts (another instance takes over sooner)', () => {
    const one = (lease: number) =>
      `sources:\n  - { id: umea-omsorg-export, municipality: "2480", kind: xml-file, mapping: omsorg-xml/socialtjanst, callTimeoutMs: 2000, leaseSeconds: ${lease}, config: { inboxDir: inbox } }\n`;
    expect(load(one(4))[0]?.settings.leaseSeconds).toBe(4);
    expect(problems(one(3))).toContain(
      'sources.0 (umea-omsorg-export).leaseSeconds: at least two call timeouts (4 s)',
    );
    expect(load(GOOD)[0]?.settings.leaseSeconds).toBeUndefined();
  });

  it('lists every problem at once: unknown kind, unknown mapping, secret in the file, missing env, bad config', () => {
    const text = problems(`
sources:
  - { id: a-source, municipality: "2480", kind: ftp, mapping: omsorg-xml/socialtjanst, config: {} }
  - { id: b-source, municipality: "0181", kind: xml-file, mapping: omsorg-xml/socialtjanst, config: { inboxDir: x } }
  - id: c-source
    municipality: "2480"
    kind: rest
    mapping: ss12000/placering
    config: { baseUrl: "https://skola.example/", listPath: /x, token: written-in-the-file }
  - id: d-source
    municipality: "2480"
    kind: amqp
    mapping: omsorg-xml/socialtjanst
    config: { url: { env: NOT_SET }, exchange: e, queue: q }
  - { id: e-source, municipality: "2480", kind: rest, mapping: ss12000/placering, config: { baseUrl: nope, listPath: /x } }
`);
    expect(text).toContain('sources.0 (a-source).kind: unknown connector kind "ftp"');
    expect(text).toContain(
      'sources.1 (b-source).mapping: no mapping "omsorg-xml/socialtjanst" for municipality 0181',
    );
    expect(text).toContain(
      'sources.2 (c-source).config.token: a secret is given as { env: NAME }, never written in the file',
    );
    expect(text).toContain('sources.3 (d-source).config.url: environment variable NOT_SET is not set');
    expect(text).toMatch(/sources\.4 \(e-source\)\.config\.baseUrl: /);
    expect(text).not.toContain('written-in-the-file');
  });

  // Two sources with one id would share a cursor, a lease and a sync_runs history.
  it('refuses a source id used twice, naming the second use, even when both are otherwise valid', () => {
    const text = problems(
      `${GOOD}\n  - { id: umea-skola, municipality: "2480", kind: xml-file, mapping: omsorg-xml/socialtjanst, config: { inboxDir: x } }\n`,
    );
    expect(text).toContain('sources.3 (umea-skola): the id is used twice');
    expect(text).not.toMatch(/sources\.[0-2] /);
  });

  it('refuses unknown keys', () => {
    const text = problems(
      `${GOOD}\n  - { id: umea-extra, municipality: "2480", kind: xml-file, mapping: omsorg-xml/socialtjanst, colour: red, config: { inboxDir: x } }\n`,
    );
    expect(text).toContain('colour');
  });

  it('reads a ByggR source with its password and passphrase from the environment and its files relative to the file', () => {
    const [byggr] = load(`
sources:
  - id: umea-byggr
    municipality: "2480"
    kind: soap
    mapping: byggr-arendeexport/bygglov
    config:
      wsdlFile: byggr/ArendeExportWS.wsdl
      endpoint: https://byggr.umea.example/TekisArende/ArendeExportWS.svc
      port: BasicHttpBinding_IExportArenden1
      username: arendenav
      password: { env: BYGGR_PASSWORD }
      pfxFile: certs/arendenav.pfx
      passphrase: { env: BYGGR_PFX_PASSPHRASE }
      caFile: /etc/ssl/kommun-ca.pem
      operation: GetUpdatedArenden
      request: { filter: { LowerExclusiveBound: "{{cursor}}", UpperInclusiveBound: null } }
      recordsPath: GetUpdatedArendenResult.Arenden.arende
      nextCursorPath: GetUpdatedArendenResult.BatchEnd
      initialCursor: "2000-01-01T00:00:00"
`);
    expect(byggr?.config).toMatchObject({
      wsdlFile: join(dir, 'byggr/ArendeExportWS.wsdl'),
      pfxFile: join(dir, 'certs/arendenav.pfx'),
      caFile: '/etc/ssl/kommun-ca.pem',
      password: 'byggr-pw',
      passphrase: 'pfx-pw',
    });
    const text = problems(`
sources:
  - id: umea-byggr
    municipality: "2480"
    kind: soap
    mapping: byggr-arendeexport/bygglov
    config: { wsdlUrl: "http://byggr.example/?wsdl", username: u, password: in-the-file, operation: o, request: {}, recordsPath: r, nextCursorPath: n, initialCursor: c }
`);
    expect(text).toContain('config.password: a secret is given as { env: NAME }, never written in the file');
    expect(text).not.toContain('in-the-file');
  });

  it('reads retention periods (defaults when absent: quarantine 30 days, audit 730 days) and the xml-file keep settings', () => {
    const defaults = {
      quarantineDays: 30,
      auditDays: 730,
      contactMonths: 24,
      contactMonthsByMunicipality: {},
      eventDays: 30,
      everyMinutes: 60,
    };
    expect(loadAll(GOOD).retention).toEqual(defaults);
    expect(DEFAULT_RETENTION).toEqual(defaults);
    const config = loadAll(`
retention: { quarantineDays: 14, auditDays: 1095, everyMinutes: 30, contactMonthsByMunicipality: { "2480": 36 } }
sources:
  - id: umea-omsorg-export
    municipality: "2480"
    kind: xml-file
    mapping: omsorg-xml/socialtjanst
    config: { inboxDir: inbox, keepProcessed: { days: 7 }, keepFailed: { days: 30 } }
`);
    expect(config.retention).toEqual({
      quarantineDays: 14,
      auditDays: 1095,
      contactMonths: 24,
      contactMonthsByMunicipality: { '2480': 36 },
      eventDays: 30,
      everyMinutes: 30,
    });
    expect(config.sources[0]?.config).toMatchObject({ keepProcessed: { days: 7 }, keepFailed: { days: 30 } });
    const text = problems(`
retention: { quarantineDays: 0, auditDays: 90, keepForever: true, contactMonthsByMunicipality: { Umeå: 12 } }
sources:
  - { id: umea-omsorg-export, municipality: "2480", kind: xml-file, mapping: omsorg-xml/socialtjanst, config: { inboxDir: x } }
`);
    expect(text).toContain('retention.quarantineDays');
    expect(text).toContain('retention.auditDays: audit entries are kept at least 180 days');
    expect(text).toContain('keepForever');
    expect(text).toContain('retention.contactMonthsByMunicipality.Umeå: Invalid key in record');
  });
});
