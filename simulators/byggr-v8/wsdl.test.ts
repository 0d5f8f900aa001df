import { type Client, createClientAsync } from 'soap';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ByggrV8Simulator, startByggrV8Simulator } from './server.js';
import { CLIENT_OPTIONS } from './test-support.js';

describe('ByggR v8 simulator WSDL', () => {
  let sim: ByggrV8Simulator;
  let client: Client;
  let wsdl: string;

  beforeAll(async () => {
    sim = await startByggrV8Simulator({ seed: 3, cases: 20 });
    client = await createClientAsync(sim.wsdlUrl, CLIENT_OPTIONS);
    wsdl = await (await fetch(sim.wsdlUrl)).text();
  });
  afterAll(() => sim.close());

  it('is served at ?wsdl and ?singleWsdl on the WCF path, on loopback', async () => {
    expect(sim.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/TekisArende\/ArendeExportWS\.svc$/);
    expect(sim.wsdlUrl).toBe(`${sim.url}?wsdl`);
    expect(await (await fetch(`${sim.url}?singleWsdl`)).text()).toBe(wsdl);
    expect((await fetch(sim.url.replace('ArendeExportWS.svc', 'Other.svc'))).status).toBe(404);
  });

  it('names the service ArendeExport with both ports, http and https, as WCF publishes them', () => {
    expect(wsdl).toContain('name="ArendeExport" targetNamespace="www.tekis.se/ServiceContract"');
    expect(wsdl).toContain(`<soap:address location="${sim.url}"/>`);
    expect(wsdl).toContain(`<soap:address location="${sim.url.replace('http:', 'https:')}"/>`);
    expect(wsdl).toContain('<wsp:PolicyReference URI="#BasicHttpBinding_IExportArenden1_policy"/>');
    expect(wsdl).toContain('<sp:HttpsToken RequireClientCertificate="false"/>');
    const ports = client.describe().ArendeExport;
    expect(Object.keys(ports)).toEqual([
      'BasicHttpBinding_IExportArenden',
      'BasicHttpBinding_IExportArenden1',
    ]);
    for (const port of Object.values(ports))
      expect(Object.keys(port as object)).toEqual([
        'GetUpdatedArendenCount',
        'GetUpdatedArenden',
        'GetArende',
        'GetRelateradeArendenByPersOrgNr',
      ]);
  });

  it('gives SOAPActions with /V8/ and wsaw output actions without it, in both bindings', () => {
    const actions = [...wsdl.matchAll(/soapAction="([^"]+)"/g)].map((m) => m[1]);
    expect(actions).toHaveLength(8);
    expect(new Set(actions)).toEqual(
      new Set([
        'www.tekis.se/ServiceContract/V8/IExportArenden/GetUpdatedArendenCount',
        'www.tekis.se/ServiceContract/V8/IExportArenden/GetUpdatedArenden',
        'www.tekis.se/ServiceContract/V8/IExportArenden/GetArende',
        'www.tekis.se/ServiceContract/V8/IExportArenden/GetRelateradeArendenByPersOrgNr',
      ]),
    );
    expect(wsdl).toContain(
      'wsaw:Action="www.tekis.se/ServiceContract/IExportArenden/GetArendeResponse" message="tns:IExportArenden_GetArende_OutputMessage"',
    );
  });

  it('declares the domain types in www.tekis.se/arende with attributes unqualified', () => {
    expect(wsdl).toContain('targetNamespace="www.tekis.se/arende"');
    expect(wsdl).not.toContain('attributeFormDefault');
    expect(wsdl).toMatch(/<xs:complexType name="arendeFastighet">.*?base="tns:abstractArendeFastighet"/s);
    expect(wsdl).toMatch(/name="UpperInclusiveBound" nillable="true"/);
  });

  it('node-soap binds top-level methods to the last port (https): a connector must set the endpoint', async () => {
    // The trap this shows: a client built from the real WSDL calls https://… even on a plain-HTTP host.
    const dnr = sim.data.list()[0]?.dnr;
    const fresh = await createClientAsync(sim.wsdlUrl, CLIENT_OPTIONS);
    await expect(fresh.GetArendeAsync({ dnr })).rejects.toThrow();
    fresh.setEndpoint(sim.url);
    const [result] = await fresh.GetArendeAsync({ dnr });
    expect(result.GetArendeResult.attributes.dnr).toBe(dnr);
  });
});
