/**
 * A mapping that declares the source's own version number (`identity.sourceVersion`): a redelivered
 * older event with the same change time never flips a decided case back, whichever order the two
 * arrive in (issue 13, item 6), on every store backend.
 */

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compileMapping, type MapResult } from '../../mappings/engine/compile-mapping.js';
import { EXAMPLE_CASE_ID_KEY, EXAMPLE_PERSON_REF_KEY, readExample } from '../../mappings/engine/examples.js';
import { loadMapping } from '../../mappings/engine/load-mapping.js';
import { createPersonRefHasher } from '../../person/person-ref.js';
import type { CanonicalCase } from '../../schemas/case.js';
import { createCaseIdMinter } from '../../schemas/case-id.js';
import { type CaseStore, createCaseStore } from '../../store/case-store.js';
import { contentHash } from '../../store/case-version.js';
import type { Db } from '../../store/db.js';
import { backends, freshDatabase } from '../support/databases.js';

const MAPPING = new URL('../../mappings/omsorg-xml/socialtjanst.yaml', import.meta.url).pathname;
const decidedRecord = readExample(
  new URL('../../mappings/omsorg-xml/examples/beslutad.json', import.meta.url).pathname,
).source as Record<string, unknown>;

const mapping = loadMapping(MAPPING).mapping;
mapping.identity.sourceVersion = { path: '@version' };
const mapper = compileMapping(mapping);
const options = {
  personRefs: createPersonRefHasher(EXAMPLE_PERSON_REF_KEY),
  caseIds: createCaseIdMinter(EXAMPLE_CASE_ID_KEY),
  now: new Date('2026-05-20T08:00:00Z'),
};

/** The same event a moment earlier in the source's own numbering: the case still under investigation. */
function olderEvent(version: string, title: string): Record<string, unknown> {
  const { Beslut: _decision, ...rest } = structuredClone(decidedRecord);
  return {
    ...rest,
    '@version': version,
    Rubrik: title,
    Status: { '@kod': 'UTR', '@datum': rest['@senastAndrad'] },
  };
}

async function mapped(record: unknown): Promise<CanonicalCase> {
  const result: MapResult = await mapper.map(record, options);
  if (result.ok !== true) throw new Error(`did not map: ${JSON.stringify(result)}`);
  return result.case;
}

describe('a mapping that declares the source version', () => {
  it('carries the number into the case, and refuses one that is not a whole number', async () => {
    expect((await mapped({ ...decidedRecord, '@version': '12' })).source.sourceVersion).toBe(12);
    const bad = await mapper.map({ ...decidedRecord, '@version': 'tolv' }, options);
    expect(bad.ok).toBe(false);
    expect(bad.ok === false && bad.errors.map((e) => e.field)).toContain('source.sourceVersion');
  });
});

describe.each(backends(import.meta.url))('a redelivered older event on %s', (backend) => {
  let db: Db;
  let drop: () => Promise<void>;
  let store: CaseStore;
  let decided: CanonicalCase;
  let older: CanonicalCase;

  beforeAll(async () => {
    ({ db, drop } = await freshDatabase(backend));
    store = createCaseStore(db);
    decided = await mapped({ ...decidedRecord, '@version': '8' });
    // An older event whose content hash is greater: only the source's number can tell them apart right.
    for (let n = 0; ; n += 1) {
      older = await mapped(olderEvent('7', `Ansökan om försörjningsstöd maj (${n})`));
      if (contentHash(older) > contentHash(decided)) break;
    }
  });
  afterAll(async () => drop());

  it('never flips a decided case back, and both delivery orders end in the same case', async () => {
    expect(older.source.sourceUpdatedAt).toBe(decided.source.sourceUpdatedAt);
    expect(await store.upsertMany([older])).toEqual(['inserted']);
    expect(await store.upsertMany([decided])).toEqual(['updated']);
    expect(await store.upsertMany([older])).toEqual(['stale']);
    const first = await store.get(decided.id);
    expect(first?.case.status.code).toBe('decided');
    expect(first?.history.map((h) => h.code)).toEqual(['in_progress', 'decided']);

    await db.query('DELETE FROM cases WHERE id = $1', [decided.id]);
    expect(await store.upsertMany([decided])).toEqual(['inserted']);
    expect(await store.upsertMany([older])).toEqual(['stale']);
    const second = await store.get(decided.id);
    expect(second?.case).toEqual(first?.case);
  });
});
