/** The information-center console: one search box, results, and the source systems' health. */

import type { CaseSummary } from '../schemas/case-view.js';
import { MUNICIPALITIES } from '../schemas/municipalities.js';
import { type SourceCondition, type SourceStatus, sourceCondition } from '../schemas/source-status.js';
import { formatAgo, formatDateTime } from './format.js';
import { type Language, type TextKey, t } from './i18n.js';
import { Layout, type SessionInfo } from './layout.js';
import type { SearchHandle } from './search-handle.js';
import { CSRF_FIELD } from './session.js';
import { StaffResults } from './staff-results.js';
import type { ResultView } from './staff-search.js';

export type SearchKind = 'reference' | 'personRef' | 'orgRef' | 'property' | 'text';

export type SearchOutcome =
  | { kind: 'error'; message: TextKey; value: string }
  | {
      kind: 'results';
      searchedAs: SearchKind;
      items: CaseSummary[];
      /** Every case the search and filters find for this person, not only this page. */
      total: number;
      /** More match than `total`: counting stopped there. */
      capped: boolean;
      pages: number;
      view: ResultView;
      /** What was searched for, as the page may show it (a number masked). */
      shown: string;
      person?: { displayName?: string };
      handle: SearchHandle;
      /** What goes back into the search box (never a number). */
      value: string;
    };

export type SourceHealth = SourceCondition;

const HEALTH: Record<SourceHealth, { text: TextKey; icon: string }> = {
  ok: { text: 'sourceOk', icon: '✓' },
  behind: { text: 'sourceBehind', icon: '⚠' },
  failing: { text: 'sourceFailing', icon: '✕' },
  never: { text: 'sourceNever', icon: '–' },
};

/** How a source looks to someone explaining a delay (the rule lives with the source status types). */
export const sourceHealth: (s: SourceStatus) => SourceHealth = sourceCondition;

export type SourceRow = { status: SourceStatus; health: SourceHealth };

/** A purpose staff may state for a read (the policy's list): its id goes with the read into the audit log. */
export type Purpose = { id: string; label: string };

export function StaffPage(props: {
  lang: Language;
  session: SessionInfo;
  outcome?: SearchOutcome | undefined;
  sources: SourceRow[];
  purposes: readonly Purpose[];
  /** The purpose chosen with the search, kept for the case pages opened from its results. */
  purpose?: string | undefined;
  /** The results' search handle, sealed for this browser: what their filters, orders and pages post back. */
  sealed?: string | undefined;
  /** The municipalities the result filter offers. */
  municipalities?: readonly { code: string; name: string }[];
}) {
  const { lang, session, outcome, sources, purposes, purpose, sealed } = props;
  const error = outcome?.kind === 'error' ? outcome : undefined;
  const title =
    outcome?.kind === 'results' ? `${t('results', lang)} – ${t('staffTitle', lang)}` : t('staffTitle', lang);
  return (
    <Layout
      lang={lang}
      title={error ? `${t('errorSummary', lang)}: ${title}` : title}
      path="/staff"
      session={session}
    >
      <h1>{t('staffTitle', lang)}</h1>
      {error ? (
        <div class="error-summary" role="alert" aria-labelledby="error-summary-title" tabindex={-1}>
          <h2 id="error-summary-title">{t('errorSummary', lang)}</h2>
          <ul>
            <li>
              <a href="#search">{t(error.message, lang)}</a>
            </li>
          </ul>
        </div>
      ) : null}
      <search>
        <form method="post" action={`/staff/sok?lang=${lang}`} class="search-form" novalidate>
          <h2 id="search-heading">{t('searchHeading', lang)}</h2>
          <input type="hidden" name={CSRF_FIELD} value={session.csrf} />
          <div class={error ? 'field field-error' : 'field'}>
            <label for="search">{t('searchLabel', lang)}</label>
            <p id="search-hint" class="hint">
              {t('searchHint', lang)}
            </p>
            {error ? (
              <p id="search-error" class="error-message">
                <span class="visually-hidden">{t('errorSummary', lang)}: </span>
                {t(error.message, lang)}
              </p>
            ) : null}
            <div class="search-row">
              <input
                id="search"
                name="q"
                type="search"
                autocomplete="off"
                spellcheck={false}
                maxlength={200}
                value={outcome?.value ?? ''}
                aria-describedby={error ? 'search-hint search-error' : 'search-hint'}
                aria-invalid={error ? 'true' : undefined}
              />
              <button type="submit" class="button">
                {t('searchButton', lang)}
              </button>
            </div>
          </div>
          {purposes.length > 0 ? (
            <div class="field">
              <label for="purpose">{t('purposeLabel', lang)}</label>
              <select id="purpose" name="syfte">
                <option value="">{t('purposeNone', lang)}</option>
                {purposes.map((p) => (
                  <option value={p.id} selected={p.id === purpose} lang="sv">
                    {p.label}
                  </option>
                ))}
              </select>
            </div>
          ) : null}
        </form>
      </search>
      {outcome?.kind === 'results' && sealed ? (
        <StaffResults
          outcome={outcome}
          lang={lang}
          csrf={session.csrf}
          sealed={sealed}
          purpose={purpose}
          municipalities={props.municipalities ?? []}
          hrefFor={(id) => `/staff/arenden/${id}?lang=${lang}${purpose ? `&syfte=${purpose}` : ''}`}
        />
      ) : null}
      <SourcesPanel lang={lang} sources={sources} />
    </Layout>
  );
}

/** Why a source is failing, for whoever is asked about a delay: the connection, or the last error (free of personal data). */
function FailingReason(props: { status: SourceStatus; lang: Language }) {
  const { status, lang } = props;
  const reason = status.connected === false ? t('sourceDisconnected', lang) : status.lastError;
  return reason ? <span class="meta"> · {reason}</span> : null;
}

function SourcesPanel(props: { lang: Language; sources: SourceRow[] }) {
  const { lang, sources } = props;
  return (
    <section aria-labelledby="sources-heading" class="panel sources">
      <h2 id="sources-heading">{t('sourcesHeading', lang)}</h2>
      <p>{t('sourcesIntro', lang)}</p>
      {sources.length === 0 ? (
        <p>{t('noSources', lang)}</p>
      ) : (
        <div class="table-scroll">
          <table>
            <thead>
              <tr>
                <th scope="col">{t('sourceName', lang)}</th>
                <th scope="col">{t('sourceLastSync', lang)}</th>
                <th scope="col">{t('sourceState', lang)}</th>
              </tr>
            </thead>
            <tbody>
              {sources.map(({ status, health }) => (
                <tr>
                  <th scope="row">
                    {status.id}
                    <span class="meta"> · {MUNICIPALITIES[status.municipality] ?? status.municipality}</span>
                  </th>
                  <td>
                    {status.lastSuccessAt ? (
                      <time
                        datetime={status.lastSuccessAt}
                        title={formatDateTime(status.lastSuccessAt, lang)}
                      >
                        {formatAgo(status.lagSeconds ?? 0, lang)}
                      </time>
                    ) : (
                      '–'
                    )}
                  </td>
                  <td class={`health health-${health}`}>
                    <span aria-hidden="true">{HEALTH[health].icon} </span>
                    {t(HEALTH[health].text, lang)}
                    {health === 'failing' ? <FailingReason status={status} lang={lang} /> : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
