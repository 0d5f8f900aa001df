/**
 * Free-text search through the search index (migration 026): the same matches, in the same order
 * (newest change first, across years and cursor pages), and the same total as the plain query over
 * the table with the visibility rule row by row, for what staff type and for every shape of scope.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadPolicy } from '../policy/load-policy.js';
import { searchIndexRule } from '../policy/protected-identity.js';
import type { CanonicalCase } from '../schemas/case.js';
import { makeCase } from '../test/support/cases.js';
import { backends, freshDatabase } from '../test/support/databases.js';
import { visibleClause } from './case-row.js';
import { SCOPE_YEAR_KEY, scopeClause, scopeKeys } from './case-search-index.js';
import { type CaseStore, createCaseStore, type Visible } from './case-store.js';
import type { Db } from './db.js';

const TOWNS = [
  { code: '2480', name: 'Umeå' },
  { code: '2460', name: 'Vännäs' },
];
const DOMAINS: CanonicalCase['domain'][] = ['building_permit', 'school_placement', 'social_services'];
const TITLES = [
  'Nybyggnad av garage',
  'Nybyggnad av carport',
  'Rivning av förråd',
  'Tillbyggnad av altan',
  'Ansökan om förskoleplats',
];
const SURNAMES = ['Lindqvist', 'Nordström', 'Öberg', 'Haddad'];

/**
 * 96 cases over eight years, two municipalities and three domains; some share a change time (the id
 * decides), some sit on either side of a new year in UTC, one has a protected applicant.
 */
function cases(): CanonicalCase[] {
  return Array.from({ length: 96 }, (_, i) => {
    const year = 2019 + (i % 8);
    // Every fifth case shares its time with the one before; 0 and 1 fall on the turn of a year.
    const minute = i % 5 === 4 ? i - 1 : i;
    const updatedAt =
      i === 0
        ? '2024-12-31T23:59:59.999Z'
        : i === 1
          ? '2025-01-01T00:00:00.000Z'
          : new Date(Date.UTC(year, (i * 7) % 12, 1 + (i % 27), 8, minute)).toISOString();
    const surname = SURNAMES[i % SURNAMES.length] as string;
    return makeCase({
      sourceId: `txt-${i}`,
      municipality: TOWNS[i % 2] as { code: string; name: string },
      domain: DOMAINS[i % 3] as CanonicalCase['domain'],
      title: TITLES[i % TITLES.length] as string,
      updatedAt,
      parties: [
        {
          role: 'applicant',
          displayName: i === 6 ? 'Hemlig Skyddad' : `Anna ${surname}`,
          personRef: `pr1_${String(i).padStart(43, 'T')}`,
          protectedIdentity: i === 6,
        },
      ],
    });
  });
}

/** What staff type: names, title words, inflections, a prefix, quotes, OR, a minus, nothing found. */
const QUERIES = [
  'bygglov',
  'Lindqvist garage',
  'lindqvist nybyggnad',
  'Öberg förskoleplats',
  'rivningen',
  'garaget',
  'bygglo',
  '"nybyggnad av garage"',
  'garage OR carport',
  'nybyggnad -garage',
  'Haddad OR Nordström altan',
  'Hemlig',
  'Skyddad',
  'finnsinte',
];

/** Every scope shape: one municipality, two with different domains, an office, none, no domain. */
const SCOPES: Record<string, Visible | undefined> = {
  everything: undefined,
  'one municipality, two domains': {
    scopes: [{ municipality: '2480', domains: ['building_permit', 'school_placement'] }],
  },
  'two municipalities, different domains': {
    scopes: [
      { municipality: '2480', domains: ['building_permit'] },
      { municipality: '2460', domains: ['school_placement', 'building_permit'] },
      { municipality: '2480', domains: ['social_services'] },
    ],
  },
  'an office': { scopes: [{ municipality: '2480', domains: ['building_permit'], office: 'BN' }] },
  'no scope': { scopes: [] },
  'no domain': { scopes: [{ municipality: '2480', domains: [] }] },
};

