/** A task as the API shows it: to its office (with the question asked) and on its contact. */
import type { TaskView } from '../schemas/task.js';
import type { ContactRow } from '../store/contact-store.js';
import type { TaskRow } from '../store/task-store.js';

/** Open past its due time at `now`. */
export function isOverdue(task: Pick<TaskRow, 'status' | 'dueAt'>, now: Date): boolean {
  return task.status === 'open' && Date.parse(task.dueAt) <= now.getTime();
}

export function taskBrief(task: TaskRow, now: Date) {
  return {
    id: task.id,
    office: task.office,
    officer: task.officer,
    status: task.status,
    dueAt: task.dueAt,
    overdue: isOverdue(task, now),
  };
}

/** The task on its contact's page: everything but the question, which the contact itself shows. */
export function taskOnContact(task: TaskRow, now: Date): Omit<TaskView, 'question' | 'topic'> {
  return {
    ...taskBrief(task, now),
    contactId: task.contactId,
    municipality: task.municipality,
    note: task.note,
    answer: task.answer,
    answeredBy: task.answeredBy,
    createdAt: task.createdAt,
    answeredAt: task.answeredAt,
    closedAt: task.closedAt,
  };
}

/** The task for its office: with the contact's question and topic, and nothing else of the contact. */
export function taskView(
  task: TaskRow,
  contact: Pick<ContactRow, 'question' | 'topic'>,
  now: Date,
): TaskView {
  return { ...taskOnContact(task, now), question: contact.question, topic: contact.topic };
}
