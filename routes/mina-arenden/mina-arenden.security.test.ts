/**
 * Mina ärenden, refusals over real HTTP on both backends: the key per municipality, every rule of the
 * fact sheet's question (400), the contract's error bodies (only `message`, never a personnummer),
 * the audit log failing closed, and logs without a number in them.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp } from '../../test/support/app.js';
import { backends } from '../../test/support/databases.js';
import {
  ask,
  fraga,
  MAJA,
  seedMinaArenden,
  testProducers,
  UMEA_PATH,
  VANNAS_KEY,
} from '../../test/support/mina-arenden.js';

const parts = (...parter: unknown[]) => fraga({ parter });
const kund = (identifierare: string, typ = 'Personnummer') => ({ kund: { identifierare, typ } });

/** Each rule of the question (fact sheet §2.1) broken once, and a word the answer must name. */
const INVALID: [string, unknown, string][] = [
  ['anvandare missing', { fraga: fraga().fraga }, 'anvandare'],
  ['anvandare not 12 digits', fraga({}, '9003212389'), 'anvandare'],
  ['anvandare with a hyphen', { ...fraga(), anvandare: '19900321-2389' }, 'anvandare'],
  ['anvandare with a wrong check digit', { ...fraga(), anvandare: '199003212388' }, 'anvandare'],
  ['fraga missing', { anvandare: MAJA }, 'fraga'],
  ['no parts', parts(), 'parter'],
  ['more than 100 parts', parts(...Array.from({ length: 101 }, () => kund(MAJA))), 'parter'],
  ['a part with neither kund nor arende', parts({}), 'parter.0'],
  ['a kund of 10 digits', parts(kund('9003212389')), 'parter.0.kund.identifierare'],
  ['an unknown kund typ', parts(kund(MAJA, 'Personnr')), 'parter.0.kund.typ'],
  [
    'a tillagg over 20 characters',
    parts({ kund: { identifierare: MAJA, typ: 'Personnummer', tillagg: 'x'.repeat(21) } }),
    'tillagg',
  ],
  [
    'an invalid organisationsnummer',
    parts(kund('161234567890', 'Organisationsnummer')),
    'parter.0.kund.identifierare',
  ],
  [
    'an arende over 100 characters',
    parts({ arende: { identifierare: 'A'.repeat(101), typ: 'Diarienummer' } }),
    'arende.identifierare',
  ],
  ['an unknown arende typ', parts({ arende: { identifierare: 'BN 1', typ: 'Ärendenummer' } }), 'arende.typ'],
  ['a lower-case kundhandelseTyp', fraga({ kundhandelseTyper: ['umea.bl'] }), 'kundhandelseTyper.0'],
  ['a kundhandelseTyp with å', fraga({ kundhandelseTyper: ['UMEA.FÖRSKOLA'] }), 'kundhandelseTyper.0'],
  [
    'a kundhandelseTyp over 200 characters',
    fraga({ kundhandelseTyper: [`UMEA.${'A'.repeat(200)}`] }),
    'kundhandelseTyper.0',
  ],
  [
    'more than 100 kundhandelseTyper',
    fraga({ kundhandelseTyper: Array.from({ length: 101 }, () => 'UMEA') }),
    'kundhandelseTyper',
  ],
  ['a tag over 100 characters', fraga({ taggar: ['t'.repeat(101)] }), 'taggar.0'],
  ['more than 100 tags', fraga({ taggar: Array.from({ length: 101 }, () => 't') }), 'taggar'],
  ['a startDatum not YYYY-MM-DD', fraga({ startDatum: '2026-3-1' }), 'startDatum'],
  ['a slutDatum that does not exist', fraga({ slutDatum: '2026-02-30' }), 'slutDatum'],
  ['startDatum after slutDatum', fraga({ startDatum: '2026-05-02', slutDatum: '2026-05-01' }), 'slutDatum'],
  [
    'an unknown sort attribute',
    fraga({ behandling: { sortering: [{ attribut: 'DATUM', stigande: true }] } }),
    'attribut',
  ],
  ['a sort without stigande', fraga({ behandling: { sortering: [{ attribut: 'TIDPUNKT' }] } }), 'stigande'],
  [
    'paginering without sortering',
    fraga({ behandling: { paginering: { offset: 0, limit: 10 } } }),
    'paginering requires sortering',
  ],
  [
    'a negative offset',
    fraga({
      behandling: { sortering: [{ attribut: 'TIDPUNKT', stigande: true }], paginering: { offset: -1 } },
    }),
    'offset',
  ],
  [
    'a limit of 0',
    fraga({
      behandling: {
        sortering: [{ attribut: 'TIDPUNKT', stigande: true }],
        paginering: { offset: 0, limit: 0 },
      },
    }),
    'limit',
  ],
  [
    'a limit over 1000',
    fraga({
      behandling: {
        sortering: [{ attribut: 'TIDPUNKT', stigande: true }],
        paginering: { offset: 0, limit: 1001 },
      },
    }),
    'limit',
  ],
];

