import { type Client, createClientAsync } from 'soap';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadMapping } from '../../mappings/engine/index.js';
import { shippedMappingsDir } from '../../mappings/location.js';
import { createPersonRefHasher } from '../../person/person-ref.js';
import { type ByggrSoapSimulator, startByggrSoapSimulator } from './server.js';

const keepText = (text: string) => text;
/** The client options the README recommends to a connector: nil as null, dates as the text sent. */
const CLIENT_OPTIONS = { handleNilAsNull: true, customDeserializer: { dateTime: keepText, date: keepText } };

/** What a connector does: `attributes: {roll}` → `@roll`, and values back to text as the mapping reads them. */
function normalise(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(normalise);
  if (typeof value === 'boolean' || typeof value === 'number') return String(value);
  if (value === null || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const [key, inner] of Object.entries(value)) {
    if (key === 'attributes')
      for (const [name, attr] of Object.entries(inner as object)) out[`@${name}`] = attr;
    else out[key] = normalise(inner);
  }
  return out;
}

const mapper = loadMapping(`${shippedMappingsDir()}/byggr-arendeexport/bygglov.yaml`);
const mapOptions = {
  personRefs: createPersonRefHasher('simulator-test-key-0123456789abcdef'),
  now: new Date('2026-06-01T00:00:00Z'),
};

