/** The statistics API's shapes (issue 14): the query, the figures per cell, the first-screen summary. */
import { z } from '@hono/zod-openapi';
import { CONTACT_CHANNELS } from './contact.js';

/** The longest range one statistics request may span. */
export const STATS_MAX_YEARS = 3;

/** What is wrong with a range of local dates (YYYY-MM-DD, both included), each naming its field. */
export function rangeProblems(from: string, to: string): { field: 'to'; message: string }[] {
  if (to < from) return [{ field: 'to', message: 'före from / before from' }];
  const limit = new Date(`${from}T00:00:00Z`);
  limit.setUTCFullYear(limit.getUTCFullYear() + STATS_MAX_YEARS);
  if (new Date(`${to}T00:00:00Z`) >= limit)
    return [
      {
        field: 'to',
        message: `högst ${STATS_MAX_YEARS} år efter from / at most ${STATS_MAX_YEARS} years after from`,
      },
    ];
  return [];
}

const LocalDate = z.iso.date('ett datum ÅÅÅÅ-MM-DD / a date YYYY-MM-DD');

export const StatsQuerySchema = z
  .object({
    period: z
      .enum(['week', 'month'], 'week eller month / week or month')
      .default('month')
      .openapi({ description: 'ISO week or calendar month, in Swedish time (Europe/Stockholm)' }),
    from: LocalDate.optional().openapi({ description: 'First day (Swedish time); default: 3 months back' }),
    to: LocalDate.optional().openapi({ description: 'Last day, included (Swedish time); default: today' }),
    municipality: z
      .string()
      .regex(/^\d{4}$/, 'kommunkod, fyra siffror / four-digit kommunkod')
      .optional()
      .openapi({ description: 'One municipality; default: every one the caller handles contacts for' }),
    channel: z.enum(CONTACT_CHANNELS).optional(),
    topic: z
      .string()
      .regex(/^[a-z][a-z0-9-]{0,63}$/, 'en ämneskod / a topic code')
      .optional(),
    format: z.enum(['json', 'csv']).optional().openapi({ description: 'csv: the same as /api/v1/stats.csv' }),
  })
  .strict()
  .superRefine((q, ctx) => {
    if (!q.from || !q.to) return;
    for (const problem of rangeProblems(q.from, q.to))
      ctx.addIssue({ code: 'custom', path: [problem.field], message: problem.message });
  });
export type StatsQuery = z.infer<typeof StatsQuerySchema>;

const Count = z.number().int();
/** A figure the hub does not record yet: reported as this state, never as 0. */
const NotRecorded = z.literal('not_recorded');
const Seconds = z
  .number()
  .nullable()
  .openapi({ description: 'Null when no contact in the cell was answered' });

export const StatsFiguresSchema = z.object({
  contacts: Count,
  answeredDirectly: Count,
  /** answeredDirectly / contacts; null without contacts. */
  answeredDirectlyShare: z.number().nullable(),
  forwarded: Count,
  referredElsewhere: Count,
  callbackPromised: Count,
  medianSecondsToAnswer: Seconds,
  p90SecondsToAnswer: Seconds,
  overdue: z.union([Count, NotRecorded]),
  answeredFromKnowledge: z.union([Count, NotRecorded]),
});

export const StatsCellSchema = StatsFiguresSchema.extend({
  municipality: z.string(),
  period: z.string().openapi({ example: '2026-03' }),
  channel: z.enum(CONTACT_CHANNELS),
  topic: z.string(),
  /** The office the contacts were forwarded to; null: the center itself. */
  office: z.string().nullable(),
});

export const StatsTotalSchema = StatsFiguresSchema.extend({ municipality: z.string(), period: z.string() });

const Share = z.number().nullable();

export const StatsSummarySchema = z.object({
  municipality: z.string(),
  /** Contacts the center registered / all the municipality received, over the whole months of the range. */
  handledByCenter: z.object({
    state: z.enum(['known', 'unknown']),
    contacts: Count,
    /** The municipality's recorded total; null unless every month has one. */
    received: Count.nullable(),
    share: Share,
    months: z.array(z.object({ month: z.string(), contacts: Count, received: Count.nullable() })),
  }),
  /** Answered directly / contacts, over the range and filters. */
  answeredByCenter: z.object({ contacts: Count, answeredDirectly: Count, share: Share }),
});

export const StatsReportSchema = z
  .object({
    period: z.enum(['week', 'month']),
    from: z.string(),
    to: z.string(),
    timeZone: z.literal('Europe/Stockholm'),
    channel: z.enum(CONTACT_CHANNELS).nullable(),
    topic: z.string().nullable(),
    municipalities: z.array(z.string()),
    summary: z.array(StatsSummarySchema),
    totals: z.array(StatsTotalSchema),
    cells: z.array(StatsCellSchema),
  })
  .openapi('ContactStats');
export type StatsReport = z.infer<typeof StatsReportSchema>;
export type StatsFigures = z.infer<typeof StatsFiguresSchema>;

export const RecordVolumeSchema = z
  .object({ total: z.number().int().min(0).max(10_000_000) })
  .strict()
  .openapi('ContactVolume');
