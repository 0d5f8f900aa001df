import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { loadPolicy } from '../policy/load-policy.js';
import { searchIndexRule } from '../policy/protected-identity.js';
import { makeCase } from '../test/support/cases.js';
import { backends, freshDatabase } from '../test/support/databases.js';
import { type CaseStore, createCaseStore } from './case-store.js';
import type { Db } from './db.js';
import { ensureBuiltInSubscription, replayFrom } from './event-deliveries.js';
import { expireEventsIn } from './event-retention.js';

type EventRow = { case_id: string; type: string; changed: string[]; data: Record<string, unknown> };

describe.each(backends(import.meta.url))('the outbox on %s', (backend) => {
  let db: Db;
  let drop: () => Promise<void>;
  let store: CaseStore;

  const events = async () =>
    (await db.query<EventRow>('SELECT case_id, type, changed, data FROM case_events ORDER BY position')).rows;
  const deliveries = async (subscription: string) =>
    (
      await db.query<{ position: string }>(
        'SELECT position::text FROM event_deliveries WHERE subscription_id = $1 ORDER BY position',
        [subscription],
      )
    ).rows.length;

  beforeAll(async () => {
    ({ db, drop } = await freshDatabase(backend));
    store = createCaseStore(db, { searchIndex: searchIndexRule(loadPolicy()) });
    await ensureBuiltInSubscription(db, { id: 'amqp', kind: 'amqp', active: true });
    await ensureBuiltInSubscription(db, { id: 'off', kind: 'notifications', active: false });
  });
  beforeEach(async () => {
    await db.query('DELETE FROM event_deliveries');
    await db.query('DELETE FROM case_events');
    await db.query('DELETE FROM case_status_history');
    await db.query('DELETE FROM cases');
  });
  afterAll(async () => drop());

  it('writes one event when a case appears, with its status and nothing of its contents', async () => {
    const c = makeCase({ sourceId: 'ev-1', status: 'received', updatedAt: '2026-02-01T08:00:00.000Z' });
    await store.upsertMany([c]);
    const [event, ...more] = await events();
    expect(more).toEqual([]);
    expect(event?.type).toBe('created');
    expect(event?.case_id).toBe(c.id);
    expect(event?.changed).toEqual(['status']);
    expect(event?.data).toMatchObject({ status: { code: 'received', previous: null } });
    const text = JSON.stringify(event);
    for (const content of [c.title, c.reference, c.office.name]) expect(text).not.toContain(content);
    // Fanned out in the same transaction to the active receiver only.
    expect(await deliveries('amqp')).toBe(1);
    expect(await deliveries('off')).toBe(0);
  });

  it('writes an event for a change of status, ball, deadline or documents, and none for anything else', async () => {
    const base = { sourceId: 'ev-2' };
    await store.upsertMany([
      makeCase({ ...base, status: 'in_progress', updatedAt: '2026-02-01T08:00:00.000Z' }),
    ]);
    await store.upsertMany([
      makeCase({ ...base, status: 'in_progress', title: 'Ny titel', updatedAt: '2026-02-02T08:00:00.000Z' }),
    ]);
    await store.upsertMany([
      makeCase({
        ...base,
        status: 'awaiting_applicant',
        awaiting: { who: 'applicant' },
        updatedAt: '2026-02-03T08:00:00.000Z',
      }),
    ]);
    await store.upsertMany([
      makeCase({
        ...base,
        status: 'awaiting_applicant',
        awaiting: { who: 'applicant' },
        documents: [{ title: 'Ritning', kind: 'ritning', receivedAt: '2026-02-04T08:00:00.000Z' }],
        deadline: { dueAt: '2026-04-01', basis: 'PBL', extended: false },
        updatedAt: '2026-02-04T08:00:00.000Z',
      }),
    ]);
    const written = await events();
    expect(written.map((e) => [e.type, e.changed])).toEqual([
      ['created', ['status']],
      ['updated', ['status', 'awaiting']],
      ['updated', ['deadline', 'documents']],
    ]);
    expect(written[1]?.data).toMatchObject({
      status: { code: 'awaiting_applicant', previous: 'in_progress' },
      awaiting: { who: 'applicant', previous: null },
    });
    expect(written[2]?.data).toMatchObject({
      documents: { count: 1, previous: 0 },
      deadline: { dueAt: '2026-04-01' },
    });
    expect(JSON.stringify(written)).not.toContain('Ritning');
  });

  it('writes nothing for an older version or the same content delivered again', async () => {
    const base = { sourceId: 'ev-3' };
    const newer = makeCase({ ...base, status: 'decided', updatedAt: '2026-02-05T08:00:00.000Z' });
    await store.upsertMany([newer]);
    await store.upsertMany([
      makeCase({ ...base, status: 'in_progress', updatedAt: '2026-02-01T08:00:00.000Z' }),
    ]);
    await store.upsertMany([newer]);
    expect((await events()).map((e) => e.type)).toEqual(['created']);
  });

  it('writes one event per version a batch stores, in the order they happened', async () => {
    const base = { sourceId: 'ev-4' };
    await store.upsertMany([
      makeCase({ ...base, status: 'decided', updatedAt: '2026-02-03T08:00:00.000Z' }),
      makeCase({ ...base, status: 'received', updatedAt: '2026-02-01T08:00:00.000Z' }),
      makeCase({ ...base, status: 'in_progress', updatedAt: '2026-02-02T08:00:00.000Z' }),
    ]);
    const written = await events();
    expect(written.map((e) => (e.data as { status: { code: string } }).status.code)).toEqual([
      'received',
      'in_progress',
      'decided',
    ]);
  });

  it('writes nothing when the batch rolls back, so no receiver hears of a change that did not happen', async () => {
    const c = makeCase({ sourceId: 'ev-5' });
    await expect(
      db.transaction(async (tx) => {
        await store.upsertManyIn(tx, [c]);
        throw new Error('unit failed');
      }),
    ).rejects.toThrow('unit failed');
    expect(await events()).toEqual([]);
    expect(await deliveries('amqp')).toBe(0);
  });

  it('tells receivers a case its source deleted is gone', async () => {
    const c = makeCase({ sourceId: 'ev-6', updatedAt: '2026-02-01T08:00:00.000Z' });
    await store.upsertMany([c]);
    await db.transaction((tx) => store.removeIn(tx, [{ id: c.id, at: '2026-03-01T08:00:00.000Z' }]));
    expect((await events()).map((e) => [e.type, e.case_id])).toEqual([
      ['created', c.id],
      ['deleted', c.id],
    ]);
  });

  it('replays to one receiver from a position, adding events written before it subscribed', async () => {
    await store.upsertMany([makeCase({ sourceId: 'ev-7' }), makeCase({ sourceId: 'ev-8' })]);
    await ensureBuiltInSubscription(db, { id: 'late', kind: 'notifications', active: true });
    expect(await deliveries('late')).toBe(0);
    const { rows } = await db.query<{ position: string }>(
      'SELECT min(position)::text AS position FROM case_events',
    );
    const from = Number(rows[0]?.position);
    expect(await db.transaction((tx) => replayFrom(tx, 'late', from + 1))).toBe(1);
    expect(await deliveries('late')).toBe(1);
    await db.query("DELETE FROM event_subscriptions WHERE id = 'late'");
  });

  it('removes events past their retention period once no receiver has them pending', async () => {
    await store.upsertMany([makeCase({ sourceId: 'ev-9' }), makeCase({ sourceId: 'ev-10' })]);
    await db.query("UPDATE case_events SET recorded_at = now() - interval '31 days'");
    const [held] = (
      await db.query<{ position: string }>('SELECT min(position)::text AS position FROM case_events')
    ).rows;
    await db.query("UPDATE event_deliveries SET state = 'delivered' WHERE position <> $1", [held?.position]);
    const expire = (dryRun: boolean) =>
      db.transaction((tx) => expireEventsIn(tx, 30, { dryRun, maxRows: 100 }));
    expect(await expire(true)).toBe(1);
    expect(await expire(false)).toBe(1);
    // The one still pending for the RabbitMQ exchange stays until it is delivered.
    expect((await events()).length).toBe(1);
    expect(await deliveries('amqp')).toBe(1);
    expect(await expire(false)).toBe(0);
  });
});
