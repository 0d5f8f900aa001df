/**
 * The status panels of the case page below the staff answer block, or in its place for citizens: the
 * citizen's "where does the case stand" in their own words, and for staff the dates and the decision
 * (the expected decision date learned from the office's history among them).
 */
import type { CaseView } from '../schemas/case-view.js';
import { Masked } from './case-details.js';
import { DeadlineLine } from './case-page.js';
import { ExpectedDecisionRow } from './expected-decision.js';
import { fieldName } from './field-names.js';
import { formatDate } from './format.js';
import { type Language, type TextKey, t } from './i18n.js';

const AWAITING: Record<NonNullable<CaseView['awaiting']>['who'], TextKey> = {
  applicant: 'awaitingApplicant',
  office: 'awaitingOffice',
  third_party: 'awaitingThirdParty',
};

/**
 * Received, decided and the expected decision date: a staff page's second block, and part of the
 * citizen's status. The citizen reads the decision in plain words in their language where the
 * mapping gives them; staff read the source's word.
 */
function DateRows(props: { view: CaseView; lang: Language; citizen?: boolean }) {
  const { view, lang } = props;
  return (
    <>
      {view.expectedDecision ? <ExpectedDecisionRow expected={view.expectedDecision} lang={lang} /> : null}
      {view.receivedAt ? (
        <>
          <dt>{fieldName('receivedAt', lang)}</dt>
          <dd>
            <time datetime={view.receivedAt}>{formatDate(view.receivedAt, lang)}</time>
          </dd>
        </>
      ) : null}
      {view.decision ? (
        <>
          <dt>{fieldName('decision', lang)}</dt>
          <dd>
            {props.citizen && view.decision.label ? (
              view.decision.label[lang]
            ) : (
              <span lang="sv">{view.decision.outcome}</span>
            )}{' '}
            ({t('decidedOn', lang, { date: formatDate(view.decision.at, lang) })})
          </dd>
        </>
      ) : null}
    </>
  );
}

export function StaffDates(props: { view: CaseView; lang: Language }) {
  const { view, lang } = props;
  if (!view.expectedDecision && !view.receivedAt && !view.decision) return null;
  return (
    <section class="panel" aria-labelledby="dates-heading">
      <h2 id="dates-heading">{t('datesHeading', lang)}</h2>
      <dl class="facts">
        <DateRows view={view} lang={lang} />
      </dl>
    </section>
  );
}

export function CitizenStatus(props: { view: CaseView; lang: Language }) {
  const { view, lang } = props;
  const masked = new Set(view.confidentiality.masked);
  return (
    <section class="panel status-panel" aria-labelledby="status-heading">
      <h2 id="status-heading">{t('statusHeading', lang)}</h2>
      {view.status ? (
        <p class="status">
          <strong>{view.status.label[lang]}</strong>{' '}
          <span>{t('statusSince', lang, { date: formatDate(view.status.since, lang) })}</span>
        </p>
      ) : (
        <p>
          <Masked path="status" view={view} lang={lang} />
        </p>
      )}
      <dl class="facts">
        {view.awaiting ? (
          <>
            <dt>{t('awaitingHeading', lang)}</dt>
            <dd>
              {t(AWAITING[view.awaiting.who], lang)}
              {view.awaiting.what ? `: ${view.awaiting.what[lang]}` : ''}
            </dd>
          </>
        ) : null}
        {view.nextStep ? (
          <>
            <dt>{t('nextStepHeading', lang)}</dt>
            <dd>{view.nextStep[lang]}</dd>
          </>
        ) : null}
        <dt>{t('deadlineHeading', lang)}</dt>
        <dd>
          {view.deadline ? (
            <>
              <DeadlineLine deadline={view.deadline} lang={lang} />
              <br />
              {/* In the reader's language when the mapping gives it so; else the mapping's Swedish. */}
              <span class="basis" lang={view.deadline.basisText ? undefined : 'sv'}>
                {view.deadline.basisText?.[lang] ?? view.deadline.basis}
              </span>
              {view.deadline.extended ? (
                <>
                  <br />
                  {t('extended', lang)}
                </>
              ) : null}
            </>
          ) : masked.has('deadline') ? (
            <Masked path="deadline" view={view} lang={lang} />
          ) : (
            t('noDeadline', lang)
          )}
        </dd>
        <DateRows view={view} lang={lang} citizen />
      </dl>
    </section>
  );
}
