import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadPolicy } from '../policy/load-policy.js';
import { searchIndexRule } from '../policy/protected-identity.js';
import { makeCase } from '../test/support/cases.js';
import { backends, freshDatabase } from '../test/support/databases.js';
import { type CaseStore, createCaseStore, type SearchOptions } from './case-store.js';
import type { Db } from './db.js';
import { listMigrations, migrate } from './migrate.js';

const REF_A = `pr1_${'A'.repeat(43)}`;
const REF_B = `pr1_${'B'.repeat(43)}`;
/** Only the getMany test's cases: a search test counting REF_A's cases must not see them. */
const REF_MANY_A = `pr1_${'M'.repeat(43)}`;
const REF_MANY_B = `pr1_${'N'.repeat(43)}`;

describe.each(backends(import.meta.url))('case store on %s', (backend) => {
  let db: Db;
  let drop: () => Promise<void>;
  let store: CaseStore;

  beforeAll(async () => {
    ({ db, drop } = await freshDatabase(backend));
    store = createCaseStore(db, { searchIndex: searchIndexRule(loadPolicy()) });
  });
  afterAll(async () => drop());

  it('applies migrations only once', async () => {
    expect(await migrate(db)).toEqual([]);
  });

  it('inserts, then reads back the case with its first status in history', async () => {
    const c = makeCase({ sourceId: 'ins-1', status: 'received', updatedAt: '2026-02-01T08:00:00.000Z' });
    expect(await store.upsertMany([c])).toEqual(['inserted']);
    const got = await store.get(c.id);
    expect(got?.case.reference).toBe(c.reference);
    expect(got?.history.map((h) => h.code)).toEqual(['received']);
    expect(got?.history[0]?.since).toBe('2026-02-01T08:00:00.000Z');
  });

  it('reads several cases with their histories in one call, filtered by person like get', async () => {
    const party = (ref: string) => [{ role: 'applicant' as const, personRef: ref, protectedIdentity: false }];
    const a = makeCase({
      sourceId: 'many-1',
      parties: party(REF_MANY_A),
      status: 'received',
      updatedAt: '2026-02-01T08:00:00.000Z',
    });
    const b = makeCase({
      sourceId: 'many-2',
      parties: party(REF_MANY_B),
      updatedAt: '2026-02-01T08:00:00.000Z',
    });
    await store.upsertMany([a, b]);
    await store.upsertMany([
      {
        ...a,
        status: { ...a.status, code: 'decided', since: '2026-02-02T08:00:00.000Z' },
        source: { ...a.source, sourceUpdatedAt: '2026-02-02T08:00:00.000Z' },
      },
    ]);
    const both = await store.getMany([a.id, b.id, '00000000-0000-5000-8000-000000000000']);
    expect(both.map((s) => s.case.id).sort()).toEqual([a.id, b.id].sort());
    expect(both.find((s) => s.case.id === a.id)?.history.map((h) => h.code)).toEqual(['received', 'decided']);
    expect((await store.getMany([a.id, b.id], { personRefs: [REF_MANY_A] })).map((s) => s.case.id)).toEqual([
      a.id,
    ]);
    expect(await store.getMany([])).toEqual([]);
  });

  it('appends history only when the status changes', async () => {
    const base = { sourceId: 'hist-1' };
    await store.upsertMany([
      makeCase({ ...base, status: 'received', updatedAt: '2026-02-01T08:00:00.000Z' }),
    ]);
    const retitled = makeCase({
      ...base,
      status: 'received',
      updatedAt: '2026-02-02T08:00:00.000Z',
      title: 'Ny titel',
    });
    expect(await store.upsertMany([retitled])).toEqual(['updated']);
    await store.upsertMany([
      makeCase({ ...base, status: 'in_progress', updatedAt: '2026-02-03T08:00:00.000Z' }),
    ]);
    const got = await store.get(retitled.id);
    expect(got?.history.map((h) => h.code)).toEqual(['received', 'in_progress']);
  });

  it('never lets an older record overwrite a newer one', async () => {
    const newer = makeCase({ sourceId: 'ooo-1', status: 'decided', updatedAt: '2026-04-10T10:00:00.000Z' });
    const older = makeCase({
      sourceId: 'ooo-1',
      status: 'in_progress',
      updatedAt: '2026-04-01T10:00:00.000Z',
    });
    await store.upsertMany([newer]);
    expect(await store.upsertMany([older])).toEqual(['stale']);
    const got = await store.get(newer.id);
    expect(got?.case.status.code).toBe('decided');
    expect(got?.history.map((h) => h.code)).toEqual(['decided']);
  });

  it('treats a replay of the same version as unchanged but records the newer fetch time', async () => {
    const c = makeCase({ sourceId: 'dup-1', updatedAt: '2026-04-01T10:00:00.000Z' });
    await store.upsertMany([c]);
    const replay = { ...c, source: { ...c.source, fetchedAt: '2026-05-01T00:00:00.000Z' } };
    expect(await store.upsertMany([replay, replay])).toEqual(['unchanged', 'unchanged']);
    const got = await store.get(c.id);
    expect(got?.case.source.fetchedAt).toBe('2026-05-01T00:00:00.000Z');
    expect(got?.history).toHaveLength(1);
  });

  it('applies a same-timestamp correction (e.g. a fixed mapping) without adding history', async () => {
    const c = makeCase({ sourceId: 'fix-1', updatedAt: '2026-04-01T10:00:00.000Z' });
    await store.upsertMany([c]);
    const fixed = { ...c, title: 'Rättad titel', source: { ...c.source, mappingVersion: '1.0.1' } };
    expect(await store.upsertMany([fixed])).toEqual(['updated']);
    expect((await store.get(c.id))?.case.title).toBe('Rättad titel');
  });

  it('orders versions inside one batch by source time, keeping every status passed', async () => {
    const v1 = makeCase({ sourceId: 'batch-1', status: 'received', updatedAt: '2026-01-01T00:00:00.000Z' });
    const v2 = makeCase({
      sourceId: 'batch-1',
      status: 'in_progress',
      updatedAt: '2026-01-02T00:00:00.000Z',
    });
    const v3 = makeCase({ sourceId: 'batch-1', status: 'decided', updatedAt: '2026-01-03T00:00:00.000Z' });
    expect(await store.upsertMany([v3, v1, v2])).toEqual(['updated', 'inserted', 'updated']);
    const got = await store.get(v1.id);
    expect(got?.case.status.code).toBe('decided');
    expect(got?.history.map((h) => h.code)).toEqual(['received', 'in_progress', 'decided']);
  });

  it('rolls back the whole batch when one case is invalid', async () => {
    const good = makeCase({ sourceId: 'rb-1' });
    const bad = { ...makeCase({ sourceId: 'rb-2' }), reference: '' };
    await expect(store.upsertMany([good, bad])).rejects.toThrow(/batch position 1/);
    expect(await store.get(good.id)).toBeUndefined();
  });

  it('derives the current status from the newest history entry, and keeps the fetch time once', async () => {
    const c = makeCase({ sourceId: 'der-1', status: 'received', updatedAt: '2026-03-01T08:00:00.000Z' });
    const later = makeCase({ sourceId: 'der-1', status: 'decided', updatedAt: '2026-03-05T08:00:00.000Z' });
    await store.upsertMany([c]);
    await store.upsertMany([later]);
    // The document stored holds neither the status nor the fetch time: one place for each.
    const { rows } = await db.query<{ doc: Record<string, unknown>; status_code: string }>(
      'SELECT doc, status_code FROM cases WHERE id = $1',
      [c.id],
    );
    expect(rows[0]?.doc).not.toHaveProperty('status');
    expect(rows[0]?.doc.source).not.toHaveProperty('fetchedAt');
    // The filter column is the database's copy of the newest history entry.
    expect(rows[0]?.status_code).toBe('decided');
    const got = await store.get(c.id);
    expect(got?.case.status).toMatchObject({ code: 'decided', label: { sv: 'Beslut fattat' } });
    expect(got?.case.status.since).toBe(got?.history.at(-1)?.since);
    expect(got?.case.source.fetchedAt).toBe(new Date(later.source.fetchedAt).toISOString());
    expect((await store.search({ by: 'reference', value: c.reference })).items[0]?.status.code).toBe(
      'decided',
    );
  });

  it('starts a new case’s history from the events its source knows, then appends only changes', async () => {
    const c = makeCase({
      sourceId: 'seed-1',
      status: 'awaiting_applicant',
      updatedAt: '2026-03-10T08:00:00.000Z',
    });
    const seeded = {
      ...c,
      statusHistory: [
        { code: 'received' as const, sourceCode: 'ANSOKAN', since: '2026-03-01T08:00:00.000Z' },
        { code: 'in_progress' as const, sourceCode: 'REG', since: '2026-03-02T08:00:00.000Z' },
        { code: 'awaiting_applicant' as const, sourceCode: 'KOMP', since: '2026-03-05T08:00:00.000Z' },
      ],
      status: { ...c.status, sourceCode: 'KOMP', since: '2026-03-05T08:00:00.000Z' },
    };
    await store.upsertMany([seeded]);
    const first = await store.get(c.id);
    expect(first?.history.map((h) => h.code)).toEqual(['received', 'in_progress', 'awaiting_applicant']);
    expect(first?.case.status.since).toBe('2026-03-05T08:00:00.000Z');
    expect(first?.case).not.toHaveProperty('statusHistory');
    // A later version's events are not replayed into a history the hub already keeps.
    const decided = makeCase({
      sourceId: 'seed-1',
      status: 'decided',
      updatedAt: '2026-04-01T08:00:00.000Z',
    });
    await store.upsertMany([{ ...decided, statusHistory: seeded.statusHistory }]);
    expect((await store.get(c.id))?.history.map((h) => h.code)).toEqual([
      'received',
      'in_progress',
      'awaiting_applicant',
      'decided',
    ]);
  });

  it('remembers the configured source a case was synced from', async () => {
    const c = makeCase({ sourceId: 'orig-1' });
    await db.transaction((tx) => store.upsertManyIn(tx, [c], { syncSource: 'umea-byggr' }));
    expect((await store.get(c.id))?.syncSource).toBe('umea-byggr');
    // A write that does not say where it came from (a test, an import) keeps what was known.
    await store.upsertMany([
      { ...c, title: 'Ny titel', source: { ...c.source, sourceUpdatedAt: '2026-12-01T00:00:00.000Z' } },
    ]);
    expect((await store.get(c.id))?.syncSource).toBe('umea-byggr');
  });

  it('removes a case its source deleted, with its history, and older data never brings it back', async () => {
    const c = makeCase({ sourceId: 'gone-1', status: 'closed', updatedAt: '2026-03-01T08:00:00.000Z' });
    await store.upsertMany([c]);
    const removed = await db.transaction((tx) =>
      store.removeIn(tx, [{ id: c.id, at: '2026-05-01T00:00:00.000Z' }]),
    );
    expect(removed).toEqual([c.id]);
    expect(await store.get(c.id)).toBeUndefined();
    const { rows } = await db.query('SELECT 1 FROM case_status_history WHERE case_id = $1', [c.id]);
    expect(rows).toEqual([]);
    // A redelivered older copy is refused; only data newer than the deletion may bring the case back.
    expect(await store.upsertMany([c])).toEqual(['stale']);
    expect(await store.get(c.id)).toBeUndefined();
    const reopened = makeCase({
      sourceId: 'gone-1',
      status: 'received',
      updatedAt: '2026-06-01T08:00:00.000Z',
    });
    expect(await store.upsertMany([reopened])).toEqual(['inserted']);
  });

  it('keeps a version newer than a deletion that arrives late', async () => {
    const c = makeCase({ sourceId: 'late-1', updatedAt: '2026-05-10T08:00:00.000Z' });
    await store.upsertMany([c]);
    const removed = await db.transaction((tx) =>
      store.removeIn(tx, [{ id: c.id, at: '2026-05-01T00:00:00.000Z' }]),
    );
    expect(removed).toEqual([]);
    expect((await store.get(c.id))?.case.title).toBe(c.title);
  });

  it('removes a case deleted at the moment of its last change, and a copy that old does not bring it back', async () => {
    const c = makeCase({ sourceId: 'same-1', updatedAt: '2026-05-10T08:00:00.000Z' });
    await store.upsertMany([c]);
    const removed = await db.transaction((tx) =>
      store.removeIn(tx, [{ id: c.id, at: '2026-05-10T08:00:00.000Z' }]),
    );
    expect(removed).toEqual([c.id]);
    expect(await store.upsertMany([c])).toEqual(['stale']);
    expect(await store.get(c.id)).toBeUndefined();
  });

  it('keeps the latest fetch time when one batch reads the same version twice, in any order', async () => {
    const c = makeCase({ sourceId: 'fetch-1', updatedAt: '2026-05-10T08:00:00.000Z' });
    await store.upsertMany([c]);
    const fetched = (at: string) => ({ ...c, source: { ...c.source, fetchedAt: at } });
    await store.upsertMany([fetched('2026-05-12T10:00:00.000Z'), fetched('2026-05-11T10:00:00.000Z')]);
    const { rows } = await db.query<{ at: string }>(
      `SELECT to_char(fetched_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI') AS at FROM cases WHERE id = $1`,
      [c.id],
    );
    expect(rows[0]?.at).toBe('2026-05-12T10:00');
  });

  it('refuses to change a status history entry', async () => {
    const c = makeCase({ sourceId: 'imm-1' });
    await store.upsertMany([c]);
    await expect(
      db.query("UPDATE case_status_history SET code = 'closed' WHERE case_id = $1", [c.id]),
    ).rejects.toThrow(/append-only/);
  });

  it('finds a case by an organisation party, never by person references, and backfills cases stored before 008', async () => {
    const org = `or1_${'O'.repeat(43)}`;
    const c = makeCase({
      sourceId: 'org-1',
      parties: [
        { role: 'applicant', orgRef: org, displayName: 'Testbyggarna i Norr AB', protectedIdentity: false },
        { role: 'co_applicant', personRef: REF_B, protectedIdentity: false },
      ],
    });
    await store.upsertMany([c]);
    const ids = async (by: 'orgRef' | 'personRef', value: string) =>
      (await store.search({ by, value })).items.map((i) => i.id);
    expect(await ids('orgRef', org)).toEqual([c.id]);
    // A citizen's list searches person references: an organisation's reference never matches there.
    expect(await ids('personRef', org)).toEqual([]);
    expect(await ids('orgRef', REF_B)).toEqual([]);
    // A case written before migration 008 has no org_refs: the migration takes them from the document.
    await db.query("UPDATE cases SET org_refs = '{}' WHERE id = $1", [c.id]);
    expect(await ids('orgRef', org)).toEqual([]);
    const [m008] = listMigrations().filter((m) => m.version.startsWith('008_'));
    await db.exec((m008 as { sql: string }).sql);
    expect(await ids('orgRef', org)).toEqual([c.id]);
  });

  describe('search', () => {
    beforeAll(async () => {
      await store.upsertMany([
        makeCase({
          sourceId: '777',
          reference: 'BN 2026-000777',
          title: 'Tillbyggnad av garage',
          property: { designation: 'Umeå Tallen 4', address: 'Storgatan 12' },
          parties: [
            { role: 'applicant', displayName: 'Åsa Lindqvist', personRef: REF_A, protectedIdentity: false },
          ],
          updatedAt: '2026-05-01T00:00:00.000Z',
        }),
        makeCase({
          sourceId: '7770',
          reference: 'BN 2026-007770',
          title: 'Rivning av förråd',
          property: { designation: 'Tallen 40' },
          parties: [
            { role: 'applicant', displayName: 'Hemlig Person', personRef: REF_B, protectedIdentity: true },
          ],
          updatedAt: '2026-05-02T00:00:00.000Z',
        }),
        makeCase({
          sourceId: 'sn-1',
          domain: 'social_services',
          reference: 'SN 2026/0457',
          title: 'Ansökan om försörjningsstöd',
          parties: [
            { role: 'client', displayName: 'Åsa Lindqvist', personRef: REF_A, protectedIdentity: false },
          ],
          updatedAt: '2026-05-03T00:00:00.000Z',
        }),
      ]);
    });

    it('finds a reference however it is typed', async () => {
      for (const typed of ['BN 2026-000777', 'bn 2026-777', 'BN2026/777']) {
        const page = await store.search({ by: 'reference', value: typed });
        expect(page.items.map((c) => c.reference)).toEqual(['BN 2026-000777']);
      }
      const sn = await store.search({ by: 'reference', value: 'SN 2026-457' });
      expect(sn.items.map((c) => c.reference)).toEqual(['SN 2026/0457']);
    });

    it('finds cases by person reference, limited to visible domains in SQL', async () => {
      const all = await store.search({ by: 'personRef', value: REF_A });
      expect(all.items.map((c) => c.reference).sort()).toEqual(['BN 2026-000777', 'SN 2026/0457']);
      const staff = await store.search(
        { by: 'personRef', value: REF_A },
        { visible: { scopes: [{ municipality: '2480', domains: ['building_permit'] }] } },
      );
      expect(staff.items.map((c) => c.reference)).toEqual(['BN 2026-000777']);
    });

    it('applies (municipality, domain, office) scopes and, for citizens, the domains of the other municipalities', async () => {
      const refs = async (visible: SearchOptions['visible']) =>
        (await store.search({ by: 'personRef', value: REF_A }, { visible })).items
          .map((c) => c.reference)
          .sort();
      // Both fixture cases are Umeå's (2480) and of office BN.
      expect(
        await refs({ scopes: [{ municipality: '2480', domains: ['social_services'], office: 'BN' }] }),
      ).toEqual(['SN 2026/0457']);
      expect(
        await refs({ scopes: [{ municipality: '2480', domains: ['social_services'], office: 'SN' }] }),
      ).toEqual([]);
      expect(
        await refs({ scopes: [{ municipality: '2460', domains: ['building_permit', 'social_services'] }] }),
      ).toEqual([]);
      expect(await refs({ scopes: [] })).toEqual([]);
      expect(await refs({ scopes: [], elsewhere: { domains: ['building_permit'], except: [] } })).toEqual([
        'BN 2026-000777',
      ]);
      expect(
        await refs({ scopes: [], elsewhere: { domains: ['building_permit'], except: ['2480'] } }),
      ).toEqual([]);
    });

    it('finds a property with or without the municipality name, but not one of a protected person', async () => {
      for (const typed of ['Tallen 4', 'umeå tallen 4', 'TALLEN  4']) {
        const page = await store.search({ by: 'property', value: typed });
        expect(page.items.map((c) => c.reference)).toEqual(['BN 2026-000777']);
      }
      const prefix = await store.search({ by: 'property', value: 'Tallen' });
      expect(prefix.items.map((c) => c.reference)).toEqual(['BN 2026-000777']);
    });

    it('searches free text in Swedish (stemmed), names included unless protected', async () => {
      const garage = await store.search({ by: 'text', value: 'garage' });
      expect(garage.items.map((c) => c.reference)).toEqual(['BN 2026-000777']);
      const stemmed = await store.search({ by: 'text', value: 'rivningen' });
      expect(stemmed.items.map((c) => c.reference)).toEqual(['BN 2026-007770']);
      const name = await store.search(
        { by: 'text', value: 'Lindqvist' },
        { filters: { domain: ['building_permit'] } },
      );
      expect(name.items.map((c) => c.reference)).toEqual(['BN 2026-000777']);
      expect((await store.search({ by: 'text', value: 'Hemlig' })).items).toEqual([]);
    });

    it('pages with a cursor, newest first, without repeats', async () => {
      const seen: string[] = [];
      let cursor: string | undefined;
      do {
        const page = await store.search(
          { by: 'text', value: 'bygglov' },
          { limit: 2, ...(cursor ? { cursor } : {}) },
        );
        seen.push(...page.items.map((c) => c.id));
        cursor = page.nextCursor ?? undefined;
      } while (cursor);
      const all = await store.search({ by: 'text', value: 'bygglov' }, { limit: 100 });
      expect(seen).toEqual(all.items.map((c) => c.id));
      expect(new Set(seen).size).toBe(seen.length);
      expect(seen.length).toBeGreaterThan(2);
    });

    it('rejects a cursor it did not issue', async () => {
      await expect(
        store.search({ by: 'text', value: 'bygglov' }, { cursor: 'bm90LWEtY3Vyc29y' }),
      ).rejects.toThrow(/cursor/);
    });
  });
});

