/**
 * "Mina ärenden": a citizen's own cases, ongoing before closed, each part grouped under the municipality
 * handling the case and then its domain, a page at a time ("Visa fler" is a plain link), with the
 * contact block of every municipality shown; nothing about other people.
 */
import type { Municipalities } from '../municipalities/municipality-schema.js';
import { STATUS_CODES, type StatusCode } from '../schemas/case.js';
import type { CaseSummary } from '../schemas/case-view.js';
import { CaseList } from './case-list.js';
import { domainLabel } from './domain-labels.js';
import { type Language, t } from './i18n.js';
import { Layout, type SessionInfo } from './layout.js';
import { MunicipalityContact, municipalityName } from './municipality-contact.js';

/** From the resident's side a decided case is done, unless it was appealed. */
export const FINISHED: readonly StatusCode[] = ['decided', 'closed', 'withdrawn'];
export const ONGOING: readonly StatusCode[] = STATUS_CODES.filter((s) => !FINISHED.includes(s));

/** The two parts of the list, as the address names them (`?visa=pagaende`). */
export type Part = 'pagaende' | 'avslutade';
/** One page of one part: its cases and the cursor of the next page, if there is one. */
export type PartPage = { items: CaseSummary[]; nextCursor: string | null };

type DomainGroup = { domain: string; label: string; items: CaseSummary[] };
type MunicipalityGroup = { code: string; name: string; domains: DomainGroup[] };

/**
 * Municipalities in alphabetical order, within each the domains in alphabetical order of their
 * label in the page's language; each keeps the cases' own order (newest change first).
 */
export function grouped(items: CaseSummary[], municipalities: Municipalities, lang: Language) {
  const byCode = new Map<string, MunicipalityGroup>();
  for (const item of items) {
    const { code } = item.municipality;
    let group = byCode.get(code);
    if (!group) {
      // The deployment's own name for it when it has one; the source's otherwise.
      group = { code, name: municipalities.get(code)?.name ?? item.municipality.name, domains: [] };
      byCode.set(code, group);
    }
    let domain = group.domains.find((d) => d.domain === item.domain);
    if (!domain) {
      domain = { domain: item.domain, label: domainLabel(item.domain, lang), items: [] };
      group.domains.push(domain);
    }
    domain.items.push(item);
  }
  const collator = new Intl.Collator(lang);
  const groups = [...byCode.values()].sort((a, b) => a.name.localeCompare(b.name, 'sv'));
  for (const group of groups) group.domains.sort((a, b) => collator.compare(a.label, b.label));
  return groups;
}

function PartSection(props: { part: Part; page: PartPage; lang: Language; municipalities: Municipalities }) {
  const { part, page, lang, municipalities } = props;
  const hrefFor = (id: string) => `/mina-arenden/arenden/${id}?lang=${lang}`;
  const id = part;
  return (
    <section class="cases-part" aria-labelledby={id}>
      <h2 id={id}>{t(part === 'pagaende' ? 'ongoingCases' : 'finishedCases', lang)}</h2>
      {page.items.length === 0 ? <p>{t(part === 'pagaende' ? 'noOngoing' : 'noFinished', lang)}</p> : null}
      {grouped(page.items, municipalities, lang).map((group) => (
        <section class="municipality" aria-labelledby={`${id}-${group.code}`}>
          <h3 id={`${id}-${group.code}`}>{municipalityName(group.name, lang)}</h3>
          {group.domains.map((domain) => (
            <>
              <h4 id={`${id}-${group.code}-${domain.domain}`}>{domain.label}</h4>
              <CaseList items={domain.items} lang={lang} hrefFor={hrefFor} level={5} />
            </>
          ))}
        </section>
      ))}
      {page.nextCursor ? (
        <p class="more">
          <a
            href={`/mina-arenden?visa=${part}&fran=${encodeURIComponent(page.nextCursor)}&lang=${lang}#${id}`}
          >
            {t(part === 'pagaende' ? 'moreOngoing' : 'moreFinished', lang)}
          </a>
        </p>
      ) : null}
    </section>
  );
}

/**
 * The list: both parts on its first page; a later page of one part alone (`only`), with the way back
 * to the beginning.
 */
export function MyCasesPage(props: {
  lang: Language;
  session: SessionInfo;
  ongoing?: PartPage;
  finished?: PartPage;
  municipalities: Municipalities;
  /** The notification choice page, when the hub offers notifications. */
  notificationsHref?: string | undefined;
}) {
  const { lang, session, ongoing, finished, municipalities } = props;
  const shown = [...(ongoing?.items ?? []), ...(finished?.items ?? [])];
  const firstPage = ongoing !== undefined && finished !== undefined;
  // Each municipality whose cases are on the page, once, with its own contact details.
  const contacts = [...new Set(shown.map((i) => i.municipality.code))]
    .map((code) => municipalities.get(code))
    .filter((m) => m !== undefined)
    .sort((a, b) => a.name.localeCompare(b.name, 'sv'));
  return (
    <Layout lang={lang} title={t('myCases', lang)} path="/mina-arenden" session={session}>
      <h1>{t('myCases', lang)}</h1>
      <p class="lead">{t('myCasesIntro', lang)}</p>
      {props.notificationsHref ? (
        <p>
          <a href={props.notificationsHref}>{t('notifyLink', lang)}</a>
        </p>
      ) : null}
      {!firstPage ? (
        <p>
          <a href={`/mina-arenden?lang=${lang}`}>{t('backToFirstPage', lang)}</a>
        </p>
      ) : null}
      {firstPage && shown.length === 0 ? (
        <p>{t('noCases', lang)}</p>
      ) : (
        <>
          {ongoing ? (
            <PartSection part="pagaende" page={ongoing} lang={lang} municipalities={municipalities} />
          ) : null}
          {finished ? (
            <PartSection part="avslutade" page={finished} lang={lang} municipalities={municipalities} />
          ) : null}
        </>
      )}
      {contacts.length ? (
        <section class="panel" aria-labelledby="kontakt">
          <h2 id="kontakt">{t('contactHeading', lang)}</h2>
          {contacts.map((municipality) => (
            <MunicipalityContact
              municipality={municipality}
              lang={lang}
              heading={t('contactMunicipality', lang, { name: municipality.name })}
              level={3}
              id={`kontakt-${municipality.code}`}
            />
          ))}
        </section>
      ) : null}
    </Layout>
  );
}
