/** The admin console's start page: the municipality's sources (with resync and the way to their quarantine) and the mappings. */
import { MUNICIPALITIES } from '../schemas/municipalities.js';
import type { RunOutcome, SourceStatus } from '../schemas/source-status.js';
import { formatAgo, formatDateTime, formatNumber } from './format.js';
import { type Language, type TextKey, t } from './i18n.js';
import { Layout, type SessionInfo } from './layout.js';
import { CSRF_FIELD } from './session.js';

/** A loaded mapping as the console lists it (the registry's `MappingInfo`). */
export type MappingRow = {
  id: string;
  version: string;
  domain: string;
  sourceSystem: string;
  municipality: { code: string; name: string };
  file: string;
};

/** Runs a mapping's golden examples: how many, and the descriptions of those that failed. */
export type MappingTest = (
  id: string,
  municipality: string,
) => Promise<{ total: number; failed: string[] } | undefined>;

export function mappingTestNotice(
  id: string,
  report: { total: number; failed: string[] },
  lang: Language,
): Notice {
  if (report.total === 0) return { ok: false, text: t('mappingNoExamples', lang, { mapping: id }) };
  if (report.failed.length === 0)
    return { ok: true, text: t('mappingExamplesPass', lang, { mapping: id, n: report.total }) };
  return {
    ok: false,
    text: t('mappingExamplesFail', lang, {
      mapping: id,
      n: report.failed.length,
      total: report.total,
      which: report.failed.join('; '),
    }),
  };
}

const CIRCUIT: Record<SourceStatus['circuit'], TextKey> = {
  closed: 'circuitClosed',
  open: 'circuitOpen',
  'half-open': 'circuitHalfOpen',
};

const OUTCOME: Record<RunOutcome['outcome'], TextKey> = {
  ok: 'outcomeOk',
  failed: 'outcomeFailed',
  'leased-elsewhere': 'outcomeLeased',
  'circuit-open': 'outcomeCircuit',
};

/** A message after an action, announced to screen readers; `ok` picks its colour. */
export type Notice = { text: string; ok: boolean };

export function NoticeBox(props: { notice?: Notice | undefined }) {
  const { notice } = props;
  if (!notice) return null;
  return (
    <p class={`notice ${notice.ok ? 'notice-ok' : 'notice-warning'}`} role="status" id="admin-notice">
      {notice.text}
    </p>
  );
}

export function municipalityName(code: string | undefined): string {
  return code ? (MUNICIPALITIES[code] ?? code) : '';
}

export function resyncNotice(source: string, outcome: RunOutcome, lang: Language): Notice {
  return {
    ok: outcome.outcome === 'ok',
    text: t('resyncDone', lang, {
      source,
      outcome: t(OUTCOME[outcome.outcome], lang),
      stored: formatNumber(outcome.stored, lang),
      quarantined: formatNumber(outcome.quarantined, lang),
    }),
  };
}

/** A small form with one button that posts to `action` (CSRF token included). */
export function ActionForm(props: {
  action: string;
  csrf: string;
  label: string;
  fields?: Record<string, string>;
  secondary?: boolean;
}) {
  return (
    <form method="post" action={props.action} class="inline-form">
      <input type="hidden" name={CSRF_FIELD} value={props.csrf} />
      {Object.entries(props.fields ?? {}).map(([name, value]) => (
        <input type="hidden" name={name} value={value} />
      ))}
      <button type="submit" class={props.secondary ? 'button secondary' : 'button'}>
        {props.label}
      </button>
    </form>
  );
}

