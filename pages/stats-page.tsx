/** The unit head's statistics page: the two first-screen shares, then charts with their tables, and a CSV link. */
import type { StatsReport } from '../schemas/contact-stats.js';
import { formatNumber, LOCALES } from './format.js';
import type { Language } from './i18n.js';
import { Layout, type SessionInfo } from './layout.js';
import { type Bar, BarChart } from './stats-chart.js';
import { type StatsTextKey, st } from './stats-texts.js';

const CHANNELS = ['phone', 'email', 'visit', 'letter', 'web'] as const;

function percent(share: number, lang: Language): string {
  return new Intl.NumberFormat(LOCALES[lang], { style: 'percent', maximumFractionDigits: 1 }).format(share);
}

/** The report's query as the page's own address parameters (the CSV link and language links keep it). */
export function statsQueryString(report: Pick<StatsReport, 'period' | 'from' | 'to'>): string {
  return `period=${report.period}&from=${report.from}&to=${report.to}`;
}

function Summary(props: { s: StatsReport['summary'][number]; lang: Language }) {
  const { s, lang } = props;
  const h = s.handledByCenter;
  const a = s.answeredByCenter;
  const missing = h.months.filter((m) => m.received === null).map((m) => m.month);
  return (
    <dl class="facts first-screen">
      <dt>{st('shareHandled', lang)}</dt>
      <dd>
        {h.state === 'known' && h.share !== null && h.received !== null ? (
          <>
            <strong>{percent(h.share, lang)}</strong>{' '}
            {st('shareHandledOf', lang, {
              n: formatNumber(h.contacts, lang),
              total: formatNumber(h.received, lang),
            })}
          </>
        ) : (
          <>
            <strong>{st('shareUnknown', lang)}</strong>{' '}
            {st('shareUnknownWhy', lang, { months: missing.join(', ') })}
          </>
        )}
      </dd>
      <dt>{st('shareAnswered', lang)}</dt>
      <dd>
        {a.share === null ? (
          st('noContacts', lang)
        ) : (
          <>
            <strong>{percent(a.share, lang)}</strong>{' '}
            {st('shareAnsweredOf', lang, {
              n: formatNumber(a.answeredDirectly, lang),
              total: formatNumber(a.contacts, lang),
            })}
          </>
        )}
      </dd>
    </dl>
  );
}

function Charts(props: { report: StatsReport; municipality: string; lang: Language }) {
  const { report, municipality, lang } = props;
  const totals = report.totals.filter((r) => r.municipality === municipality);
  const cells = report.cells.filter((c) => c.municipality === municipality);
  if (totals.length === 0) return <p>{st('noData', lang)}</p>;
  const unit = st(report.period, lang).toLowerCase();
  const periodHead = st(report.period, lang);
  const desc = st('chartDesc', lang);
  const perPeriod: Bar[] = totals.map((r) => ({
    label: r.period,
    value: r.contacts,
    shown: formatNumber(r.contacts, lang),
  }));
  const direct: Bar[] = totals.map((r) => ({
    label: r.period,
    value: r.answeredDirectlyShare ?? 0,
    shown: r.answeredDirectlyShare === null ? '–' : percent(r.answeredDirectlyShare, lang),
  }));
  const channels: Bar[] = CHANNELS.map((ch) => {
    const n = cells.filter((c) => c.channel === ch).reduce((sum, c) => sum + c.contacts, 0);
    return { label: st(ch as StatsTextKey, lang), value: n, shown: formatNumber(n, lang) };
  });
  const id = `m${municipality}`;
  return (
    <>
      <BarChart
        id={`${id}-contacts`}
        title={st('chartContacts', lang, { period: unit })}
        desc={desc}
        head={[periodHead, st('count', lang)]}
        bars={perPeriod}
      />
      <BarChart
        id={`${id}-direct`}
        title={st('chartDirect', lang, { period: unit })}
        desc={desc}
        head={[periodHead, st('share', lang)]}
        bars={direct}
        max={1}
      />
      <BarChart
        id={`${id}-channels`}
        title={st('chartChannels', lang)}
        desc={desc}
        head={[st('channel', lang), st('count', lang)]}
        bars={channels}
      />
    </>
  );
}

export function StatsPage(props: { lang: Language; session: SessionInfo; report: StatsReport }) {
  const { lang, session, report } = props;
  const query = statsQueryString(report);
  return (
    <Layout lang={lang} title={st('statsTitle', lang)} path={`/staff/statistik?${query}`} session={session}>
      <h1>{st('statsTitle', lang)}</h1>
      <p class="lead">{st('statsLead', lang)}</p>
      <form method="get" action="/staff/statistik" class="search-form" aria-label={st('filters', lang)}>
        <input type="hidden" name="lang" value={lang} />
        <div class="field">
          <label for="period">{st('period', lang)}</label>
          <select id="period" name="period">
            {(['month', 'week'] as const).map((p) => (
              <option value={p} selected={p === report.period}>
                {st(p, lang)}
              </option>
            ))}
          </select>
        </div>
        <div class="field">
          <label for="from">{st('from', lang)}</label>
          <input id="from" name="from" type="date" value={report.from} />
        </div>
        <div class="field">
          <label for="to">{st('to', lang)}</label>
          <input id="to" name="to" type="date" value={report.to} />
        </div>
        <button type="submit" class="button">
          {st('show', lang)}
        </button>
      </form>
      {report.summary.length === 0 ? <p>{st('noMunicipalities', lang)}</p> : null}
      {report.summary.map((s) => (
        <section aria-labelledby={`m${s.municipality}-heading`}>
          <h2 id={`m${s.municipality}-heading`}>{st('municipality', lang, { code: s.municipality })}</h2>
          <Summary s={s} lang={lang} />
          <Charts report={report} municipality={s.municipality} lang={lang} />
        </section>
      ))}
      <p class="note">{st('notRecorded', lang)}</p>
      <p>
        <a href={`/staff/statistik.csv?${query}`} download>
          {st('downloadCsv', lang)}
        </a>
      </p>
    </Layout>
  );
}
