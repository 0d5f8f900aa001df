/** The mapping file format: what a system owner writes in YAML, validated by zod and published as JSON Schema. */

import { z } from 'zod';
import { FIELD_CLASSES, LocalizedTextSchema, STATUS_CODES } from '../../schemas/case.js';
import { ProcessSchema } from '../../schemas/process-guide.js';
import { Path, RuleSchema } from './rule-schema.js';
import { WhereSchema } from './where.js';

export { RULE_KINDS, type Rule, type RuleKind, RuleSchema } from './rule-schema.js';

const TableSchema = z.record(
  z.string(),
  z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), LocalizedTextSchema])),
);

const DeadlineRuleSchema = z
  .object({
    caseTypes: z.array(z.string().min(1)).min(1).describe('caseType codes this rule applies to'),
    weeks: z.number().int().min(1).max(104),
    basis: z
      .union([z.string().min(1), LocalizedTextSchema])
      .describe(
        'The legal basis, shown to staff and citizens: Swedish text, or { sv, en, ar } so each reader gets it in their language',
      ),
    restartOnCompletion: z
      .object({ requestedAt: RuleSchema, withinWeeks: z.number().int().min(1).max(52) })
      .strict()
      .optional()
      .describe('When completion was requested within N weeks of arrival, the time runs from completeAt'),
    extension: z
      .object({
        decided: RuleSchema.optional().describe(
          'Has a value when the extension was decided (e.g. the date of the decision event); without it, any `weeks` value extends',
        ),
        weeks: RuleSchema.optional().describe('How many weeks the decision extends by'),
        dueAt: RuleSchema.optional().describe('The new due date the decision set (a date rule)'),
        maxWeeks: z.number().int().min(1).max(52),
      })
      .strict()
      .refine((e) => e.weeks || e.dueAt, 'an extension needs "weeks" or "dueAt"')
      .optional()
      .describe('One extension by formal decision, capped at maxWeeks'),
  })
  .strict();

const DropSchema = z
  .object({ each: Path, where: WhereSchema })
  .strict()
  .describe('List items removed from the record before any rule reads it, with everything inside them');

const StatusEventsSchema = z
  .object({
    each: Path.describe('The event list, e.g. handelseLista.handelse'),
    by: Path.describe("Path inside an event to its ISO 8601 date; it becomes the status's since"),
    sourceCode: z
      .array(Path)
      .min(1)
      .describe(
        'Paths inside the event joined with "/" into status.sourceCode, e.g. [handelsetyp, handelseslag]',
      ),
    forStatus: z
      .array(z.string().min(1))
      .min(1)
      .optional()
      .describe(
        'Source status codes for which the events decide (default: all); others map through tables.status',
      ),
    rules: z
      .array(z.object({ where: WhereSchema, status: z.enum(STATUS_CODES) }).strict())
      .min(1)
      .describe('In order: the newest event matching a rule gives the status'),
  })
  .strict();

const StatusTextSchema = z
  .object({
    awaiting: z.enum(['applicant', 'office', 'third_party']).optional(),
    what: LocalizedTextSchema.optional(),
    nextStep: LocalizedTextSchema.optional(),
    staff: z
      .object({ what: LocalizedTextSchema.optional(), nextStep: LocalizedTextSchema.optional() })
      .strict()
      .optional()
      .describe(
        'The same texts as staff should read them (about the applicant, not to "you"); staff pages and the staff API use these where given',
      ),
  })
  .strict();

const MunicipalitySchema = z
  .object({ code: z.string().regex(/^\d{4}$/, 'a four-digit kommunkod'), name: z.string().min(1) })
  .strict();