function SourcesTable(props: { lang: Language; csrf: string; sources: SourceStatus[] }) {
  const { lang, csrf, sources } = props;
  if (sources.length === 0) return <p>{t('adminNoSources', lang)}</p>;
  return (
    <div class="table-scroll">
      <table class="admin-sources">
        <thead>
          <tr>
            <th scope="col">{t('adminSource', lang)}</th>
            <th scope="col">{t('adminLag', lang)}</th>
            <th scope="col">{t('adminCircuit', lang)}</th>
            <th scope="col">{t('adminLastError', lang)}</th>
            <th scope="col">{t('adminRecords', lang)}</th>
            <th scope="col">{t('adminQuarantined', lang)}</th>
            <th scope="col">{t('adminActions', lang)}</th>
          </tr>
        </thead>
        <tbody>
          {sources.map((s) => (
            <tr id={`source-${s.id}`}>
              <th scope="row">
                {s.id}
                <span class="meta">
                  {' '}
                  · {s.kind} · {s.mapping}
                </span>
              </th>
              <td>
                {s.lastSuccessAt ? (
                  <time datetime={s.lastSuccessAt} title={formatDateTime(s.lastSuccessAt, lang)}>
                    {formatAgo(s.lagSeconds ?? 0, lang)}
                  </time>
                ) : (
                  t('adminNever', lang)
                )}
              </td>
              <td class={s.circuit === 'closed' ? 'health-ok' : 'health-failing'}>
                {t(CIRCUIT[s.circuit], lang)}
              </td>
              <td>{s.lastError ?? t('adminNone', lang)}</td>
              <td>
                {formatNumber(s.recordsIn, lang)} / {formatNumber(s.recordsFailed, lang)}
              </td>
              <td>
                <a href={`/admin/kallor/${s.id}/karantan?lang=${lang}`}>
                  {formatNumber(s.quarantined, lang)}
                  <span class="visually-hidden"> – {t('adminShowQuarantine', lang, { source: s.id })}</span>
                </a>
              </td>
              <td>
                <ActionForm
                  action={`/admin/kallor/${s.id}/synka?lang=${lang}`}
                  csrf={csrf}
                  label={t('adminResync', lang, { source: s.id })}
                  secondary
                />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function MappingsTable(props: {
  lang: Language;
  csrf: string;
  mappings: MappingRow[];
  sources: SourceStatus[];
  testable: boolean;
}) {
  const { lang, csrf, mappings, sources, testable } = props;
  if (mappings.length === 0) return <p>{t('mappingsNone', lang)}</p>;
  return (
    <div class="table-scroll">
      <table class="admin-mappings">
        <thead>
          <tr>
            <th scope="col">{t('mappingId', lang)}</th>
            <th scope="col">{t('mappingVersion', lang)}</th>
            <th scope="col">{t('mappingDomain', lang)}</th>
            <th scope="col">{t('mappingUsedBy', lang)}</th>
            {testable ? <th scope="col">{t('adminActions', lang)}</th> : null}
          </tr>
        </thead>
        <tbody>
          {mappings.map((m) => (
            <tr>
              <th scope="row">
                {m.id}
                <span class="meta"> · {m.municipality.name}</span>
                <br />
                <span class="meta">
                  {t('mappingFile', lang)}: <code>{m.file}</code>
                </span>
              </th>
              <td>
                {m.version} <span class="badge badge-ok">{t('mappingValid', lang)}</span>
              </td>
              <td>
                {m.domain}
                <span class="meta">
                  {' '}
                  · {t('mappingSystem', lang)}: {m.sourceSystem}
                </span>
              </td>
              <td>
                {sources
                  .filter(
                    (s) => s.mapping === `${m.id} ${m.version}` && s.municipality === m.municipality.code,
                  )
                  .map((s) => s.id)
                  .join(', ') || '–'}
              </td>
              {testable ? (
                <td>
                  <ActionForm
                    action={`/admin/mappningar/test?lang=${lang}`}
                    csrf={csrf}
                    fields={{ mappning: m.id }}
                    label={t('mappingRunExamples', lang, { mapping: m.id })}
                    secondary
                  />
                </td>
              ) : null}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function AdminPage(props: {
  lang: Language;
  session: SessionInfo;
  municipality: string | undefined;
  sources: SourceStatus[];
  mappings: MappingRow[];
  /** Whether the mappings' golden examples can be run from here. */
  testable?: boolean;
  notice?: Notice | undefined;
}) {
  const { lang, session, municipality, sources, mappings, notice } = props;
  return (
    <Layout lang={lang} title={t('adminTitle', lang)} path="/admin" session={session}>
      <h1>{t('adminTitle', lang)}</h1>
      {municipality ? (
        <p class="lead">{t('adminLead', lang, { municipality: municipalityName(municipality) })}</p>
      ) : (
        <p class="notice notice-warning">{t('adminNoMunicipality', lang)}</p>
      )}
      <NoticeBox notice={notice} />
      <section aria-labelledby="admin-sources-heading" class="panel">
        <h2 id="admin-sources-heading">{t('adminSources', lang)}</h2>
        <SourcesTable lang={lang} csrf={session.csrf} sources={sources} />
      </section>
      <section aria-labelledby="admin-mappings-heading" class="panel">
        <h2 id="admin-mappings-heading">{t('mappingsHeading', lang)}</h2>
        <p>{t('mappingsLead', lang)}</p>
        <MappingsTable
          lang={lang}
          csrf={session.csrf}
          mappings={mappings}
          sources={sources}
          testable={props.testable ?? false}
        />
      </section>
    </Layout>
  );
}
