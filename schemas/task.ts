/** The API shapes of forwarding (issue 14): a forwarded contact's task for an office, and its answer. */
import { z } from '@hono/zod-openapi';
import { ContactTextSchema } from './contact-text.js';

/** `closed`: its contact was closed before the office answered; it can no longer be answered. */
export const TASK_STATUSES = ['open', 'answered', 'closed'] as const;
export type TaskStatus = (typeof TASK_STATUSES)[number];

const Text = ContactTextSchema;

export const ForwardContactSchema = z
  .object({
    /** An office code of the contact's municipality, as in the policy's office list (e.g. BN). */
    office: z.string().trim().min(1).max(32).openapi({ example: 'BN' }),
    /** A named officer of that office (their sign-in subject), when the question is for them. */
    officer: z.string().trim().min(1).max(200).optional(),
    /** What the office is asked to find out; a personnummer in it is masked like in the question. */
    note: Text,
  })
  .strict()
  .openapi('ForwardContact');
export type ForwardContact = z.infer<typeof ForwardContactSchema>;

export const AnswerTaskSchema = z.object({ answer: Text }).strict().openapi('AnswerTask');

/** The task as the contact's list of follow-ups shows it: where it is and when it is due. */
export const TaskBriefSchema = z
  .object({
    id: z.uuid(),
    office: z.string(),
    officer: z.string().nullable(),
    status: z.enum(TASK_STATUSES),
    dueAt: z.string(),
    /** Open past its due time. */
    overdue: z.boolean(),
  })
  .openapi('TaskBrief');

export const TaskViewSchema = TaskBriefSchema.extend({
  contactId: z.uuid(),
  municipality: z.string(),
  note: z.string(),
  answer: z.string().nullable(),
  answeredBy: z.string().nullable(),
  createdAt: z.string(),
  answeredAt: z.string().nullable(),
  closedAt: z.string().nullable(),
  /** The contact's question and topic code, so the office knows what was asked. */
  question: z.string(),
  topic: z.string(),
}).openapi('Task');
export type TaskView = z.infer<typeof TaskViewSchema>;

export const TaskListSchema = z.object({ items: z.array(TaskViewSchema) }).openapi('TaskList');
