/** OpenAPI route definitions for sync health and operations. */
import { createRoute, z } from '@hono/zod-openapi';
import { bearerSecurity, errorResponses } from '../shared.js';

export const SourceStatusSchema = z
  .object({
    id: z.string(),
    kind: z.string(),
    municipality: z.string(),
    mapping: z.string().openapi({ example: 'byggr-arendeexport/bygglov 1.0.0' }),
    domain: z.string().openapi({ example: 'building_permit' }),
    circuit: z.enum(['closed', 'open', 'half-open']),
    running: z.boolean(),
    connected: z.boolean().nullable().openapi({
      description:
        'A push source’s connection to its message broker: false while lost; null for a pull source',
    }),
    lastAttemptAt: z.string().nullable(),
    lastSuccessAt: z.string().nullable(),
    lagSeconds: z.number().int().nullable().openapi({ description: 'Seconds since the last successful run' }),
    nextRunAt: z.string().nullable(),
    lastError: z.string().nullable(),
    consecutiveFailures: z.number().int(),
    recordsIn: z.number().int(),
    recordsFailed: z.number().int(),
    quarantined: z.number().int(),
    freshnessSeconds: z
      .number()
      .int()
      .openapi({ description: 'Cases from this source older than this are shown as stale' }),
    canFetchOne: z.boolean(),
  })
  .openapi('SourceStatus');

const SourceIdParams = z.object({
  id: z
    .string()
    .regex(/^[a-z0-9][a-z0-9-]{1,62}$/)
    .openapi({ param: { name: 'id', in: 'path' }, example: 'umea-byggr' }),
});

export const listSources = createRoute({
  method: 'get',
  path: '/api/v1/sources',
  operationId: 'listSources',
  tags: ['sources'],
  summary: 'Sync health per source: last success, lag, records in/failed, circuit state, next run',
  description:
    'Staff see only the sources of a municipality and domain whose cases the policy lets them see ' +
    '(information-center staff never see a social-services source); an admin sees every source of the ' +
    'municipality of their sign-in.',
  security: bearerSecurity,
  responses: {
    200: {
      description: 'The sources the caller may see',
      content: { 'application/json': { schema: z.object({ items: z.array(SourceStatusSchema) }) } },
    },
    ...errorResponses,
  },
});

export const RunOutcomeSchema = z
  .object({
    outcome: z.enum(['ok', 'failed', 'leased-elsewhere', 'circuit-open']),
    stored: z.number().int(),
    quarantined: z.number().int(),
    units: z.number().int(),
    failedUnits: z.number().int().optional(),
    error: z.string().optional(),
  })
  .openapi('RunOutcome');

export const triggerSync = createRoute({
  method: 'post',
  path: '/api/v1/sources/{id}/sync',
  operationId: 'syncSource',
  tags: ['sources'],
  summary: 'Run a source now (a run already under way is joined); quarantined records are retried first',
  description:
    'Admins only. Waits for the run and answers with its outcome: `leased-elsewhere` when another hub instance holds the source’s lease, `circuit-open` while its circuit breaker is open. An unknown source answers 404.',
  security: bearerSecurity,
  request: { params: SourceIdParams },
  responses: {
    200: { description: 'How the run went', content: { 'application/json': { schema: RunOutcomeSchema } } },
    404: errorResponses[400],
    ...errorResponses,
  },
});

export const QuarantineEntrySchema = z
  .object({
    sourceRecordId: z.string(),
    reasons: z.array(z.object({ field: z.string(), message: z.string() })),
    mappingId: z.string(),
    mappingVersion: z.string(),
    attempts: z.number().int(),
    firstSeenAt: z.string(),
    lastSeenAt: z.string(),
  })
  .openapi('QuarantineEntry');

export const listQuarantine = createRoute({
  method: 'get',
  path: '/api/v1/sources/{id}/quarantine',
  operationId: 'listQuarantine',
  tags: ['sources'],
  summary: 'Records that failed mapping, with the reasons (never their contents)',
  description:
    'Admins only. Each record with the mapping and version that refused it, the reasons, the attempts and when it was first and last seen. The payload stays sealed and is never shown here. An unknown source answers 404.',
  security: bearerSecurity,
  request: { params: SourceIdParams },
  responses: {
    200: {
      description: 'Quarantined records',
      content: { 'application/json': { schema: z.object({ items: z.array(QuarantineEntrySchema) }) } },
    },
    404: errorResponses[400],
    ...errorResponses,
  },
});