describe.each(backends(import.meta.url))('search index on %s', (backend) => {
  it('holds only fields classed public or internal, so a hit never reveals what a view masks', async () => {
    const { db, drop } = await freshDatabase(backend);
    try {
      const store = createCaseStore(db, { searchIndex: searchIndexRule(loadPolicy()) });
      await store.upsertMany([
        makeCase({
          sourceId: 'cls-1',
          title: 'Ansökan om ekonomiskt bistånd',
          parties: [
            { role: 'client', displayName: 'Sekretessa Klient', personRef: REF_A, protectedIdentity: false },
          ],
          fieldClasses: { title: 'confidential', parties: 'confidential' },
        }),
        makeCase({
          sourceId: 'cls-2',
          title: 'Nybyggnad av carport',
          parties: [
            { role: 'applicant', displayName: 'Öppen Sökande', personRef: REF_B, protectedIdentity: false },
          ],
          fieldClasses: { title: 'public', parties: 'internal' },
        }),
      ]);
      const find = async (q: string) =>
        (await store.search({ by: 'text', value: q })).items.map((c) => c.source.sourceId);
      expect(await find('Sekretessa')).toEqual([]);
      expect(await find('bistånd')).toEqual([]);
      expect(await find('Sökande')).toEqual(['cls-2']);
      expect(await find('carport')).toEqual(['cls-2']);
    } finally {
      await drop();
    }
  });
});
