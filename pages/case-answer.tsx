/**
 * The staff case page's first block: what an agent needs to answer the call, above the fold. Status
 * and since when, who holds the ball and exactly what is awaited, the next step, the deadline and
 * whether it is overdue, the handler with phone and e-mail, and the last thing that happened.
 */
import type { CaseView } from '../schemas/case-view.js';
import { STATUS_LABELS } from '../schemas/status-labels.js';
import { Masked } from './case-details.js';
import { DeadlineLine } from './case-page.js';
import { ContactList } from './contact-list.js';
import { formatDate } from './format.js';
import { type Language, type TextKey, t } from './i18n.js';

const AWAITING: Record<NonNullable<CaseView['awaiting']>['who'], TextKey> = {
  applicant: 'awaitingApplicant',
  office: 'awaitingOffice',
  third_party: 'awaitingThirdParty',
};

/** The newest of the status changes, the documents that came in and the decision (what the source told us). */
export function lastEvent(view: CaseView, lang: Language): { at: string; text: string } | undefined {
  const events: { at: string; text: string }[] = [
    ...(view.status?.history ?? []).map((h) => ({
      at: h.since,
      text: t('lastEventStatus', lang, { status: STATUS_LABELS[h.code][lang] }),
    })),
    ...(view.documents ?? []).map((d) => ({
      at: d.receivedAt,
      text: t('lastEventDocument', lang, { title: d.title }),
    })),
    ...(view.decision
      ? [{ at: view.decision.at, text: t('lastEventDecision', lang, { outcome: view.decision.outcome }) }]
      : []),
  ];
  return events.reduce<{ at: string; text: string } | undefined>(
    (newest, e) => (!newest || Date.parse(e.at) > Date.parse(newest.at) ? e : newest),
    undefined,
  );
}

export function StaffAnswer(props: { view: CaseView; lang: Language }) {
  const { view, lang } = props;
  const masked = new Set(view.confidentiality.masked);
  const last = lastEvent(view, lang);
  return (
    <section class="panel status-panel answer" aria-labelledby="status-heading">
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
      <dl class="facts answer-facts">
        <div>
          <dt>{t('ballHeading', lang)}</dt>
          <dd>
            {view.awaiting ? t(AWAITING[view.awaiting.who], lang) : view.status ? '–' : null}
            {!view.status ? <Masked path="status" view={view} lang={lang} /> : null}
          </dd>
        </div>
        {view.awaiting?.what ? (
          <div>
            <dt>{t('awaitedHeading', lang)}</dt>
            <dd>{view.awaiting.what[lang]}</dd>
          </div>
        ) : null}
        {view.nextStep ? (
          <div>
            <dt>{t('nextStepHeading', lang)}</dt>
            <dd>{view.nextStep[lang]}</dd>
          </div>
        ) : null}
        <div>
          <dt>{t('deadlineHeading', lang)}</dt>
          <dd>
            {view.deadline ? (
              <>
                <DeadlineLine deadline={view.deadline} lang={lang} />
                <br />
                <span class="basis" lang={view.deadline.basisText ? undefined : 'sv'}>
                  {view.deadline.basisText?.[lang] ?? view.deadline.basis}
                </span>
                {view.deadline.extended ? ` · ${t('extended', lang)}` : ''}
              </>
            ) : masked.has('deadline') ? (
              <Masked path="deadline" view={view} lang={lang} />
            ) : (
              t('noDeadline', lang)
            )}
          </dd>
        </div>
        <div>
          <dt>{t('handlerHeading', lang)}</dt>
          <dd class="handler">
            <Handler view={view} lang={lang} masked={masked} />
          </dd>
        </div>
        {last ? (
          <div>
            <dt>{t('lastEventHeading', lang)}</dt>
            <dd>
              <time datetime={last.at}>{formatDate(last.at, lang)}</time>: {last.text}
            </dd>
          </div>
        ) : null}
      </dl>
    </section>
  );
}

/** The handler by name and unit with phone and e-mail; without one, the office to call instead. */
function Handler(props: { view: CaseView; lang: Language; masked: Set<string> }) {
  const { view, lang, masked } = props;
  if (view.handler) {
    const { name, unit, contact } = view.handler;
    return (
      <>
        {name ?? (masked.has('handler.name') ? <Masked path="handler.name" view={view} lang={lang} /> : null)}
        {(name || masked.has('handler.name')) && unit ? ', ' : ''}
        {unit}
        <ContactList contact={contact} lang={lang} />
      </>
    );
  }
  if (masked.has('handler')) return <Masked path="handler" view={view} lang={lang} />;
  return (
    <>
      {t('noHandler', lang)}
      {view.office ? (
        <>
          {' '}
          <span lang="sv">{view.office.name}</span>
          <ContactList contact={view.office.contact} lang={lang} />
        </>
      ) : null}
    </>
  );
}
