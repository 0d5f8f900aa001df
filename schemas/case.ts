/** The canonical case (v1): the one shape every source system's record is mapped into. */
import { z } from '@hono/zod-openapi';

export const CASE_DOMAINS = ['building_permit', 'school_placement', 'social_services'] as const;
/** Domains are open for more: any lower_snake_case word is accepted, the three above are the ones shipped. */
export const DomainSchema = z
  .string()
  .regex(/^[a-z][a-z0-9_]{1,39}$/, 'domain must be lower_snake_case')
  .openapi({ example: 'building_permit' });
export type Domain = z.infer<typeof DomainSchema>;

export const STATUS_CODES = [
  'received',
  'registered',
  'in_progress',
  'awaiting_applicant',
  'decided',
  'closed',
  'withdrawn',
  'appealed',
] as const;
export const StatusCodeSchema = z.enum(STATUS_CODES).openapi({ example: 'in_progress' });
export type StatusCode = z.infer<typeof StatusCodeSchema>;

export const FIELD_CLASSES = ['public', 'internal', 'confidential', 'secret'] as const;
export const FieldClassSchema = z.enum(FIELD_CLASSES);
export type FieldClass = z.infer<typeof FieldClassSchema>;

const IsoDateTime = z.iso.datetime({ offset: true }).openapi({ example: '2026-03-02T09:15:00+01:00' });
const IsoDate = z.iso.date().openapi({ example: '2026-05-11' });

/** Text in the three user-facing languages, Swedish first. */
export const LocalizedTextSchema = z
  .object({ sv: z.string().min(1), en: z.string().min(1), ar: z.string().min(1) })
  .openapi('LocalizedText');
export type LocalizedText = z.infer<typeof LocalizedTextSchema>;

export const ContactSchema = z
  .object({
    phone: z.string().max(40).optional(),
    email: z.email().optional(),
    // Only web links: a source must not be able to put javascript: or an OS protocol handler in front of staff.
    url: z.url({ protocol: /^https?$/, error: 'url must be an http(s) address' }).optional(),
  })
  .openapi('Contact');

export const StatusEntrySchema = z
  .object({ code: StatusCodeSchema, sourceCode: z.string().min(1).max(80), since: IsoDateTime })
  .openapi('StatusEntry');
export type StatusEntry = z.infer<typeof StatusEntrySchema>;

export const DeadlineSchema = z
  .object({
    dueAt: IsoDate,
    basis: z
      .string()
      .min(1)
      .max(200)
      .openapi({ example: 'PBL 9 kap. 27 §: 10 veckor från komplett ansökan' }),
    basisText: LocalizedTextSchema.optional().openapi({
      description:
        'The legal basis in Swedish, English and Arabic, when the mapping gives it in all three (`basis` is its Swedish text)',
    }),
    extended: z.boolean(),
  })
  .openapi('Deadline');
export type Deadline = z.infer<typeof DeadlineSchema>;

export const PARTY_ROLES = [
  'applicant',
  'co_applicant',
  'guardian',
  'child',
  'client',
  'representative',
  'neighbour',
  'other',
] as const;
/**
 * A party is a person (`personRef`, keyed hash of the personnummer) or an organisation (`orgRef`, keyed
 * hash of the organisationsnummer): exactly one of the two, and never a number in clear.
 */
export const PartySchema = z
  .object({
    role: z.enum(PARTY_ROLES),
    displayName: z.string().min(1).max(200).optional(),
    personRef: z
      .string()
      .regex(/^pr1_[A-Za-z0-9_-]{43}$/, 'personRef must be an HMAC reference, never a raw number')
      .optional(),
    orgRef: z
      .string()
      .regex(/^or1_[A-Za-z0-9_-]{43}$/, 'orgRef must be an HMAC reference, never a raw number')
      .optional(),
    protectedIdentity: z.boolean(),
  })
  .refine((p) => (p.personRef === undefined) !== (p.orgRef === undefined), {
    message: 'a party has exactly one of personRef (a person) and orgRef (an organisation)',
  })
  .openapi('Party');
