/**
 * An office's side of a forwarded contact: its officers list, read and answer the tasks forwarded to
 * their office. Who may is the policy's (`mayHandleTask`); every read is audited before it is shown,
 * by the task's contact, and the answer goes back to the contact's history for its agent to close.
 */
import { AppError } from '../app/errors.js';
import { auditPrincipal, recordRead } from '../cases/audit-entry.js';
import type { Caller } from '../cases/read-context.js';
import type { PersonRefHasher } from '../person/person-ref.js';
import { mayHandleTask } from '../policy/contact-access.js';
import type { Policy } from '../policy/policy-schema.js';
import type { TaskView } from '../schemas/task.js';
import type { AuditLog } from '../store/audit-log.js';
import type { ContactRow, ContactStore } from '../store/contact-store.js';
import type { TaskRow, TaskStore } from '../store/task-store.js';
import { maskPersonnummer } from './contact-text.js';
import { taskView } from './task-view.js';

export type TaskRegisterDeps = {
  policy: Policy;
  audit: AuditLog;
  tasks: TaskStore;
  contacts: Pick<ContactStore, 'get'>;
  personRefs: PersonRefHasher;
  now: () => Date;
};

const NOT_FOUND = 'Uppgiften finns inte. / No such task.';
const LIST_LIMIT = 200;

export type TaskRegister = ReturnType<typeof createTaskRegister>;

/**
 * @example
 * const tasks = createTaskRegister({ policy, audit, tasks: taskStore, contacts: contactStore, personRefs, now });
 * await tasks.answer(officer, taskId, 'Beslut väntas vecka 12.');
 */
export function createTaskRegister(deps: TaskRegisterDeps) {
  /** The task and its contact if the caller may handle it; else audited as refused and answered as missing. */
  async function accessible(caller: Caller, id: string): Promise<{ task: TaskRow; contact: ContactRow }> {
    const task = await deps.tasks.get(id);
    const contact = task && (await deps.contacts.get(task.contactId));
    if (!task || !contact || !mayHandleTask(caller.principal, deps.policy, task)) {
      await recordRead(deps.audit, caller, {
        action: 'task.denied',
        ...(contact ? { contactId: contact.id } : {}),
        shown: [],
        masked: [],
      });
      throw new AppError('not_found', NOT_FOUND);
    }
    return { task, contact };
  }

  /** Records what is shown (fail closed), then returns it. */
  async function shown(caller: Caller, task: TaskRow, contact: ContactRow): Promise<TaskView> {
    const view = taskView(task, contact, deps.now());
    await recordRead(deps.audit, caller, {
      action: 'task.read',
      contactId: contact.id,
      shown: Object.keys(view).filter((k) => view[k as keyof TaskView] !== null),
      masked: [],
      ...(contact.personRef ? { personRefs: [contact.personRef] } : {}),
    });
    return view;
  }

  return {
    /** The caller's office's tasks: open ones first, overdue first; then answered and closed ones, newest first. */
    async mine(caller: Caller): Promise<{ items: TaskView[] }> {
      const { principal } = caller;
      const office = principal.kind === 'staff' ? principal.office : undefined;
      const municipality = principal.kind === 'staff' ? principal.municipality : undefined;
      const rows =
        office && municipality && mayHandleTask(principal, deps.policy, { municipality, office })
          ? await deps.tasks.forOffice(municipality, office, LIST_LIMIT)
          : [];
      const now = deps.now();
      const items = rows.map(({ task, contact }) => taskView(task, contact, now));
      await recordRead(deps.audit, caller, {
        action: 'task.list',
        shown: items.map((t) => t.contactId),
        masked: [],
        resultCount: items.length,
        personRefs: rows.flatMap(({ contact }) => (contact.personRef ? [contact.personRef] : [])),
      });
      return { items };
    },

    async read(caller: Caller, id: string): Promise<TaskView> {
      const { task, contact } = await accessible(caller, id);
      return shown(caller, task, contact);
    },

    /** Answers an open task; the answer appears on the contact, whose agent closes it with the citizen. */
    async answer(caller: Caller, id: string, answer: string): Promise<TaskView> {
      await accessible(caller, id);
      const now = deps.now();
      const masked = maskPersonnummer(answer, deps.personRefs, now);
      const applied = await deps.tasks.answer(
        id,
        masked.text,
        now.toISOString(),
        auditPrincipal(caller.principal),
      );
      const { task, contact } = await accessible(caller, id);
      if (!applied)
        throw new AppError(
          'conflict',
          task.status === 'closed'
            ? 'Uppgiften är stängd: kontakten avslutades innan den besvarades. / The task is closed: its contact was closed before it was answered.'
            : 'Uppgiften är redan besvarad. / The task has already been answered.',
        );
      return shown(caller, task, contact);
    },
  };
}
