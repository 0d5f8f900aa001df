import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createLogger } from '../app/logger.js';
import { loadPolicy } from '../policy/load-policy.js';
import { searchIndexRule } from '../policy/protected-identity.js';
import { type CaseStore, createCaseStore } from '../store/case-store.js';
import type { Db } from '../store/db.js';
import { makeCase } from '../test/support/cases.js';
import { backends, freshDatabase } from '../test/support/databases.js';
import { createDeadlineWatch, stockholmDayStart } from './deadline-watch.js';

const logger = createLogger({ level: 'silent' });

describe('the start of a Stockholm day', () => {
  it('is midnight in winter and in summer time, and on the days the clock changes', () => {
    expect(stockholmDayStart('2026-01-15')).toBe('2026-01-14T23:00:00.000Z');
    expect(stockholmDayStart('2026-06-02')).toBe('2026-06-01T22:00:00.000Z');
    expect(stockholmDayStart('2026-03-29')).toBe('2026-03-28T23:00:00.000Z');
    expect(stockholmDayStart('2026-10-25')).toBe('2026-10-24T22:00:00.000Z');
  });
});

describe.each(backends(import.meta.url))('the deadline watch on %s', (backend) => {
  let db: Db;
  let drop: () => Promise<void>;
  let store: CaseStore;
  const passed = async () =>
    (
      await db.query<{ case_id: string; occurred_at: Date; data: { deadline: { dueAt: string } } }>(
        "SELECT case_id, occurred_at, data FROM case_events WHERE type = 'deadline_passed' ORDER BY position",
      )
    ).rows;
  const deadline = (dueAt: string) => ({ dueAt, basis: 'PBL 9 kap. 27 §', extended: false });
  // 10:00 on 2 June 2026 in Stockholm.
  const watch = (at = '2026-06-02T08:00:00Z') => createDeadlineWatch({ db, logger, now: () => new Date(at) });

  beforeAll(async () => {
    ({ db, drop } = await freshDatabase(backend));
    store = createCaseStore(db, { searchIndex: searchIndexRule(loadPolicy()) });
  });
  beforeEach(async () => {
    await db.query('DELETE FROM case_events');
    await db.query('DELETE FROM case_status_history');
    await db.query('DELETE FROM cases');
  });
  afterAll(async () => drop());

  it('writes one event when an open case’s due date has passed, dated the midnight it passed, and never twice', async () => {
    const late = makeCase({ sourceId: 'dl-1', status: 'in_progress', deadline: deadline('2026-06-01') });
    const dueToday = makeCase({ sourceId: 'dl-2', status: 'in_progress', deadline: deadline('2026-06-02') });
    await store.upsertMany([late, dueToday]);
    expect(await watch().run()).toBe(1);
    expect(await watch().run()).toBe(0);
    const [event, ...more] = await passed();
    expect(more).toEqual([]);
    expect(event?.case_id).toBe(late.id);
    expect(event?.data.deadline.dueAt).toBe('2026-06-01');
    expect(new Date(event?.occurred_at as Date).toISOString()).toBe('2026-06-01T22:00:00.000Z');
  });

  it('leaves decided cases, deadlines long past and cases without a deadline alone', async () => {
    await store.upsertMany([
      makeCase({ sourceId: 'dl-3', status: 'decided', deadline: deadline('2026-05-30') }),
      makeCase({ sourceId: 'dl-4', status: 'in_progress', deadline: deadline('2026-04-01') }),
      makeCase({ sourceId: 'dl-5', status: 'in_progress' }),
    ]);
    expect(await watch().run()).toBe(0);
  });

  it('announces a new due date when the office extends the deadline and that one passes too', async () => {
    const base = { sourceId: 'dl-6', status: 'in_progress' as const };
    await store.upsertMany([
      makeCase({ ...base, deadline: deadline('2026-05-28'), updatedAt: '2026-05-01T08:00:00Z' }),
    ]);
    expect(await watch('2026-05-29T08:00:00Z').run()).toBe(1);
    await store.upsertMany([
      makeCase({
        ...base,
        deadline: { ...deadline('2026-06-01'), extended: true },
        updatedAt: '2026-05-30T08:00:00Z',
      }),
    ]);
    expect(await watch().run()).toBe(1);
    expect((await passed()).map((e) => e.data.deadline.dueAt)).toEqual(['2026-05-28', '2026-06-01']);
  });
});
