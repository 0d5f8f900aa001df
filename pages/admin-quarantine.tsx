/** A source's quarantine in the admin console (reasons, never payloads) and a dry run of its mapping on one record. */
import type {
  MappingDryRun,
  MaskedValue,
  QuarantineEntry,
  QuarantineRetryOutcome,
  SourceStatus,
} from '../schemas/source-status.js';
import { ActionForm, type Notice, NoticeBox } from './admin-page.js';
import { formatDateTime, formatNumber } from './format.js';
import { type Language, type TextKey, t } from './i18n.js';
import { Layout, type SessionInfo } from './layout.js';

const RETRY: Record<QuarantineRetryOutcome['outcome'], TextKey> = {
  stored: 'retryStored',
  removed: 'retryRemoved',
  refused: 'retryRefused',
  unreadable: 'retryUnreadable',
  'not-found': 'retryGone',
};

export function retryNotice(record: string, outcome: QuarantineRetryOutcome, lang: Language): Notice {
  return {
    ok: outcome.outcome === 'stored' || outcome.outcome === 'removed',
    text: t(RETRY[outcome.outcome], lang, { record }),
  };
}

export function releaseNotice(record: string, released: boolean, lang: Language): Notice {
  return { ok: released, text: t(released ? 'released' : 'retryGone', lang, { record }) };
}

function Reasons(props: { reasons: { field: string; message: string }[] }) {
  return (
    <ul class="plain">
      {props.reasons.map((r) => (
        <li>
          <code>{r.field}</code>: {r.message}
        </li>
      ))}
    </ul>
  );
}

