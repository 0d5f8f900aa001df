/** Pieces every route shares: the problem+json schema, standard error responses and the services type. */
import { z } from '@hono/zod-openapi';
import type { MappingInfo } from '../mappings/registry.js';
import type { PersonRefHasher } from '../person/person-ref.js';
import type { Policy } from '../policy/policy-schema.js';
import type { AuditLog } from '../store/audit-log.js';
import type { CaseStore } from '../store/case-store.js';
import type { RunOutcome, SourceStatus } from '../sync/engine.js';
import type { QuarantineEntry } from '../sync/sync-store.js';

export const ProblemSchema = z
  .object({
    type: z.url(),
    title: z.string(),
    status: z.number().int(),
    detail: z.string(),
    requestId: z.string().optional(),
    errors: z.array(z.object({ field: z.string(), message: z.string() })).optional(),
  })
  .openapi('Problem');

const problem = (description: string) => ({
  description,
  content: { 'application/problem+json': { schema: ProblemSchema } },
});

export const errorResponses = {
  400: problem('Invalid request; `errors` names each field'),
  401: problem('Missing or invalid bearer token'),
  403: problem('Role not allowed here'),
  413: problem('Body larger than 1 MB'),
  429: problem('Too many requests'),
  500: problem('Internal error (no details are disclosed)'),
  503: problem('Store unavailable'),
} as const;

export const notFoundResponse = { 404: problem('No such case (or not one the caller may see)') } as const;

export const bearerSecurity = [{ bearer: [] }];

/** What the sources routes need from the sync engine (routes never see connectors). */
export type SourcesService = {
  status(): Promise<SourceStatus[]>;
  has(id: string): boolean;
  runOnce(id: string): Promise<RunOutcome>;
  quarantined(id: string): Promise<QuarantineEntry[]>;
  refreshCase(
    key: { municipalityCode: string; mappingId: string; sourceId: string },
    timeoutMs: number,
  ): Promise<boolean>;
  /** The case's source as configured: its freshness limit, and whether it can refresh one case. */
  sourceFor?(key: {
    municipalityCode: string;
    mappingId: string;
  }): { freshnessSeconds: number; canFetchOne: boolean } | undefined;
};

/** Services the routes use, built once in the composition root. */
export type RouteServices = {
  sources: SourcesService;
  mappings: { list(): MappingInfo[] };
  /** Who sees what: the access policy (a data file, not code). */
  policy: Policy;
  /** Every read of case data is written here before it is shown. */
  audit: AuditLog;
  store: CaseStore;
  personRefs: PersonRefHasher;
  now: () => Date;
  /** Cases fetched longer ago than this are shown as stale. */
  staleAfterSeconds: number;
  /** How long a staff case view may wait for a fresh copy from the source before serving what is stored. */
  refreshTimeoutMs?: number;
  /** Every domain the hub knows, for the visibility policy. */
  domains: readonly string[];
};
