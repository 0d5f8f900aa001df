/**
 * Mina ärenden, happy paths over real HTTP through the app on both backends: a person's events from
 * two domains, nobody else's, the filters, sorting and paging, Swedish days, a source that is down,
 * and the audit entry written for the answer.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NO_CASE_SOURCES } from '../../cases/source-lookup.js';
import type { SourceStatus } from '../../schemas/source-status.js';
import { testApp } from '../../test/support/app.js';
import { backends } from '../../test/support/databases.js';
import {
  ask,
  fraga,
  MAJA,
  ORG,
  OTHER,
  PROTECTED,
  PUBLIC_URL,
  seedMinaArenden,
  testProducers,
  UMEA_PATH,
} from '../../test/support/mina-arenden.js';

type Event = Record<string, unknown> & { kundhandelseTyp: string; tidpunkt: string; kundhandelseId: string };
type Answer = {
  kundhandelser: { part: unknown; totaltAntalKundhandelser: number; kundhandelserForPart: Event[] }[];
  metadata: Record<string, unknown>;
  delfragor: { producent: string; status: string; httpCode: number; message: string }[];
};

type SourceState = 'ok' | 'down' | 'behind' | 'never';

/** A source as the sync engine reports it, in one of the states a delfraga tells apart. */
function source(id: string, municipality: string, domain: string, state: SourceState = 'ok'): SourceStatus {
  const read =
    state === 'never' ? null : state === 'ok' ? '2026-06-01T09:59:00.000Z' : '2026-06-01T06:00:00.000Z';
  return {
    id,
    sourceId: id,
    cursor: null,
    kind: 'soap',
    municipality,
    mapping: 'm 1.0.0',
    domain,
    circuit: state === 'down' ? 'open' : 'closed',
    running: false,
    connected: null,
    lastAttemptAt: read,
    lastSuccessAt: read,
    lagSeconds: state === 'ok' ? 60 : state === 'never' ? null : 14_400,
    nextRunAt: state === 'never' ? null : '2026-06-01T10:04:00.000Z',
    lastError: state === 'down' ? 'connect ECONNREFUSED' : null,
    consecutiveFailures: state === 'down' ? 5 : 0,
    recordsIn: 10,
    recordsFailed: 0,
    quarantined: 0,
    freshnessSeconds: 900,
    canFetchOne: false,
  };
}

/** What the sync engine says of its sources; a test puts the social services source in another state. */
let social: SourceState = 'ok';
const sources = {
  ...NO_CASE_SOURCES,
  status: async () => [
    source('umea-byggr', '2480', 'building_permit'),
    source('umea-social', '2480', 'social_services', social),
    source('vannas-byggr', '2460', 'building_permit'),
  ],
  has: () => false,
  runOnce: async () => ({ outcome: 'failed' as const, stored: 0, quarantined: 0, units: 0 }),
  quarantined: async () => [],
};

