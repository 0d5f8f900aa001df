import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { jsonPost, testApp } from '../test/support/app.js';
import { fixtureCases, PNR_MAJA } from '../test/support/fixtures.js';

type Ctx = Awaited<ReturnType<typeof testApp>>;
let t: Ctx;

beforeAll(async () => {
  t = await testApp();
  await t.store.upsertMany(Object.values(fixtureCases(t.personRefs)));
});
afterAll(async () => t.drop());

/** Every way the number could be written. */
function forms(pnr: string): string[] {
  const twelve = pnr.replace('-', '');
  return [pnr, twelve, twelve.slice(2), pnr.slice(2), pnr.slice(2).replace('-', '+')];
}

describe('request logging', () => {
  it('writes one JSON line per request with request id, route and latency', async () => {
    const before = t.logLines.length;
    const res = await t.app.request('/healthz');
    const lines = t.logLines.slice(before).map((l) => JSON.parse(l));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ msg: 'request', route: '/healthz', status: 200, method: 'GET' });
    expect(lines[0].requestId).toBe(res.headers.get('x-request-id'));
    expect(lines[0].ms).toEqual(expect.any(Number));
  });

  it('never writes a personnummer or a party name, whatever the request did', async () => {
    const staff = await t.tokenFor('infocenter');
    const citizen = await t.tokenFor('medborgare');
    for (const form of forms(PNR_MAJA)) {
      await t.app.request('/api/v1/cases/search', jsonPost(staff, { personnummer: form }));
      await t.app.request(`/api/v1/cases/search?pnr=${form}`, jsonPost(staff, { q: 'x' }));
    }
    await t.app.request('/api/v1/cases/search', jsonPost(staff, { personnummer: '19900321-2388' })); // invalid
    await t.app.request('/api/v1/cases/search', jsonPost(staff, `{"personnummer": "${PNR_MAJA}"`)); // malformed
    await t.app.request('/api/v1/me/cases', { headers: { authorization: `Bearer ${citizen}` } });
    const log = t.logLines.join('\n');
    expect(t.logLines.length).toBeGreaterThan(10);
    for (const form of [...forms(PNR_MAJA), ...forms('19900321-2388')]) expect(log).not.toContain(form);
    expect(log).not.toContain('Maja');
    expect(log).not.toContain(citizen.split('.')[1]);
  });

  it('scrubs a personnummer that reaches a log call by mistake', async () => {
    const { createLogger } = await import('./logger.js');
    const lines: string[] = [];
    const log = createLogger({ destination: { write: (s: string) => lines.push(s) } });
    log.info({ note: `lookup for ${PNR_MAJA}`, personnummer: PNR_MAJA }, `searching ${PNR_MAJA.slice(2)}`);
    expect(lines.join('')).not.toMatch(/900321/);
    expect(lines.join('')).toContain('[personnummer]');
  });
});
