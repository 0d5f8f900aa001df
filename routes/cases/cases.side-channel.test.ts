/**
 * Hidden and missing case ids must answer alike: the same statements with the same rows read back,
 * the same audit entry, and the same bytes (but for the request id). Timing is not tested; the work
 * that timing would reveal is.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, testApp } from '../../test/support/app.js';
import { countingDb, type QueryNote } from '../../test/support/counting-db.js';
import { freshDatabase } from '../../test/support/databases.js';
import { fixtureCases } from '../../test/support/fixtures.js';

type Ctx = Awaited<ReturnType<typeof testApp>>;
let t: Ctx;
let cases: ReturnType<typeof fixtureCases>;
let notes: QueryNote[];

beforeAll(async () => {
  const { db, drop } = await freshDatabase('pglite');
  const counting = countingDb(db);
  notes = counting.notes;
  t = await testApp('pglite', { database: { db: counting.db, drop }, rateLimits: false });
  cases = fixtureCases(t.personRefs);
  await t.store.upsertMany(Object.values(cases));
});
afterAll(async () => t.drop());

/** One request: its status, headers but the request id, body with the request id blanked, and its queries. */
async function answer(path: string, token: string) {
  notes.length = 0;
  const res = await t.app.request(path, bearer(token));
  const requestId = res.headers.get('x-request-id') ?? '';
  const body = (await res.text()).replaceAll(requestId, '<request-id>');
  const headers = [...res.headers].filter(([name]) => name !== 'x-request-id');
  return { status: res.status, headers, body, queries: [...notes] };
}

describe('hidden and missing case ids', () => {
  it('answer a staff read alike: same queries, same rows read, same bytes', async () => {
    const staff = await t.tokenFor('infocenter');
    const hidden = await answer(`/api/v1/cases/${cases.social.id}`, staff);
    const missing = await answer(`/api/v1/cases/${randomUUID()}`, staff);
    // Valid UUIDs the store never makes: the nil UUID, and the hidden id in capitals (the same row).
    const nil = await answer('/api/v1/cases/00000000-0000-0000-0000-000000000000', staff);
    const shouting = await answer(`/api/v1/cases/${cases.social.id.toUpperCase()}`, staff);
    expect(hidden.status).toBe(404);
    for (const other of [missing, nil, shouting]) expect(other).toEqual(hidden);
    // What "the same work" is: the filtered read that finds nothing, then the denied entry.
    expect(hidden.queries.map((q) => [q.sql.slice(0, 20), q.rows])).toEqual([
      ['SELECT c.doc, c.stat', 0],
      ['INSERT INTO audit_lo', 0],
    ]);
  });

  it('answer an officer alike on another office’s social-services case (an office-bound rule)', async () => {
    const officer = await t.tokenFor('bygglov');
    const hidden = await answer(`/api/v1/cases/${cases.social.id}`, officer);
    const missing = await answer(`/api/v1/cases/${randomUUID()}`, officer);
    expect(hidden.status).toBe(404);
    expect(missing).toEqual(hidden);
  });

  it('answer a citizen alike: someone else’s case, and none at all', async () => {
    const citizen = await t.tokenFor('medborgare');
    const others = await answer(`/api/v1/me/cases/${cases.other.id}`, citizen);
    const missing = await answer(`/api/v1/me/cases/${randomUUID()}`, citizen);
    expect(others.status).toBe(404);
    expect(missing).toEqual(others);
    expect(others.queries.map((q) => q.rows)).toEqual([0, 0]);
  });

  it('record each as a denied read, with the id asked for', async () => {
    const staff = await t.tokenFor('infocenter');
    const missingId = randomUUID();
    await answer(`/api/v1/cases/${cases.social.id}`, staff);
    await answer(`/api/v1/cases/${missingId}`, staff);
    const [missing, hidden] = await t.audit.find({ limit: 2 });
    expect([hidden?.action, hidden?.caseId]).toEqual(['case.denied', cases.social.id]);
    expect([missing?.action, missing?.caseId]).toEqual(['case.denied', missingId]);
  });

  it('still show a visible case (the filter in the query does not hide what the policy allows)', async () => {
    const staff = await t.tokenFor('infocenter');
    const seen = await answer(`/api/v1/cases/${cases.garage.id}`, staff);
    expect(seen.status).toBe(200);
    expect(seen.queries[0]?.rows).toBe(1);
  });
});