describe.each(backends(import.meta.url))('free-text search on %s', (backend) => {
  let db: Db;
  let drop: () => Promise<void>;
  let store: CaseStore;

  beforeAll(async () => {
    ({ db, drop } = await freshDatabase(backend));
    store = createCaseStore(db, { searchIndex: searchIndexRule(loadPolicy()) });
    await store.upsertMany(cases());
  });
  afterAll(async () => drop());

  /** The ids the plain query finds, newest first: the table, the rule row by row, no index needed. */
  async function plain(q: string, visible: Visible | undefined): Promise<string[]> {
    const params: unknown[] = [q];
    const p = (v: unknown) => {
      params.push(v);
      return `$${params.length}`;
    };
    const vis = visible ? ` AND ${visibleClause(visible, p)}` : '';
    const { rows } = await db.query<{ id: string }>(
      `SELECT c.id FROM cases c WHERE c.search @@ websearch_to_tsquery('swedish', $1)${vis}
        ORDER BY c.source_updated_at DESC, c.id DESC`,
      params,
    );
    return rows.map((r) => r.id);
  }

  /** Every page of the store's search, by cursor, and the total it gave on the first. */
  async function paged(q: string, visible: Visible | undefined, limit: number) {
    const ids: string[] = [];
    let total: number | undefined;
    let cursor: string | undefined;
    do {
      const page = await store.search(
        { by: 'text', value: q },
        { limit, count: true, ...(visible ? { visible } : {}), ...(cursor ? { cursor } : {}) },
      );
      total ??= page.total;
      ids.push(...page.items.map((c) => c.id));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    return { ids, total };
  }

  for (const [name, visible] of Object.entries(SCOPES)) {
    it(`finds what the plain query finds, in its order and total, paged: ${name}`, async () => {
      let found = 0;
      for (const q of QUERIES) {
        const expected = await plain(q, visible);
        for (const limit of [3, 100]) {
          const got = await paged(q, visible, limit);
          expect({ q, limit, ids: got.ids }).toEqual({ q, limit, ids: expected });
          expect({ q, total: got.total }).toEqual({ q, total: expected.length });
        }
        found += expected.length;
      }
      // The fixture must give these scopes something to find (or, for the empty ones, nothing).
      if (name === 'no scope' || name === 'no domain') expect(found).toBe(0);
      else expect(found).toBeGreaterThan(20);
    });
  }

  it('crosses the turn of a year in UTC, the older case after the newer', async () => {
    const page = await store.search({ by: 'text', value: 'Lindqvist' }, { limit: 100 });
    const times = page.items.map((c) => c.source.sourceUpdatedAt);
    expect(times).toContain('2024-12-31T23:59:59.999Z');
    expect(times.indexOf('2025-01-01T00:00:00.000Z')).toBe(times.indexOf('2024-12-31T23:59:59.999Z') - 1);
    expect(times).toEqual([...times].sort().reverse());
  });

  it('never finds a protected person by name, yet finds the case by its title', async () => {
    expect((await store.search({ by: 'text', value: 'Hemlig Skyddad' })).items).toEqual([]);
    const byTitle = await store.search({ by: 'text', value: 'carport' }, { limit: 100 });
    expect(byTitle.items.map((c) => c.source.sourceId)).toContain('txt-6');
  });

  it('counts up to the cap, and says there are more', async () => {
    const page = await store.search({ by: 'text', value: 'bygglov' }, { limit: 5, count: 10 });
    expect(page).toMatchObject({ total: 10, totalCapped: true });
    expect(page.items).toHaveLength(5);
  });

  it('counts year by year exactly up to the cap, across years, within a scope', async () => {
    const visible = SCOPES['two municipalities, different domains'] as Visible;
    const all = await plain('bygglov', visible);
    // The matches lie in every year of the fixture: the count must walk them all to reach the total.
    expect(all.length).toBeGreaterThan(30);
    const search = (count: number) =>
      store.search({ by: 'text', value: 'bygglov' }, { limit: 3, count, visible });
    expect(await search(all.length)).toMatchObject({ total: all.length });
    expect((await search(all.length)).totalCapped).toBeUndefined();
    expect(await search(all.length - 1)).toMatchObject({ total: all.length - 1, totalCapped: true });
    // Passed within the newest year alone.
    expect(await search(2)).toMatchObject({ total: 2, totalCapped: true });
  });

  it('puts the visibility, for all years and for one, where the search index answers it', async () => {
    expect(scopeKeys(SCOPES['an office'] as Visible)).toBeUndefined();
    expect(scopeKeys({ scopes: [], elsewhere: { domains: ['x'], except: [] } })).toBeUndefined();
    expect(scopeClause(scopeKeys({ scopes: [] }) ?? ['?'], String)).toBe('FALSE');
    expect(scopeKeys(SCOPES['two municipalities, different domains'] as Visible)?.sort()).toEqual([
      '2460 building_permit',
      '2460 school_placement',
      '2480 building_permit',
      '2480 social_services',
    ]);
    const literal = (v: unknown) => `'{${(v as string[]).map((k) => `"${k}"`).join(',')}}'`;
    const scope = scopeClause(scopeKeys(SCOPES['one municipality, two domains'] as Visible) ?? [], literal);
    // Few rows here: without the planner's table scan, the index must serve every condition itself.
    // Planned with the table's statistics as they are, whatever ran before on this backend.
    await db.query('ANALYZE cases');
    const plan = async (sql: string) =>
      db.transaction(async (tx) => {
        await tx.query('SET LOCAL enable_seqscan = off');
        const { rows } = await tx.query<Record<string, string>>(`EXPLAIN ${sql}`);
        return rows.map((r) => Object.values(r)[0]).join('\n');
      });
    const words = "c.search @@ websearch_to_tsquery('swedish', 'garage')";
    const all = await plan(`SELECT c.id FROM cases c WHERE ${words} AND ${scope}`);
    // Every index condition of the plan (a bitmap plan may AND several scans of the index).
    const cond = (plan: string) =>
      plan
        .split('\n')
        .filter((l) => l.includes('Index Cond:'))
        .join('\n');
    expect(cond(all)).toMatch(/municipality_code.*domain/);
    expect(cond(all)).toContain('search @@');
    // The key alone: only an index on exactly this expression can answer it (else a table scan and a filter).
    const year = await plan(
      `SELECT c.id FROM cases c WHERE ${SCOPE_YEAR_KEY} = ANY('{"2480 building_permit 2025"}')`,
    );
    expect(year).toContain('cases_search_scope_idx');
    expect(cond(year)).toContain('date_part');
    expect(`${all}\n${year}`).not.toContain('Filter:');
  });
});
