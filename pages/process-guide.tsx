/** The process guide (issue 16): the steps of the case type's process, "you are here", and what the applicant does at each. */
import type { CaseView } from '../schemas/case-view.js';
import { type Language, t } from './i18n.js';

export function ProcessGuide(props: {
  guide: NonNullable<CaseView['process']>;
  lang: Language;
  audience: 'staff' | 'citizen';
}) {
  const { guide, lang, audience } = props;
  return (
    <section class="panel process-guide" aria-labelledby="process-heading">
      <h2 id="process-heading">{t('processHeading', lang)}</h2>
      <ol class="process-steps">
        {guide.steps.map((step) => (
          <li class={`step-${step.state}`} aria-current={step.state === 'current' ? 'step' : undefined}>
            <strong>{step.label[lang]}</strong>{' '}
            {step.state === 'current' ? (
              <span class="you-are-here">
                {t(audience === 'citizen' ? 'youAreHere' : 'caseIsHere', lang)}
              </span>
            ) : (
              <span class="visually-hidden">
                {t(step.state === 'done' ? 'stepDone' : 'stepUpcoming', lang)}
              </span>
            )}
            <br />
            <span class="step-action">
              {t(audience === 'citizen' ? 'youDo' : 'applicantDoes', lang)} {step.citizen[lang]}
            </span>
          </li>
        ))}
      </ol>
    </section>
  );
}
