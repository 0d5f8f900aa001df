/** "Who read my case" on the citizen's case page: which organisations' staff opened it, and when. */
import type { CaseReaders } from '../cases/case-readers.js';
import { formatDateTime } from './format.js';
import { type Language, type TextKey, t } from './i18n.js';
import { municipalityName } from './municipality-contact.js';

const ROLE_TEXT: Record<CaseReaders['items'][number]['role'], TextKey> = {
  infocenter: 'roleInfocenter',
  officer: 'roleOfficer',
};

/** `more` is the address that shows more entries, when there are more than shown. */
export function CaseReadersPanel(props: { readers: CaseReaders; lang: Language; more?: string | undefined }) {
  const { readers, lang, more } = props;
  const names = readers.items.some((r) => r.name !== undefined);
  return (
    <section class="panel" aria-labelledby="readers-heading">
      <h2 id="readers-heading">{t('readersHeading', lang)}</h2>
      <p class="meta">{t('readersIntro', lang)}</p>
      {readers.items.length === 0 ? (
        <p>{t('readersNone', lang)}</p>
      ) : (
        <div class="table-scroll">
          <table class="readers">
            <thead>
              <tr>
                <th scope="col">{t('readersWhen', lang)}</th>
                <th scope="col">{t('readersOrganisation', lang)}</th>
                <th scope="col">{t('readersOffice', lang)}</th>
                <th scope="col">{t('readersRole', lang)}</th>
                {names ? <th scope="col">{t('readersName', lang)}</th> : null}
              </tr>
            </thead>
            <tbody>
              {readers.items.map((r) => (
                <tr>
                  <td>
                    <time datetime={r.at}>{formatDateTime(r.at, lang)}</time>
                  </td>
                  <td class="reader-municipality">
                    {r.municipality
                      ? municipalityName(r.municipality.name ?? r.municipality.code, lang)
                      : t('readersUnknown', lang)}
                  </td>
                  <td class="reader-office">{r.office ?? '–'}</td>
                  <td>{t(ROLE_TEXT[r.role], lang)}</td>
                  {names ? <td class="reader-name">{r.name ?? '–'}</td> : null}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {readers.more && more ? (
        <p>
          <a href={more}>{t('readersMore', lang)}</a>
        </p>
      ) : null}
    </section>
  );
}
