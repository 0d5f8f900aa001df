/**
 * The contact register's statistics as SQL: figures per period × channel × topic × office ×
 * municipality (with each period's total per municipality in the same query, by GROUPING SETS, so
 * medians are never averaged), and the months' contacts beside the municipality's recorded totals.
 * Periods are calendar weeks (ISO) or months in Swedish time (Europe/Stockholm), whatever the clock.
 */
import {
  FACT_COLUMNS,
  FIGURE_KEYS,
  FIGURE_SQL,
  type FigureKey,
  NOT_RECORDED,
} from './contact-stats-figures.js';
import type { Db } from './db.js';

export const STATS_TIME_ZONE = 'Europe/Stockholm';
export type StatsPeriod = 'week' | 'month';

const PERIOD_FORMAT: Record<StatsPeriod, string> = { week: 'IYYY-"W"IW', month: 'YYYY-MM' };

export type StatsFilter = {
  /** The municipalities to count (already those the caller may handle). */
  municipalities: readonly string[];
  period: StatsPeriod;
  /** Local dates (Europe/Stockholm), both included. */
  from: string;
  to: string;
  channel?: string | undefined;
  topic?: string | undefined;
  /** The time "overdue" is judged at. */
  asOf: string;
};

export type FigureValues = Record<FigureKey, number | null | typeof NOT_RECORDED>;

export type StatsCell = {
  municipality: string;
  period: string;
  /** Null on a period's total row. */
  channel: string | null;
  topic: string | null;
  /** The office forwarded to; null for the center itself (and on a total row). */
  office: string | null;
  total: boolean;
} & FigureValues;

/** The local day `date` (YYYY-MM-DD) begins, as a timestamptz expression of parameter `p`. */
const dayStart = (p: string) => `(${p}::date::timestamp AT TIME ZONE '${STATS_TIME_ZONE}')`;

/**
 * @example
 * const cells = await statsCells(db, { municipalities: ['2480'], period: 'month', from: '2026-01-01', to: '2026-03-31', asOf });
 */
export async function statsCells(db: Db, f: StatsFilter): Promise<StatsCell[]> {
  const recorded = FIGURE_KEYS.filter((k) => FIGURE_SQL[k] !== null);
  const { rows } = await db.query<Record<string, unknown>>(
    `WITH facts AS (
       SELECT ${FACT_COLUMNS},
         to_char(c.created_at AT TIME ZONE '${STATS_TIME_ZONE}', '${PERIOD_FORMAT[f.period]}') AS period,
         $6::timestamptz AS as_of
         FROM contacts c
        WHERE c.municipality = ANY($1::text[])
          AND c.created_at >= ${dayStart('$2')} AND c.created_at < ${dayStart('($3::date + 1)')}
          AND ($4::text IS NULL OR c.channel = $4) AND ($5::text IS NULL OR c.topic = $5))
     SELECT f.municipality, f.period, f.channel, f.topic, f.office,
            grouping(f.channel, f.topic, f.office) <> 0 AS total,
            ${recorded.map((k) => `${FIGURE_SQL[k]} AS "${k}"`).join(',\n            ')}
       FROM facts f
      GROUP BY GROUPING SETS ((f.municipality, f.period, f.channel, f.topic, f.office), (f.municipality, f.period))
      ORDER BY f.municipality, f.period, total DESC, f.channel, f.topic, f.office NULLS FIRST`,
    [f.municipalities, f.from, f.to, f.channel ?? null, f.topic ?? null, f.asOf],
  );
  return rows.map((r) => {
    const figures = Object.fromEntries(
      FIGURE_KEYS.map((k) => [k, FIGURE_SQL[k] === null ? NOT_RECORDED : ((r[k] as number | null) ?? null)]),
    ) as FigureValues;
    const total = Boolean(r.total);
    return {
      municipality: String(r.municipality),
      period: String(r.period),
      channel: total ? null : String(r.channel),
      topic: total ? null : String(r.topic),
      office: total ? null : ((r.office as string | null) ?? null),
      total,
      ...figures,
    };
  });
}

/** One month of one municipality: contacts the center registered, and the total it received if recorded. */
export type MonthVolume = { municipality: string; month: string; contacts: number; total: number | null };

/** Every month touched by [from, to], whole months, for each municipality (all channels and topics). */
export async function monthVolumes(
  db: Db,
  f: Pick<StatsFilter, 'municipalities' | 'from' | 'to'>,
): Promise<MonthVolume[]> {
  const { rows } = await db.query<Record<string, unknown>>(
    `SELECT m.municipality, to_char(mo.month, 'YYYY-MM') AS month,
            (SELECT count(*) FROM contacts c
              WHERE c.municipality = m.municipality
                AND c.created_at >= (mo.month::timestamp AT TIME ZONE '${STATS_TIME_ZONE}')
                AND c.created_at < ((mo.month + interval '1 month')::timestamp AT TIME ZONE '${STATS_TIME_ZONE}'))::int AS contacts,
            v.total
       FROM unnest($1::text[]) AS m (municipality)
      CROSS JOIN generate_series(date_trunc('month', $2::date), date_trunc('month', $3::date), interval '1 month') AS mo (month)
       LEFT JOIN contact_volumes v ON v.municipality = m.municipality AND v.month = mo.month::date
      ORDER BY m.municipality, mo.month`,
    [f.municipalities, f.from, f.to],
  );
  return rows.map((r) => ({
    municipality: String(r.municipality),
    month: String(r.month),
    contacts: Number(r.contacts),
    total: r.total === null || r.total === undefined ? null : Number(r.total),
  }));
}

/** Records (or corrects) a municipality's total contacts in a month (`month`: YYYY-MM). */
export async function recordMonthVolume(
  db: Db,
  v: { municipality: string; month: string; total: number; at: string; by: string },
): Promise<void> {
  await db.query(
    `INSERT INTO contact_volumes (municipality, month, total, recorded_at, recorded_by)
     VALUES ($1, ($2 || '-01')::date, $3, $4::timestamptz, $5)
     ON CONFLICT (municipality, month) DO UPDATE
       SET total = EXCLUDED.total, recorded_at = EXCLUDED.recorded_at, recorded_by = EXCLUDED.recorded_by`,
    [v.municipality, v.month, v.total, v.at, v.by],
  );
}

export type StatsStore = {
  cells(filter: StatsFilter): Promise<StatsCell[]>;
  months(filter: Pick<StatsFilter, 'municipalities' | 'from' | 'to'>): Promise<MonthVolume[]>;
  recordMonth(volume: Parameters<typeof recordMonthVolume>[1]): Promise<void>;
};

export function createStatsStore(db: Db): StatsStore {
  return {
    cells: (f) => statsCells(db, f),
    months: (f) => monthVolumes(db, f),
    recordMonth: (v) => recordMonthVolume(db, v),
  };
}
