/** Pieces every route shares: the problem+json schema, standard error responses and the services type. */
import { z } from '@hono/zod-openapi';
import type { AdminAudit } from '../cases/admin-audit.js';
import type { CaseReads } from '../cases/case-reads.js';
import type { PersonAudit } from '../cases/person-audit.js';
import type { SourceHealth } from '../cases/source-health.js';
import type { SourceOperations, SyncOperations } from '../cases/source-operations.js';
import type { ContactRegister } from '../contacts/contact-register.js';
import type { KnowledgeBase } from '../contacts/knowledge-base.js';
import type { ContactStats } from '../contacts/stats/contact-stats.js';
import type { TaskRegister } from '../contacts/task-register.js';
import type { Subscriptions } from '../events/subscriptions.js';
import type { MappingRegistry } from '../mappings/registry.js';
import type { AuditLog } from '../store/audit-log.js';

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

export const problem = (description: string) => ({
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

/** What the sources routes (and the admin console) need from the sync engine (routes never see connectors). */
export type SourcesService = SyncOperations;

/** Services the routes use, built once in the composition root; routes parse, call and render. */
export type RouteServices = {
  /** Searches and reads of case data: visibility, masking, refresh and audit. */
  cases: CaseReads;
  sources: SourcesService;
  /** An admin's operations on their own municipality's sources (the API and the admin console). */
  sourceOperations: SourceOperations;
  /** The audit log as an admin may read it: their own municipality's share. */
  adminAudit: AdminAudit;
  /** Source health filtered by the policy (what `GET /api/v1/sources` shows). */
  sourceHealth: SourceHealth;
  mappings: Pick<MappingRegistry, 'list'> & Partial<Pick<MappingRegistry, 'processFor' | 'test'>>;
  /** The audit log, for admins reading it (reads of case data are recorded by `cases`). */
  audit: AuditLog;
  /** "Who looked at this person?", for admins. */
  personAudit: PersonAudit;
  /** The information center's contact register (issue 14). */
  contacts: ContactRegister;
  /** The information center's knowledge base (issue 14). */
  knowledge: KnowledgeBase;
  /** An office's tasks of forwarded contacts. */
  tasks: TaskRegister;
  /** Statistics of the contact register, for the unit head. */
  stats: ContactStats;
  /** Webhook subscriptions, for admins (issue 15). */
  subscriptions: Subscriptions;
};
