import { BasicAuthSecurity, type Client, createClientAsync } from 'soap';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { localDateTime } from '../case-data/clock.js';
import { DEMO_CITIZEN } from '../case-data/people.js';
import type { V8Arende } from './model.js';
import { type ByggrV8Simulator, startByggrV8Simulator } from './server.js';
import { CLIENT_OPTIONS } from './test-support.js';

type Item = { attributes: Record<string, string> };
const dnrs = (items: Item[] | undefined) => (items ?? []).map((a) => a.attributes.dnr).sort();

describe('ByggR v8 simulator through the soap client', () => {
  let sim: ByggrV8Simulator;
  let client: Client;

  beforeAll(async () => {
    sim = await startByggrV8Simulator({ seed: 7, cases: 120, maxBatchSize: 500 });
    client = await createClientAsync(sim.wsdlUrl, CLIENT_OPTIONS);
    client.setEndpoint(sim.url);
  });
  afterAll(() => sim.close());

  it('GetArende round-trips a case with its attributes, parties, events and object', async () => {
    const source = sim.data
      .list()
      .find((a) => a.status === 'Avslutat' && a.handelser.some((h) => h.beslut)) as V8Arende;
    const [result] = await client.GetArendeAsync({ dnr: source.dnr });
    const arende = result.GetArendeResult;
    expect(arende.attributes).toMatchObject({
      dnr: source.dnr,
      komkod: source.komkod,
      arendetyp: source.arendetyp,
      diarieprefix: source.diarieprefix,
    });
    expect(arende.status).toBe('Avslutat');
    expect(arende.handelseLista.handelse).toHaveLength(source.handelser.length);
    const main = arende.handelseLista.handelse.find(
      (h: { beslut?: Item }) => h.beslut?.attributes.arHuvudbeslut === 'true',
    );
    expect(main.handelsetyp).toBe('BESLUT');
    expect(arende.objektLista.abstractArendeObjekt[0].fastighet.trakt).toBe(source.objekt[0]?.trakt);
  });

  it('GetArende of an unknown dnr is a fault starting "Arende not found for dnr", as the integrator expects', async () => {
    const error = await client.GetArendeAsync({ dnr: 'BN 1999-000001' }).catch((e: unknown) => e);
    const fault = (
      error as { root?: { Envelope: { Body: { Fault: { faultcode: string; faultstring: unknown } } } } }
    ).root?.Envelope.Body.Fault;
    expect(fault?.faultcode).toBe('s:Client');
    expect(JSON.stringify(fault?.faultstring)).toContain('Arende not found for dnr BN 1999-000001');
  });

  it('GetUpdatedArenden returns exactly the cases changed in the window, and the count agrees', async () => {
    const from = sim.data.now();
    const changed = sim.data.advance(new Date(from.getTime() + 86_400_000));
    const to = sim.data.now();
    const filter = { LowerExclusiveBound: localDateTime(from), UpperInclusiveBound: localDateTime(to) };
    const [batch] = await client.GetUpdatedArendenAsync({ filter });
    expect(dnrs(batch.GetUpdatedArendenResult.Arenden?.arende)).toEqual(changed.map((a) => a.dnr).sort());
    expect(batch.GetUpdatedArendenResult.BatchStart).toBe(localDateTime(from));
    expect(batch.GetUpdatedArendenResult.BatchEnd).toBe(localDateTime(to));
    const [count] = await client.GetUpdatedArendenCountAsync({ filter });
    expect(count.GetUpdatedArendenCountResult).toBe(changed.length);
    // The same window one second later at its lower end holds nothing.
    const [empty] = await client.GetUpdatedArendenAsync({
      filter: { ...filter, LowerExclusiveBound: localDateTime(to) },
    });
    expect(empty.GetUpdatedArendenResult.Arenden?.arende ?? []).toHaveLength(0);
  });

  it('GetRelateradeArendenByPersOrgNr finds a person with and without the dash, and the century', async () => {
    const expected = sim.data
      .list()
      .filter((a) => a.intressenter.some((i) => i.persOrgNr === DEMO_CITIZEN))
      .map((a) => a.dnr)
      .sort();
    expect(expected.length).toBeGreaterThan(0);
    for (const form of [DEMO_CITIZEN, '199003212389', '900321-2389']) {
      const [res] = await client.GetRelateradeArendenByPersOrgNrAsync({ persOrgNr: form });
      expect(dnrs(res.GetRelateradeArendenByPersOrgNrResult?.arende), form).toEqual(expected);
    }
  });

  it('GetRelateradeArendenByPersOrgNr finds a company whether stored or asked with "16" or without', async () => {
    const company = sim.data
      .list()
      .flatMap((a) => a.intressenter)
      .find((i) => i.arForetag);
    if (!company) throw new Error('seed 7 should give a company applicant');
    const ten = company.persOrgNr.replace(/^16/, '');
    const expected = sim.data
      .list()
      .filter((a) => a.intressenter.some((i) => i.persOrgNr.replace(/^16/, '') === ten))
      .map((a) => a.dnr)
      .sort();
    for (const form of [ten, `16${ten}`, ten.replace('-', ''), `16${ten.replace('-', '')}`]) {
      const [res] = await client.GetRelateradeArendenByPersOrgNrAsync({ persOrgNr: form });
      expect(dnrs(res.GetRelateradeArendenByPersOrgNrResult?.arende), form).toEqual(expected);
    }
    const [byKund] = await client.GetRelateradeArendenByPersOrgNrAsync({ kundNr: company.kundnr });
    expect(dnrs(byKund.GetRelateradeArendenByPersOrgNrResult?.arende)).toEqual(expected);
  });

  it('in exact mode, only the number as stored matches (why Sundsvall asks with and without "16")', async () => {
    const exact = await startByggrV8Simulator({ data: sim.data, persOrgNrMatch: 'exact' });
    try {
      const c = await createClientAsync(exact.wsdlUrl, CLIENT_OPTIONS);
      c.setEndpoint(exact.url);
      const both = sim.data
        .list()
        .flatMap((a) => a.intressenter)
        .filter((i) => i.arForetag);
      const stored = both.find((i) => i.persOrgNr.startsWith('16'));
      if (!stored) throw new Error('seed 7 should store a company with "16"');
      const [withPrefix] = await c.GetRelateradeArendenByPersOrgNrAsync({ persOrgNr: stored.persOrgNr });
      const [without] = await c.GetRelateradeArendenByPersOrgNrAsync({
        persOrgNr: stored.persOrgNr.slice(2),
      });
      const all = new Set([
        ...dnrs(withPrefix.GetRelateradeArendenByPersOrgNrResult?.arende),
        ...dnrs(without.GetRelateradeArendenByPersOrgNrResult?.arende),
      ]);
      expect(dnrs(withPrefix.GetRelateradeArendenByPersOrgNrResult?.arende).length).toBeGreaterThan(0);
      expect(all.size).toBe(
        sim.data
          .list()
          .filter((a) => a.intressenter.some((i) => i.persOrgNr.endsWith(stored.persOrgNr.slice(2)))).length,
      );
    } finally {
      await exact.close();
    }
  });

  it('with basic auth, the WSDL and the calls need the credentials', async () => {
    const secured = await startByggrV8Simulator({ data: sim.data, username: 'byggr', password: 'test-only' });
    try {
      await expect(createClientAsync(secured.wsdlUrl, CLIENT_OPTIONS)).rejects.toThrow();
      const auth = `Basic ${Buffer.from('byggr:test-only').toString('base64')}`;
      const c = await createClientAsync(secured.wsdlUrl, {
        ...CLIENT_OPTIONS,
        wsdl_headers: { authorization: auth },
      });
      c.setEndpoint(secured.url);
      const dnr = sim.data.list()[0]?.dnr;
      await expect(c.GetArendeAsync({ dnr })).rejects.toThrow();
      c.setSecurity(new BasicAuthSecurity('byggr', 'test-only'));
      const [ok] = await c.GetArendeAsync({ dnr });
      expect(ok.GetArendeResult.attributes.dnr).toBe(dnr);
    } finally {
      await secured.close();
    }
  });
});
