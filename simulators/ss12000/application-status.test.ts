import { XMLParser } from 'fast-xml-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { containsPersonnummerLike } from '../../person/personnummer.js';
import { APPLICATION_STATUS_NS } from './application-status.js';
import { type Ss12000Simulator, startSs12000Simulator } from './server.js';

type Queue = Record<string, string | number | boolean>;

describe('SS 12000 simulator: vendor application-status lookup (XML)', () => {
  let sim: Ss12000Simulator;
  const lines: string[] = [];
  const parser = new XMLParser({ ignoreAttributes: false, removeNSPrefix: true, parseTagValue: true });
  const lookup = (personId: string, extra = '', code = '2480') =>
    fetch(
      `${sim.applicationStatusUrls[code]}/GetPreschoolLeisureTimeCenterApplication?PersonId=${personId}${extra}`,
      { headers: { 'x-license-key': sim.licenseKey } },
    );
  const queueOf = async (personId: string, code = '2480') => {
    const doc = parser.parse(await (await lookup(personId, '', code)).text());
    return doc.PersonApplication?.person?.application?.preschoolleisuretimecenter as Queue | undefined;
  };

  beforeAll(async () => {
    sim = await startSs12000Simulator({ seed: 4, log: (line) => lines.push(line) });
  });
  afterAll(() => sim.close());

  it('answers a PersonApplication in the vendor namespace with properties and person', async () => {
    const res = await lookup('20181231-2385');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/xml/);
    const text = await res.text();
    expect(text).toContain(`<PersonApplication xmlns="${APPLICATION_STATUS_NS}">`);
    const doc = parser.parse(text).PersonApplication;
    expect(doc.properties).toMatchObject({
      datetime: expect.any(String),
      datasource: expect.any(String),
      type: expect.any(String),
    });
    expect(doc.person).toMatchObject({ personid: 201812312385, firstname: 'Noah', lastname: 'Testberg' });
    // Sequence order of person: id, personid, firstname, …, application*, timestamp.
    expect(text.indexOf('<personid>')).toBeLessThan(text.indexOf('<application>'));
    expect(text.indexOf('</application>')).toBeLessThan(text.indexOf('<timestamp>'));
  });

  it('tells queue, offer and placement apart by queuenumber and the has… flags', async () => {
    const data = sim.data.state('2480');
    const byState = (state: string) => data?.queue.find((q) => q.state === state);
    const numberOf = (childId: string) => data?.persons.get(childId)?.personnummer as string;
    const placed = byState('placed');
    expect(placed).toBeDefined();
    expect(await queueOf(numberOf(placed?.childId as string))).toMatchObject({
      hasplacement: true,
      hasplacementoffer: false,
    });
    const waiting = byState('queue');
    expect(waiting).toBeDefined();
    const q = await queueOf(numberOf(waiting?.childId as string));
    expect(q).toMatchObject({ hasplacement: false, hasplacementoffer: false, passivequeue: false });
    expect(q?.queuenumber).toBeGreaterThan(0);
    // Move time on until someone in the queue gets an offer.
    let at = sim.data.now().getTime();
    while (!byState('offer') && at < Date.parse('2026-12-31')) {
      at += 86_400_000;
      sim.data.advance(new Date(at));
    }
    const offered = byState('offer');
    expect(offered).toBeDefined();
    const o = await queueOf(numberOf(offered?.childId as string));
    expect(o).toMatchObject({ hasplacementoffer: true, hasplacement: false, unitname: expect.any(String) });
    expect(o).not.toHaveProperty('queuenumber');
  });

  it('marks protected identity with privacy and answers an unknown person without a person element', async () => {
    const doc = parser.parse(await (await lookup('202201612393')).text()).PersonApplication;
    expect(doc.person.privacy).toMatchObject({ '#text': true, '@_level': '2' });
    // Tolvan is in the project's test list but in no household here (never a made-up number).
    const unknown = parser.parse(await (await lookup('19121212-1212')).text()).PersonApplication;
    expect(unknown.properties).toBeDefined();
    expect(unknown.person).toBeUndefined();
  });

  it('wants the license key and a PersonId', async () => {
    const url = `${sim.applicationStatusUrls['2480']}/GetPreschoolLeisureTimeCenterApplication?PersonId=201812312385`;
    expect((await fetch(url)).status).toBe(401);
    expect((await fetch(`${url}&LicenseKey=${sim.licenseKey}`)).status).toBe(200);
    const none = await fetch(url.replace('?PersonId=201812312385', ''), {
      headers: { 'x-license-key': sim.licenseKey },
    });
    expect(none.status).toBe(400);
  });

  it('never writes a personnummer to its log, whatever the requests carried', async () => {
    const form = new URLSearchParams({
      grant_type: 'client_credentials',
      client_id: sim.clientId,
      client_secret: sim.clientSecret,
    });
    const { access_token } = (await (await fetch(sim.tokenUrl, { method: 'POST', body: form })).json()) as {
      access_token: string;
    };
    const headers = { authorization: `Bearer ${access_token}`, 'content-type': 'application/json' };
    await fetch(`${sim.url}/persons?civicNo=20190601-2388&expand=placements`, { headers });
    await fetch(`${sim.url}/persons/lookup`, {
      method: 'POST',
      headers,
      body: JSON.stringify({ civicNos: ['199003212389'] }),
    });
    await lookup('19900604-2395');
    expect(lines.length).toBeGreaterThan(5);
    expect(lines).toEqual(sim.logLines());
    expect(lines.some((l) => l.includes('civicNo'))).toBe(true);
    for (const line of lines) {
      expect(containsPersonnummerLike(line), line).toBe(false);
      expect(line).not.toMatch(/\d{6,}/);
    }
  });
});
