/**
 * Input the database cannot take (a tampered cursor, a NUL or a lone surrogate in a search text) is the
 * request's fault: 400 naming the parameter, never a 500, and never repeated in the answer or the log.
 * Issue 13 item 4: each of these answered 500 and logged the cursor text before.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toAppError } from '../../app/errors.js';
import { UNSAFE_TEXT_MESSAGE } from '../../schemas/request-text.js';
import { encodeCursor } from '../../store/case-cursor.js';
import { bearer, jsonPost, testApp } from '../../test/support/app.js';
import { backends } from '../../test/support/databases.js';
import { fixtureCases } from '../../test/support/fixtures.js';
import { csrfIn, ORIGIN, pageClient } from '../../test/support/page-client.js';

const ID = '0b7f3c1e-6a7d-5b1f-9e3c-2a1d4f5e6b7c';
const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
const at = (u: string) => b64([u, ID]);

/** Cursors a client could make up; the label is what the cursor's text says. */
const TAMPERED_CURSORS: [string, string][] = [
  ['a timestamp of "1"', at('1')],
  ['30 February', at('2026-02-30T00:00:00.000000Z')],
  ['year 99999', at('+099999-01-01T00:00:00.000000Z')],
  ['year 99999 without sign', at('99999-01-01T00:00:00.000000Z')],
  ['year -1', at('-000001-01-01T00:00:00.000000Z')],
  ['year 0', at('0000-01-01T00:00:00.000000Z')],
  ['hour 24', at('2026-05-01T24:00:00.000000Z')],
  ['a time without microseconds', at('2026-05-01T08:00:00Z')],
  ['a number for the time', b64([1, ID])],
  ['a number for the id', b64(['2026-05-01T08:00:00.000000Z', 5])],
  ['an id that is not a UUID', b64(['2026-05-01T08:00:00.000000Z', 'x'])],
  ['an object', b64({ u: '2026-05-01T08:00:00.000000Z', i: ID })],
  ['three items', b64(['2026-05-01T08:00:00.000000Z', ID, 'x'])],
  ['null', b64(null)],
  [
    'our cursor spelled with spaces',
    Buffer.from(`[ "2026-05-01T08:00:00.000000Z", "${ID}" ]`).toString('base64url'),
  ],
  ['our cursor with base64 padding', `${encodeCursor({ u: '2026-05-01T08:00:00.000000Z', i: ID })}==`],
  ['over-long', 'QUFB'.repeat(100)],
  ['not base64', '!!!not-base64!!!'],
  ['not JSON', Buffer.from('garbage').toString('base64url')],
  ['a NUL', 'WyIx\u0000'],
  ['a lone surrogate', 'WyIx\uD800'],
];

/** Text no person types; `KEY` marks it so the answer and the log can be searched for it. */
const KEY = 'Nyckelord';
const BAD_TEXTS: [string, string][] = [
  ['a NUL', `${KEY}\u0000 4`],
  ['a lone high surrogate', `${KEY}\uD800 4`],
  ['a lone low surrogate', `${KEY}\uDC00 4`],
  ['a control character', `${KEY}\u0007 4`],
];
const TEXT_FIELDS: [string, (text: string) => object][] = [
  ['q', (text) => ({ q: text })],
  ['property', (text) => ({ property: text })],
  ['reference', (text) => ({ reference: text })],
  ['personnummer', (text) => ({ personnummer: text })],
  ['organisationsnummer', (text) => ({ organisationsnummer: text })],
  ['filters.office.0', (text) => ({ q: 'garage', filters: { office: [text] } })],
];

