/**
 * The staff console's results: how many in all and what was searched for (a number masked, with the
 * person's name where the policy shows it), filters, then the table and its pages
 * (staff-result-table.tsx). Every control posts the sealed search handle back, so no number reaches an
 * address.
 */
import { CASE_DOMAINS } from '../schemas/case.js';
import { formatNumber } from './format.js';
import { type Language, type TextKey, t, tn } from './i18n.js';
import { CSRF_FIELD } from './session.js';
import type { SearchOutcome } from './staff.js';
import { Pager, ResultTable, sortValue } from './staff-result-table.js';
import type { ResultView } from './staff-search.js';

type Results = Extract<SearchOutcome, { kind: 'results' }>;

const KIND_NAMES: Record<Results['searchedAs'], TextKey> = {
  reference: 'kindReference',
  personRef: 'kindPersonRef',
  orgRef: 'kindOrgRef',
  property: 'kindProperty',
  text: 'kindText',
};

const DOMAIN_NAMES: Record<(typeof CASE_DOMAINS)[number], TextKey> = {
  building_permit: 'domainBuildingPermit',
  school_placement: 'domainSchoolPlacement',
  social_services: 'domainSocialServices',
};

/** The fields every control of the results sends: the form's token, the search, the purpose, the order. */
function Carried(props: { csrf: string; sealed: string; purpose?: string | undefined; view: ResultView }) {
  return (
    <>
      <input type="hidden" name={CSRF_FIELD} value={props.csrf} />
      <input type="hidden" name="sokning" value={props.sealed} />
      {props.purpose ? <input type="hidden" name="syfte" value={props.purpose} /> : null}
      <input type="hidden" name="ordning" value={sortValue(props.view.sort)} />
    </>
  );
}

/** The filters as they stand, carried by the table's sort buttons and pager. */
function CarriedFilters(props: { view: ResultView }) {
  const { view } = props;
  return (
    <>
      {view.municipality ? <input type="hidden" name="kommun" value={view.municipality} /> : null}
      {view.domain ? <input type="hidden" name="doman" value={view.domain} /> : null}
      {view.state ? <input type="hidden" name="lage" value={view.state} /> : null}
      {view.overdue ? <input type="hidden" name="forsenade" value="1" /> : null}
      {view.awaitingApplicant ? <input type="hidden" name="vantar" value="sokande" /> : null}
    </>
  );
}

export function StaffResults(props: {
  outcome: Results;
  lang: Language;
  csrf: string;
  sealed: string;
  purpose?: string | undefined;
  /** The municipalities the filter offers (code and name). */
  municipalities: readonly { code: string; name: string }[];
  hrefFor: (id: string) => string;
}) {
  const { outcome, lang, csrf, sealed, purpose, municipalities, hrefFor } = props;
  const { view } = outcome;
  const action = `/staff/sok?lang=${lang}`;
  const name = outcome.person?.displayName;
  return (
    <section aria-labelledby="results-heading" class="results">
      <h2 id="results-heading">{t('results', lang)}</h2>
      <p role="status" class="results-summary">
        <strong>
          {outcome.capped
            ? t('casesOver', lang, { n: formatNumber(outcome.total, lang) })
            : tn('cases', lang, outcome.total)}
        </strong>{' '}
        · {t('searchedAs', lang, { kind: t(KIND_NAMES[outcome.searchedAs], lang) })} ·{' '}
        <span class="searched">
          {t('searchedFor', lang, { value: '' })}
          <bdi class="searched-value" dir="ltr">
            {outcome.shown}
          </bdi>
          {name ? (
            <>
              {' '}
              (<span class="person-name">{name}</span>)
            </>
          ) : null}
        </span>
      </p>
      <form method="post" action={action} class="result-filters">
        <Carried csrf={csrf} sealed={sealed} purpose={purpose} view={view} />
        <fieldset>
          <legend>{t('filtersHeading', lang)}</legend>
          <div class="filter-row">
            <div class="field">
              <label for="f-kommun">{t('filterMunicipality', lang)}</label>
              <select id="f-kommun" name="kommun">
                <option value="">{t('filterAll', lang)}</option>
                {municipalities.map((m) => (
                  <option value={m.code} selected={m.code === view.municipality}>
                    {m.name}
                  </option>
                ))}
              </select>
            </div>
            <div class="field">
              <label for="f-doman">{t('filterDomain', lang)}</label>
              <select id="f-doman" name="doman">
                <option value="">{t('filterAll', lang)}</option>
                {CASE_DOMAINS.map((d) => (
                  <option value={d} selected={d === view.domain}>
                    {t(DOMAIN_NAMES[d], lang)}
                  </option>
                ))}
              </select>
            </div>
            <div class="field">
              <label for="f-lage">{t('filterState', lang)}</label>
              <select id="f-lage" name="lage">
                <option value="">{t('filterAll', lang)}</option>
                <option value="open" selected={view.state === 'open'}>
                  {t('stateOpen', lang)}
                </option>
                <option value="closed" selected={view.state === 'closed'}>
                  {t('stateClosed', lang)}
                </option>
              </select>
            </div>
            <div class="field checkbox">
              <input type="checkbox" id="f-forsenade" name="forsenade" value="1" checked={view.overdue} />
              <label for="f-forsenade">{t('filterOverdue', lang)}</label>
            </div>
            <div class="field checkbox">
              <input
                type="checkbox"
                id="f-vantar"
                name="vantar"
                value="sokande"
                checked={view.awaitingApplicant}
              />
              <label for="f-vantar">{t('filterAwaitingApplicant', lang)}</label>
            </div>
            <button type="submit" class="button secondary">
              {t('filterApply', lang)}
            </button>
          </div>
        </fieldset>
      </form>
      {outcome.items.length === 0 ? (
        <p>{t('noResults', lang)}</p>
      ) : (
        <form method="post" action={action} class="result-table">
          <Carried csrf={csrf} sealed={sealed} purpose={purpose} view={view} />
          <CarriedFilters view={view} />
          <div class="table-scroll">
            <ResultTable items={outcome.items} lang={lang} sort={view.sort} hrefFor={hrefFor} />
          </div>
          <Pager lang={lang} page={view.page} pages={outcome.pages} />
        </form>
      )}
    </section>
  );
}
