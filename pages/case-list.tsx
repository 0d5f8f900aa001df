/** A list of cases as cards: reference, title, status in plain words, who is awaited, deadline. */
import type { CaseSummary } from '../schemas/case-view.js';
import { DeadlineLine } from './case-page.js';
import { formatDate } from './format.js';
import { type Language, t } from './i18n.js';

/** `level`: the cards' heading level, one below the heading the list stands under (default 3). */
export function CaseList(props: {
  items: CaseSummary[];
  lang: Language;
  hrefFor: (id: string) => string;
  level?: 3 | 4 | 5;
}) {
  const { items, lang, hrefFor, level = 3 } = props;
  const Heading = `h${level}` as const;
  return (
    <ul class="case-list">
      {items.map((item) => (
        <li class="case-card">
          <Heading>
            <a href={hrefFor(item.id)} lang={item.title ? 'sv' : undefined}>
              {item.title ?? item.caseType?.label[lang] ?? item.reference}
            </a>
          </Heading>
          <p class="meta">
            <span class="reference">{item.reference}</span> ·{' '}
            {item.office ? <span lang="sv">{item.office.name}</span> : t('masked', lang)} ·{' '}
            {item.municipality.name}
          </p>
          {item.status ? (
            <p>
              <strong>{item.status.label[lang]}</strong>{' '}
              {t('statusSince', lang, { date: formatDate(item.status.since, lang) })}
            </p>
          ) : null}
          {item.awaiting?.what ? <p>{item.awaiting.what[lang]}</p> : null}
          {item.deadline ? (
            <p>
              <DeadlineLine deadline={item.deadline} lang={lang} />
            </p>
          ) : null}
        </li>
      ))}
    </ul>
  );
}
