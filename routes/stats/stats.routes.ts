/** OpenAPI route definitions for the contact register's statistics (counts only, no personal data). */
import { createRoute, z } from '@hono/zod-openapi';
import { RecordVolumeSchema, StatsQuerySchema, StatsReportSchema } from '../../schemas/contact-stats.js';
import { bearerSecurity, errorResponses, problem } from '../shared.js';

const unprocessable = {
  422: problem(
    'A query or body that cannot be answered (e.g. `to` before `from`); `errors` names each field',
  ),
} as const;

const description =
  'Per period (ISO week or month, Swedish time) × channel × topic × office × municipality, over the ' +
  'municipalities the caller handles contacts for. Counts of questions, never people: cells with few ' +
  'contacts are shown. `office` is the office a contact was last forwarded to (null: the center itself); ' +
  '`overdue` counts contacts whose task passed its due time before the office answered.';

export const getStats = createRoute({
  method: 'get',
  path: '/api/v1/stats',
  operationId: 'getStats',
  tags: ['stats'],
  summary: 'Statistics of the information center’s contacts (JSON, or CSV with format=csv)',
  description,
  security: bearerSecurity,
  request: { query: StatsQuerySchema },
  responses: {
    200: {
      description: 'The figures',
      content: {
        'application/json': { schema: StatsReportSchema },
        'text/csv': { schema: z.string() },
      },
    },
    ...unprocessable,
    ...errorResponses,
  },
});

export const getStatsCsv = createRoute({
  method: 'get',
  path: '/api/v1/stats.csv',
  operationId: 'getStatsCsv',
  tags: ['stats'],
  summary: 'The statistics as CSV (UTF-8 with BOM, Swedish column names)',
  description,
  security: bearerSecurity,
  request: { query: StatsQuerySchema },
  responses: {
    200: {
      description: 'One row per cell, with a header row',
      content: { 'text/csv': { schema: z.string() } },
    },
    ...unprocessable,
    ...errorResponses,
  },
});

export const VolumeParamsSchema = z.object({
  municipality: z
    .string()
    .regex(/^\d{4}$/, 'kommunkod, fyra siffror / four-digit kommunkod')
    .openapi({ param: { name: 'municipality', in: 'path' }, example: '2480' }),
  month: z
    .string()
    .regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'en månad ÅÅÅÅ-MM / a month YYYY-MM')
    .openapi({ param: { name: 'month', in: 'path' }, example: '2026-03' }),
});

export const putVolume = createRoute({
  method: 'put',
  path: '/api/v1/stats/volumes/{municipality}/{month}',
  operationId: 'recordContactVolume',
  tags: ['stats'],
  summary: 'Record the municipality’s total contacts in a month (from its switchboard statistics)',
  description:
    'The denominator of "share of contacts handled by the center". Admins and information-center staff ' +
    'of the municipality; recorded in the audit log.',
  security: bearerSecurity,
  request: {
    params: VolumeParamsSchema,
    body: { required: true, content: { 'application/json': { schema: RecordVolumeSchema } } },
  },
  responses: {
    204: { description: 'Recorded' },
    ...unprocessable,
    ...errorResponses,
  },
});