export function QuarantinePage(props: {
  lang: Language;
  session: SessionInfo;
  source: SourceStatus;
  entries: QuarantineEntry[];
  notice?: Notice | undefined;
}) {
  const { lang, session, source, entries, notice } = props;
  const base = `/admin/kallor/${source.id}`;
  const title = t('quarantineTitle', lang, { source: source.id });
  return (
    <Layout lang={lang} title={title} path={`${base}/karantan`} session={session}>
      <p>
        <a href={`/admin?lang=${lang}`}>{t('backToAdmin', lang)}</a>
      </p>
      <h1>{title}</h1>
      <p class="lead">{t('quarantineLead', lang)}</p>
      <NoticeBox notice={notice} />
      {entries.length === 0 ? (
        <p>{t('quarantineEmpty', lang)}</p>
      ) : (
        <div class="table-scroll">
          <table class="admin-quarantine">
            <thead>
              <tr>
                <th scope="col">{t('quarantineRecord', lang)}</th>
                <th scope="col">{t('quarantineReasons', lang)}</th>
                <th scope="col">{t('quarantineMapping', lang)}</th>
                <th scope="col">{t('quarantineAttempts', lang)}</th>
                <th scope="col">{t('quarantineSeen', lang)}</th>
                <th scope="col">{t('adminActions', lang)}</th>
              </tr>
            </thead>
            <tbody>
              {entries.map((e) => (
                <tr>
                  <th scope="row">{e.sourceRecordId}</th>
                  <td>
                    <Reasons reasons={e.reasons} />
                  </td>
                  <td>
                    {e.mappingId} {e.mappingVersion}
                  </td>
                  <td>{formatNumber(e.attempts, lang)}</td>
                  <td>
                    {formatDateTime(e.firstSeenAt, lang)} / {formatDateTime(e.lastSeenAt, lang)}
                  </td>
                  <td class="actions">
                    <ActionForm
                      action={`${base}/forsok-igen?lang=${lang}`}
                      csrf={session.csrf}
                      fields={{ post: e.sourceRecordId }}
                      label={t('quarantineRetry', lang, { record: e.sourceRecordId })}
                    />
                    <ActionForm
                      action={`${base}/provkor?lang=${lang}`}
                      csrf={session.csrf}
                      fields={{ post: e.sourceRecordId }}
                      label={t('quarantineDryRun', lang, { record: e.sourceRecordId })}
                      secondary
                    />
                    <ActionForm
                      action={`${base}/slapp?lang=${lang}`}
                      csrf={session.csrf}
                      fields={{ post: e.sourceRecordId }}
                      label={t('quarantineRelease', lang, { record: e.sourceRecordId })}
                      secondary
                    />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </Layout>
  );
}

function masked(value: MaskedValue, lang: Language): string {
  switch (value.kind) {
    case 'empty':
      return t('valueEmpty', lang);
    case 'text':
      return t('valueText', lang, { n: formatNumber(value.size ?? 0, lang) });
    case 'number':
      return t('valueNumber', lang);
    case 'boolean':
      return t('valueBoolean', lang);
    case 'list':
      return t('valueList', lang, { n: formatNumber(value.size ?? 0, lang) });
    default:
      return t('valueObject', lang);
  }
}

const RESULT: Record<'maps' | 'removed' | 'refused', TextKey> = {
  maps: 'dryRunMaps',
  removed: 'dryRunRemoved',
  refused: 'dryRunRefused',
};

export function DryRunPage(props: {
  lang: Language;
  session: SessionInfo;
  source: SourceStatus;
  record: string;
  result: MappingDryRun;
}) {
  const { lang, session, source, record, result } = props;
  const title = t('dryRunTitle', lang, { record });
  const back = `/admin/kallor/${source.id}/karantan`;
  return (
    <Layout lang={lang} title={title} path={back} session={session}>
      <p>
        <a href={`${back}?lang=${lang}`}>{t('quarantineTitle', lang, { source: source.id })}</a>
      </p>
      <h1>{title}</h1>
      {'fields' in result ? (
        <DryRunResult lang={lang} result={result} />
      ) : (
        <NoticeBox notice={{ ok: false, text: t(RETRY[result.outcome], lang, { record }) }} />
      )}
    </Layout>
  );
}

function DryRunResult(props: { lang: Language; result: Extract<MappingDryRun, { fields: unknown }> }) {
  const { lang, result } = props;
  return (
    <>
      <p class="lead">{t('dryRunLead', lang, { mapping: `${result.mappingId} ${result.mappingVersion}` })}</p>
      <p
        class={`notice ${result.outcome === 'refused' ? 'notice-warning' : 'notice-ok'}`}
        id="dry-run-result"
      >
        {t(RESULT[result.outcome], lang)}
      </p>
      {result.reasons.length > 0 ? (
        <section aria-labelledby="dry-run-reasons" class="panel">
          <h2 id="dry-run-reasons">{t('quarantineReasons', lang)}</h2>
          <Reasons reasons={result.reasons} />
        </section>
      ) : null}
      {result.leftOut.length > 0 ? (
        <section aria-labelledby="dry-run-left-out" class="panel">
          <h2 id="dry-run-left-out">{t('dryRunLeftOut', lang)}</h2>
          <Reasons reasons={result.leftOut} />
        </section>
      ) : null}
      {result.dropped.length > 0 ? (
        <p>{t('dryRunDropped', lang, { fields: result.dropped.join(', ') })}</p>
      ) : null}
      <section aria-labelledby="dry-run-fields" class="panel">
        <h2 id="dry-run-fields">{t('dryRunFields', lang)}</h2>
        <div class="table-scroll">
          <table class="dry-run">
            <thead>
              <tr>
                <th scope="col">{t('dryRunField', lang)}</th>
                <th scope="col">{t('dryRunClass', lang)}</th>
                <th scope="col">{t('dryRunValue', lang)}</th>
                <th scope="col">{t('dryRunRule', lang)}</th>
              </tr>
            </thead>
            <tbody>
              {result.fields.map((f) => (
                <tr>
                  <th scope="row">
                    <code>{f.field}</code>
                  </th>
                  <td>{f.class}</td>
                  <td class="masked">{masked(f.value, lang)}</td>
                  <td>
                    <code>{f.rule}</code>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
    </>
  );
}