describe.each(backends(import.meta.url))('bad request input on %s', (backend) => {
  type Ctx = Awaited<ReturnType<typeof testApp>>;
  let t: Ctx;
  let staff: string;
  let citizen: string;
  beforeAll(async () => {
    t = await testApp(backend);
    await t.store.upsertMany(Object.values(fixtureCases(t.personRefs)));
    staff = await t.tokenFor('infocenter');
    citizen = await t.tokenFor('medborgare');
  });
  afterAll(async () => t.drop());

  /** A 400 problem+json naming `field`, in whose body and in whose log lines `secrets` appear nowhere. */
  async function expectRefused(
    request: () => Response | Promise<Response>,
    field: string,
    secrets: string[],
  ) {
    const logged = t.logLines.length;
    const res = await request();
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toBe('application/problem+json');
    const text = await res.text();
    const body = JSON.parse(text);
    expect(body).toMatchObject({ type: 'https://arendenav.se/problems/validation', status: 400 });
    expect(body.title).toMatch(/^Ogiltig begäran/);
    expect(body.errors.map((e: { field: string }) => e.field)).toContain(field);
    expect(body.requestId).toBe(res.headers.get('x-request-id'));
    const lines = t.logLines.slice(logged).join('\n');
    expect(lines).toContain(body.requestId);
    for (const secret of secrets) {
      expect(text).not.toContain(secret);
      expect(lines).not.toContain(secret);
    }
    expect(t.logLines.join('\n')).not.toMatch(/invalid input syntax|out of range|invalid byte sequence/);
    return body;
  }

  it.each(TAMPERED_CURSORS)(
    'a search cursor with %s → 400 naming cursor, not repeated',
    async (_l, cursor) => {
      const res = () => t.app.request('/api/v1/cases/search', jsonPost(staff, { q: 'garage', cursor }));
      const body = await expectRefused(res, 'cursor', [cursor, Buffer.from(cursor, 'base64url').toString()]);
      expect(body.detail).toMatch(/^Markören \(cursor\)/);
      expect(body.errors).toEqual([{ field: 'cursor', message: 'Ogiltig markör / Invalid cursor' }]);
    },
  );

  it.each(TAMPERED_CURSORS)("a citizen's list cursor with %s → 400 naming cursor", async (_l, cursor) => {
    // A lone surrogate travels in a URL as the bytes a careless encoder makes of it (CESU-8).
    const inUrl = cursor.split('\uD800').map(encodeURIComponent).join('%ED%A0%80');
    const res = () => t.app.request(`/api/v1/me/cases?cursor=${inUrl}`, bearer(citizen));
    await expectRefused(res, 'cursor', [cursor]);
  });

  it('still takes the cursors it issues, to the end of the list', async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const res = await t.app.request(
        '/api/v1/cases/search',
        jsonPost(staff, { reference: 'BN 2026', limit: 1, ...(cursor ? { cursor } : {}) }),
      );
      expect(res.status).toBe(200);
      const page = (await res.json()) as { items: { reference: string }[]; nextCursor: string | null };
      seen.push(...page.items.map((i) => i.reference));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toEqual(['BN 2026-000125', 'BN 2026-000124', 'BN 2026-000123']);
  });

  for (const [field, bodyWith] of TEXT_FIELDS) {
    it.each(BAD_TEXTS)(`a search with %s in ${field} → 400 naming it`, async (_l, text) => {
      const res = () => t.app.request('/api/v1/cases/search', jsonPost(staff, bodyWith(text)));
      const body = await expectRefused(res, field, [KEY]);
      expect(body.errors).toContainEqual({ field, message: UNSAFE_TEXT_MESSAGE });
      expect(body.detail).toMatch(/^Begäran är ogiltig/);
    });
  }

  it('an audit subject with a NUL → 400 naming subject', async () => {
    const admin = await t.tokenFor('admin');
    const res = () => t.app.request(`/api/v1/audit?subject=${KEY}%00`, bearer(admin));
    await expectRefused(res, 'subject', [KEY]);
  });

  it('a date the database refuses → 400 without its text, the SQLSTATE alone logged (the last line)', async () => {
    // The schema's date check lets year 0 through; PostgreSQL refuses it (SQLSTATE 22008).
    const admin = await t.tokenFor('admin');
    const res = () => t.app.request('/api/v1/audit?from=0000-01-01T00:00:00Z', bearer(admin));
    const body = await expectRefused(res, '(request)', ['0000-01-01']);
    expect(body.detail).toMatch(/^Ett värde i begäran kunde inte användas/);
    const warning = t.logLines.find((l) => l.includes(body.requestId) && l.includes('"level":"warn"'));
    expect(JSON.parse(warning as string)).toMatchObject({ sqlstate: '22008' });
  });

  it.each([
    ['a timestamp of "1"', "SELECT '1'::timestamptz"],
    ['30 February', "SELECT '2026-02-30T00:00:00Z'::timestamptz"],
    ['a NUL', "SELECT convert_from('\\x00'::bytea, 'UTF8')"],
    ['a number out of range', "SELECT '99999999999'::int"],
  ])('maps a database data exception (%s) to a 400 that quotes nothing', async (_l, sql) => {
    const error = await t.db.query(sql).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect((error as { code?: string }).code).toMatch(/^22/);
    const appError = toAppError(error);
    expect(appError.status).toBe(400);
    expect(JSON.stringify({ message: appError.message, errors: appError.errors })).not.toMatch(
      /timestamp|2026|x00|UTF8|99999/,
    );
  });

  describe('the staff console', () => {
    async function consoleSearch(body: string) {
      const browser = pageClient(t.app);
      await browser.signIn('infocenter');
      const { html } = await browser.get('/staff');
      const csrf = csrfIn(html);
      const res = await t.app.request('/staff/sok', {
        method: 'POST',
        headers: {
          cookie: [...browser.jar].map(([k, v]) => `${k}=${v}`).join('; '),
          'content-type': 'application/x-www-form-urlencoded',
          origin: ORIGIN,
        },
        body: `_csrf=${encodeURIComponent(csrf)}&${body}`,
      });
      return { res, html: await res.text() };
    }

    it.each([
      ['a NUL', `q=${KEY}%00garage`],
      ['a control character', `q=${KEY}%07garage`],
    ])('answers %s in the search box with a message in Swedish, not repeating it', async (_l, form) => {
      const logged = t.logLines.length;
      const { res, html } = await consoleSearch(form);
      expect(res.status).toBe(400);
      expect(res.headers.get('content-type')).toContain('text/html');
      expect(html).toContain('Sökningen innehåller tecken som inte går att söka på');
      expect(html).not.toContain(KEY);
      expect(t.logLines.slice(logged).join('\n')).not.toContain(KEY);
      expect(t.logLines.slice(logged).join('\n')).not.toMatch(/"level":"error"/);
    });

    it.each([
      ['a lone surrogate, as CESU bytes', `q=${KEY}%ED%A0%80garage`],
      ['bytes that are not UTF-8', `q=${KEY}%FFgarage`],
    ])(
      'reads %s in the search box as U+FFFD (as a browser sends it): a search, not a fault',
      async (_l, form) => {
        const logged = t.logLines.length;
        const { res, html } = await consoleSearch(form);
        expect(res.status).toBe(200);
        expect(html).toMatch(new RegExp(`${KEY}\uFFFD+garage`));
        expect(t.logLines.slice(logged).join('\n')).not.toMatch(/"level":"error"/);
      },
    );
  });
});
