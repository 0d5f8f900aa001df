/** The contact register's API shapes (issue 14): a question the information center registered and owns. */
import { z } from '@hono/zod-openapi';
import { LocalizedTextSchema } from './case.js';
import { ContactTextSchema } from './contact-text.js';
import { TaskBriefSchema, TaskViewSchema } from './task.js';

export const CONTACT_CHANNELS = ['phone', 'email', 'visit', 'letter', 'web'] as const;
export const CONTACT_OUTCOMES = [
  'answered_directly',
  'forwarded',
  'callback_promised',
  'referred_elsewhere',
] as const;
export const CONTACT_STEPS = [
  'registered',
  'answered',
  'forwarded',
  'task_answered',
  'closed',
  'reopened',
] as const;

export { CONTACT_TEXT_MAX } from './contact-text.js';

export type ContactChannel = (typeof CONTACT_CHANNELS)[number];
export type ContactOutcome = (typeof CONTACT_OUTCOMES)[number];
export type ContactStep = (typeof CONTACT_STEPS)[number];

const Text = ContactTextSchema;

/** A Swedish phone number as typed: digits, spaces, dashes, an optional leading +; 6 to 20 characters. */
const CallbackNumber = z
  .string()
  .trim()
  .regex(/^\+?[0-9][0-9 -]{4,18}[0-9]$/, 'ett telefonnummer / a phone number');

export const RegisterContactSchema = z
  .object({
    municipality: z.string().regex(/^\d{4}$/, 'kommunkod, fyra siffror / four-digit kommunkod'),
    channel: z.enum(CONTACT_CHANNELS),
    language: z
      .string()
      .regex(/^[a-z]{2,3}$/, 'språkkod, t.ex. sv / language code, e.g. sv')
      .default('sv'),
    topic: z.string().min(1).max(64).openapi({ example: 'bygglov' }),
    question: Text,
    answer: Text.optional(),
    /** With `answer`: the published knowledge entry it was taken from (the statistics count such answers). */
    knowledgeEntry: z.uuid().optional(),
    /**
     * The person's personnummer when the agent has it: validated and kept only as a keyed reference
     * (`personRef`), never stored, logged or echoed.
     */
    personnummer: z.string().max(20).optional(),
    /** Sealed while the contact is open, removed when it closes. */
    callbackNumber: CallbackNumber.optional(),
    caseIds: z.array(z.uuid()).max(20).default([]),
    /** An e-mail that is a public record (allmän handling): its arrival date and, when given, its diarienummer. */
    publicRecord: z
      .object({
        arrivedOn: z.iso.date(),
        diarienummer: z.string().trim().min(1).max(64).optional(),
      })
      .strict()
      .optional(),
  })
  .strict()
  .refine((c) => c.knowledgeEntry === undefined || c.answer !== undefined, {
    path: ['knowledgeEntry'],
    message: 'bara med ett svar / only with an answer',
  });
// Not a named schema: its defaults (`language`, `caseIds`) must read as optional to client generators
// (see SearchRequestSchema).
export type RegisterContact = z.infer<typeof RegisterContactSchema>;

export const AnswerContactSchema = z
  .object({
    answer: Text,
    /** The published knowledge entry the answer was taken from (the statistics count such answers). */
    knowledgeEntry: z.uuid().optional(),
  })
  .strict()
  .openapi('AnswerContact');
export const CloseContactSchema = z
  .object({ outcome: z.enum(CONTACT_OUTCOMES) })
  .strict()
  .openapi('CloseContact');

export const ContactHistoryEntrySchema = z.object({
  step: z.enum(CONTACT_STEPS),
  at: z.string(),
  subject: z.string(),
  role: z.string(),
  municipality: z.string().nullable(),
  office: z.string().nullable(),
  outcome: z.enum(CONTACT_OUTCOMES).nullable(),
  /** On an `answered` step whose answer was taken from the knowledge base: the entry's id. */
  knowledgeEntry: z.uuid().optional(),
  /** `forwarded` and `task_answered`: the task and the office it went to. */
  taskId: z.uuid().nullable(),
  taskOffice: z.string().nullable(),
});
export type ContactHistoryEntry = z.infer<typeof ContactHistoryEntrySchema>;

export const ContactViewSchema = z
  .object({
    id: z.uuid(),
    municipality: z.string(),
    channel: z.enum(CONTACT_CHANNELS),
    language: z.string(),
    topic: z.object({ code: z.string(), label: LocalizedTextSchema }),
    question: z.string(),
    answer: z.string().nullable(),
    outcome: z.enum(CONTACT_OUTCOMES).nullable(),
    status: z.enum(['open', 'closed']),
    owner: z.object({ subject: z.string(), municipality: z.string(), office: z.string().nullable() }),
    /** The person as a keyed reference (`pr1_…`), never their number. */
    personRef: z.string().nullable(),
    /** Only while the contact is open; removed when it closes. */
    callbackNumber: z.string().nullable(),
    caseIds: z.array(z.uuid()),
    /** The knowledge entry the current answer was taken from, if it was. */
    knowledgeEntry: z.uuid().nullable(),
    publicRecord: z.object({ arrivedOn: z.string(), diarienummer: z.string().nullable() }).nullable(),
    createdAt: z.string(),
    updatedAt: z.string(),
    closedAt: z.string().nullable(),
    /** Set when the contact was anonymised after its retention period: its texts and person are gone. */
    anonymisedAt: z.string().nullable(),
    /**
     * True when the caller may see that the contact exists but not its content (question, answer,
     * person, callback number, linked cases, public record, tasks' texts): an admin, or a colleague on
     * a social-services question (docs/contacts.md, "Who sees what").
     */
    contentHidden: z.boolean(),
    /** The latest task of a forwarded contact (overdue ones come first in my follow-ups), else null. */
    task: TaskBriefSchema.nullable(),
    history: z.array(ContactHistoryEntrySchema),
    /** Every task the contact was forwarded as, oldest first, with the office's answer when given. */
    tasks: z.array(TaskViewSchema.omit({ question: true, topic: true })),
  })
  .openapi('Contact');
export type ContactView = z.infer<typeof ContactViewSchema>;

export const ContactListSchema = z
  .object({ items: z.array(ContactViewSchema.omit({ history: true, tasks: true })) })
  .openapi('ContactList');
