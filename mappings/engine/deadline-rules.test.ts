import { describe, expect, it } from 'vitest';
import { computeDeadline } from './deadline-rules.js';
import type { DeadlineRule } from './mapping-schema.js';

const ZONE = 'Europe/Stockholm';
const rule = (basis: DeadlineRule['basis']): DeadlineRule => ({
  caseTypes: ['BL'],
  weeks: 10,
  basis,
  restartOnCompletion: { requestedAt: { const: 'x' }, withinWeeks: 3 },
  extension: { weeks: { const: 10 }, maxWeeks: 10 },
});
const LOCALIZED = {
  sv: 'PBL 9 kap. 27 §: beslut inom 10 veckor',
  en: 'Planning and Building Act, ch. 9 s. 27: a decision within 10 weeks',
  ar: 'قانون التخطيط والبناء، الفصل 9 المادة 27: القرار خلال 10 أسابيع',
};
const received = { caseTypeCode: 'BL', receivedAt: '2026-03-02T09:00:00+01:00' };

describe('the legal basis of a deadline', () => {
  it('stays Swedish text alone when the mapping gives a plain string (no basisText to show in other languages)', () => {
    expect(computeDeadline([rule('PBL 9 kap. 27 §')], received, ZONE)).toEqual({
      dueAt: '2026-05-11',
      basis: 'PBL 9 kap. 27 §',
      extended: false,
    });
  });

  it.each([
    ['from the arrival', {}, ['', '', '']],
    [
      'from the complete application',
      { completionRequestedAt: '2026-03-09T09:00:00+01:00', completeAt: '2026-03-20T09:00:00+01:00' },
      [
        ' (räknat från komplett ansökan)',
        ' (counted from the complete application)',
        ' (محسوبة من تاريخ اكتمال الطلب)',
      ],
    ],
    [
      'extended by weeks',
      { extensionWeeks: 10 },
      ['; förlängd 10 veckor', '; extended by 10 weeks', '؛ مُددت (عدد الأسابيع: 10)'],
    ],
    [
      'extended to a date',
      { extensionDueAt: '2026-06-30T00:00:00+02:00' },
      ['; förlängd till 2026-06-30', '; extended to 2026-06-30', '؛ مُددت حتى 2026-06-30'],
    ],
  ] as const)(
    'is given in Swedish, English and Arabic when the mapping gives all three: %s',
    (_, extra, [sv, en, ar]) => {
      const deadline = computeDeadline([rule(LOCALIZED)], { ...received, ...extra }, ZONE);
      expect(deadline?.basisText).toEqual({
        sv: `${LOCALIZED.sv}${sv}`,
        en: `${LOCALIZED.en}${en}`,
        ar: `${LOCALIZED.ar}${ar}`,
      });
      // `basis` stays the Swedish text, for every client that reads only it.
      expect(deadline?.basis).toBe(`${LOCALIZED.sv}${sv}`);
    },
  );
});
