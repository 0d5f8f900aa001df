/** Request and response shapes of staff search. */
import { z } from '@hono/zod-openapi';
import { DomainSchema, StatusCodeSchema } from './case.js';
import { requestText } from './request-text.js';

export const SearchFiltersSchema = z
  .object({
    domain: z.array(DomainSchema).max(20).optional(),
    status: z.array(StatusCodeSchema).max(20).optional(),
    municipality: z
      .array(z.string().regex(/^\d{4}$/, 'municipality must be a four-digit kommunkod'))
      .max(50)
      .optional(),
    office: z.array(requestText().min(1).max(40)).max(50).optional(),
    state: z
      .enum(['open', 'closed'])
      .optional()
      .openapi({ description: 'Open cases (not decided, closed or withdrawn), or only those' }),
    overdue: z.boolean().optional().openapi({
      description: 'true: only open cases past their statutory due date (today in Europe/Stockholm)',
    }),
    awaiting: z
      .array(z.enum(['applicant', 'office', 'third_party']))
      .max(3)
      .optional()
      .openapi({ description: 'Only cases waiting for one of these (who holds the ball)' }),
  })
  .strict()
  .openapi('SearchFilters');
export type SearchFilters = z.infer<typeof SearchFiltersSchema>;

const SEARCH_KEYS = ['reference', 'personnummer', 'organisationsnummer', 'property', 'q'] as const;

export const SearchRequestSchema = z
  .object({
    reference: requestText().trim().min(1).max(80).optional().openapi({ example: 'BN 2026-000123' }),
    personnummer: requestText().max(20).optional().openapi({
      description: 'Personnummer or samordningsnummer, 10 or 12 digits. Only ever sent in a body.',
    }),
    organisationsnummer: requestText().max(20).optional().openapi({
      description:
        'Organisationsnummer, 10 digits, with or without the "16" prefix and the dash: the cases the organisation is a party to. Only ever sent in a body.',
    }),
    property: requestText().trim().min(1).max(120).optional().openapi({ example: 'Tallen 4' }),
    q: requestText().trim().min(2).max(200).optional().openapi({ example: 'Lindqvist garage' }),
    filters: SearchFiltersSchema.optional(),
    cursor: z.string().max(500).optional(),
    limit: z.number().int().min(1).max(100).default(20),
  })
  .strict()
  .superRefine((body, ctx) => {
    const given = SEARCH_KEYS.filter((k) => body[k] !== undefined);
    if (given.length !== 1) {
      ctx.addIssue({
        code: 'custom',
        path: given.length === 0 ? [] : [given[1] ?? given[0] ?? ''],
        message: `Give exactly one of ${SEARCH_KEYS.join(', ')}`,
      });
    }
  });
// No `.openapi('SearchRequest')`: a named (shared) schema's `limit` default makes openapi-typescript
// type `limit` as required; described inline under its operation, the default reads as "may be left out".
// test/integration/openapi-lint.test.ts holds request bodies to this.
export type SearchRequest = z.infer<typeof SearchRequestSchema>;
