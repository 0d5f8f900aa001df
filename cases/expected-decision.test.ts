import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type CaseStore, createCaseStore } from '../store/case-store.js';
import type { Db } from '../store/db.js';
import { makeCase } from '../test/support/cases.js';
import { backends, freshDatabase } from '../test/support/databases.js';
import { createExpectedDecisions } from './expected-decision.js';

const NOW = new Date('2026-06-01T10:00:00Z');
const DAY = 86_400_000;
const BYGGLOV = { code: 'BL', label: { sv: 'Bygglov', en: 'Building permit', ar: 'رخصة بناء' } };
const RIVNING = { code: 'RL', label: { sv: 'Rivningslov', en: 'Demolition permit', ar: 'رخصة هدم' } };

let serial = 0;
/** A case of `caseType` decided `tookDays` after it was received, decided `decidedDaysAgo` before NOW. */
function decided(tookDays: number, decidedDaysAgo: number, o: Parameters<typeof makeCase>[0] = {}) {
  serial += 1;
  const decidedAt = new Date(NOW.getTime() - decidedDaysAgo * DAY).toISOString();
  return makeCase({
    sourceId: `D-${serial}`,
    caseType: BYGGLOV,
    status: 'decided',
    receivedAt: new Date(Date.parse(decidedAt) - tookDays * DAY).toISOString(),
    decidedAt,
    ...o,
  });
}
const open = (receivedAt: string, o: Parameters<typeof makeCase>[0] = {}) => {
  serial += 1;
  return makeCase({ sourceId: `O-${serial}`, caseType: BYGGLOV, status: 'in_progress', receivedAt, ...o });
};

describe.each(backends(import.meta.url))('the expected decision date on %s', (backend) => {
  let db: Db;
  let drop: () => Promise<void>;
  let store: CaseStore;
  const expected = () =>
    createExpectedDecisions(
      (k, p) => store.decisionTimes(k, p),
      () => NOW,
    );

  beforeAll(async () => {
    ({ db, drop } = await freshDatabase(backend));
    store = createCaseStore(db);
  });
  beforeEach(async () => {
    await db.query('DELETE FROM case_status_history');
    await db.query('DELETE FROM cases');
  });
  afterAll(async () => drop());

  it.each([
    { name: 'fewer than 20 decided cases: not shown', took: Array(19).fill(40), want: undefined },
    {
      name: '20 decided cases, all alike',
      took: Array(20).fill(40),
      want: { medianDays: 40, p80Days: 40, median: '2026-04-10', likelyBy: '2026-04-10', cases: 20 },
    },
    {
      // Half decided in the quiet winter in 30 days, half in the summer rush in 90: the median lies
      // between, and 8 of 10 take the summer's time.
      name: 'a seasonal spread',
      took: [...Array(10).fill(30), ...Array(10).fill(90)],
      want: { medianDays: 60, p80Days: 90, median: '2026-04-30', likelyBy: '2026-05-30', cases: 20 },
    },
    {
      name: 'a long tail',
      took: [...Array(16).fill(20), 100, 150, 200, 365],
      // The 80th percentile lies a fifth of the way from the 16th (20 days) to the 17th (100): 36.
      want: { medianDays: 20, p80Days: 36, median: '2026-03-21', likelyBy: '2026-04-06', cases: 20 },
    },
  ])('$name', async ({ took, want }) => {
    await store.upsertMany(took.map((days, n) => decided(days, 10 + n * 15)));
    const got = await expected().forCase(open('2026-03-01T09:00:00+01:00'));
    if (!want) {
      expect(got).toBeUndefined();
      return;
    }
    expect(got).toEqual({
      median: want.median,
      likelyBy: want.likelyBy,
      medianDays: want.medianDays,
      p80Days: want.p80Days,
      basedOn: { cases: want.cases, decidedFrom: '2025-06-01', decidedTo: '2026-06-01' },
    });
  });

  it('counts only cases decided in the last 12 months, of this municipality and case type; open cases never', async () => {
    await store.upsertMany([
      ...Array.from({ length: 20 }, () => decided(30, 5)),
      // None of these may move the figure.
      ...Array.from({ length: 10 }, () => decided(300, 400)),
      ...Array.from({ length: 10 }, () => decided(300, 5, { caseType: RIVNING })),
      ...Array.from({ length: 10 }, () =>
        decided(300, 5, { municipality: { code: '2404', name: 'Vindeln' } }),
      ),
      ...Array.from({ length: 30 }, () => open('2025-01-01T09:00:00+01:00')),
    ]);
    const got = await expected().forCase(open('2026-05-01T09:00:00+02:00'));
    expect(got).toMatchObject({ medianDays: 30, p80Days: 30, basedOn: { cases: 20 } });
  });

  it('says nothing for a case already decided or one without a received date', async () => {
    await store.upsertMany(Array.from({ length: 20 }, () => decided(30, 5)));
    const estimate = expected();
    expect(await estimate.forCase(decided(10, 1))).toBeUndefined();
    expect(await estimate.forCase(makeCase({ sourceId: 'no-received', caseType: BYGGLOV }))).toBeUndefined();
  });
});
