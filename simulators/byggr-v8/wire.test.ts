import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { localDateTime } from '../case-data/clock.js';
import { SIM_PEOPLE } from '../case-data/people.js';
import type { V8Arende } from './model.js';
import { V8_COMPANIES } from './parties.js';
import { type ByggrV8Simulator, startByggrV8Simulator } from './server.js';
import { attributeValues, post } from './test-support.js';
import { soapAction } from './wsdl.js';

const SC = 'www.tekis.se/ServiceContract';
const AR = 'www.tekis.se/arende';

describe('ByggR v8 simulator on the wire', () => {
  let sim: ByggrV8Simulator;
  const logLines: string[] = [];
  let all: string;

  beforeAll(async () => {
    sim = await startByggrV8Simulator({
      seed: 11,
      cases: 150,
      maxBatchSize: 1000,
      log: (line) => logLines.push(line),
    });
    const res = await post(
      sim.url,
      'GetUpdatedArenden',
      '<sc:filter><sc:LowerExclusiveBound>2000-01-01T00:00:00</sc:LowerExclusiveBound>' +
        '<sc:UpperInclusiveBound xsi:nil="true"/></sc:filter>',
    );
    expect(res.status).toBe(200);
    all = res.text;
  });
  afterAll(() => sim.close());

  const find = (pick: (a: V8Arende) => boolean) => {
    const found = sim.data.list().find(pick);
    if (!found) throw new Error('seed 11 lacks a case the test needs');
    return found;
  };

  it('answers text/xml with the sc wrapper and ar children, attributes on arende unqualified', async () => {
    const a = find((x) => x.status === 'Pågående');
    const res = await post(sim.url, 'GetArende', `<sc:dnr>${a.dnr}</sc:dnr>`);
    expect(res.contentType).toBe('text/xml; charset=utf-8');
    expect(res.text).toContain(
      `<GetArendeResponse xmlns="${SC}"><GetArendeResult arendeId="${a.arendeId}" dnr="${a.dnr}"`,
    );
    expect(res.text).toContain(`<status xmlns="${AR}">Pågående</status>`);
    for (const name of [
      'diarieprefix',
      'komkod',
      'enhetkod',
      'arendegrupp',
      'arendetyp',
      'arendeslag',
      'arendeklass',
      'namndkod',
      'kalla',
    ])
      expect(res.text).toMatch(new RegExp(`<GetArendeResult [^>]*\\s${name}="`));
  });

  it('sends the attributes the WSDL does not declare, as the real service does', () => {
    expect(all).toMatch(/<arende arendeId="\d+"[^>]* checksum="[0-9a-f]{8}"/);
    expect(all).toMatch(/<intressent [^>]*arInternKund="false" arAktiv="true" checksum="[0-9a-f]{8}"/);
  });

  it('types object items with xsi:type and writes null list entries as xsi:nil', () => {
    expect(all).toMatch(
      /<abstractArendeObjekt xsi:type="arendeFastighet" arendeObjektId="\d+" arHuvudObjekt="true"/,
    );
    expect(all).toContain('<intressentKommunikation xsi:nil="true"/>');
    expect(all).toContain('<s:Body xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"');
  });

  it('marks secret events with sekretess and the OSL chapter and paragraph', () => {
    const secret = [...all.matchAll(/<sekretess>true<\/sekretess>(.*?)<makulerad>/g)].map((m) => m[1]);
    expect(secret.length).toBeGreaterThan(0);
    for (const rest of secret)
      expect(rest).toMatch(
        /^<sekretessKapitel>\d+<\/sekretessKapitel><sekretessParagraf>\d+<\/sekretessParagraf>$/,
      );
    expect(all).not.toMatch(/<sekretess>false<\/sekretess><sekretessKapitel>/);
  });

  it('carries voided events, main decisions, watches, the coarse statuses and orgs with and without "16"', () => {
    expect(all).toMatch(/<makulerad>true<\/makulerad>/);
    expect(all).toMatch(/<beslut beslutNr="[^"]+" arHuvudbeslut="true">/);
    expect(all).toMatch(/<beslut beslutNr="[^"]+" arHuvudbeslut="false">/);
    expect(all).toMatch(/<bevakning bevakningId="\d+"><bevakningTyp>KOMP<\/bevakningTyp>/);
    for (const s of ['Pågående', 'Avslutat', 'Gallrat', 'Makulerat']) expect(all).toContain(`>${s}</status>`);
    for (const r of ['In', 'Ut', 'Okänd']) expect(all).toContain(`<riktning>${r}</riktning>`);
    const orgs = attributeValues(all, 'persOrgNr').filter((n) => !/^(18|19|20)\d{6}-/.test(n));
    expect(orgs.some((n) => n.startsWith('16'))).toBe(true);
    expect(orgs.some((n) => /^\d{6}-\d{4}$/.test(n))).toBe(true);
  });

  it('uses only test-series personnummer and invented organisation numbers', () => {
    const allowed = new Set([
      ...SIM_PEOPLE.map((p) => p.personnummer),
      ...V8_COMPANIES.flatMap((c) => [c.orgNr, `16${c.orgNr}`]),
    ]);
    const numbers = new Set(attributeValues(all, 'persOrgNr'));
    expect(numbers.size).toBeGreaterThan(5);
    for (const n of numbers) expect(allowed.has(n), n).toBe(true);
    // No person with protected identity: v8 has no field to mark one.
    for (const p of SIM_PEOPLE.filter((x) => x.protectedIdentity)) expect(all).not.toContain(p.personnummer);
  });

  it('answers an unknown SOAPAction with the WCF ActionNotSupported fault, HTTP 500', async () => {
    const res = await post(sim.url, 'GetRoller', '', { action: soapAction('GetRoller') });
    expect(res.status).toBe(500);
    expect(res.text).toContain(
      '<faultcode xmlns:a="http://schemas.microsoft.com/ws/2005/05/addressing/none">a:ActionNotSupported</faultcode>',
    );
    expect(res.text).toContain(
      `The message with Action '${soapAction('GetRoller')}' cannot be processed at the receiver`,
    );
  });

  it('accepts the action quoted or not, and a V4 action on the same endpoint [?]', async () => {
    const dnr = find(() => true).dnr;
    for (const action of [`"${soapAction('GetArende')}"`, soapAction('GetArende', 'V4')]) {
      const res = await post(sim.url, 'GetArende', `<sc:dnr>${dnr}</sc:dnr>`, { action });
      expect(res.status, action).toBe(200);
    }
  });

  it('answers a malformed envelope with a Client fault, a SOAP 1.2 content type with 415', async () => {
    const broken = await post(sim.url, 'GetArende', '', { body: '<soapenv:Envelope><unclosed>' });
    expect(broken.status).toBe(500);
    expect(broken.text).toContain('<faultcode>s:Client</faultcode>');
    const notSoap = await post(sim.url, 'GetArende', '', { body: '<hello/>' });
    expect(notSoap.text).toContain('<faultcode>s:Client</faultcode>');
    const soap12 = await post(sim.url, 'GetArende', '<sc:dnr>x</sc:dnr>', {
      contentType: 'application/soap+xml; charset=utf-8',
    });
    expect(soap12.status).toBe(415);
  });

  it('answers an unreadable bound with a Client fault and a partial window with an earlier BatchEnd', async () => {
    const bad = await post(
      sim.url,
      'GetUpdatedArenden',
      '<sc:filter><sc:LowerExclusiveBound>igår</sc:LowerExclusiveBound></sc:filter>',
    );
    expect(bad.text).toContain('<faultcode>s:Client</faultcode>');
    const small = await startByggrV8Simulator({ data: sim.data, maxBatchSize: 5 });
    try {
      const res = await post(
        small.url,
        'GetUpdatedArenden',
        '<sc:filter><sc:LowerExclusiveBound>2000-01-01T00:00:00</sc:LowerExclusiveBound></sc:filter>',
      );
      expect(res.text.match(/<arende /g)?.length).toBe(5);
      const end = res.text.match(/<BatchEnd>([^<]+)<\/BatchEnd>/)?.[1];
      const lastChange = sim.data.byChange()[4]?.changedAt ?? 0;
      expect(end).toBe(localDateTime(lastChange));
    } finally {
      await small.close();
    }
  });

  it('serves injected faults in order and logs no bodies or numbers', async () => {
    const dnr = find(() => true).dnr;
    sim.faults.add('fault');
    sim.faults.add('unavailable');
    const first = await post(sim.url, 'GetArende', `<sc:dnr>${dnr}</sc:dnr>`);
    expect(first.text).toContain('a:InternalServiceFault');
    expect((await post(sim.url, 'GetArende', `<sc:dnr>${dnr}</sc:dnr>`)).status).toBe(503);
    expect((await post(sim.url, 'GetArende', `<sc:dnr>${dnr}</sc:dnr>`)).status).toBe(200);
    await post(sim.url, 'GetRelateradeArendenByPersOrgNr', '<sc:persOrgNr>19900321-2389</sc:persOrgNr>');
    expect(logLines.length).toBeGreaterThan(5);
    const log = logLines.join('\n');
    expect(log).not.toMatch(/\d{6}-?\d{4}/);
    expect(log).not.toContain(dnr);
    expect(log).toContain('POST /TekisArende/ArendeExportWS.svc GetRelateradeArendenByPersOrgNr 200');
  });

  it('writes dateTimes with the Swedish offset when asked (the sheet saw both forms)', async () => {
    const offset = await startByggrV8Simulator({ data: sim.data, dateTimeStyle: 'offset' });
    try {
      const res = await post(
        offset.url,
        'GetUpdatedArenden',
        '<sc:filter><sc:LowerExclusiveBound>2026-01-01T00:00:00+01:00</sc:LowerExclusiveBound></sc:filter>',
      );
      expect(res.text).toMatch(/<BatchStart>2026-01-01T00:00:00\+01:00<\/BatchStart>/);
      expect(res.text).toMatch(/<startDatum>\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+0[12]:00<\/startDatum>/);
      expect(all).toMatch(/<startDatum>\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d<\/startDatum>/);
    } finally {
      await offset.close();
    }
  });
});