describe.each(backends(import.meta.url))('Mina ärenden refusals on %s', (backend) => {
  let t: Awaited<ReturnType<typeof testApp>>;
  const send = (body: unknown, headers: Record<string, string | undefined> = {}, path = UMEA_PATH) =>
    t.app.request(path, ask(body, headers));
  /** The body of an error: exactly `{ message }`, and no personnummer (10 or 12 digits) in it. */
  const message = async (res: Response) => {
    const body = await res.json();
    expect(Object.keys(body)).toEqual(['message']);
    expect(body.message).not.toMatch(/\d{10}/);
    return body.message as string;
  };

  beforeAll(async () => {
    t = await testApp(backend, { minaArenden: { producers: testProducers() } });
    await seedMinaArenden(t.store, t.personRefs);
  });
  afterAll(async () => t.drop());

  it('refuses a missing key, a wrong key and another municipality’s key alike (401), and records it', async () => {
    for (const key of [undefined, '', 'wrong-key', VANNAS_KEY]) {
      const res = await send(fraga(), { 'x-api-key': key });
      expect(res.status).toBe(401);
      expect(await message(res)).toBe('Unauthorized');
    }
    // The key is checked before the question: an invalid question without a key learns nothing more.
    expect((await send({}, { 'x-api-key': undefined })).status).toBe(401);
    const refused = (await t.audit.find({ subject: 'anonymous', limit: 50 })).filter(
      (e) => e.action === 'auth.refused' && e.municipality === '2480',
    );
    expect(refused.length).toBeGreaterThanOrEqual(5);
    expect(refused[0]?.route).toBe('/mina-arenden/:municipalityId/kundhandelseFragaSynkron');
  });

  it('answers 404 Not found for a municipality that is no producer here, whatever the key', async () => {
    for (const path of [
      '/mina-arenden/2403/kundhandelseFragaSynkron',
      '/mina-arenden/umea/kundhandelseFragaSynkron',
    ]) {
      const res = await send(fraga(), {}, path);
      expect(res.status).toBe(404);
      expect(await message(res)).toBe('Not found');
    }
  });

  it.each(INVALID)('refuses %s (400), naming the field and never the value', async (_, body, named) => {
    const res = await send(body);
    expect(res.status).toBe(400);
    const text = await message(res);
    expect(text).toMatch(/^Bad request: /);
    expect(text).toContain(named);
  });

  it('requires a printable skv_client_correlation_id of at most 200 characters', async () => {
    for (const id of [undefined, '', '   ', 'x'.repeat(201), 'tab\there']) {
      const res = await send(fraga(), { skv_client_correlation_id: id });
      expect(res.status).toBe(400);
      expect(await message(res)).toMatch(/^Bad request: header skv_client_correlation_id/);
    }
    expect((await send(fraga(), { skv_client_correlation_id: 'any text, not only a UUID' })).status).toBe(
      200,
    );
  });

  it('refuses a body that is not JSON (400), not sent as JSON (415), or too large; other methods get 405', async () => {
    const broken = await send('{"anvandare":');
    expect(broken.status).toBe(400);
    expect(await message(broken)).toBe('Bad request: the body is not valid JSON');
    const text = await send(fraga(), { 'content-type': 'text/plain' });
    expect(text.status).toBe(415);
    expect(await message(text)).toBe('Unsupported media type');
    const large = await send({ ...fraga(), padding: 'x'.repeat(300 * 1024) });
    expect(large.status).toBe(413);
    expect(await message(large)).toMatch(/^Payload too large: /);
    const get = await t.app.request(UMEA_PATH, { headers: { 'x-api-key': 'x' } });
    expect(get.status).toBe(405);
    expect(get.headers.get('allow')).toBe('POST');
    expect(await message(get)).toBe('Method not allowed');
  });

  it('ignores fields it does not know, so a later addition to the contract does not stop answers', async () => {
    const res = await send({ ...fraga({ nyttFalt: true }), extra: 1 });
    expect(res.status).toBe(200);
  });

  it('answers nothing when the answer cannot be audited (fail closed): 500 with the rubrik only', async () => {
    await t.db.query('ALTER TABLE audit_log RENAME TO audit_log_away');
    try {
      const res = await send(fraga());
      expect(res.status).toBe(500);
      expect(await message(res)).toBe('Internal server error');
    } finally {
      await t.db.query('ALTER TABLE audit_log_away RENAME TO audit_log');
    }
  });

  it('never writes a personnummer to the log, whatever was refused', async () => {
    await send({ ...fraga(), anvandare: '199003212388' });
    await send(fraga(), { skv_client_correlation_id: MAJA });
    await send(fraga(), { 'x-api-key': MAJA });
    const log = t.logLines.join('\n');
    expect(log).toContain('kundhandelseFragaSynkron');
    expect(log).not.toMatch(/19900321|900321-?2389/);
  });
});
