/** A small, named set of cases used by the API tests. */
import type { PersonRefHasher } from '../../person/person-ref.js';
import type { CanonicalCase } from '../../schemas/case.js';
import { makeCase } from './cases.js';

/** From Skatteverket's test series (demo/test-personnummer.ts): never real people. */
export const PNR_MAJA = '19900321-2389';
export const PNR_PROTECTED = '19900604-2395';
export const PNR_OTHER = '19981231-2388';
/** A samordningsnummer (day + 60) from Skatteverket's test series, for a citizen without a personnummer. */
export const SAMORDNINGSNUMMER = '19160861-2386';

export function fixtureCases(
  refs: PersonRefHasher,
): Record<'garage' | 'protected' | 'social' | 'other', CanonicalCase> {
  const ref = (p: string) => refs.fromInput(p) as string;
  return {
    garage: makeCase({
      sourceId: '123',
      reference: 'BN 2026-000123',
      title: 'Nybyggnad av garage',
      property: { designation: 'Umeå Tallen 4', address: 'Storgatan 12' },
      parties: [
        {
          role: 'applicant',
          displayName: 'Maja Testberg',
          personRef: ref(PNR_MAJA),
          protectedIdentity: false,
        },
      ],
      deadline: { dueAt: '2026-05-20', basis: 'PBL 9 kap. 27 §', extended: false },
      updatedAt: '2026-05-10T08:00:00.000Z',
    }),
    protected: makeCase({
      sourceId: '124',
      reference: 'BN 2026-000124',
      title: 'Tillbyggnad av fritidshus',
      property: { designation: 'Umeå Granen 7', address: 'Hemligvägen 3' },
      parties: [
        {
          role: 'applicant',
          displayName: 'Sekretess Person',
          personRef: ref(PNR_PROTECTED),
          protectedIdentity: true,
        },
      ],
      updatedAt: '2026-05-11T08:00:00.000Z',
    }),
    social: makeCase({
      sourceId: 'sn-457',
      domain: 'social_services',
      reference: 'SN 2026/0457',
      title: 'Ansökan om försörjningsstöd',
      office: { code: 'SN', name: 'Individ- och familjenämnden', contact: {} },
      confidentiality: { level: 'confidential' },
      parties: [
        { role: 'client', displayName: 'Maja Testberg', personRef: ref(PNR_MAJA), protectedIdentity: false },
      ],
      updatedAt: '2026-05-12T08:00:00.000Z',
    }),
    other: makeCase({
      sourceId: '125',
      reference: 'BN 2026-000125',
      title: 'Rivning av ekonomibyggnad',
      parties: [
        {
          role: 'applicant',
          displayName: 'Nils Forsberg',
          personRef: ref(PNR_OTHER),
          protectedIdentity: false,
        },
      ],
      updatedAt: '2026-05-13T08:00:00.000Z',
    }),
  };
}
