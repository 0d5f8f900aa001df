/** Mina ärenden in tests: two municipalities' producers with their keys, a person's cases with history, and a question. */
import { apiKeyHash, type Producers, producersFrom } from '../../minaarenden/producers.js';
import type { PersonRefHasher } from '../../person/person-ref.js';
import type { CanonicalCase, StatusCode } from '../../schemas/case.js';
import type { CaseStore } from '../../store/case-store.js';
import { type CaseOverrides, makeCase } from './cases.js';
import { PNR_MAJA, PNR_OTHER, PNR_PROTECTED } from './fixtures.js';

export const UMEA_KEY = 'umea-test-key-0123456789abcdef';
export const VANNAS_KEY = 'vannas-test-key-0123456789abcdef';
/** Maja (a test personnummer), as the contract writes it: 12 digits, no separator. */
export const MAJA = PNR_MAJA.replace('-', '');
export const OTHER = PNR_OTHER.replace('-', '');
export const PROTECTED = PNR_PROTECTED.replace('-', '');
/** Sundsvall's organisationsnummer with the century prefix 16, as the contract writes it. */
export const ORG = '162120002411';
export const PUBLIC_URL = 'https://arendenav.example';

export function testProducers(): Producers {
  return producersFrom({
    version: '1.0.0',
    producers: [
      {
        municipality: '2480',
        prefix: 'UMEA',
        name: 'Umeå kommun',
        apiKeys: [{ sha256: apiKeyHash(UMEA_KEY) }],
      },
      {
        municipality: '2460',
        prefix: 'VANNAS',
        name: 'Vännäs kommun',
        apiKeys: [{ sha256: apiKeyHash(VANNAS_KEY) }],
      },
    ],
  });
}

type Step = { status: StatusCode; at: string };

/** Stores a case once per step, so its status history holds one entry per step. */
async function withHistory(store: CaseStore, base: CaseOverrides, steps: Step[], last: CaseOverrides = {}) {
  let stored: CanonicalCase | undefined;
  for (const [i, step] of steps.entries()) {
    stored = makeCase({
      ...base,
      ...(i === steps.length - 1 ? last : {}),
      status: step.status,
      statusSince: step.at,
      updatedAt: step.at,
    });
    await store.upsertMany([stored]);
  }
  return stored as CanonicalCase;
}

/**
 * Maja's cases in Umeå in two domains (one of them waiting for her), one in Vännäs, someone else's,
 * a protected person's, and two organisation cases (one with Maja as a party, one without).
 */
export async function seedMinaArenden(store: CaseStore, refs: PersonRefHasher) {
  const person = (pnr: string, role: 'applicant' | 'client' = 'applicant', protectedIdentity = false) => ({
    role,
    displayName: 'Testperson',
    personRef: refs.fromInput(pnr) as string,
    protectedIdentity,
  });
  const org = {
    role: 'applicant' as const,
    orgRef: refs.fromOrganisation({ normalized: '2120002411' }),
    protectedIdentity: false,
  };
  const umea = { code: '2480', name: 'Umeå' };
  const garage = await withHistory(
    store,
    {
      sourceId: '123',
      reference: 'BN 2026-000123',
      title: 'Nybyggnad av garage',
      property: { designation: 'Umeå Tallen 4', address: 'Storgatan 12' },
      parties: [person(PNR_MAJA)],
    },
    [
      // 23:30 UTC on 2 March is 00:30 on 3 March in Sweden (+01:00).
      { status: 'received', at: '2026-03-02T23:30:00.000Z' },
      { status: 'in_progress', at: '2026-04-10T08:00:00.000Z' },
      { status: 'awaiting_applicant', at: '2026-05-10T08:00:00.000Z' },
    ],
    { awaiting: { who: 'applicant' } },
  );
  const social = await withHistory(
    store,
    {
      sourceId: 'sn-457',
      domain: 'social_services',
      caseType: {
        code: 'FÖRSÖRJNINGSSTÖD',
        label: { sv: 'Försörjningsstöd', en: 'Financial assistance', ar: 'المساعدة المالية' },
      },
      reference: 'SN 2026/0457',
      title: 'Ansökan om försörjningsstöd',
      office: { code: 'SN', name: 'Individ- och familjenämnden', contact: {} },
      confidentiality: { level: 'confidential' },
      parties: [person(PNR_MAJA, 'client')],
    },
    [
      { status: 'received', at: '2026-05-12T08:00:00.000Z' },
      // 21:59:59 UTC on 31 May is 23:59:59 on 31 May in Sweden (+02:00): still that day.
      { status: 'decided', at: '2026-05-31T21:59:59.000Z' },
    ],
  );
  const vannas = await withHistory(
    store,
    { sourceId: 'V-1', municipality: { code: '2460', name: 'Vännäs' }, parties: [person(PNR_MAJA)] },
    [{ status: 'received', at: '2026-05-01T08:00:00.000Z' }],
  );
  const other = await withHistory(
    store,
    { sourceId: '125', reference: 'BN 2026-000125', parties: [person(PNR_OTHER)] },
    [{ status: 'received', at: '2026-05-13T08:00:00.000Z' }],
  );
  const secret = await withHistory(
    store,
    {
      sourceId: '124',
      reference: 'BN 2026-000124',
      title: 'Tillbyggnad av fritidshus',
      property: { designation: 'Umeå Granen 7', address: 'Hemligvägen 3' },
      parties: [person(PNR_PROTECTED, 'applicant', true)],
    },
    [{ status: 'in_progress', at: '2026-05-11T08:00:00.000Z' }],
  );
  const company = await withHistory(
    store,
    {
      sourceId: '130',
      reference: 'BN 2026-000130',
      municipality: umea,
      parties: [org, person(PNR_MAJA, 'client')],
    },
    [{ status: 'received', at: '2026-05-14T08:00:00.000Z' }],
  );
  const companyAlone = await withHistory(
    store,
    { sourceId: '131', reference: 'BN 2026-000131', municipality: umea, parties: [org] },
    [{ status: 'received', at: '2026-05-15T08:00:00.000Z' }],
  );
  return { garage, social, vannas, other, secret, company, companyAlone };
}

/** A question as Skatteverket sends it, by default Maja asking about herself. */
export function fraga(fragaFields: Record<string, unknown> = {}, anvandare = MAJA) {
  return {
    anvandare,
    fraga: { parter: [{ kund: { identifierare: anvandare, typ: 'Personnummer' } }], ...fragaFields },
  };
}

/** The request init for a question to a municipality's endpoint. */
export function ask(body: unknown, headers: Record<string, string | undefined> = {}) {
  const all: Record<string, string | undefined> = {
    'content-type': 'application/json',
    'x-api-key': UMEA_KEY,
    skv_client_correlation_id: '5f1e4a8e-6c1d-4b5e-9a53-0c7f2f9d1a11',
    ...headers,
  };
  return {
    method: 'POST',
    headers: Object.fromEntries(Object.entries(all).filter((e): e is [string, string] => e[1] !== undefined)),
    body: typeof body === 'string' ? body : JSON.stringify(body),
  };
}

export const UMEA_PATH = '/mina-arenden/2480/kundhandelseFragaSynkron';
