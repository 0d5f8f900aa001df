/**
 * No audit entry, no data: every way case data is shown (a read by id, each kind of search, a
 * citizen's own list) answers an error and shows nothing when its audit entry cannot be written.
 * A regression this catches: an audit write that fails open (not awaited, or its error swallowed).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, jsonPost, testApp } from '../../test/support/app.js';
import { backends } from '../../test/support/databases.js';
import { fixtureCases, PNR_MAJA } from '../../test/support/fixtures.js';
import { pageClient } from '../../test/support/page-client.js';

type Ctx = Awaited<ReturnType<typeof testApp>>;
type Pages = ReturnType<typeof pageClient>;
/** The app, the garage case's id, and a signed-in browser for staff and for Maja. */
type Session = { t: Ctx; garageId: string; staff: Pages; citizen: Pages };
/** One way of being shown the garage case. */
type Read = {
  /** The API answers problem+json, the pages a message page. */
  kind: 'api' | 'page';
  send: (s: Session) => Promise<Answer>;
};
type Answer = { status: number; body: string };
const answer = async (res: Response | Promise<Response>): Promise<Answer> => {
  const r = await res;
  return { status: r.status, body: await r.text() };
};
const page = async (got: Promise<{ res: Response; html: string }>): Promise<Answer> => {
  const { res, html } = await got;
  return { status: res.status, body: html };
};

const GARAGE_REFERENCE = 'BN 2026-000123';
const search =
  (body: object) =>
  async ({ t }: Session) =>
    answer(t.app.request('/api/v1/cases/search', jsonPost(await t.tokenFor('infocenter'), body)));

const READS: [string, Read][] = [
  [
    'a staff read by id',
    {
      kind: 'api',
      send: async ({ t, garageId }) =>
        answer(t.app.request(`/api/v1/cases/${garageId}`, bearer(await t.tokenFor('infocenter')))),
    },
  ],
  ['a search by reference', { kind: 'api', send: search({ reference: GARAGE_REFERENCE }) }],
  ['a search by personnummer', { kind: 'api', send: search({ personnummer: PNR_MAJA }) }],
  ['a free-text search', { kind: 'api', send: search({ q: 'garage' }) }],
  ['a search by property', { kind: 'api', send: search({ property: 'Tallen 4' }) }],
  [
    "a citizen's own list",
    {
      kind: 'api',
      send: async ({ t }) =>
        answer(t.app.request('/api/v1/me/cases', bearer(await t.tokenFor('medborgare')))),
    },
  ],
  [
    "a citizen's own case",
    {
      kind: 'api',
      send: async ({ t, garageId }) =>
        answer(t.app.request(`/api/v1/me/cases/${garageId}`, bearer(await t.tokenFor('medborgare')))),
    },
  ],
  [
    "the staff console's search",
    { kind: 'page', send: ({ staff }) => page(staff.post('/staff/sok', { q: 'garage' })) },
  ],
  ['Mina ärenden', { kind: 'page', send: ({ citizen }) => page(citizen.get('/mina-arenden')) }],
];

/** Runs `fn` while the audit log cannot be written to: a real failure of the insert, on either backend. */
async function withoutAuditLog<T>(t: Ctx, fn: () => Promise<T>): Promise<T> {
  await t.db.query('ALTER TABLE audit_log RENAME TO audit_log_away');
  try {
    return await fn();
  } finally {
    await t.db.query('ALTER TABLE audit_log_away RENAME TO audit_log');
  }
}

describe.each(backends(import.meta.url))('audit fails closed on %s', (backend) => {
  let s: Session;

  beforeAll(async () => {
    const t = await testApp(backend);
    const { garage } = fixtureCases(t.personRefs);
    await t.store.upsertMany([garage]);
    s = { t, garageId: garage.id, staff: pageClient(t.app), citizen: pageClient(t.app) };
    await s.staff.signIn('infocenter');
    await s.staff.get('/staff');
    await s.citizen.signIn('medborgare');
  });
  afterAll(async () => s.t.drop());

  it.each(READS)('%s: no audit entry, no data', async (_label, read) => {
    // The same request shows the case while the log can be written: what is missing below is the data.
    const shown = await read.send(s);
    expect(shown.status).toBe(200);
    expect(shown.body).toContain(GARAGE_REFERENCE);

    const refused = await withoutAuditLog(s.t, () => read.send(s));
    expect(refused.status).toBe(503);
    expect(refused.body).not.toContain(GARAGE_REFERENCE);
    expect(refused.body).not.toContain('Nybyggnad av garage');
    expect(refused.body).toContain(
      read.kind === 'api'
        ? 'could not be recorded'
        : 'Tjänsten kan inte visa uppgifterna just nu. Försök igen om en stund.',
    );
  });
});
