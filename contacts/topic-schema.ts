/**
 * The shape of a deployment's contact topics file: per municipality, topic codes with sv/en/ar labels,
 * and the service norm by which an office answers a forwarded question of the topic.
 */
import { z } from 'zod';
import { CASE_DOMAINS, LocalizedTextSchema } from '../schemas/case.js';

/**
 * How long an office has to answer a forwarded question, as a unit head states it: working days
 * (Monday–Friday, Swedish public holidays and the eves of midsummer, Christmas and New Year excluded)
 * or clock hours.
 */
export const ServiceNormSchema = z.union(
  [
    z.object({ workingDays: z.number().int().min(1).max(60) }).strict(),
    z.object({ hours: z.number().int().min(1).max(720) }).strict(),
  ],
  { error: 'a service norm is { workingDays: N } (1–60) or { hours: N } (1–720)' },
);
export type ServiceNorm = z.infer<typeof ServiceNormSchema>;

/** The norm when the file gives none (and for a topic since dropped from the file). */
export const DEFAULT_SERVICE_NORM: ServiceNorm = { workingDays: 3 };

/** An office code as in the policy's office list and the sign-in's office claim. */
const OfficeCode = z.string().regex(/^[A-Za-z0-9_-]{1,32}$/, 'an office code, e.g. BN');

const TopicSchema = z
  .object({
    code: z.string().regex(/^[a-z][a-z0-9-]{0,63}$/, 'a topic code is lower-case a-z, 0-9 and -'),
    label: LocalizedTextSchema.strict(),
    /**
     * The case domain whose policy a question of this topic follows (e.g. `social_services`): its
     * texts and person are then shown only to the agent who registered it and to those the policy
     * lets see that domain's cases in the municipality (docs/contacts.md, "Who sees what").
     */
    domain: z.enum(CASE_DOMAINS).optional(),
    /** This topic's norm (`default`) and the norms of offices that answer it otherwise. */
    serviceNorm: z
      .object({
        default: ServiceNormSchema.optional(),
        offices: z.record(OfficeCode, ServiceNormSchema).optional(),
      })
      .strict()
      .optional(),
  })
  .strict();

export const TopicsFileSchema = z
  .object({
    version: z.string().regex(/^\d+\.\d+\.\d+$/, 'version must be semver'),
    /** The norm of every topic and office not given one of its own. */
    serviceNorm: ServiceNormSchema.default(DEFAULT_SERVICE_NORM),
    municipalities: z.record(
      z.string().regex(/^\d{4}$/, 'a kommunkod is four digits in quotes, e.g. "2480"'),
      z.array(TopicSchema).min(1, 'list at least one topic'),
    ),
  })
  .strict()
  .superRefine((file, ctx) => {
    for (const [code, topics] of Object.entries(file.municipalities)) {
      const seen = new Set<string>();
      topics.forEach((t, i) => {
        if (seen.has(t.code))
          ctx.addIssue({
            code: 'custom',
            path: ['municipalities', code, i, 'code'],
            message: `${t.code} twice`,
          });
        seen.add(t.code);
      });
    }
  });

/** A topic as loaded: its norms resolved against the file's default. */
export type ContactTopic = {
  code: string;
  label: z.infer<typeof LocalizedTextSchema>;
  domain?: (typeof CASE_DOMAINS)[number];
  serviceNorm: { default: ServiceNorm; offices: Readonly<Record<string, ServiceNorm>> };
};

/** Each municipality's topics by code: loaded once at start and passed to the contact register. */
export type ContactTopics = ReadonlyMap<string, ReadonlyMap<string, ContactTopic>>;

/**
 * The norm for a question of `topic` forwarded to `office`: the office's own for the topic, else the
 * topic's, else the file's (already resolved into the topic at load).
 *
 * @example
 * serviceNormFor(topic, 'BN'); // { workingDays: 5 }
 */
export function serviceNormFor(topic: ContactTopic, office: string): ServiceNorm {
  return topic.serviceNorm.offices[office] ?? topic.serviceNorm.default;
}
