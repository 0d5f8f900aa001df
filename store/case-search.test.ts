/**
 * The staff search's true total, its filters (open/closed, overdue, who is awaited) and its column
 * orders with numbered pages: what a result table with "93 cases" and "page 2 of 4" stands on.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadPolicy } from '../policy/load-policy.js';
import { searchIndexRule } from '../policy/protected-identity.js';
import { makeCase } from '../test/support/cases.js';
import { backends, freshDatabase } from '../test/support/databases.js';
import { TEXT_COUNT_CAP } from './case-search.js';
import { type CaseStore, createCaseStore } from './case-store.js';
import type { Db } from './db.js';

const PERSON = `pr1_${'T'.repeat(43)}`;
const party = [{ role: 'applicant' as const, personRef: PERSON, protectedIdentity: false }];
const byPerson = { by: 'personRef', value: PERSON } as const;

/** 30 cases of one person: every third settled, every fifth awaiting the applicant, the first ten past due. */
const CASES = Array.from({ length: 30 }, (_, i) => {
  const n = i + 1;
  const settled = n % 3 === 0;
  return makeCase({
    sourceId: `t-${n}`,
    parties: party,
    status: settled ? 'decided' : n % 5 === 0 ? 'awaiting_applicant' : 'in_progress',
    ...(n % 5 === 0 && !settled ? { awaiting: { who: 'applicant' as const } } : {}),
    title: `Ärende ${String(n).padStart(2, '0')}`,
    deadline: { dueAt: n <= 10 ? '2026-01-10' : '2026-12-31', basis: 'PBL', extended: false },
    updatedAt: new Date(Date.UTC(2026, 1, 1, 8, n)).toISOString(),
  });
});

describe.each(backends(import.meta.url))('case search on %s', (backend) => {
  let db: Db;
  let drop: () => Promise<void>;
  let store: CaseStore;

  beforeAll(async () => {
    ({ db, drop } = await freshDatabase(backend));
    store = createCaseStore(db, { searchIndex: searchIndexRule(loadPolicy()) });
    await store.upsertMany(CASES);
  });
  afterAll(async () => drop());

  it('counts every match, not only the page (a page of 5 of 30)', async () => {
    const page = await store.search(byPerson, { limit: 5, count: true });
    expect(page.items).toHaveLength(5);
    expect(page.total).toBe(30);
    // Without `count` no count is made (a citizen's own list pages without one).
    expect((await store.search(byPerson, { limit: 5 })).total).toBeUndefined();
  });

  it('stops counting past the cap, and says there are more', async () => {
    expect(await store.search(byPerson, { limit: 5, count: 12 })).toMatchObject({
      total: 12,
      totalCapped: true,
    });
    const exact = await store.search(byPerson, { limit: 5, count: 30 });
    expect(exact.total).toBe(30);
    expect(exact.totalCapped).toBeUndefined();
  });

  it('stops counting free text at 1 000 and says there are more; a structured search counts on', async () => {
    // 1 001 cases with the word, all the same person's: the text count stops, the person's does not.
    const many = Array.from({ length: TEXT_COUNT_CAP + 1 }, (_, i) =>
      makeCase({
        sourceId: `many-${i}`,
        parties: [
          { role: 'applicant' as const, personRef: `pr1_${'M'.repeat(43)}`, protectedIdentity: false },
        ],
        title: 'Tillbyggnad av orangeri',
        updatedAt: new Date(Date.UTC(2026, 2, 1, 8, 0, i)).toISOString(),
      }),
    );
    await store.upsertMany(many);
    const text = await store.search({ by: 'text', value: 'orangeri' }, { limit: 5, count: true });
    expect(text).toMatchObject({ total: TEXT_COUNT_CAP, totalCapped: true });
    expect(text.items).toHaveLength(5);
    const person = await store.search(
      { by: 'personRef', value: `pr1_${'M'.repeat(43)}` },
      { limit: 5, count: true },
    );
    expect(person.total).toBe(TEXT_COUNT_CAP + 1);
    expect(person.totalCapped).toBeUndefined();
  });

  it('filters open and closed cases, and counts within the filter', async () => {
    const open = await store.search(byPerson, { limit: 100, count: true, filters: { state: 'open' } });
    const closed = await store.search(byPerson, { limit: 100, count: true, filters: { state: 'closed' } });
    expect(open.total).toBe(20);
    expect(closed.total).toBe(10);
    expect(closed.items.every((c) => c.status.code === 'decided')).toBe(true);
  });

  it('filters the overdue: open and due before today, never a settled case', async () => {
    const page = await store.search(byPerson, {
      limit: 100,
      count: true,
      filters: { overdueBefore: '2026-03-01' },
    });
    // Cases 1–10 are past due; 3, 6 and 9 are decided.
    expect(page.total).toBe(7);
    expect(page.items.map((c) => c.source.sourceId).sort()).toEqual(
      ['t-1', 't-10', 't-2', 't-4', 't-5', 't-7', 't-8'].sort(),
    );
  });

  it('filters by who is awaited', async () => {
    const page = await store.search(byPerson, {
      limit: 100,
      count: true,
      filters: { awaiting: ['applicant'] },
    });
    expect(page.items.map((c) => c.source.sourceId).sort()).toEqual(['t-10', 't-20', 't-25', 't-5'].sort());
    expect(page.total).toBe(4);
  });

  it('orders by a column with numbered pages that together hold every case once', async () => {
    const seen: string[] = [];
    for (let offset = 0; ; offset += 7) {
      const page = await store.search(byPerson, { limit: 7, sort: { by: 'title', dir: 'asc' }, offset });
      expect(page.nextCursor).toBeNull();
      seen.push(...page.items.map((c) => c.title ?? ''));
      if (!page.more) break;
    }
    expect(seen).toHaveLength(30);
    expect(seen).toEqual([...seen].sort());
    const desc = await store.search(byPerson, { limit: 3, sort: { by: 'title', dir: 'desc' } });
    expect(desc.items[0]?.title).toBe(seen.at(-1));
  });

  it('orders by status as a process: received before in progress before decided', async () => {
    const page = await store.search(byPerson, { limit: 100, sort: { by: 'status', dir: 'asc' } });
    const codes = page.items.map((c) => c.status.code);
    expect(codes.indexOf('decided')).toBeGreaterThan(codes.lastIndexOf('in_progress'));
    expect(codes.indexOf('awaiting_applicant')).toBeGreaterThan(codes.lastIndexOf('in_progress'));
  });

  it('orders by due date, the soonest first', async () => {
    const page = await store.search(byPerson, { limit: 12, sort: { by: 'due', dir: 'asc' } });
    expect(page.items.slice(0, 10).every((c) => c.deadline?.dueAt === '2026-01-10')).toBe(true);
    expect(page.items[10]?.deadline?.dueAt).toBe('2026-12-31');
  });
});
