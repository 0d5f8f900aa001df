/** The mapping file format: what a system owner writes in YAML, validated by zod and published as JSON Schema. */
import { z } from 'zod';
import { FIELD_CLASSES, LocalizedTextSchema, STATUS_CODES } from '../../schemas/case.js';

const Path = z
  .string()
  .min(1)
  .regex(
    /^[\p{L}\p{N}_@#$.[\]-]+$/u,
    'a path is dot-separated names; [n] picks an array item, @name an attribute',
  );

type RuleModifiers = {
  optional?: boolean;
  type?: 'string' | 'number' | 'boolean';
  class?: (typeof FIELD_CLASSES)[number];
};

/** One rule: exactly one of the kinds below, plus its companions and the common modifiers. */
export type Rule = RuleModifiers & {
  path?: string;
  const?: unknown;
  firstOf?: Rule[];
  join?: Rule[];
  separator?: string;
  date?: Rule;
  format?: string;
  zone?: string;
  table?: string;
  from?: Rule;
  expr?: string;
  personnummer?: Rule;
  object?: Record<string, Rule>;
  each?: string;
  item?: Rule;
  concat?: Rule[];
};

export const RULE_KINDS = [
  'path',
  'const',
  'firstOf',
  'join',
  'date',
  'table',
  'expr',
  'personnummer',
  'object',
  'each',
  'concat',
] as const;
export type RuleKind = (typeof RULE_KINDS)[number];

/** Keys that only make sense beside one kind. */
const COMPANIONS: Record<string, RuleKind> = {
  separator: 'join',
  format: 'date',
  zone: 'date',
  from: 'table',
  item: 'each',
};
const REQUIRED_COMPANIONS: Partial<Record<RuleKind, string>> = {
  date: 'format',
  table: 'from',
  each: 'item',
};

export const RuleSchema: z.ZodType<Rule> = z.lazy(() =>
  z
    .object({
      path: Path.optional().describe('Value at a path in the source record'),
      const: z.unknown().optional().describe('A constant'),
      firstOf: z.array(RuleSchema).min(1).optional().describe('The first rule giving a value'),
      join: z
        .array(RuleSchema)
        .min(1)
        .optional()
        .describe('Present values joined by `separator` (default one space)'),
      separator: z.string().optional(),
      date: RuleSchema.optional().describe('A date/time parsed with `format` in `zone`'),
      format: z.string().min(1).optional().describe('"iso", or Luxon tokens such as yyyy-MM-dd\'T\'HH:mm:ss'),
      zone: z
        .string()
        .optional()
        .describe('Time zone of values without an offset (default: the mapping timezone)'),
      table: z
        .string()
        .min(1)
        .optional()
        .describe('Look `from` up in this table; an unknown value rejects the record'),
      from: RuleSchema.optional(),
      expr: z.string().min(1).optional().describe('A JSONata expression over the record'),
      personnummer: RuleSchema.optional().describe(
        'A personnummer, turned into a keyed person reference; never kept',
      ),
      object: z.record(z.string(), RuleSchema).optional().describe('An object of fields'),
      each: Path.optional().describe(
        'One output item per element of the array here (a single element counts as one)',
      ),
      item: RuleSchema.optional(),
      concat: z
        .array(RuleSchema)
        .min(1)
        .optional()
        .describe('The lists given by each rule, one after another'),
      optional: z.boolean().optional().describe('A missing value is fine (else the record is rejected)'),
      type: z
        .enum(['string', 'number', 'boolean'])
        .optional()
        .describe('Coerce the value ("true"/"1" → true)'),
      class: z.enum(FIELD_CLASSES).optional().describe('Field class; inherited by nested fields'),
    })
    .strict()
    .superRefine((rule, ctx) => {
      const kinds = RULE_KINDS.filter((k) => k in rule);
      if (kinds.length !== 1) {
        ctx.addIssue({
          code: 'custom',
          message:
            kinds.length === 0
              ? `a rule needs one of: ${RULE_KINDS.join(', ')}`
              : `a rule has exactly one of ${RULE_KINDS.join(', ')}; this one has ${kinds.join(' and ')}`,
        });
        return;
      }
      const kind = kinds[0] as RuleKind;
      for (const [key, owner] of Object.entries(COMPANIONS)) {
        if (key in rule && owner !== kind) {
          ctx.addIssue({
            code: 'custom',
            path: [key],
            message: `"${key}" belongs with "${owner}", not "${kind}"`,
          });
        }
      }
      const needed = REQUIRED_COMPANIONS[kind];
      if (needed && !(needed in rule)) {
        ctx.addIssue({ code: 'custom', message: `a "${kind}" rule needs "${needed}"` });
      }
    })
    .meta({
      id: 'Rule',
      description: 'One mapping rule: exactly one kind (path, const, firstOf, …) and its modifiers',
    }),
);

const TableSchema = z.record(
  z.string(),
  z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), LocalizedTextSchema])),
);

const DeadlineRuleSchema = z
  .object({
    caseTypes: z.array(z.string().min(1)).min(1).describe('caseType codes this rule applies to'),
    weeks: z.number().int().min(1).max(104),
    basis: z.string().min(1).describe('The legal basis, shown to staff and citizens'),
    restartOnCompletion: z
      .object({ requestedAt: RuleSchema, withinWeeks: z.number().int().min(1).max(52) })
      .strict()
      .optional()
      .describe('When completion was requested within N weeks of arrival, the time runs from completeAt'),
    extension: z
      .object({ weeks: RuleSchema, maxWeeks: z.number().int().min(1).max(52) })
      .strict()
      .optional()
      .describe('One extension by formal decision, capped at maxWeeks'),
  })
  .strict();

const StatusTextSchema = z
  .object({
    awaiting: z.enum(['applicant', 'office', 'third_party']).optional(),
    what: LocalizedTextSchema.optional(),
    nextStep: LocalizedTextSchema.optional(),
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
    identity: z
      .object({ sourceId: RuleSchema, reference: RuleSchema, sourceUpdatedAt: RuleSchema })
      .strict()
      .describe('Which source fields make the source id, the reference and the change time'),
    fields: z
      .object({
        title: RuleSchema,
        caseType: RuleSchema,
        office: RuleSchema,
        status: z
          .object({ from: RuleSchema, since: RuleSchema, class: z.enum(FIELD_CLASSES) })
          .strict()
          .describe('Source status code (mapped through tables.status) and when it was set'),
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
  })
  .strict();

export type Mapping = z.infer<typeof MappingSchema>;
export type DeadlineRule = z.infer<typeof DeadlineRuleSchema>;

/** What an override file may change: the municipality, office and handler constants, and table entries. */
export const OverrideSchema = z
  .object({
    $schema: z.string().optional(),
    extends: z.string().min(1).describe('Path of the shared mapping, relative to this file'),
    municipality: MunicipalitySchema,
    fields: z
      .object({ office: RuleSchema.optional(), handler: RuleSchema.optional() })
      .strict()
      .optional()
      .describe('Only office and handler may be replaced; everything else stays the shared mapping'),
    tables: TableSchema.optional().describe('Entries merged into the shared tables'),
    statusTexts: z.partialRecord(z.enum(STATUS_CODES), StatusTextSchema).optional(),
  })
  .strict();
export type MappingOverride = z.infer<typeof OverrideSchema>;
