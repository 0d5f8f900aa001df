import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Ss12000Simulator, startSs12000Simulator } from '../../simulators/ss12000/index.js';
import { ConnectorError } from '../contract.js';
import { placementStatusConnector } from './index.js';
import { parseApplications } from './transport.js';

const CHILD = '20181231-2385'; // Noah Testberg in the simulator (Skatteverket's test series)

let sim: Ss12000Simulator;
beforeAll(async () => {
  sim = await startSs12000Simulator({ seed: 4, municipalities: ['2480'] });
});
afterAll(() => sim.close());

const connector = (overrides: Record<string, unknown> = {}) =>
  placementStatusConnector.create(
    placementStatusConnector.configSchema.parse({
      baseUrl: sim.applicationStatusUrls['2480'],
      licenseKey: sim.licenseKey,
      ...overrides,
    }),
  );
const ctx = () => ({ signal: AbortSignal.timeout(5_000) });

async function failure(p: Promise<unknown>): Promise<ConnectorError> {
  const error = await p.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ConnectorError);
  return error as ConnectorError;
}

describe('placement-status connector', () => {
  it('has no pull, and finds a child’s applications as records with the sheet’s field names', async () => {
    const c = connector();
    expect(c.pull).toBeUndefined();
    const records = (await c.findByParty?.({ kind: 'person', number: CHILD }, ctx())) as unknown[];
    expect(records.length).toBeGreaterThan(0);
    expect(records[0]).toMatchObject({
      person: { personid: CHILD.replace('-', ''), firstname: 'Noah' },
      preschoolleisuretimecenter: {
        id: expect.any(String),
        hasplacement: expect.stringMatching(/^(true|false)$/),
      },
      guardians: [],
    });
  });

  it('asks nothing about an organisation: the vendor keeps children’s applications', async () => {
    expect(await connector().findByParty?.({ kind: 'organisation', number: '212000-2411' }, ctx())).toEqual(
      [],
    );
  });

  it('a refused license key is final, a 503 is retryable; neither names the number', async () => {
    const refused = await failure(
      connector({ licenseKey: 'wrong' }).findByParty?.(
        { kind: 'person', number: CHILD },
        ctx(),
      ) as Promise<unknown>,
    );
    expect(refused).toMatchObject({ code: 'auth', retryable: false });
    expect(refused.message).toMatch(/^application-status look-up at 127\.0\.0\.1:\d+: HTTP 401/);
    sim.faults.add('unavailable', 1);
    const down = await failure(
      connector().findByParty?.({ kind: 'person', number: CHILD }, ctx()) as Promise<unknown>,
    );
    expect(down).toMatchObject({ code: 'unavailable', retryable: true });
    for (const e of [refused, down]) {
      expect(e.message).not.toContain(CHILD.replace('-', ''));
      expect(e.message).not.toContain('PersonId');
      expect(e.cause).toBeUndefined();
    }
  });

  it('gives up at callTimeoutMs on a hanging look-up, as a retryable timeout', async () => {
    sim.faults.add('hang', 1);
    const e = await failure(
      connector({ callTimeoutMs: 200 }).findByParty?.(
        { kind: 'person', number: CHILD },
        ctx(),
      ) as Promise<unknown>,
    );
    expect(e).toMatchObject({ code: 'timeout', retryable: true });
    sim.faults.clear();
  });

  it('refuses a DOCTYPE (external entities) and reads preschool elements wherever they are under person', () => {
    const evil =
      '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]><PersonApplication><person><personid>&e;</personid></person></PersonApplication>';
    expect(() => parseApplications(evil, 'look-up')).toThrow(/DOCTYPE or entities/);
    const outside = `<PersonApplication xmlns="http://open.tieto.com/edu/applicationstatus/v1"><properties/><person>
      <personid>201812312385</personid><privacy level="2">true</privacy>
      <preschoolleisuretimecenter><id>A1</id><queuenumber>3</queuenumber></preschoolleisuretimecenter>
      <timestamp>2026-05-04T08:00:00+02:00</timestamp></person></PersonApplication>`;
    expect(parseApplications(outside, 'look-up')).toEqual([
      {
        properties: {},
        person: {
          personid: '201812312385',
          privacy: { '#text': 'true', '@level': '2' },
          timestamp: '2026-05-04T08:00:00+02:00',
        },
        preschoolleisuretimecenter: { id: 'A1', queuenumber: '3' },
      },
    ]);
  });
});