describe.each(backends(import.meta.url))('Mina ärenden on %s', (backend) => {
  let t: Awaited<ReturnType<typeof testApp>>;
  let seeded: Awaited<ReturnType<typeof seedMinaArenden>>;
  const post = async (body: unknown, headers: Record<string, string> = {}) => {
    const res = await t.app.request(UMEA_PATH, ask(body, headers));
    return { res, body: (await res.json()) as Answer };
  };
  const types = (a: Answer, part = 0) =>
    a.kundhandelser[part]?.kundhandelserForPart.map((e) => e.kundhandelseTyp);

  beforeAll(async () => {
    t = await testApp(backend, {
      sources,
      minaArenden: { producers: testProducers(), publicUrl: PUBLIC_URL },
    });
    seeded = await seedMinaArenden(t.store, t.personRefs);
  });
  afterAll(async () => t.drop());

  it('answers 200 with the person’s events from both domains, newest first, and nobody else’s', async () => {
    const { res, body } = await post(fraga());
    expect(res.status).toBe(200);
    expect(res.headers.get('skv_client_correlation_id')).toBe('5f1e4a8e-6c1d-4b5e-9a53-0c7f2f9d1a11');
    expect(body.kundhandelser).toHaveLength(1);
    const part = body.kundhandelser[0];
    expect(part?.part).toEqual({ kund: { identifierare: MAJA, typ: 'Personnummer' } });
    // Her garage (3 entries), her social services case (2) and the company case she is a party to (1);
    // not her case in Vännäs, not anyone else's.
    expect(part?.totaltAntalKundhandelser).toBe(6);
    expect(types(body)).toEqual([
      'UMEA.FORSORJNINGSSTOD.BESLUT',
      'UMEA.BL.ANSOKAN_MOTTAGEN',
      'UMEA.FORSORJNINGSSTOD.ANSOKAN_MOTTAGEN',
      'UMEA.BL.KOMPLETTERING_BEGARD',
      'UMEA.BL.UNDER_BEHANDLING',
      'UMEA.BL.ANSOKAN_MOTTAGEN',
    ]);
    const [decision, , , waiting, , first] = part?.kundhandelserForPart ?? [];
    expect(decision).toEqual({
      kundhandelseId: `UMEA-${seeded.social.id}-2`,
      rubrik: 'Försörjningsstöd: Beslut fattat',
      beskrivning: 'Ärende SN 2026/0457 har fått status ”Beslut fattat”.',
      sprak: 'sv',
      producent: 'Umeå kommun',
      tidpunkt: '2026-05-31T23:59:59+02:00',
      kundhandelseTyp: 'UMEA.FORSORJNINGSSTOD.BESLUT',
      producentarendetKraverKundatgard: false,
      producentarendetKlart: true,
      version: '6.1',
      referenser: {
        diarienummer: 'SN 2026/0457',
        lank: `${PUBLIC_URL}/mina-arenden/arenden/${seeded.social.id}`,
      },
    });
    expect(waiting).toMatchObject({ producentarendetKraverKundatgard: true, producentarendetKlart: false });
    expect(waiting?.beskrivning).toContain('Logga in');
    expect(first?.tidpunkt).toBe('2026-03-03T00:30:00+01:00');
    const ids = new Set(
      part?.kundhandelserForPart.map((e) => e.kundhandelseId.split('-').slice(1, 6).join('-')),
    );
    expect([...ids].sort()).toEqual([seeded.garage.id, seeded.social.id, seeded.company.id].sort());
    // No title, property or address ever goes into an event.
    // The parts are echoed as asked (the contract's `part` and `metadata`); the events carry no number.
    const text = JSON.stringify(part?.kundhandelserForPart);
    for (const hidden of ['garage', 'Tallen', 'Storgatan', 'Testperson', MAJA.slice(2, 8)])
      expect(text).not.toContain(hidden);
    expect(body.delfragor).toEqual([
      {
        producent: 'Umeå kommun',
        part: part?.part,
        status: 'OK',
        httpCode: 200,
        message: expect.stringContaining('umea-byggr'),
      },
      {
        producent: 'Umeå kommun',
        part: part?.part,
        status: 'OK',
        httpCode: 200,
        message: expect.stringContaining('umea-social'),
      },
    ]);
  });

  it('filters by kundhandelseTyp prefix (whole segments only) and by tag', async () => {
    expect(types((await post(fraga({ kundhandelseTyper: ['UMEA.FORSORJNINGSSTOD'] }))).body)).toEqual([
      'UMEA.FORSORJNINGSSTOD.BESLUT',
      'UMEA.FORSORJNINGSSTOD.ANSOKAN_MOTTAGEN',
    ]);
    expect(types((await post(fraga({ kundhandelseTyper: ['UMEA.FORS'] }))).body)).toEqual([]);
    expect(types((await post(fraga({ kundhandelseTyper: ['VANNAS'] }))).body)).toEqual([]);
    const exact = await post(
      fraga({ kundhandelseTyper: ['UMEA.BL.KOMPLETTERING_BEGARD', 'UMEA.FORSORJNINGSSTOD.BESLUT'] }),
    );
    expect(types(exact.body)).toEqual(['UMEA.FORSORJNINGSSTOD.BESLUT', 'UMEA.BL.KOMPLETTERING_BEGARD']);
    expect(types((await post(fraga({ taggar: ['social_services', 'nothing'] }))).body)).toHaveLength(2);
    expect(types((await post(fraga({ taggar: ['awaiting_applicant'] }))).body)).toEqual([
      'UMEA.BL.KOMPLETTERING_BEGARD',
    ]);
  });

  it('counts dates as whole Swedish days, both ends inclusive', async () => {
    // 2026-03-02T23:30Z is 3 March in Sweden; 2026-05-31T21:59:59Z is still 31 May.
    expect(types((await post(fraga({ slutDatum: '2026-03-02' }))).body)).toEqual([]);
    expect(types((await post(fraga({ startDatum: '2026-03-03', slutDatum: '2026-03-03' }))).body)).toEqual([
      'UMEA.BL.ANSOKAN_MOTTAGEN',
    ]);
    expect(types((await post(fraga({ startDatum: '2026-05-31', slutDatum: '2026-05-31' }))).body)).toEqual([
      'UMEA.FORSORJNINGSSTOD.BESLUT',
    ]);
    expect(types((await post(fraga({ startDatum: '2026-06-01' }))).body)).toEqual([]);
  });

  it('sorts by the attributes in order and pages after counting the total', async () => {
    const sortering = [
      { attribut: 'PRODUCENTARENDETKLART', stigande: false },
      { attribut: 'TIDPUNKT', stigande: true },
    ];
    const all = types((await post(fraga({ behandling: { sortering } }))).body);
    expect(all).toEqual([
      'UMEA.FORSORJNINGSSTOD.BESLUT',
      'UMEA.BL.ANSOKAN_MOTTAGEN',
      'UMEA.BL.UNDER_BEHANDLING',
      'UMEA.BL.KOMPLETTERING_BEGARD',
      'UMEA.FORSORJNINGSSTOD.ANSOKAN_MOTTAGEN',
      'UMEA.BL.ANSOKAN_MOTTAGEN',
    ]);
    const page = await post(fraga({ behandling: { sortering, paginering: { offset: 2, limit: 3 } } }));
    expect(page.body.kundhandelser[0]?.totaltAntalKundhandelser).toBe(6);
    expect(types(page.body)).toEqual(all?.slice(2, 5));
    const rest = await post(fraga({ behandling: { sortering, paginering: { offset: 4 } } }));
    expect(types(rest.body)).toEqual(all?.slice(4));
    const byType = await post(
      fraga({ behandling: { sortering: [{ attribut: 'KUNDHANDELSETYP', stigande: true }] } }),
    );
    expect(types(byType.body)).toEqual([...(all ?? [])].sort());
  });

  it.each([
    [
      'down',
      'EJ_TILLGANGLIG',
      /^umea-social: .*svarar inte.*kan saknas eller vara inaktuella \(senast hämtat 2026-06-01T08:00:00\+02:00\)/,
    ],
    ['behind', 'FORSENAD', /^umea-social: .*inte lästs på länge.*kan saknas eller vara inaktuella/],
    ['never', 'EJ_LAST', /^umea-social: .*inte lästs i sin helhet.*kan saknas/],
  ] as const)(
    'still answers 200 with the stored events when a source is %s, saying which may be missing',
    async (state, status, words) => {
      social = state;
      try {
        const { res, body } = await post(fraga());
        expect(res.status).toBe(200);
        expect(body.kundhandelser[0]?.totaltAntalKundhandelser).toBe(6);
        expect(body.delfragor.map((d) => [d.status, d.httpCode])).toEqual([
          ['OK', 200],
          [status, 503],
        ]);
        expect(body.delfragor[1]?.message).toMatch(words);
      } finally {
        social = 'ok';
      }
    },
  );

  it('writes in the asked language and echoes it', async () => {
    const { body } = await post(fraga(), { 'accept-language': 'en-GB,en;q=0.9' });
    expect(body.metadata.onskatSprak).toBe('en-GB,en;q=0.9');
    expect(body.kundhandelser[0]?.kundhandelserForPart[0]).toMatchObject({
      rubrik: 'Financial assistance: Decision made',
      sprak: 'en',
    });
    const ar = await post(fraga(), { 'accept-language': 'ar' });
    expect(ar.body.kundhandelser[0]?.kundhandelserForPart[0]).toMatchObject({ sprak: 'ar' });
    expect(ar.body.kundhandelser[0]?.kundhandelserForPart[0]?.rubrik).toContain('تم اتخاذ القرار');
    const fallback = await post(fraga(), { 'accept-language': 'de' });
    expect(fallback.body.kundhandelser[0]?.kundhandelserForPart[0]).toMatchObject({ sprak: 'sv' });
  });

  it('gives a person with protected identity their events with generic texts and no reference', async () => {
    const { body } = await post(fraga({}, PROTECTED));
    const [event] = body.kundhandelser[0]?.kundhandelserForPart ?? [];
    expect(event).toMatchObject({
      rubrik: 'Ditt ärende: Under behandling',
      beskrivning: 'Ditt ärende har fått status ”Under behandling”.',
      referenser: { lank: `${PUBLIC_URL}/mina-arenden/arenden/${seeded.secret.id}` },
    });
    expect(JSON.stringify(body)).not.toMatch(/Granen|Hemligvägen|fritidshus|BN 2026-000124|Bygglov/);
  });

  it('answers an organisation part only with cases the person asking is a party to', async () => {
    const { body } = await post(
      fraga({ parter: [{ kund: { identifierare: ORG, typ: 'Organisationsnummer' } }] }),
    );
    expect(body.kundhandelser[0]?.kundhandelserForPart.map((e) => e.kundhandelseId)).toEqual([
      `UMEA-${seeded.company.id}-1`,
    ]);
  });

  it('answers a case part by diarienummer, and someone else’s case exactly like one that does not exist', async () => {
    const own = await post(
      fraga({ parter: [{ arende: { identifierare: 'bn 2026-123', typ: 'Diarienummer' } }] }),
    );
    expect(types(own.body)).toHaveLength(3);
    const ask = (identifierare: string) =>
      post(fraga({ parter: [{ arende: { identifierare, typ: 'Diarienummer' } }] }));
    const strip = (a: Answer) =>
      JSON.stringify({
        ...a,
        metadata: undefined,
        delfragor: a.delfragor.map((d) => d.status),
        kundhandelser: a.kundhandelser.map((k) => k.kundhandelserForPart),
      });
    const someoneElses = (await ask('BN 2026-000125')).body;
    const none = (await ask('BN 2026-999999')).body;
    expect(strip(someoneElses)).toEqual(strip(none));
    expect(someoneElses.kundhandelser[0]?.totaltAntalKundhandelser).toBe(0);
  });

  it('gives no events for a part about someone else, and says why in delfragor', async () => {
    const { res, body } = await post(
      fraga({
        parter: [
          { kund: { identifierare: OTHER, typ: 'Personnummer' } },
          { kund: { identifierare: MAJA, typ: 'Personnummer' } },
        ],
      }),
    );
    expect(res.status).toBe(200);
    expect(body.kundhandelser.map((k) => k.totaltAntalKundhandelser)).toEqual([0, 6]);
    expect(body.delfragor.map((d) => [d.status, d.httpCode])).toEqual([
      ['EJ_BEHORIG', 403],
      ['OK', 200],
      ['OK', 200],
    ]);
  });

  it('records the answer in the audit log: the API client, the person’s references and the cases shown', async () => {
    const { res } = await post(fraga({ kundhandelseTyper: ['UMEA.BL'] }));
    const requestId = res.headers.get('x-request-id');
    const [entry] = (await t.audit.find({ subject: 'minaarenden:2480', limit: 50 })).filter(
      (e) => e.requestId === requestId,
    );
    expect(entry).toMatchObject({
      action: 'minaarenden.read',
      role: 'minaarenden',
      municipality: '2480',
      resultCount: 4,
    });
    expect([...(entry?.shown ?? [])].sort()).toEqual([seeded.garage.id, seeded.company.id].sort());
    const found = await t.audit.findForPerson({
      personRefs: t.personRefs.allFromInput(MAJA) ?? [],
      caseIds: [],
    });
    expect(found.map((e) => e.requestId)).toContain(requestId);
    const { rows } = await t.db.query<{ row: string }>('SELECT row_to_json(a)::text AS row FROM audit_log a');
    for (const { row } of rows) expect(row).not.toContain(MAJA.slice(2));
  });
});
