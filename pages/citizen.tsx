/** "Mina ärenden": a citizen's own cases across offices, ongoing and closed; nothing about other people. */
import type { StatusCode } from '../schemas/case.js';
import type { CaseSummary } from '../schemas/case-view.js';
import { CaseList } from './case-list.js';
import { type Language, t } from './i18n.js';
import { Layout, type SessionInfo } from './layout.js';

/** From the resident's side a decided case is done, unless it was appealed. */
const FINISHED: ReadonlySet<StatusCode> = new Set(['decided', 'closed', 'withdrawn']);

export function MyCasesPage(props: { lang: Language; session: SessionInfo; items: CaseSummary[] }) {
  const { lang, session, items } = props;
  const finished = items.filter((i) => i.status && FINISHED.has(i.status.code));
  const ongoing = items.filter((i) => !finished.includes(i));
  const hrefFor = (id: string) => `/mina-arenden/arenden/${id}?lang=${lang}`;
  return (
    <Layout lang={lang} title={t('myCases', lang)} path="/mina-arenden" session={session}>
      <h1>{t('myCases', lang)}</h1>
      <p class="lead">{t('myCasesIntro', lang)}</p>
      <section aria-labelledby="ongoing-heading">
        <h2 id="ongoing-heading">{t('ongoing', lang)}</h2>
        {ongoing.length ? (
          <CaseList items={ongoing} lang={lang} hrefFor={hrefFor} />
        ) : (
          <p>{t('noOngoing', lang)}</p>
        )}
      </section>
      <section aria-labelledby="finished-heading">
        <h2 id="finished-heading">{t('finished', lang)}</h2>
        {finished.length ? (
          <CaseList items={finished} lang={lang} hrefFor={hrefFor} />
        ) : (
          <p>{t('noFinished', lang)}</p>
        )}
      </section>
    </Layout>
  );
}
