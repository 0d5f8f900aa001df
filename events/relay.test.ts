import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createLogger } from '../app/logger.js';
import { loadPolicy } from '../policy/load-policy.js';
import { searchIndexRule } from '../policy/protected-identity.js';
import { type CaseStore, createCaseStore } from '../store/case-store.js';
import type { Db } from '../store/db.js';
import { claimDeliveries, ensureBuiltInSubscription, type OutboxEvent } from '../store/event-deliveries.js';
import { makeCase } from '../test/support/cases.js';
import { backends, freshDatabase } from '../test/support/databases.js';
import { backoffDelay, createRelay, type SinkOutcome } from './relay.js';

const logger = createLogger({ level: 'silent' });
const FAST = { baseMs: 5, capMs: 20 };
const STATUSES = ['received', 'registered', 'in_progress', 'awaiting_applicant', 'decided'] as const;

/** A receiver that records what it took, per case, and can refuse. */
function receiver(refuse: (e: OutboxEvent) => boolean = () => false) {
  const taken: OutboxEvent[] = [];
  const sink = async (events: readonly OutboxEvent[]) => {
    const out = new Map<number, SinkOutcome>();
    for (const e of events) {
      if (refuse(e)) out.set(e.position, { outcome: 'failed', error: 'HTTP 503' });
      else {
        taken.push(e);
        out.set(e.position, { outcome: 'delivered' });
      }
    }
    return out;
  };
  const perCase = () => {
    const by = new Map<string, number[]>();
    for (const e of taken) by.set(e.caseId, [...(by.get(e.caseId) ?? []), e.position]);
    return by;
  };
  return { taken, sink, perCase };
}

describe('backoff', () => {
  it('doubles up to the cap, with jitter between half and the whole', () => {
    expect(backoffDelay(1, { baseMs: 1000, capMs: 60_000 }, () => 0)).toBe(500);
    expect(backoffDelay(1, { baseMs: 1000, capMs: 60_000 }, () => 1)).toBe(1000);
    expect(backoffDelay(4, { baseMs: 1000, capMs: 60_000 }, () => 1)).toBe(8000);
    expect(backoffDelay(20, { baseMs: 1000, capMs: 60_000 }, () => 0.5)).toBe(45_000);
  });
});

