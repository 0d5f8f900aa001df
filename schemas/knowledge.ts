/** The knowledge base's API shapes (issue 14): reviewed question–answer entries per municipality, Swedish first. */
import { z } from '@hono/zod-openapi';
import { DomainSchema, LocalizedTextSchema, StatusCodeSchema } from './case.js';
import { requestText } from './request-text.js';

export const KNOWLEDGE_STATUSES = ['draft', 'review', 'published', 'withdrawn'] as const;
export const KNOWLEDGE_STEPS = ['proposed', 'edited', 'submitted', 'published', 'withdrawn'] as const;
export type KnowledgeStatus = (typeof KNOWLEDGE_STATUSES)[number];
export type KnowledgeStep = (typeof KNOWLEDGE_STEPS)[number];

/** The longest question or answer of an entry: a knowledge entry answers one question, it is no handbook. */
export const KNOWLEDGE_TEXT_MAX = 4000;
/** The longest search text: what an agent types while listening, not a document. */
export const KNOWLEDGE_QUERY_MAX = 200;

const Text = requestText()
  .trim()
  .min(1, 'får inte vara tom / must not be empty')
  .max(KNOWLEDGE_TEXT_MAX, `högst ${KNOWLEDGE_TEXT_MAX} tecken / at most ${KNOWLEDGE_TEXT_MAX} characters`);

/** A text in Swedish (required) and, optionally, English and Arabic. */
export const EntryTextSchema = z
  .object({ sv: Text, en: Text.optional(), ar: Text.optional() })
  .strict()
  .openapi('KnowledgeText');
export type EntryText = z.infer<typeof EntryTextSchema>;

const Topic = z
  .string()
  .regex(/^[a-z][a-z0-9-]{0,63}$/, 'en ämneskod / a topic code')
  .openapi({ example: 'bygglov' });
const CaseType = z
  .string()
  .trim()
  .regex(/^[\p{L}\p{N}_.:-]{1,64}$/u, 'en ärendetypskod / a case type code')
  // The pattern is given without the generator's copy of the regex flag ("…$/u"); JSON Schema 2020-12
  // patterns are Unicode-aware. No example: Spectral checks examples with Unicode off, where `\p{L}` is
  // no letter class, so any real code would be flagged.
  .openapi({
    pattern: '^[\\p{L}\\p{N}_.:-]{1,64}$',
    description:
      'A case type code of the source system, e.g. `BL`: 1–64 letters (any alphabet), digits or `_` `.` `:` `-`',
  });

/** Translations come in pairs: an English question needs its English answer, and so on. */
function pairedTranslations(
  body: { question?: EntryText | undefined; answer?: EntryText | undefined },
  ctx: z.RefinementCtx,
) {
  if (!body.question || !body.answer) return;
  for (const lang of ['en', 'ar'] as const)
    if ((body.question[lang] === undefined) !== (body.answer[lang] === undefined))
      ctx.addIssue({
        code: 'custom',
        path: [body.question[lang] === undefined ? 'question' : 'answer', lang],
        message: 'en översättning har både fråga och svar / a translation has both question and answer',
      });
}

const EntryFields = {
  topic: Topic,
  question: EntryTextSchema,
  answer: EntryTextSchema,
  caseDomain: DomainSchema.nullable().optional(),
  caseType: CaseType.nullable().optional(),
  caseStatus: StatusCodeSchema.nullable().optional(),
};

/**
 * A new draft: written from scratch (municipality, topic, question, answer), or proposed from an
 * answered contact (`fromContact`), whose municipality, topic, question and answer it starts from;
 * any field given here replaces the contact's. Nothing about the contact's person is copied.
 */
export const ProposeEntrySchema = z
  .object({
    fromContact: z.uuid().optional(),
    municipality: z
      .string()
      .regex(/^\d{4}$/, 'kommunkod, fyra siffror / four-digit kommunkod')
      .optional(),
    ...EntryFields,
    topic: Topic.optional(),
    question: EntryTextSchema.optional(),
    answer: EntryTextSchema.optional(),
  })
  .strict()
  .superRefine((body, ctx) => {
    if (body.fromContact) return pairedTranslations(body, ctx);
    for (const field of ['municipality', 'topic', 'question', 'answer'] as const)
      if (body[field] === undefined)
        ctx.addIssue({
          code: 'custom',
          path: [field],
          message: 'krävs utan fromContact / required without fromContact',
        });
    pairedTranslations(body, ctx);
  })
  .openapi('ProposeKnowledgeEntry');
