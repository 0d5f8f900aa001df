/**
 * Rotating PERSON_REF_KEY: with the old key listed in PERSON_REF_KEY_PREVIOUS, people are still found
 * under references made with it until every source has been re-read, and quarantined records still open.
 */

import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseEnv } from '../../app/env.js';
import { openHubCore } from '../../app/hub.js';
import { createPersonRefHasher } from '../../person/person-ref.js';
import { createSealedBox } from '../../person/sealed-box.js';
import { bearer, jsonPost, testApp } from '../support/app.js';
import { fixtureCases, PNR_MAJA } from '../support/fixtures.js';

const OLD_KEY = 'old-person-ref-key-0123456789abcdefghij';
const NEW_KEY = 'new-person-ref-key-0123456789abcdefghij';

type Ctx = Awaited<ReturnType<typeof testApp>>;
let rotating: Ctx;
const oldRefs = createPersonRefHasher(OLD_KEY);
const stored = fixtureCases(oldRefs);

const refsOf = async (t: Ctx, token: string) =>
  (
    (await (await t.app.request('/api/v1/me/cases', bearer(token))).json()).items as { reference: string }[]
  ).map((i) => i.reference);

beforeAll(async () => {
  rotating = await testApp('pglite', { personRefs: createPersonRefHasher(NEW_KEY, [OLD_KEY]) });
  // Everything in the store was referenced under the old key.
  await rotating.store.upsertMany(Object.values(stored));
});
afterAll(async () => rotating.drop());

describe('a PERSON_REF_KEY rotation', () => {
  it('still finds a citizen’s cases stored under the previous key, and opens them', async () => {
    const maja = await rotating.tokenFor('medborgare');
    expect(await refsOf(rotating, maja)).toEqual(['SN 2026/0457', 'BN 2026-000123']);
    expect((await rotating.app.request(`/api/v1/me/cases/${stored.garage.id}`, bearer(maja))).status).toBe(
      200,
    );
  });

  it('still finds them by personnummer for staff', async () => {
    const staff = await rotating.tokenFor('infocenter');
    const res = await rotating.app.request(
      '/api/v1/cases/search',
      jsonPost(staff, { personnummer: PNR_MAJA }),
    );
    expect((await res.json()).items.map((i: { reference: string }) => i.reference)).toEqual([
      'BN 2026-000123',
    ]);
  });

  it('stores re-read cases under the new key and finds each once, whichever key made it', async () => {
    const newRefs = createPersonRefHasher(NEW_KEY);
    const reRead = fixtureCases(newRefs).garage;
    await rotating.store.upsertMany([
      { ...reRead, source: { ...reRead.source, sourceUpdatedAt: '2026-05-20T08:00:00.000Z' } },
    ]);
    const row = await rotating.db.query<{ refs: string[] }>(
      'SELECT person_refs AS refs FROM cases WHERE id = $1',
      [stored.garage.id],
    );
    expect(row.rows[0]?.refs).toEqual([newRefs.fromInput(PNR_MAJA)]);
    const maja = await rotating.tokenFor('medborgare');
    expect(await refsOf(rotating, maja)).toEqual(['BN 2026-000123', 'SN 2026/0457']);
  });

  it('without the previous key, cases not yet re-read are lost to the person: the reason to list it', async () => {
    const newOnly = await testApp('pglite', { personRefs: createPersonRefHasher(NEW_KEY) });
    try {
      await newOnly.store.upsertMany(Object.values(stored));
      expect(await refsOf(newOnly, await newOnly.tokenFor('medborgare'))).toEqual([]);
    } finally {
      await newOnly.drop();
    }
  });

  it('opens quarantined records sealed under the previous key, and seals new ones under the current', () => {
    const sealedBefore = createSealedBox(OLD_KEY, 'quarantine').seal({ dnr: 'BN 2026-1' });
    const box = createSealedBox(NEW_KEY, 'quarantine', [OLD_KEY]);
    expect(box.open(sealedBefore)).toEqual({ dnr: 'BN 2026-1' });
    expect(createSealedBox(NEW_KEY, 'quarantine').open(box.seal({ a: 1 }))).toEqual({ a: 1 });
    expect(() => createSealedBox(NEW_KEY, 'quarantine').open(sealedBefore)).toThrow();
  });

  it('reaches the hub: openHubCore builds references under every configured key', async () => {
    const env = parseEnv(
      {
        PERSON_REF_KEY: NEW_KEY,
        PERSON_REF_KEY_PREVIOUS: OLD_KEY,
        ARENDENAV_DATA_DIR: mkdtempSync(join(tmpdir(), 'arendenav-rot-')),
        LOG_LEVEL: 'silent',
      },
      'demo',
    );
    const core = await openHubCore(env, 'demo');
    try {
      expect(core.personRefs.allFromInput(PNR_MAJA)).toEqual([
        createPersonRefHasher(NEW_KEY).fromInput(PNR_MAJA),
        oldRefs.fromInput(PNR_MAJA),
      ]);
    } finally {
      await core.db.close();
    }
  });

  it('reads PERSON_REF_KEY_PREVIOUS as a comma-separated list of long keys', () => {
    expect(
      parseEnv({ PERSON_REF_KEY_PREVIOUS: `${OLD_KEY}, ${NEW_KEY}` }, 'demo').PERSON_REF_KEY_PREVIOUS,
    ).toEqual([OLD_KEY, NEW_KEY]);
    expect(parseEnv({}, 'demo').PERSON_REF_KEY_PREVIOUS).toEqual([]);
    expect(() => parseEnv({ PERSON_REF_KEY_PREVIOUS: 'short' }, 'demo')).toThrow(/at least 32 characters/);
  });
});