describe.each(backends(import.meta.url))('the relay on %s', (backend) => {
  let db: Db;
  let drop: () => Promise<void>;
  let store: CaseStore;

  /** Each case passes through the statuses in order: `perCase` events per case. */
  async function changes(cases: number, perCase: number, prefix: string) {
    for (let step = 0; step < perCase; step += 1) {
      await store.upsertMany(
        Array.from({ length: cases }, (_, n) =>
          makeCase({
            sourceId: `${prefix}-${n}`,
            status: STATUSES[step % STATUSES.length],
            updatedAt: new Date(Date.UTC(2026, 1, 1 + step)).toISOString(),
          }),
        ),
      );
    }
  }
  const positionsInOrder = (by: Map<string, number[]>) =>
    [...by.values()].every((list) => list.every((p, i) => i === 0 || p > (list[i - 1] as number)));

  beforeAll(async () => {
    ({ db, drop } = await freshDatabase(backend));
    store = createCaseStore(db, { searchIndex: searchIndexRule(loadPolicy()) });
  });
  beforeEach(async () => {
    await db.query('DELETE FROM event_subscriptions');
    await db.query('DELETE FROM case_events');
    await db.query('DELETE FROM case_status_history');
    await db.query('DELETE FROM cases');
    await ensureBuiltInSubscription(db, { id: 'hook', kind: 'notifications', active: true, maxAttempts: 3 });
  });
  afterAll(async () => drop());

  it('delivers every event once, in order per case', async () => {
    await changes(7, 5, 'a');
    const r = receiver();
    const delivered = await createRelay({
      db,
      subscriptionId: 'hook',
      sink: r.sink,
      logger,
      batchSize: 4,
    }).drain();
    expect(delivered).toBe(35);
    expect(new Set(r.taken.map((e) => e.id)).size).toBe(35);
    expect(positionsInOrder(r.perCase())).toBe(true);
  });

  it('holds a case’s later events while an earlier one is being retried, and lets other cases through', async () => {
    await changes(2, 3, 'b');
    const [blocked] = (await db.query<{ id: string }>('SELECT id FROM cases ORDER BY id LIMIT 1')).rows;
    let refusals = 1;
    const r = receiver((e) => e.caseId === blocked?.id && refusals-- > 0);
    // A retry far enough away that the first drain surely ends before it is due, however slow the machine.
    const relay = createRelay({
      db,
      subscriptionId: 'hook',
      sink: r.sink,
      logger,
      backoff: { baseMs: 2_000, capMs: 2_000 },
    });
    await relay.drain();
    // The refused case's first event is waiting for its retry; the other case got all three.
    expect(r.taken.filter((e) => e.caseId === blocked?.id)).toEqual([]);
    expect(r.taken).toHaveLength(3);
    for (let i = 0; i < 40 && r.taken.length < 6; i += 1) {
      await sleep(100);
      await relay.drain();
    }
    expect(r.taken).toHaveLength(6);
    expect(positionsInOrder(r.perCase())).toBe(true);
  });

  it('dead-letters a delivery after the receiver’s last attempt, alerts once, and moves on', async () => {
    await changes(1, 2, 'c');
    const first = Number(
      (await db.query<{ p: string }>('SELECT min(position)::text AS p FROM case_events')).rows[0]?.p,
    );
    const dead: number[][] = [];
    const r = receiver((e) => e.position === first);
    const relay = createRelay({
      db,
      subscriptionId: 'hook',
      sink: r.sink,
      logger,
      backoff: FAST,
      onDead: (_id, positions) => {
        dead.push(positions);
      },
    });
    for (let i = 0; i < 40 && r.taken.length < 1; i += 1) {
      await relay.drain();
      await sleep(15);
    }
    expect(dead).toEqual([[first]]);
    expect(r.taken.map((e) => e.position)).toEqual([first + 1]);
    const { rows } = await db.query<{ state: string; attempts: number; last_error: string }>(
      'SELECT state, attempts, last_error FROM event_deliveries WHERE position = $1',
      [first],
    );
    expect(rows[0]).toEqual({ state: 'dead', attempts: 3, last_error: 'HTTP 503' });
  });

  it('delivers again what a relay claimed and never settled (it crashed), once its lease has run out', async () => {
    await changes(3, 1, 'd');
    const crashed = await claimDeliveries(db, 'hook', { limit: 10, leaseMs: 100 });
    expect(crashed.events).toHaveLength(3);
    const r = receiver();
    const relay = createRelay({ db, subscriptionId: 'hook', sink: r.sink, logger });
    expect(await relay.drain()).toBe(0);
    await sleep(150);
    expect(await relay.drain()).toBe(3);
  });

  it('does not count a deferred delivery as an attempt', async () => {
    await changes(1, 1, 'e');
    const until = new Date(Date.now() + 60_000);
    const sink = async (events: readonly OutboxEvent[]) =>
      new Map<number, SinkOutcome>(events.map((e) => [e.position, { outcome: 'deferred', until }]));
    await createRelay({ db, subscriptionId: 'hook', sink, logger }).drain();
    const { rows } = await db.query<{ state: string; attempts: number; next_attempt_at: Date }>(
      'SELECT state, attempts, next_attempt_at FROM event_deliveries',
    );
    expect(rows[0]?.state).toBe('pending');
    expect(rows[0]?.attempts).toBe(0);
    expect(new Date(rows[0]?.next_attempt_at as Date).getTime()).toBe(until.getTime());
  });

  it('two relays at once deliver each event exactly once, in order per case', async () => {
    await changes(20, 5, 'f');
    const r = receiver();
    const one = createRelay({ db, subscriptionId: 'hook', sink: r.sink, logger, batchSize: 7 });
    const two = createRelay({ db, subscriptionId: 'hook', sink: r.sink, logger, batchSize: 7 });
    const [a, b] = await Promise.all([one.drain(), two.drain()]);
    expect(a + b).toBe(100);
    expect(new Set(r.taken.map((e) => e.id)).size).toBe(100);
    expect(r.taken).toHaveLength(100);
    expect(positionsInOrder(r.perCase())).toBe(true);
  });
});
