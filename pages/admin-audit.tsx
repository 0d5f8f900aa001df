/** Audit search in the admin console: by case, by staff member, by person (a personnummer only in a POST form). */
import type { AuditRecord } from '../cases/admin-audit.js';
import { formatDateTime } from './format.js';
import { type Language, type TextKey, t } from './i18n.js';
import { Layout, type SessionInfo } from './layout.js';
import { CSRF_FIELD } from './session.js';

export type AuditSearchKind = 'arende' | 'medarbetare' | 'person';

/** What was asked (the personnummer is never echoed back) and what came of it. */
export type AuditOutcome =
  | { kind: AuditSearchKind; error: TextKey; value: string }
  | { kind: AuditSearchKind; entries: AuditRecord[]; value: string };

const FIELDS: Record<AuditSearchKind, { legend: TextKey; label: TextKey; hint?: TextKey; name: string }> = {
  arende: { legend: 'auditByCase', label: 'auditCaseId', hint: 'auditCaseIdHint', name: 'arende' },
  medarbetare: { legend: 'auditByStaff', label: 'auditSubject', name: 'medarbetare' },
  person: {
    legend: 'auditByPerson',
    label: 'auditPersonnummer',
    hint: 'auditPersonHint',
    name: 'personnummer',
  },
};

function SearchForm(props: { lang: Language; csrf: string; kind: AuditSearchKind; outcome?: AuditOutcome }) {
  const { lang, csrf, kind, outcome } = props;
  const f = FIELDS[kind];
  const id = `audit-${kind}`;
  const error = outcome?.kind === kind && 'error' in outcome ? outcome.error : undefined;
  // A personnummer is never written back into the page.
  const value = outcome?.kind === kind && kind !== 'person' ? outcome.value : '';
  const described = [f.hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ');
  return (
    <form method="post" action={`/admin/logg/${kind}?lang=${lang}`} class="search-form panel" novalidate>
      <input type="hidden" name={CSRF_FIELD} value={csrf} />
      <h2 id={`${id}-heading`}>{t(f.legend, lang)}</h2>
      <div class={error ? 'field field-error' : 'field'}>
        <label for={id}>{t(f.label, lang)}</label>
        {f.hint ? (
          <p id={`${id}-hint`} class="hint">
            {t(f.hint, lang)}
          </p>
        ) : null}
        {error ? (
          <p id={`${id}-error`} class="error-message">
            <span class="visually-hidden">{t('errorSummary', lang)}: </span>
            {t(error, lang)}
          </p>
        ) : null}
        <div class="search-row">
          <input
            type="text"
            id={id}
            name={f.name}
            value={value}
            autocomplete="off"
            spellcheck={false}
            aria-describedby={described || undefined}
            aria-invalid={error ? 'true' : undefined}
          />
          <button type="submit" class="button" id={`${id}-submit`}>
            {t('auditSearch', lang)}
            <span class="visually-hidden"> – {t(f.legend, lang)}</span>
          </button>
        </div>
      </div>
    </form>
  );
}

function Entries(props: { lang: Language; entries: AuditRecord[] }) {
  const { lang, entries } = props;
  return (
    <section aria-labelledby="audit-results-heading" class="panel" id="audit-results">
      <h2 id="audit-results-heading" tabindex={-1}>
        {t('auditResults', lang, { n: entries.length })}
      </h2>
      {entries.length === 0 ? (
        <p>{t('auditNoEntries', lang)}</p>
      ) : (
        <div class="table-scroll">
          <table class="audit-entries">
            <thead>
              <tr>
                <th scope="col">{t('auditAt', lang)}</th>
                <th scope="col">{t('auditWho', lang)}</th>
                <th scope="col">{t('auditAction', lang)}</th>
                <th scope="col">{t('auditCase', lang)}</th>
                <th scope="col">{t('auditPurpose', lang)}</th>
              </tr>
            </thead>
            <tbody>
              {entries.map((e) => (
                <tr>
                  <td>
                    <time datetime={e.at}>{formatDateTime(e.at, lang)}</time>
                  </td>
                  <th scope="row">
                    {e.subject}
                    <span class="meta">
                      {' '}
                      · {e.role}
                      {e.municipality ? ` · ${e.municipality}` : ''}
                      {e.office ? ` · ${e.office}` : ''}
                    </span>
                  </th>
                  <td>
                    <code>{e.action}</code>
                  </td>
                  <td>{e.caseId ? <code>{e.caseId}</code> : '–'}</td>
                  <td>{e.purpose ?? '–'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

export function AuditPage(props: {
  lang: Language;
  session: SessionInfo;
  outcome?: AuditOutcome | undefined;
}) {
  const { lang, session, outcome } = props;
  return (
    <Layout lang={lang} title={t('auditTitle', lang)} path="/admin/logg" session={session}>
      <h1>{t('auditTitle', lang)}</h1>
      <p class="lead">{t('auditLead', lang)}</p>
      <div class="audit-forms">
        {(['arende', 'medarbetare', 'person'] as const).map((kind) => (
          <SearchForm lang={lang} csrf={session.csrf} kind={kind} {...(outcome ? { outcome } : {})} />
        ))}
      </div>
      {outcome && 'entries' in outcome ? <Entries lang={lang} entries={outcome.entries} /> : null}
    </Layout>
  );
}
