/** One case at a glance, for staff and for the citizen: status in plain words, who holds the ball, deadline, contact, timeline. */
import type { Child } from 'hono/jsx';
import type { Municipality } from '../municipalities/municipality-schema.js';
import type { CaseSummary, CaseView } from '../schemas/case-view.js';
import { STATUS_LABELS } from '../schemas/status-labels.js';
import { StaffAnswer } from './case-answer.js';
import { Masked, maskReason, StaffDetails } from './case-details.js';
import { CitizenStatus, StaffDates } from './case-status.js';
import { ContactList } from './contact-list.js';
import { fieldName } from './field-names.js';
import { formatAgo, formatDate, formatDateTime } from './format.js';
import { type Language, type TextKey, t, tn } from './i18n.js';
import { MunicipalityContact, municipalityName } from './municipality-contact.js';
import { ProcessGuide } from './process-guide.js';
import { CSRF_FIELD } from './session.js';

const _AWAITING: Record<NonNullable<CaseView['awaiting']>['who'], TextKey> = {
  applicant: 'awaitingApplicant',
  office: 'awaitingOffice',
  third_party: 'awaitingThirdParty',
};

/** Days while under two weeks, then started weeks as the API counts them (each one cuts a PBL fee): "12 days", "3 weeks". */
function overdueText(deadline: { daysOverdue: number; weeksOverdue: number }, lang: Language): string {
  return deadline.daysOverdue < 14
    ? tn('overdueDays', lang, deadline.daysOverdue)
    : tn('overdueWeeks', lang, deadline.weeksOverdue);
}

export function DeadlineLine(props: { deadline: NonNullable<CaseSummary['deadline']>; lang: Language }) {
  const { deadline, lang } = props;
  return (
    <>
      <span>{t('dueBy', lang, { date: formatDate(deadline.dueAt, lang) })}</span>{' '}
      {deadline.overdue ? (
        <strong class="badge badge-overdue">
          <span aria-hidden="true">⚠ </span>
          {overdueText(deadline, lang)}
        </strong>
      ) : (
        <span class="badge badge-ok">
          <span aria-hidden="true">✓ </span>
          {t('withinTime', lang)}
        </span>
      )}
    </>
  );
}

export type RefreshControl = { action: string; csrf: string; outcome?: 'ok' | 'failed' | undefined };