export type ProposeEntry = z.infer<typeof ProposeEntrySchema>;

/** An edit: each field given replaces the entry's (a `null` case field removes it). */
export const EditEntrySchema = z
  .object({
    ...EntryFields,
    topic: Topic.optional(),
    question: EntryTextSchema.optional(),
    answer: EntryTextSchema.optional(),
  })
  .strict()
  .refine((body) => Object.keys(body).length > 0, {
    message: 'ändra minst ett fält / change at least one field',
  })
  .openapi('EditKnowledgeEntry');
export type EditEntry = z.infer<typeof EditEntrySchema>;

const Optional = z.string().nullable();
const ViewText = z.object({ sv: z.string(), en: Optional, ar: Optional });

export const KnowledgeHistoryEntrySchema = z.object({
  step: z.enum(KNOWLEDGE_STEPS),
  at: z.string(),
  subject: z.string(),
  role: z.string(),
  municipality: z.string().nullable(),
  office: z.string().nullable(),
});
export type KnowledgeHistoryEntry = z.infer<typeof KnowledgeHistoryEntrySchema>;

export const KnowledgeEntryViewSchema = z
  .object({
    id: z.uuid(),
    municipality: z.string(),
    topic: z.object({ code: z.string(), label: LocalizedTextSchema }),
    question: ViewText,
    answer: ViewText,
    caseDomain: z.string().nullable(),
    caseType: z.string().nullable(),
    caseStatus: z.string().nullable(),
    status: z.enum(KNOWLEDGE_STATUSES),
    /** The contact it was proposed from (its id only: nothing of the contact's person is in an entry). */
    fromContact: z.uuid().nullable(),
    author: z.string(),
    publishedAt: z.string().nullable(),
    publishedBy: z.string().nullable(),
    createdAt: z.string(),
    updatedAt: z.string(),
    history: z.array(KnowledgeHistoryEntrySchema),
  })
  .openapi('KnowledgeEntry');
export type KnowledgeEntryView = z.infer<typeof KnowledgeEntryViewSchema>;

export const KnowledgeListSchema = z
  .object({
    items: z.array(KnowledgeEntryViewSchema.omit({ history: true }).extend({ rank: z.number().nullable() })),
  })
  .openapi('KnowledgeList');
export type KnowledgeListItem = z.infer<typeof KnowledgeListSchema>['items'][number];

const Query = requestText()
  .trim()
  .max(
    KNOWLEDGE_QUERY_MAX,
    `högst ${KNOWLEDGE_QUERY_MAX} tecken / at most ${KNOWLEDGE_QUERY_MAX} characters`,
  );
const Municipality = z.string().regex(/^\d{4}$/, 'kommunkod, fyra siffror / four-digit kommunkod');

export const KnowledgeQuerySchema = z.object({
  q: Query.optional().openapi({ example: 'bygglo' }),
  topic: Topic.optional(),
  /** The caller's own municipality when not given. */
  municipality: Municipality.optional(),
  caseDomain: DomainSchema.optional(),
  caseType: CaseType.optional(),
  /** A case's status: entries for that status, and those for every status of the case type. */
  caseStatus: StatusCodeSchema.optional(),
  /** The entries' own state; `published` unless asked (drafts for reviewers and their own authors). */
  status: z.enum(KNOWLEDGE_STATUSES).default('published'),
});
export type KnowledgeQuery = z.infer<typeof KnowledgeQuerySchema>;

export const SuggestQuerySchema = z.object({
  q: Query.min(2, 'minst två tecken / at least two characters').openapi({ example: 'bygglo' }),
  municipality: Municipality.optional(),
});

export const ContactSuggestionSchema = z.object({
  id: z.uuid(),
  topic: z.string(),
  /** Excerpts of the stored texts (any personnummer already masked); no person data. */
  question: z.string(),
  answer: z.string(),
  rank: z.number(),
});
export type ContactSuggestion = z.infer<typeof ContactSuggestionSchema>;

export const SuggestionsSchema = z
  .object({
    entries: KnowledgeListSchema.shape.items,
    contacts: z.array(ContactSuggestionSchema),
  })
  .openapi('KnowledgeSuggestions');
export type Suggestions = z.infer<typeof SuggestionsSchema>;
