/** A stored contact as the API shows it: topic labels from the municipality's list, the callback number opened. */
import type { SealedBox } from '../person/sealed-box.js';
import type { ContactHistoryEntry, ContactView } from '../schemas/contact.js';
import type { ContactRow } from '../store/contact-store.js';
import type { TaskRow } from '../store/task-store.js';
import { taskBrief, taskOnContact } from './task-view.js';
import type { ContactTopics } from './topic-schema.js';

type ViewDeps = { topics: ContactTopics; callbackBox: SealedBox };

/** A contact without its history and tasks (the list of follow-ups), with its latest task's state. */
export function contactSummary(
  row: ContactRow,
  latestTask: TaskRow | undefined,
  now: Date,
  deps: ViewDeps,
): Omit<ContactView, 'history' | 'tasks'> {
  const topic = deps.topics.get(row.municipality)?.get(row.topic);
  return {
    id: row.id,
    municipality: row.municipality,
    channel: row.channel,
    language: row.language,
    // A code dropped from the file since keeps its code as its label rather than vanishing.
    topic: { code: row.topic, label: topic?.label ?? { sv: row.topic, en: row.topic, ar: row.topic } },
    question: row.question,
    answer: row.answer,
    outcome: row.outcome,
    status: row.status,
    owner: { subject: row.ownerSubject, municipality: row.ownerMunicipality, office: row.ownerOffice },
    personRef: row.personRef,
    // Closing removed it from the row; an open contact's number is opened for the agent who calls back.
    callbackNumber:
      row.status === 'open' && row.callbackSealed ? String(deps.callbackBox.open(row.callbackSealed)) : null,
    caseIds: row.caseIds,
    knowledgeEntry: row.knowledgeEntry,
    publicRecord: row.recordArrivedOn
      ? { arrivedOn: row.recordArrivedOn, diarienummer: row.recordDiarienummer }
      : null,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
    closedAt: row.closedAt,
    anonymisedAt: row.anonymisedAt,
    contentHidden: false,
    task: latestTask ? taskBrief(latestTask, now) : null,
  };
}

export function contactView(
  row: ContactRow,
  history: ContactHistoryEntry[],
  tasks: TaskRow[],
  now: Date,
  deps: ViewDeps,
): ContactView {
  return {
    ...contactSummary(row, tasks.at(-1), now, deps),
    history,
    tasks: tasks.map((t) => taskOnContact(t, now)),
  };
}
