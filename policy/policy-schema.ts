/** The access policy file: per role and domain, whether cases are visible and which field classes show. */
import { z } from 'zod';

const VisibleClass = z.enum(['public', 'internal', 'confidential']);

const DomainRule = z
  .object({
    visible: z
      .union([z.boolean(), z.literal('own_office')])
      .describe('true, false, or own_office: officers see only their own office’s cases of this domain'),
    classes: z.array(VisibleClass).default([]).describe('Field classes shown; any other class is masked'),
    ownOfficeClasses: z
      .array(VisibleClass)
      .optional()
      .describe('For officers: classes shown on their own office’s cases (default: classes)'),
  })
  .strict();

const ROLES = ['infocenter', 'officer', 'citizen', 'admin'] as const;

export const PolicySchema = z
  .object({
    $schema: z.string().optional(),
    version: z.string().regex(/^\d+\.\d+\.\d+$/),
    description: z.string().optional(),
    /** Per role: rules by domain, with "*" for every domain not named. */
    roles: z
      .record(z.enum(ROLES), z.record(z.string(), DomainRule))
      .refine(
        (roles) => ROLES.every((role) => roles[role] && '*' in (roles[role] ?? {})),
        'every role (infocenter, officer, citizen, admin) needs a "*" rule',
      ),
    /** Staff never see these of a person with protected identity (skyddade personuppgifter). */
    protectedIdentity: z
      .object({ maskForStaff: z.array(z.enum(['parties.displayName', 'property'])) })
      .strict(),
  })
  .strict();

export type Policy = z.infer<typeof PolicySchema>;
export type DomainAccess = z.infer<typeof DomainRule>;