export function CasePage(props: {
  view: CaseView;
  lang: Language;
  audience: 'staff' | 'citizen';
  refresh?: RefreshControl | undefined;
  back: { href: string; label: string };
  /** The case's municipality as the deployment describes it (contact channels, opening hours), if it does. */
  municipality?: Municipality | undefined;
  /** What the reader can do about the case (staff: "register a question about this case"). */
  actions?: Child;
}) {
  const { view, lang, audience, refresh, back, municipality, actions } = props;
  const masked = new Set(view.confidentiality.masked);
  const heading = view.title ?? view.caseType?.label[lang] ?? view.reference;
  // In time order, oldest first: a list numbered from the start reads as the story of the case.
  const history = view.status?.history ?? [];
  return (
    <>
      <p>
        <a href={back.href}>{back.label}</a>
      </p>
      {/* Texts from the source system are Swedish, whatever the page's language. */}
      <h1 lang={view.title ? 'sv' : undefined}>{heading}</h1>
      <p class="meta">
        {t('caseNumber', lang)}: <span class="reference">{view.reference}</span>
        {view.caseType ? ` · ${view.caseType.label[lang]}` : ''} · {view.municipality.name}
      </p>
      {refresh?.outcome ? (
        <p class={`notice ${refresh.outcome === 'ok' ? 'notice-ok' : 'notice-warning'}`} role="status">
          {t(refresh.outcome === 'ok' ? 'refreshed' : 'refreshFailed', lang)}
        </p>
      ) : null}
      {/* Staff: the answer to the call first, above the fold; what they can do about it next. */}
      {audience === 'staff' ? <StaffAnswer view={view} lang={lang} /> : null}
      {actions}

      {audience === 'staff' ? (
        <StaffDates view={view} lang={lang} />
      ) : (
        <CitizenStatus view={view} lang={lang} />
      )}

      {view.process ? <ProcessGuide guide={view.process} lang={lang} audience={audience} /> : null}

      <section class="panel" aria-labelledby="documents-heading">
        <h2 id="documents-heading">{t('documentsHeading', lang)}</h2>
        {view.documents === undefined ? (
          <p>
            <Masked path="documents" view={view} lang={lang} />
          </p>
        ) : view.documents.length === 0 ? (
          <p>{t('noDocuments', lang)}</p>
        ) : (
          <ul class="plain documents">
            {view.documents.map((d) => (
              <li>
                <span lang="sv">{d.title}</span>{' '}
                <span class="meta">
                  (<time datetime={d.receivedAt}>{formatDate(d.receivedAt, lang)}</time>)
                </span>
              </li>
            ))}
          </ul>
        )}
      </section>

      <section class="panel" aria-labelledby="contact-heading">
        <h2 id="contact-heading">{t('contactHeading', lang)}</h2>
        <h3>{fieldName('office', lang)}</h3>
        {view.office ? (
          <>
            <p lang="sv">{view.office.name}</p>
            <ContactList contact={view.office.contact} lang={lang} />
          </>
        ) : (
          <p>
            <Masked path="office" view={view} lang={lang} />
          </p>
        )}
        {view.handler ? (
          <>
            <h3>{fieldName('handler', lang)}</h3>
            <p>
              {view.handler.name ??
                (masked.has('handler.name') ? <Masked path="handler.name" view={view} lang={lang} /> : null)}
              {view.handler.name || masked.has('handler.name') ? ', ' : ''}
              {view.handler.unit}
            </p>
            <ContactList contact={view.handler.contact} lang={lang} />
          </>
        ) : masked.has('handler') ? (
          <p>
            {fieldName('handler', lang)}: <Masked path="handler" view={view} lang={lang} />
          </p>
        ) : null}
        {municipality ? (
          <MunicipalityContact
            municipality={municipality}
            lang={lang}
            heading={municipalityName(municipality.name, lang)}
            level={3}
            id="municipality-contact-heading"
          />
        ) : null}
      </section>

      {audience === 'staff' ? <StaffDetails view={view} lang={lang} masked={masked} /> : null}

      <section class="panel" aria-labelledby="freshness-heading">
        <h2 id="freshness-heading">{t('freshnessHeading', lang)}</h2>
        <p>
          {/* A citizen is not told the office's internal system names ("byggr"). */}
          {audience === 'citizen'
            ? t('fetchedAgoCitizen', lang, { ago: formatAgo(view.freshness.ageSeconds, lang) })
            : t('fetchedAgo', lang, {
                system: view.source.system,
                ago: formatAgo(view.freshness.ageSeconds, lang),
              })}{' '}
          <time datetime={view.source.fetchedAt}>({formatDateTime(view.source.fetchedAt, lang)})</time>
        </p>
        {view.freshness.stale ? (
          <p class="notice notice-warning">
            <span aria-hidden="true">⚠ </span>
            {t(audience === 'citizen' ? 'staleWarningCitizen' : 'staleWarning', lang)}
          </p>
        ) : null}
        {refresh ? (
          <form method="post" action={refresh.action}>
            <input type="hidden" name={CSRF_FIELD} value={refresh.csrf} />
            <button type="submit" class="button secondary">
              {t('refreshNow', lang)}
            </button>
          </form>
        ) : null}
      </section>

      <section class="panel" aria-labelledby="timeline-heading">
        <h2 id="timeline-heading">{t('timelineHeading', lang)}</h2>
        {!view.status ? (
          <p>
            <Masked path="status" view={view} lang={lang} />
          </p>
        ) : history.length === 0 ? (
          <p>{t('noEvents', lang)}</p>
        ) : (
          <ol class="timeline">
            {history.map((entry) => (
              <li>
                <time datetime={entry.since}>{formatDateTime(entry.since, lang)}</time>{' '}
                <span>{STATUS_LABELS[entry.code][lang]}</span>
              </li>
            ))}
          </ol>
        )}
      </section>

      {view.confidentiality.masked.length > 0 ? (
        <section class="panel" aria-labelledby="masked-heading">
          <h2 id="masked-heading">{t('maskedHeading', lang)}</h2>
          <ul class="plain">
            {view.confidentiality.masked.map((path) => (
              <li>
                {fieldName(path, lang)}: {maskReason(path, view, lang)}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </>
  );
}
