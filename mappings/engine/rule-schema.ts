/** One mapping rule: its kinds, companions and modifiers, validated by zod and published as JSON Schema. */
import { z } from 'zod';
import { FIELD_CLASSES } from '../../schemas/case.js';
import { type Where, WhereSchema } from './where.js';

export const Path = z
  .string()
  .min(1)
  .regex(
    /^[\p{L}\p{N}_@#$.:[\]-]+$/u,
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
  where?: Where;
  onItemError?: 'reject' | 'drop';
  concat?: Rule[];
  select?: string;
  pick?: 'first' | 'last' | 'earliest' | 'latest';
  by?: string;
  value?: Rule;
  organisationsnummer?: Rule;
  personOrOrganisation?: Rule;
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
  'select',
  'organisationsnummer',
  'personOrOrganisation',
] as const;
export type RuleKind = (typeof RULE_KINDS)[number];

/** Keys that only make sense beside one kind. */
const COMPANIONS: Record<string, RuleKind[]> = {
  separator: ['join'],
  format: ['date'],
  zone: ['date'],
  from: ['table'],
  item: ['each'],
  onItemError: ['each'],
  where: ['each', 'select'],
  pick: ['select'],
  by: ['select'],
  value: ['select'],
};
const REQUIRED_COMPANIONS: Partial<Record<RuleKind, string>> = {
  date: 'format',
  table: 'from',
  each: 'item',
  select: 'pick',
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
      where: WhereSchema.optional(),
      onItemError: z
        .enum(['reject', 'drop'])
        .optional()
        .describe('drop: an item with a problem is left out with a warning instead of rejecting the record'),
      select: Path.optional().describe('One item of the list here: filtered by `where`, chosen by `pick`'),
      pick: z
        .enum(['first', 'last', 'earliest', 'latest'])
        .optional()
        .describe('first/last in the source order, or earliest/latest by the date at `by`'),
      by: Path.optional().describe('Path inside the item to an ISO 8601 date, for pick earliest/latest'),
      value: RuleSchema.optional().describe('What to read from the chosen item (default: the item)'),
      organisationsnummer: RuleSchema.optional().describe(
        'An organisationsnummer ("16" prefix allowed), turned into a keyed organisation reference; never kept',
      ),
      personOrOrganisation: RuleSchema.optional().describe(
        'A personnummer or an organisationsnummer: gives personRef or orgRef (under the key "ref" of a party)',
      ),
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
      for (const [key, owners] of Object.entries(COMPANIONS)) {
        if (key in rule && !owners.includes(kind)) {
          ctx.addIssue({
            code: 'custom',
            path: [key],
            message: `"${key}" belongs with "${owners.join('" or "')}", not "${kind}"`,
          });
        }
      }
      const needed = REQUIRED_COMPANIONS[kind];
      if (needed && !(needed in rule)) {
        ctx.addIssue({ code: 'custom', message: `a "${kind}" rule needs "${needed}"` });
      }
      if ((rule.pick === 'earliest' || rule.pick === 'latest') && !rule.by) {
        ctx.addIssue({
          code: 'custom',
          message: `pick ${rule.pick} needs "by": the path of the date to compare`,
        });
      }
    })
    .meta({
      id: 'Rule',
      description: 'One mapping rule: exactly one kind (path, const, firstOf, …) and its modifiers',
    }),
);
