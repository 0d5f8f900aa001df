/**
 * The staff console's result table, sortable by its column headers (each a submit button posting the
 * sealed search back with the next order), and the numbered pages under it.
 */
import type { CaseSort, SortKey } from '../cases/audited-search.js';
import type { CaseSummary } from '../schemas/case-view.js';
import { formatDate, formatNumber } from './format.js';
import { type Language, type TextKey, t } from './i18n.js';

const COLUMNS: { key: SortKey; label: TextKey }[] = [
  { key: 'reference', label: 'colReference' },
  { key: 'title', label: 'colTitle' },
  { key: 'status', label: 'colStatus' },
  { key: 'awaiting', label: 'colAwaiting' },
  { key: 'due', label: 'colDue' },
  { key: 'municipality', label: 'colMunicipality' },
  { key: 'office', label: 'colOffice' },
];
const SORT_LABELS: Record<SortKey, TextKey> = {
  updated: 'colUpdated',
  ...(Object.fromEntries(COLUMNS.map((c) => [c.key, c.label])) as Record<
    Exclude<SortKey, 'updated'>,
    TextKey
  >),
};

const AWAITING: Record<NonNullable<CaseSummary['awaiting']>['who'], TextKey> = {
  applicant: 'awaitingApplicant',
  office: 'awaitingOffice',
  third_party: 'awaitingThirdParty',
};

/** A sort as the form sends it: "due-asc". */
export const sortValue = (s: CaseSort) => `${s.by}-${s.dir}`;

export function ResultTable(props: {
  items: CaseSummary[];
  lang: Language;
  sort: CaseSort;
  hrefFor: (id: string) => string;
}) {
  const { items, lang, sort, hrefFor } = props;
  const direction = t(sort.dir === 'asc' ? 'sortAscending' : 'sortDescending', lang);
  return (
    <table class="case-table">
      <caption class="visually-hidden">
        {t('resultsCaption', lang, { column: t(SORT_LABELS[sort.by], lang), direction })}
      </caption>
      <thead>
        <tr>
          {COLUMNS.map((col) => {
            const current = sort.by === col.key;
            const next: CaseSort = { by: col.key, dir: current && sort.dir === 'asc' ? 'desc' : 'asc' };
            return (
              <th
                scope="col"
                aria-sort={current ? (sort.dir === 'asc' ? 'ascending' : 'descending') : undefined}
              >
                <button
                  type="submit"
                  name="sortera"
                  value={sortValue(next)}
                  class="sort-button"
                  title={t('sortBy', lang, { column: t(col.label, lang) })}
                >
                  {t(col.label, lang)}
                  {current ? <span aria-hidden="true">{sort.dir === 'asc' ? ' ▲' : ' ▼'}</span> : null}
                </button>
              </th>
            );
          })}
        </tr>
      </thead>
      <tbody>
        {items.map((item) => (
          <tr>
            <td>
              <a href={hrefFor(item.id)} class="reference case-link">
                {item.reference}
              </a>
            </td>
            <td lang={item.title ? 'sv' : undefined}>
              {item.title ?? item.caseType?.label[lang] ?? t('masked', lang)}
            </td>
            <td>
              {item.status ? (
                <>
                  {item.status.label[lang]}
                  <br />
                  <span class="meta">
                    {t('statusSince', lang, { date: formatDate(item.status.since, lang) })}
                  </span>
                </>
              ) : (
                <span class="masked">{t('masked', lang)}</span>
              )}
            </td>
            <td>{item.awaiting ? t(AWAITING[item.awaiting.who], lang) : '–'}</td>
            <td>
              {item.deadline ? (
                <>
                  <time datetime={item.deadline.dueAt}>{formatDate(item.deadline.dueAt, lang)}</time>
                  {item.deadline.overdue ? (
                    <>
                      <br />
                      <strong class="badge badge-overdue">
                        <span aria-hidden="true">⚠ </span>
                        {t('overdueShort', lang)}
                      </strong>
                    </>
                  ) : null}
                </>
              ) : (
                '–'
              )}
            </td>
            <td>{item.municipality.name}</td>
            <td>
              {item.office ? (
                <span lang="sv">{item.office.name}</span>
              ) : (
                <span class="masked">{t('masked', lang)}</span>
              )}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function Pager(props: { lang: Language; page: number; pages: number }) {
  const { lang, page, pages } = props;
  if (pages <= 1) return null;
  return (
    <nav aria-label={t('pagingLabel', lang)} class="pager">
      {page > 1 ? (
        <button type="submit" name="sida" value={String(page - 1)} class="button secondary">
          {t('previousPage', lang)}
        </button>
      ) : null}
      <span>{t('pageOf', lang, { page: formatNumber(page, lang), pages: formatNumber(pages, lang) })}</span>
      {page < pages ? (
        <button type="submit" name="sida" value={String(page + 1)} class="button secondary">
          {t('nextPage', lang)}
        </button>
      ) : null}
    </nav>
  );
}
