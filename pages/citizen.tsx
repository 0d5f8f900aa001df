/**
 * "Mina ärenden": a citizen's own cases, under the municipality handling each (with its contact
 * block), ongoing apart from closed; nothing about other people.
 */
import type { Municipalities } from '../municipalities/municipality-schema.js';
import type { StatusCode } from '../schemas/case.js';
import type { CaseSummary } from '../schemas/case-view.js';
import { CaseList } from './case-list.js';
import { type Language, t } from './i18n.js';
import { Layout, type SessionInfo } from './layout.js';
import { MunicipalityContact, municipalityName } from './municipality-contact.js';

/** From the resident's side a decided case is done, unless it was appealed. */
const FINISHED: ReadonlySet<StatusCode> = new Set(['decided', 'closed', 'withdrawn']);

type Group = { code: string; name: string; items: CaseSummary[] };

/** One group per municipality, in alphabetical order; each keeps the cases' own order. */
export function byMunicipality(items: CaseSummary[], municipalities: Municipalities): Group[] {
  const groups = new Map<string, Group>();
  for (const item of items) {
    const { code } = item.municipality;
    const group = groups.get(code) ?? {
      code,
      // The deployment's own name for it when it has one; the source's otherwise.
      name: municipalities.get(code)?.name ?? item.municipality.name,
      items: [],
    };
    group.items.push(item);
    groups.set(code, group);
  }
  return [...groups.values()].sort((a, b) => a.name.localeCompare(b.name, 'sv'));
}

export function MyCasesPage(props: {
  lang: Language;
  session: SessionInfo;
  items: CaseSummary[];
  municipalities: Municipalities;
  /** The notification choice page, when the hub offers notifications. */
  notificationsHref?: string | undefined;
}) {
  const { lang, session, items, municipalities } = props;
  const hrefFor = (id: string) => `/mina-arenden/arenden/${id}?lang=${lang}`;
  const groups = byMunicipality(items, municipalities);
  return (
    <Layout lang={lang} title={t('myCases', lang)} path="/mina-arenden" session={session}>
      <h1>{t('myCases', lang)}</h1>
      <p class="lead">{t('myCasesIntro', lang)}</p>
      {props.notificationsHref ? (
        <p>
          <a href={props.notificationsHref}>{t('notifyLink', lang)}</a>
        </p>
      ) : null}
      {groups.length === 0 ? <p>{t('noCases', lang)}</p> : null}
      {groups.map((group) => {
        const finished = group.items.filter((i) => i.status && FINISHED.has(i.status.code));
        const ongoing = group.items.filter((i) => !finished.includes(i));
        const id = `kommun-${group.code}`;
        const municipality = municipalities.get(group.code);
        return (
          <section class="municipality" aria-labelledby={id}>
            <h2 id={id}>{municipalityName(group.name, lang)}</h2>
            {ongoing.length ? (
              <>
                <h3 id={`${id}-ongoing`}>{t('ongoing', lang)}</h3>
                <CaseList items={ongoing} lang={lang} hrefFor={hrefFor} level={4} />
              </>
            ) : null}
            {finished.length ? (
              <>
                <h3 id={`${id}-finished`}>{t('finished', lang)}</h3>
                <CaseList items={finished} lang={lang} hrefFor={hrefFor} level={4} />
              </>
            ) : null}
            {municipality ? (
              <div class="panel">
                <MunicipalityContact
                  municipality={municipality}
                  lang={lang}
                  heading={t('contactMunicipality', lang, { name: municipality.name })}
                  level={3}
                  id={`${id}-contact`}
                />
              </div>
            ) : null}
          </section>
        );
      })}
    </Layout>
  );
}