export type Party = z.infer<typeof PartySchema>;

export const DocumentSchema = z
  .object({
    title: z.string().min(1).max(300),
    kind: z.string().min(1).max(80).openapi({ example: 'ritning' }),
    receivedAt: IsoDateTime,
  })
  .openapi('CaseDocument');

/**
 * The canonical case as the store accepts it from a mapping. `secret` fields never reach
 * this shape; `confidentiality.masked` is filled at the serialization boundary, not here.
 */
export const CanonicalCaseSchema = z
  .object({
    id: z.uuid(),
    municipality: z.object({ code: z.string().regex(/^\d{4}$/), name: z.string().min(1).max(80) }),
    domain: DomainSchema,
    caseType: z.object({ code: z.string().min(1).max(80), label: LocalizedTextSchema }),
    reference: z.string().min(1).max(80).openapi({ example: 'BN 2026-000123' }),
    title: z.string().min(1).max(500),
    office: z.object({
      code: z.string().min(1).max(40),
      name: z.string().min(1).max(200),
      contact: ContactSchema,
    }),
    handler: z
      .object({
        name: z.string().max(200).optional(),
        unit: z.string().min(1).max(200),
        contact: ContactSchema.optional(),
      })
      .optional(),
    status: z.object({
      code: StatusCodeSchema,
      label: LocalizedTextSchema,
      sourceCode: z.string().min(1).max(80),
      since: IsoDateTime,
    }),
    /**
     * The statuses the source's own journal shows, oldest first, one entry per change (from a mapping
     * that derives status from events). The store may seed its history from it; the current status
     * is still `status`.
     */
    statusHistory: z.array(StatusEntrySchema).max(500).optional(),
    awaiting: z
      .object({ who: z.enum(['applicant', 'office', 'third_party']), what: LocalizedTextSchema.optional() })
      .optional(),
    nextStep: LocalizedTextSchema.optional(),
    /** `awaiting.what` and `nextStep` as staff read them (the mapping's `statusTexts.<code>.staff`). */
    staffTexts: z
      .object({ what: LocalizedTextSchema.optional(), nextStep: LocalizedTextSchema.optional() })
      .optional(),
    receivedAt: IsoDateTime.optional(),
    completeAt: IsoDateTime.optional(),
    decidedAt: IsoDateTime.optional(),
    closedAt: IsoDateTime.optional(),
    deadline: DeadlineSchema.optional(),
    decision: z
      .object({
        outcome: z.string().min(1).max(80),
        label: LocalizedTextSchema.optional().openapi({
          description:
            'The outcome in plain words in Swedish, English and Arabic, when the mapping gives them',
        }),
        at: IsoDateTime,
      })
      .optional(),
    documents: z.array(DocumentSchema).max(1000),
    parties: z.array(PartySchema).max(200),
    property: z
      .object({
        designation: z.string().min(1).max(120).openapi({ example: 'Umeå Tallen 4' }),
        address: z.string().max(200).optional(),
      })
      .optional(),
    confidentiality: z.object({ level: z.enum(['public', 'internal', 'confidential']) }),
    fieldClasses: z.record(z.string(), FieldClassSchema).openapi({
      description: 'Field path → class, as classified by the mapping. Read by the access policy.',
    }),
    source: z.object({
      system: z.string().min(1).max(80),
      sourceId: z.string().min(1).max(200),
      sourceUpdatedAt: IsoDateTime,
      sourceVersion: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER).optional().openapi({
        description:
          "The source's own version or sequence number of the record when its mapping declares one, else, from a source that reads the current state of its cases, when the hub read it (ms since the epoch): it decides between versions with the same change time",
      }),
      fetchedAt: IsoDateTime,
      mappingId: z.string().min(1).max(120),
      mappingVersion: z.string().min(1).max(40),
    }),
  })
  .strict();
export type CanonicalCase = z.infer<typeof CanonicalCaseSchema>;
