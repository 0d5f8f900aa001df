/** Parts of a case page: hidden fields with their reason, and what only staff see (parties, property). */
import type { CaseView } from '../schemas/case-view.js';
import { fieldName } from './field-names.js';
import { type Language, t } from './i18n.js';

const PARTY_ROLES = {
  applicant: { sv: 'Sökande', en: 'Applicant', ar: 'مقدم الطلب' },
  co_applicant: { sv: 'Medsökande', en: 'Co-applicant', ar: 'مقدم طلب مشارك' },
  guardian: { sv: 'Vårdnadshavare', en: 'Guardian', ar: 'ولي الأمر' },
  child: { sv: 'Barn', en: 'Child', ar: 'الطفل' },
  client: { sv: 'Klient', en: 'Client', ar: 'العميل' },
  representative: { sv: 'Ombud', en: 'Representative', ar: 'الممثل' },
  neighbour: { sv: 'Granne', en: 'Neighbour', ar: 'الجار' },
  other: { sv: 'Övrig part', en: 'Other party', ar: 'طرف آخر' },
} as const;

/** Why a field is hidden, as the policy said when it built the view. */
export function maskReason(path: string, view: CaseView, lang: Language): string {
  return view.confidentiality.reasons[path] === 'protected_identity'
    ? t('maskedProtected', lang)
    : t('maskedRole', lang);
}

/** A hidden field: that it is hidden, and why. */
export function Masked(props: { path: string; view: CaseView; lang: Language }) {
  return (
    <span class="masked">
      {t('masked', props.lang)} ({maskReason(props.path, props.view, props.lang)})
    </span>
  );
}

/** What only staff see: the parties (never other people's names on a citizen's page) and the property. */
export function StaffDetails(props: { view: CaseView; lang: Language; masked: Set<string> }) {
  const { view, lang, masked } = props;
  return (
    <section class="panel" aria-labelledby="parties-heading">
      <h2 id="parties-heading">{fieldName('parties', lang)}</h2>
      {view.parties ? (
        <ul class="plain">
          {view.parties.map((p) => (
            <li>
              {PARTY_ROLES[p.role][lang]}:{' '}
              {p.displayName ??
                (p.protectedIdentity ? (
                  <span class="masked">{t('protectedParty', lang)}</span>
                ) : (
                  <Masked path="parties.displayName" view={view} lang={lang} />
                ))}
            </li>
          ))}
        </ul>
      ) : (
        <p>
          <Masked path="parties" view={view} lang={lang} />
        </p>
      )}
      <h3>{fieldName('property', lang)}</h3>
      <p>
        {view.property ? (
          `${view.property.designation}${view.property.address ? `, ${view.property.address}` : ''}`
        ) : masked.has('property') ? (
          <Masked path="property" view={view} lang={lang} />
        ) : (
          '–'
        )}
      </p>
    </section>
  );
}
