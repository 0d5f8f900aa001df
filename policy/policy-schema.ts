/**
 * The access policy file: per role and domain, whether cases are visible and which field classes show;
 * which domains each office handles; municipalities with rules of their own; and agreements by which
 * one municipality's staff serve others.
 */
import { z } from 'zod';

const VisibleClass = z.enum(['public', 'internal', 'confidential']);

/** SCB kommunkod: four digits, written in quotes (YAML reads 0181 unquoted as the number 181). */
const Kommunkod = z
  .string({ error: 'a kommunkod is four digits in quotes, e.g. "2480"' })
  .regex(/^\d{4}$/, 'a kommunkod is four digits in quotes, e.g. "2480"');

const DomainRule = z
  .object({
    visible: z
      .union([z.boolean(), z.enum(['own_domain', 'own_office'])], {
        error: 'visible is true, false, own_domain or own_office',
      })
      .describe(
        'true, false; own_domain: staff see this domain only if their office handles it (see offices); ' +
          'own_office: staff see only their own office’s cases of this domain',
      ),
    classes: z.array(VisibleClass).default([]).describe('Field classes shown; any other class is masked'),
    ownOfficeClasses: z
      .array(VisibleClass)
      .optional()
      .describe('For staff with an office: classes shown on their own office’s cases (default: classes)'),
  })
  .strict();

const ROLES = ['infocenter', 'officer', 'citizen', 'admin'] as const;

/** Per role: rules by domain, with "*" for every domain not named. */
const RoleRules = z.record(z.string(), DomainRule).refine((rules) => '*' in rules, {
  error: 'needs a "*" rule (for every domain not named)',
});

const Roles = z.partialRecord(z.enum(ROLES), RoleRules);

/** Office code → the domains that office handles (`BN: [building_permit]`). */
const Offices = z.record(
  z.string().min(1),
  z.array(z.string().min(1), { error: 'an office lists the domains it handles, e.g. [building_permit]' }),
);

const MunicipalityRules = z
  .object({
    name: z.string().optional().describe('For the reader; the code is what counts'),
    roles: Roles.optional().describe('Replaces the default rules of each role named, for this municipality'),
    offices: Offices.optional().describe('Replaces the default office list, for this municipality'),
  })
  .strict();

const Agreement = z
  .object({
    name: z.string().min(1).describe('What the agreement is called, e.g. its title in the diary'),
    basis: z.string().optional().describe('Where it is decided, e.g. "KS 2025/123, avtal 2026-01-01"'),
    who: z
      .object({
        municipality: Kommunkod,
        role: z.enum(['infocenter', 'officer'], {
          error: 'an agreement serves staff: role is infocenter or officer',
        }),
        office: z.string().min(1).optional().describe('Only staff of this office or unit (optional)'),
      })
      .strict(),
    for: z.array(Kommunkod).min(1, 'name at least one municipality served'),
    domains: z.array(z.string().min(1)).min(1, 'name at least one domain'),
    classes: z.array(VisibleClass).min(1, 'name the field classes shown, e.g. [public, internal]'),
  })
  .strict();

/** The purposes staff may state when no policy lists its own. */
export const DEFAULT_PURPOSES = [
  { id: 'samtal', label: 'Samtal med sökande' },
  { id: 'handlaggning', label: 'Handläggning' },
  { id: 'registervard', label: 'Registervård' },
];

/** What protected identity may hide from staff: names, the property, and what the case is called and where. */
const ProtectedPath = z.enum(['parties.displayName', 'property', 'title', 'office']);

export const PolicySchema = z
  .object({
    $schema: z.string().optional(),
    version: z.string().regex(/^\d+\.\d+\.\d+$/, 'version is major.minor.patch, e.g. 2.0.0'),
    description: z.string().optional(),
    /** The default rules: each municipality's own staff on its own cases, and citizens on their cases. */
    roles: z.record(z.enum(ROLES), RoleRules).refine((roles) => ROLES.every((role) => roles[role]), {
      error: 'every role (infocenter, officer, citizen, admin) needs rules',
    }),
    /** Which domains each office handles, for `visible: own_domain`; the default for every municipality. */
    offices: Offices.default({}),
    /** Municipalities (by kommunkod) with rules of their own; the others follow the defaults. */
    municipalities: z.record(Kommunkod, MunicipalityRules).default({}),
    /** Staff of one municipality serving others: who, for whom, which domains, which classes. */
    agreements: z.array(Agreement).default([]),
    /** Staff never see these of a person with protected identity (skyddade personuppgifter). */
    protectedIdentity: z
      .object({
        maskForStaff: z.array(ProtectedPath),
        /** More to hide in some domains: where a protected child goes to school names the school. */
        byDomain: z.record(z.string(), z.array(ProtectedPath)).default({}),
      })
      .strict(),
    /**
     * Why staff may say they read: the `x-arendenav-purpose` header and the console's select take an
     * `id` from this list (ASCII, so it survives an HTTP header), and the audit entry keeps it.
     */
    purposes: z
      .array(
        z
          .object({
            id: z.string().regex(/^[a-z][a-z0-9-]{1,39}$/, 'a purpose id is lower-case a-z, 0-9 and -'),
            label: z.string().trim().min(2).max(80),
          })
          .strict(),
      )
      .default(DEFAULT_PURPOSES),
    /** What a citizen is told of who read their cases: organisation and role always, names only if on. */
    citizenAudit: z
      .object({ showStaffNames: z.boolean().default(false) })
      .strict()
      .default({ showStaffNames: false }),
  })
  .strict()
  .superRefine((policy, ctx) => {
    // A rule that depends on an office's domains is empty without an office list: say so at load.
    const usesOwnDomain = (roles: Record<string, Record<string, { visible: unknown }> | undefined>) =>
      Object.values(roles).some((rules) =>
        Object.values(rules ?? {}).some((r) => r.visible === 'own_domain'),
      );
    const municipalities = Object.entries(policy.municipalities);
    const hasOffices =
      Object.keys(policy.offices).length > 0 || municipalities.some(([, m]) => m.offices !== undefined);
    if (
      !hasOffices &&
      (usesOwnDomain(policy.roles) || municipalities.some(([, m]) => usesOwnDomain(m.roles ?? {})))
    )
      ctx.addIssue({
        code: 'custom',
        path: ['offices'],
        message:
          'visible: own_domain needs an offices list (office code → domains), or nobody sees the domain',
      });
    for (const [i, agreement] of policy.agreements.entries()) {
      const seen = new Set<string>();
      for (const code of agreement.for) {
        if (seen.has(code))
          ctx.addIssue({ code: 'custom', path: ['agreements', i, 'for'], message: `${code} is named twice` });
        seen.add(code);
      }
    }
  });

export type Policy = z.infer<typeof PolicySchema>;
export type DomainAccess = z.infer<typeof DomainRule>;
export type RoleName = (typeof ROLES)[number];
export type PolicyAgreement = z.infer<typeof Agreement>;
