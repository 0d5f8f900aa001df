/** Builds valid canonical cases for tests, with overrides for what a test is about. */
import type { CanonicalCase, StatusCode } from '../../schemas/case.js';
import { caseId } from '../../schemas/case-id.js';
import { STATUS_LABELS } from '../../schemas/status-labels.js';

/** The case id key of tests (never a real one): ids minted by test engines and by makeCase agree. */
export const TEST_CASE_ID_KEY = 'test-case-id-key-0123456789abcdef0123';

export type CaseOverrides = Partial<Omit<CanonicalCase, 'status' | 'source'>> & {
  sourceId?: string;
  status?: StatusCode;
  statusSince?: string;
  updatedAt?: string;
};

export function makeCase(o: CaseOverrides = {}): CanonicalCase {
  const sourceId = o.sourceId ?? 'A-1';
  const municipality = o.municipality ?? { code: '2480', name: 'Umeå' };
  const status = o.status ?? 'in_progress';
  const updatedAt = o.updatedAt ?? '2026-03-02T09:15:00.000Z';
  const { sourceId: _s, status: _st, statusSince, updatedAt: _u, ...rest } = o;
  return {
    id: caseId({ municipalityCode: municipality.code, sourceSystem: 'byggr', sourceId }, TEST_CASE_ID_KEY),
    municipality,
    domain: 'building_permit',
    caseType: { code: 'BL', label: { sv: 'Bygglov', en: 'Building permit', ar: 'رخصة بناء' } },
    reference: `BN 2026-${sourceId.replace(/\D/g, '').padStart(6, '0')}`,
    title: 'Nybyggnad av enbostadshus',
    office: { code: 'BN', name: 'Byggnadsnämnden', contact: { phone: '090-16 10 00' } },
    status: {
      code: status,
      label: STATUS_LABELS[status],
      sourceCode: status.toUpperCase(),
      since: statusSince ?? updatedAt,
    },
    documents: [],
    parties: [],
    confidentiality: { level: 'internal' },
    fieldClasses: {},
    source: {
      system: 'byggr',
      sourceId,
      sourceUpdatedAt: updatedAt,
      fetchedAt: '2026-03-02T10:00:00.000Z',
      mappingId: 'byggr/building-permit',
      mappingVersion: '1.0.0',
    },
    ...rest,
  };
}
