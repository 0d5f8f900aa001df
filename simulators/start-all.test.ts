import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createClientAsync } from 'soap';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AllSimulators, startAllSimulators } from './index.js';

describe('startAllSimulators', () => {
  let dir: string;
  let sims: AllSimulators;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'simulators-'));
    sims = await startAllSimulators({ exportDir: join(dir, 'inbox'), cases: 40, seed: 3 });
  });
  afterAll(async () => {
    await sims.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('starts both servers and writes the first export', async () => {
    const client = await createClientAsync(sims.urls.byggrWsdl);
    client.setEndpoint(sims.urls.byggrEndpoint);
    const [result] = await client.GetArendeAsync({ dnr: sims.byggr.data.list()[0]?.dnr });
    expect(result.GetArendeResult.attributes).toMatchObject({
      dnr: sims.byggr.data.list()[0]?.dnr,
      komkod: '2480',
    });
    const form = new URLSearchParams({
      grant_type: 'client_credentials',
      client_id: sims.ss12000.clientId,
      client_secret: sims.ss12000.clientSecret,
    });
    const { access_token } = await (
      await fetch(sims.urls.ss12000Token, { method: 'POST', body: form })
    ).json();
    const res = await fetch(`${sims.urls.ss12000}/placements?limit=1`, {
      headers: { authorization: `Bearer ${access_token}` },
    });
    expect(res.status).toBe(200);
    expect(sims.initialExport.count).toBe(40);
    expect(await readdir(join(dir, 'inbox'))).toEqual(['omsorg-export-20260504-080000.xml']);
  });

  it('advances all three systems and exports again', async () => {
    const changed = sims.advance(new Date('2026-05-06T08:00:00Z'));
    expect(changed.byggr.length + changed.ss12000.length + changed.omsorg.length).toBeGreaterThan(3);
    const again = await sims.exportOmsorg();
    expect(again.path).toMatch(/omsorg-export-20260506-100000\.xml$/);
    expect(again.count).toBe(sims.omsorg.data.count());
  });
});
