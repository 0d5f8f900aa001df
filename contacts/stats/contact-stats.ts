/**
 * Statistics of the contact register for the information center's unit head: counts of questions,
 * never people or text, over the municipalities the caller handles contacts for (`mayHandleContacts`).
 * Each read is recorded in the audit log (`stats.read`) before it is returned; recording a month's
 * total contacts (`stats.volume`) is recorded before it is written.
 */
import { AppError } from '../../app/errors.js';
import { recordRead } from '../../cases/audit-entry.js';
import type { Caller } from '../../cases/read-context.js';
import { mayHandleContacts } from '../../policy/contact-access.js';
import type { Policy } from '../../policy/policy-schema.js';
import {
  rangeProblems,
  type StatsFigures,
  type StatsQuery,
  type StatsReport,
} from '../../schemas/contact-stats.js';
import type { AuditLog } from '../../store/audit-log.js';
import { type FigureValues, STATS_TIME_ZONE, type StatsStore } from '../../store/contact-stats.js';
import type { ContactTopics } from '../topic-schema.js';
import { statsCsv } from './stats-csv.js';

export type ContactStatsDeps = {
  policy: Policy;
  audit: AuditLog;
  stats: StatsStore;
  /** The municipalities with a contact register are those with topics. */
  topics: ContactTopics;
  now: () => Date;
};

const REFUSED =
  'Du hanterar inte kontakter för den kommunen. / You do not handle contacts for that municipality.';

/** The local date (Europe/Stockholm) of `at`. */
export function stockholmDate(at: Date): string {
  return at.toLocaleDateString('sv-SE', { timeZone: STATS_TIME_ZONE });
}

/** The default range: from the first day of the month two months back to today (three months in all). */
function defaultFrom(today: string): string {
  const [y, m] = today.split('-').map(Number) as [number, number];
  const d = new Date(Date.UTC(y, m - 3, 1));
  return d.toISOString().slice(0, 10);
}

const shareOf = (part: number, whole: number): number | null => (whole > 0 ? part / whole : null);

function withShare<T extends FigureValues>(cell: T): T & Pick<StatsFigures, 'answeredDirectlyShare'> {
  return {
    ...cell,
    answeredDirectlyShare: shareOf(cell.answeredDirectly as number, cell.contacts as number),
  };
}

export type ContactStats = ReturnType<typeof createContactStats>;

/**
 * @example
 * const stats = createContactStats({ policy, audit, stats: createStatsStore(db), topics, now });
 * const report = await stats.report(caller, { period: 'month', from: '2026-01-01', to: '2026-03-31' });
 */
export function createContactStats(deps: ContactStatsDeps) {
  /** The municipalities asked for that the caller may handle; one not handled is refused. */
  function municipalitiesFor(caller: Caller, asked: string | undefined): string[] {
    const { principal } = caller;
    if (asked !== undefined) {
      if (!mayHandleContacts(principal, deps.policy, asked)) throw new AppError('forbidden', REFUSED);
      return [asked];
    }
    const candidates = new Set(deps.topics.keys());
    if (principal.kind === 'staff' && principal.municipality) candidates.add(principal.municipality);
    return [...candidates].filter((m) => mayHandleContacts(principal, deps.policy, m)).sort();
  }

  async function report(caller: Caller, query: Omit<StatsQuery, 'format'>): Promise<StatsReport> {
    const municipalities = municipalitiesFor(caller, query.municipality);
    const to = query.to ?? stockholmDate(deps.now());
    const from = query.from ?? defaultFrom(to);
    const problems = rangeProblems(from, to);
    if (problems.length > 0)
      throw new AppError('unprocessable', 'Perioden går inte att räkna. / The range cannot be counted.', {
        errors: problems,
      });
    const filter = { municipalities, period: query.period, from, to, asOf: deps.now().toISOString() };
    const cells = await deps.stats.cells({ ...filter, channel: query.channel, topic: query.topic });
    const months = await deps.stats.months(filter);
    const totals = cells.filter((c) => c.total);
    const summary = municipalities.map((m) => {
      const own = months.filter((v) => v.municipality === m);
      const contacts = own.reduce((n, v) => n + v.contacts, 0);
      const known = own.length > 0 && own.every((v) => v.total !== null);
      const received = known ? own.reduce((n, v) => n + (v.total as number), 0) : null;
      const mine = totals.filter((c) => c.municipality === m);
      const inRange = mine.reduce((n, c) => n + (c.contacts as number), 0);
      const direct = mine.reduce((n, c) => n + (c.answeredDirectly as number), 0);
      return {
        municipality: m,
        handledByCenter: {
          state: known ? ('known' as const) : ('unknown' as const),
          contacts,
          received,
          share: received === null ? null : shareOf(contacts, received),
          months: own.map((v) => ({ month: v.month, contacts: v.contacts, received: v.total })),
        },
        answeredByCenter: { contacts: inRange, answeredDirectly: direct, share: shareOf(direct, inRange) },
      };
    });
    const report = {
      period: query.period,
      from,
      to,
      timeZone: STATS_TIME_ZONE,
      channel: query.channel ?? null,
      topic: query.topic ?? null,
      municipalities,
      summary,
      totals: totals.map(({ channel: _c, topic: _t, office: _o, total: _x, ...rest }) => withShare(rest)),
      cells: cells.filter((c) => !c.total).map(({ total: _x, ...rest }) => withShare(rest)),
    } as StatsReport;
    await recordRead(deps.audit, caller, {
      action: 'stats.read',
      shown: municipalities,
      masked: [],
      resultCount: report.cells.length,
    });
    return report;
  }

  return {
    report,

    /** The cells of `report` as CSV (Swedish column names; see stats-csv.ts). */
    async csv(caller: Caller, query: Omit<StatsQuery, 'format'>): Promise<string> {
      return statsCsv(await report(caller, query), deps.topics);
    },

    /** Records a municipality's total contacts in `month` (YYYY-MM), from its switchboard statistics. */
    async recordVolume(caller: Caller, municipality: string, month: string, total: number): Promise<void> {
      if (!mayHandleContacts(caller.principal, deps.policy, municipality))
        throw new AppError('forbidden', REFUSED);
      await recordRead(deps.audit, caller, {
        action: 'stats.volume',
        shown: [`${municipality}/${month}`],
        masked: [],
        resultCount: total,
      });
      await deps.stats.recordMonth({
        municipality,
        month,
        total,
        at: deps.now().toISOString(),
        by: caller.principal.subject,
      });
    },
  };
}
