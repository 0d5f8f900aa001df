/** The expected decision date beside the legal deadline, with how it was computed (issue 16). */
import type { CaseView } from '../schemas/case-view.js';
import { formatDate } from './format.js';
import { type Language, t } from './i18n.js';

export function ExpectedDecisionRow(props: {
  expected: NonNullable<CaseView['expectedDecision']>;
  lang: Language;
}) {
  const { expected, lang } = props;
  return (
    <>
      <dt>{t('expectedHeading', lang)}</dt>
      <dd class="expected-decision">
        {t('expectedLine', lang, {
          median: formatDate(expected.median, lang),
          likelyBy: formatDate(expected.likelyBy, lang),
        })}
        <br />
        <small>
          {t('expectedBasis', lang, {
            cases: expected.basedOn.cases,
            from: formatDate(expected.basedOn.decidedFrom, lang),
            to: formatDate(expected.basedOn.decidedTo, lang),
            median: expected.medianDays,
            p80: expected.p80Days,
          })}
        </small>
      </dd>
    </>
  );
}
