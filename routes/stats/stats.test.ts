import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, testApp } from '../../test/support/app.js';
import {
  EXPECTED_MONTHS,
  EXPECTED_WEEKS,
  seedContacts,
  testClock,
  VANNAS_AGENT,
} from '../../test/support/contact-stats-seed.js';
import { backends } from '../../test/support/databases.js';

type Row = Record<string, unknown> & { period: string; municipality: string };

describe.each(backends(import.meta.url))('contact statistics on %s', (backend) => {
  let t: Awaited<ReturnType<typeof testApp>>;
  let agent: string;
  const clock = testClock();
  beforeAll(async () => {
    t = await testApp(backend, { now: clock.now });
    agent = await t.tokenFor('infocenter');
    await seedContacts(t, clock, { '2480': agent, '2460': await t.identity.issue(VANNAS_AGENT) });
    clock.set('2026-06-01T10:00:00Z');
  });
  afterAll(async () => t.drop());

  const stats = async (query: string, token = agent) => {
    const res = await t.app.request(`/api/v1/stats?${query}`, bearer(token));
    expect(res.status).toBe(200);
    return res.json();
  };

  it('counts each month in Swedish time as counted by hand, across the switch to summer time', async () => {
    const report = await stats('period=month&from=2026-02-01&to=2026-05-31');
    expect(report.municipalities).toEqual(['2480']);
    const byMonth = Object.fromEntries(report.totals.map((r: Row) => [r.period, r]));
    expect(Object.keys(byMonth)).toEqual(['2026-03', '2026-04', '2026-05']);
    for (const [month, expected] of Object.entries(EXPECTED_MONTHS))
      expect(byMonth[month], month).toMatchObject({
        ...expected,
        answeredDirectlyShare: expected.answeredDirectly / expected.contacts,
        // Nothing in the seed is forwarded or answered from the knowledge base (stats.tasks.test.ts is).
        overdue: 0,
        answeredFromKnowledge: 0,
      });
    // The cells add up to the totals, and every contact counts under the center itself (none is forwarded).
    for (const month of Object.keys(EXPECTED_MONTHS)) {
      const cells = report.cells.filter((c: Row) => c.period === month);
      expect(cells.reduce((n: number, c: Row) => n + (c.contacts as number), 0)).toBe(
        byMonth[month].contacts,
      );
      expect(cells.every((c: Row) => c.office === null)).toBe(true);
    }
  });

  it('counts ISO weeks in Swedish time: a Monday 00:30 after the switch is its own week', async () => {
    const report = await stats('period=week&from=2026-02-01&to=2026-05-31');
    expect(Object.fromEntries(report.totals.map((r: Row) => [r.period, r.contacts]))).toEqual(EXPECTED_WEEKS);
  });

  it('breaks a month down by channel and topic, and filters by them', async () => {
    const april = await stats('from=2026-04-01&to=2026-04-30');
    const cell = (channel: string, topic: string) =>
      april.cells.find((c: Row) => c.channel === channel && c.topic === topic);
    // 2026-03-31T22:30Z is April 1st in Sweden: it counts in April, referred elsewhere.
    expect(cell('phone', 'bygglov')).toMatchObject({
      contacts: 3,
      referredElsewhere: 1,
      forwarded: 1,
      callbackPromised: 1,
      answeredDirectly: 0,
      answeredDirectlyShare: 0,
      medianSecondsToAnswer: 300,
    });
    expect(cell('web', 'ovrigt')).toMatchObject({ contacts: 1, medianSecondsToAnswer: null });
    const phones = await stats('from=2026-04-01&to=2026-04-30&channel=phone&topic=bygglov');
    expect(phones.totals).toMatchObject([{ period: '2026-04', contacts: 3 }]);
    expect(phones.cells).toHaveLength(1);
  });

  it('gives the first-screen shares: handled unknown without the month’s total, known with it', async () => {
    const before = await stats('from=2026-03-01&to=2026-04-30');
    expect(before.summary).toEqual([
      {
        municipality: '2480',
        handledByCenter: {
          state: 'unknown',
          contacts: 8,
          received: null,
          share: null,
          months: [
            { month: '2026-03', contacts: 3, received: null },
            { month: '2026-04', contacts: 5, received: null },
          ],
        },
        answeredByCenter: { contacts: 8, answeredDirectly: 3, share: 3 / 8 },
      },
    ]);
    for (const [month, total] of [
      ['2026-03', 30],
      ['2026-04', 50],
    ] as const) {
      const put = await t.app.request(`/api/v1/stats/volumes/2480/${month}`, {
        method: 'PUT',
        headers: { authorization: `Bearer ${agent}`, 'content-type': 'application/json' },
        body: JSON.stringify({ total }),
      });
      expect(put.status).toBe(204);
    }
    const after = await stats('from=2026-03-01&to=2026-04-30');
    expect(after.summary[0].handledByCenter).toMatchObject({
      state: 'known',
      contacts: 8,
      received: 80,
      share: 0.1,
    });
    // A range touching a month without its total is unknown again, never a guess.
    const wider = await stats('from=2026-03-01&to=2026-05-31');
    expect(wider.summary[0].handledByCenter).toMatchObject({ state: 'unknown', share: null });
  });

  it('serves the same cells as CSV, at stats.csv and with format=csv, as a download with a BOM', async () => {
    const json = await stats('from=2026-03-01&to=2026-04-30');
    for (const path of ['/api/v1/stats.csv?', '/api/v1/stats?format=csv&']) {
      const res = await t.app.request(`${path}from=2026-03-01&to=2026-04-30`, bearer(agent));
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
      expect(res.headers.get('content-disposition')).toBe(
        'attachment; filename="kontaktstatistik-month.csv"',
      );
      const bytes = new Uint8Array(await res.arrayBuffer());
      expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
      const lines = new TextDecoder().decode(bytes).split('\r\n');
      expect(lines[0]?.startsWith('Period,Kommun,Kanal,Ämne,Kontor,Kontakter')).toBe(true);
      // A header, one line per cell, and the empty string after the last CRLF.
      expect(lines).toHaveLength(json.cells.length + 2);
      expect(lines).toContain(
        '2026-04,2480,Telefon,Bygglov och anmälan,Informationscentret,3,0,0.0,1,1,1,300,300,0,0',
      );
    }
  });
});
