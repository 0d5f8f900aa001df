/** What the API returns for a case: the canonical case as a role may see it, with history and freshness. */
import { z } from '@hono/zod-openapi';
import {
  CanonicalCaseSchema,
  DeadlineSchema,
  LocalizedTextSchema,
  PARTY_ROLES,
  StatusEntrySchema,
} from './case.js';
import { ProcessGuideSchema } from './process-guide.js';

const Case = CanonicalCaseSchema.shape;

export const DeadlineStateSchema = DeadlineSchema.extend({
  overdue: z.boolean(),
  daysOverdue: z.number().int().min(0),
  weeksOverdue: z.number().int().min(0).openapi({ description: 'Started weeks past the due date' }),
}).openapi('DeadlineState');

export const ExpectedDecisionSchema = z
  .object({
    median: z.iso
      .date()
      .openapi({ description: 'Received date plus the median decision time: half are decided by then' }),
    likelyBy: z.iso
      .date()
      .openapi({ description: 'Received date plus the 80th percentile: 8 of 10 are decided by then' }),
    medianDays: z.number().int().min(0),
    p80Days: z.number().int().min(0),
    basedOn: z
      .object({
        cases: z.number().int().min(20),
        decidedFrom: z.iso.date(),
        decidedTo: z.iso.date(),
      })
      .openapi({
        description:
          "The municipality's decided cases of this case type, decided in this period, from received to decided",
      }),
  })
  .openapi('ExpectedDecision', {
    description:
      "When an open case can expect its decision, learned from the office's own history (at least 20 decided cases in 12 months); not a promise, and not the legal deadline",
  });
export type ExpectedDecision = z.infer<typeof ExpectedDecisionSchema>;

export const CaseViewSchema = z
  .object({
    id: Case.id,
    municipality: Case.municipality,
    domain: Case.domain,
    caseType: Case.caseType.optional(),
    reference: Case.reference,
    title: Case.title.optional(),
    office: Case.office.optional(),
    handler: Case.handler,
    status: Case.status.extend({ history: z.array(StatusEntrySchema) }).optional(),
    awaiting: Case.awaiting,
    nextStep: LocalizedTextSchema.optional(),
    receivedAt: Case.receivedAt,
    completeAt: Case.completeAt,
    decidedAt: Case.decidedAt,
    closedAt: Case.closedAt,
    deadline: DeadlineStateSchema.optional(),
    expectedDecision: ExpectedDecisionSchema.optional(),
    process: ProcessGuideSchema.optional(),
    decision: Case.decision,
    documents: Case.documents.optional(),
    parties: z
      .array(
        z.object({
          role: z.enum(PARTY_ROLES),
          displayName: z.string().optional(),
          protectedIdentity: z.boolean(),
        }),
      )
      .optional(),
    property: Case.property,
    confidentiality: z.object({
      level: z.enum(['public', 'internal', 'confidential']),
      masked: z.array(z.string()).openapi({
        description: 'Fields hidden from this caller (by class or protected identity): show them as masked',
      }),
      reasons: z.record(z.string(), z.enum(['protected_identity', 'role'])).openapi({
        description:
          'Why each masked field is hidden: a party’s protected identity, or what the caller’s role may see',
      }),
    }),
    source: Case.source,
    freshness: z.object({
      ageSeconds: z.number().int().min(0),
      stale: z.boolean(),
    }),
  })
  .openapi('CaseView');
export type CaseView = z.infer<typeof CaseViewSchema>;

export const CaseSummarySchema = z
  .object({
    id: Case.id,
    reference: Case.reference,
    title: Case.title.optional(),
    domain: Case.domain,
    caseType: Case.caseType.optional(),
    municipality: Case.municipality,
    office: z.object({ code: z.string(), name: z.string() }).optional(),
    status: z
      .object({ code: Case.status.shape.code, label: LocalizedTextSchema, since: z.string() })
      .optional(),
    awaiting: Case.awaiting,
    deadline: DeadlineStateSchema.optional(),
    property: Case.property,
    updatedAt: z.string(),
  })
  .openapi('CaseSummary');
export type CaseSummary = z.infer<typeof CaseSummarySchema>;

export const CasePageSchema = z
  .object({
    items: z.array(CaseSummarySchema),
    nextCursor: z
      .string()
      .nullable()
      .openapi({ description: 'Pass as `cursor` for the next page; null on the last' }),
  })
  .openapi('CasePage');

export const SearchPageSchema = CasePageSchema.extend({
  total: z.number().int().min(0).openapi({
    description:
      'How many cases the search and its filters find that the caller may see, not only this page; counting stops at 10 000, for free text (`q`) at 1 000 (see `totalCapped`)',
  }),
  totalCapped: z
    .boolean()
    .openapi({ description: 'true when more cases match than `total` (counting stopped)' }),
}).openapi('SearchPage');