describe('ByggR ArendeExport simulator', () => {
  let sim: ByggrSoapSimulator;
  let client: Client;

  beforeAll(async () => {
    sim = await startByggrSoapSimulator({ cases: 120, seed: 21, maxBatchSize: 25 });
    client = await createClientAsync(sim.url, CLIENT_OPTIONS);
  });
  afterAll(() => sim.close());

  it('serves its WSDL on loopback with its own address', async () => {
    expect(sim.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/ArendeExport\.svc\?wsdl$/);
    const wsdl = await (await fetch(sim.url)).text();
    expect(wsdl).toContain(`location="${sim.endpoint}"`);
    expect((await fetch(sim.endpoint.replace('ArendeExport.svc', 'other'))).status).toBe(404);
    expect(Object.keys(client.describe().ArendeExportService.BasicHttpBinding_IArendeExport)).toEqual([
      'GetUpdatedArenden',
      'GetArende',
      'GetRelateradeArendenByPersOrgNr',
    ]);
  });

  it('GetArende returns a record that maps exactly like the simulated source record', async () => {
    const source = sim.data.list().find((r) => r.intressenter.intressent.some((i) => i['@roll'] === 'OMB'));
    if (!source) throw new Error('seed 21 should give an ombud');
    const [result] = await client.GetArendeAsync({ dnr: source.dnr });
    const arende = result.GetArendeResult;
    expect(
      arende.intressenter.intressent.find((i: { attributes: object }) => 'roll' in i.attributes).attributes,
    ).toMatchObject({ roll: 'SOK', 'i:type': 'a:PersonIntressent' });
    expect(arende.fastighet.attributes).toEqual({ fnr: source.fastighet['@fnr'] });
    expect(arende.senastAndrad).toBe(source.senastAndrad);
    const viaSoap = await mapper.map(normalise(arende), mapOptions);
    const direct = await mapper.map(source, mapOptions);
    expect(viaSoap.ok).toBe(true);
    expect(viaSoap).toEqual(direct);
  });

  it('writes absent values as xsi:nil: null with handleNilAsNull, left out without it', async () => {
    const fresh = sim.data.list().find((r) => r.beslut === null && r.handlaggare === null);
    if (!fresh) throw new Error('seed 21 should give an unregistered case');
    const [result, rawXml] = await client.GetArendeAsync({ dnr: fresh.dnr });
    expect(rawXml).toContain('<a:beslut i:nil="true"/>');
    expect(result.GetArendeResult).toMatchObject({ beslut: null, handlaggare: null, kompletDatum: null });
    // The WSDL cache is per URL and keeps the first client's parse options: a client with other options needs disableCache.
    const plain = await createClientAsync(sim.url, { disableCache: true });
    const [defaults] = await plain.GetArendeAsync({ dnr: fresh.dnr });
    expect('beslut' in defaults.GetArendeResult).toBe(false);
    // Without a customDeserializer node-soap makes Dates of xs:date/xs:dateTime (in the client's zone).
    expect(defaults.GetArendeResult.senastAndrad).toBeInstanceOf(Date);
  });

  it('types xs:int and xs:boolean values as numbers and booleans', async () => {
    const extended = sim.data.list().find((r) => r.forlangning !== null);
    if (!extended) throw new Error('seed 21 should give an extended case');
    const [result] = await client.GetArendeAsync({ dnr: extended.dnr });
    expect(result.GetArendeResult.forlangning.veckor).toBe(Number(extended.forlangning?.veckor));
    expect(typeof result.GetArendeResult.intressenter.intressent[0].skyddadIdentitet).toBe('boolean');
  });

  it('gives a one-element list as an array (the XSD says maxOccurs=unbounded)', async () => {
    const single = sim.data.list().find((r) => r.intressenter.intressent.length === 1);
    const [result] = await client.GetArendeAsync({ dnr: single?.dnr });
    expect(Array.isArray(result.GetArendeResult.intressenter.intressent)).toBe(true);
  });

  it('answers an unknown dnr with a nil result', async () => {
    const [result] = await client.GetArendeAsync({ dnr: 'BN 1999-000001' });
    expect(result).toEqual({ GetArendeResult: null });
    const plain = await createClientAsync(sim.url, { disableCache: true });
    const [withoutNilAsNull] = await plain.GetArendeAsync({ dnr: 'BN 1999-000001' });
    expect(withoutNilAsNull).toBeNull();
  });

  it('pages GetUpdatedArenden through every record, then sees only what changed', async () => {
    const seen: string[] = [];
    let lower = '2000-01-01T00:00:00';
    for (let page = 0; page < 50; page++) {
      const [result] = await client.GetUpdatedArendenAsync({
        filter: { LowerExclusiveBound: lower, UpperInclusiveBound: null },
      });
      const batch = result.GetUpdatedArendenResult;
      expect(batch.BatchStart).toBe(lower);
      const arenden: { dnr: string }[] = batch.Arenden?.arende ?? [];
      expect(arenden.length).toBeLessThanOrEqual(25);
      for (const arende of arenden)
        expect(await mapper.map(normalise(arende), mapOptions)).toEqual(
          await mapper.map(sim.data.get(arende.dnr), mapOptions),
        );
      seen.push(...arenden.map((a) => a.dnr));
      lower = batch.BatchEnd;
      if (arenden.length === 0) {
        // node-soap gives an empty element as null, not as an object with an empty list.
        expect(batch.Arenden).toBeNull();
        break;
      }
    }
    expect(seen.sort()).toEqual(
      sim.data
        .list()
        .map((r) => r.dnr)
        .sort(),
    );
    const changed = sim.data.advance(new Date(sim.data.now().getTime() + 86_400_000));
    const [next] = await client.GetUpdatedArendenAsync({
      filter: { LowerExclusiveBound: lower, UpperInclusiveBound: null },
    });
    const dnrs = (next.GetUpdatedArendenResult.Arenden?.arende ?? []).map((a: { dnr: string }) => a.dnr);
    expect(dnrs.sort()).toEqual(changed.map((r) => r.dnr).sort());
  });

  it('honours the upper bound and accepts bounds with an offset', async () => {
    const [result] = await client.GetUpdatedArendenAsync({
      filter: {
        LowerExclusiveBound: '2026-01-01T00:00:00+01:00',
        UpperInclusiveBound: '2026-02-01T00:00:00',
      },
    });
    expect(result.GetUpdatedArendenResult.BatchEnd).toBe('2026-02-01T00:00:00');
    for (const a of result.GetUpdatedArendenResult.Arenden?.arende ?? [])
      expect(a.senastAndrad <= '2026-02-01T00:00:00').toBe(true);
  });

  it('finds related cases by personnummer in either form', async () => {
    const [dashed] = await client.GetRelateradeArendenByPersOrgNrAsync({ persOrgNr: '19900321-2389' });
    const [compact] = await client.GetRelateradeArendenByPersOrgNrAsync({ persOrgNr: '199003212389' });
    const dnrs = dashed.GetRelateradeArendenByPersOrgNrResult.arende.map((a: { dnr: string }) => a.dnr);
    expect(dnrs).toContain(sim.data.list()[0]?.dnr);
    expect(compact.GetRelateradeArendenByPersOrgNrResult.arende).toHaveLength(dnrs.length);
    const [nobody] = await client.GetRelateradeArendenByPersOrgNrAsync({ persOrgNr: '19121212-1212' });
    expect(nobody).toEqual({ GetRelateradeArendenByPersOrgNrResult: null });
  });

  it('answers the next N calls with a SOAP Fault, then recovers', async () => {
    sim.faults.faultNext(2);
    for (let i = 0; i < 2; i++) {
      const error = await client.GetArendeAsync({ dnr: 'x' }).catch((e: unknown) => e);
      expect((error as { response: { status: number } }).response.status).toBe(500);
      expect(
        (error as { root: { Envelope: { Body: { Fault: { faultcode: string } } } } }).root.Envelope.Body.Fault
          .faultcode,
      ).toBe('soap:Server');
    }
    await expect(client.GetArendeAsync({ dnr: 'x' })).resolves.toBeDefined();
  });

  it('hangs the next call until the client times out, delays when told, and still closes', async () => {
    sim.faults.hangNext(1);
    await expect(client.GetArendeAsync({ dnr: 'x' }, { timeout: 300 })).rejects.toThrow(/timeout/i);
    sim.faults.setDelay(150);
    const started = Date.now();
    await client.GetArendeAsync({ dnr: 'x' });
    expect(Date.now() - started).toBeGreaterThanOrEqual(140);
    sim.faults.clear();
    const other = await startByggrSoapSimulator({ cases: 2 });
    other.faults.hangNext();
    const otherClient = await createClientAsync(other.url);
    const pending = otherClient.GetArendeAsync({ dnr: 'x' }).catch(() => 'closed');
    await new Promise((resolve) => setTimeout(resolve, 50));
    await other.close();
    expect(await pending).toBe('closed');
  });

  it('serves an injected unknown status code (for quarantine drills)', async () => {
    const broken = sim.data.injectUnknownStatus({ code: 'PAUS' });
    const [result] = await client.GetArendeAsync({ dnr: broken.dnr });
    expect(result.GetArendeResult.status).toBe('PAUS');
    expect((await mapper.map(normalise(result.GetArendeResult), mapOptions)).ok).toBe(false);
    expect(sim.calls()).toContain('GetRelateradeArendenByPersOrgNr');
  });
});
