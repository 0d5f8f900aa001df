/** The shape of a deployment's municipalities file: each municipality's name, contact channels and opening hours. */
import { z } from 'zod';
import { ContactSchema, LocalizedTextSchema } from '../schemas/case.js';

export const MunicipalitySchema = z
  .object({
    /** SCB kommunkod, as in a case's `municipality.code`. */
    code: z.string().regex(/^\d{4}$/, 'code must be the four-digit kommunkod'),
    name: z.string().min(1).max(80),
    // Strict: a misspelt channel (`mail:`) must stop start-up, not vanish from the pages.
    contact: ContactSchema.strict().refine((c) => Boolean(c.phone || c.email || c.url), {
      message: 'give at least one of phone, email and url',
    }),
    /** One line per span of days, in every language of the pages. */
    openingHours: z.array(LocalizedTextSchema.strict()).min(1).max(7),
  })
  .strict();
export type Municipality = z.infer<typeof MunicipalitySchema>;

export const MunicipalitiesFileSchema = z
  .object({
    version: z.string().regex(/^\d+\.\d+\.\d+$/, 'version must be semver'),
    municipalities: z.array(MunicipalitySchema).min(1),
  })
  .strict()
  .superRefine((file, ctx) => {
    const seen = new Set<string>();
    file.municipalities.forEach((m, i) => {
      if (seen.has(m.code))
        ctx.addIssue({ code: 'custom', path: ['municipalities', i, 'code'], message: `${m.code} twice` });
      seen.add(m.code);
    });
  });

/** The municipalities a hub serves, by kommunkod: loaded once at start and passed to whoever shows them. */
export type Municipalities = ReadonlyMap<string, Municipality>;
