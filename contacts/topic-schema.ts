/** The shape of a deployment's contact topics file: per municipality, topic codes with sv/en/ar labels. */
import { z } from 'zod';
import { LocalizedTextSchema } from '../schemas/case.js';

const TopicSchema = z
  .object({
    code: z.string().regex(/^[a-z][a-z0-9-]{0,63}$/, 'a topic code is lower-case a-z, 0-9 and -'),
    label: LocalizedTextSchema.strict(),
  })
  .strict();
export type ContactTopic = z.infer<typeof TopicSchema>;

export const TopicsFileSchema = z
  .object({
    version: z.string().regex(/^\d+\.\d+\.\d+$/, 'version must be semver'),
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

/** Each municipality's topics by code: loaded once at start and passed to the contact register. */
export type ContactTopics = ReadonlyMap<string, ReadonlyMap<string, ContactTopic>>;