export const MappingSchema = z
  .object({
    $schema: z.string().optional(),
    id: z.string().regex(/^[a-z0-9-]+\/[a-z0-9-]+$/, 'id is "<vendor-system>/<name>"'),
    version: z.string().regex(/^\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?$/, 'version is semver, e.g. 1.2.0'),
    description: z.string().optional(),
    targets: z
      .object({
        system: z.string().min(1),
        vendor: z.string().min(1).optional(),
        apiVersion: z.string().min(1),
      })
      .strict()
      .describe('The vendor system and API version this mapping was written for'),
    domain: z.string().regex(/^[a-z][a-z0-9_]{1,39}$/),
    sourceSystem: z.string().regex(/^[a-z0-9-]+$/),
    timezone: z.string().default('Europe/Stockholm'),
    municipality: MunicipalitySchema,
    drop: z
      .array(DropSchema)
      .min(1)
      .optional()
      .describe('Secret and voided list items removed before any field is evaluated'),
    deleted: z
      .object({ when: WhereSchema })
      .strict()
      .optional()
      .describe(
        "When a record says its source removed the case (gallring, makulering): the hub removes it, as of the record's change time",
      ),
    identity: z
      .object({
        sourceId: RuleSchema,
        reference: RuleSchema,
        sourceUpdatedAt: RuleSchema,
        sourceVersion: RuleSchema.optional().describe(
          "The source's own version or sequence number of the record (a whole number that grows with each change), when it has one: it decides between versions with the same change time",
        ),
      })
      .strict()
      .describe('Which source fields make the source id, the reference, the change time and the version'),
    fields: z
      .object({
        title: RuleSchema,
        caseType: RuleSchema,
        office: RuleSchema,
        status: z
          .object({
            from: RuleSchema,
            since: RuleSchema,
            class: z.enum(FIELD_CLASSES),
            events: StatusEventsSchema.optional(),
          })
          .strict()
          .describe('Source status code (mapped through tables.status) and when it was set, or the events'),
        confidentiality: RuleSchema,
      })
      .catchall(RuleSchema)
      .describe('Canonical fields by name; other names only classify source fields (typically as secret)'),
    tables: TableSchema.refine(
      (t) => 'status' in t,
      'tables.status is required: every source status must be mapped',
    ),
    statusTexts: z.partialRecord(z.enum(STATUS_CODES), StatusTextSchema).optional(),
    deadline: z
      .object({ class: z.enum(FIELD_CLASSES), rules: z.array(DeadlineRuleSchema).min(1) })
      .strict()
      .optional(),
    process: z
      .array(ProcessSchema)
      .min(1)
      .optional()
      .describe(
        "The steps of each case type's process, with what the citizen does at each (the process guide)",
      ),
  })
  .strict();

export type Mapping = z.infer<typeof MappingSchema>;
export type DeadlineRule = z.infer<typeof DeadlineRuleSchema>;
export type StatusEvents = z.infer<typeof StatusEventsSchema>;
export type Drop = z.infer<typeof DropSchema>;

/** A constant an override puts in place of a shared field; its class stays the shared field's. */
const OverrideConstSchema = z
  .object({
    class: z
      .enum(FIELD_CLASSES)
      .optional()
      .describe("If given, the shared field's class: an override cannot change it"),
    const: z.record(z.string(), z.unknown()).describe('The value itself, e.g. the office with its contact'),
  })
  .strict();

/** What an override file may change: the municipality, office and handler constants, and table entries. */
export const OverrideSchema = z
  .object({
    $schema: z.string().optional(),
    extends: z.string().min(1).describe('Path of the shared mapping, relative to this file'),
    municipality: MunicipalitySchema,
    fields: z
      .object({ office: OverrideConstSchema.optional(), handler: OverrideConstSchema.optional() })
      .strict()
      .optional()
      .describe(
        "Only office and handler may be replaced, and only by constants: a source value (a party's number or name) can never reach them",
      ),
    tables: TableSchema.optional().describe('Entries merged into the shared tables'),
    statusTexts: z.partialRecord(z.enum(STATUS_CODES), StatusTextSchema).optional(),
  })
  .strict();
export type MappingOverride = z.infer<typeof OverrideSchema>;
