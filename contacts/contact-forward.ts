/**
 * Forwarding a contact to an office (issue 14, "owned until answered"): the checks of what the agent
 * gave and the task it becomes, due by the service norm of the contact's topic and that office.
 */
import { randomUUID } from 'node:crypto';
import { AppError } from '../app/errors.js';
import type { PersonRefHasher } from '../person/person-ref.js';
import { isKnownOffice } from '../policy/contact-access.js';
import type { Policy } from '../policy/policy-schema.js';
import type { ForwardContact } from '../schemas/task.js';
import type { ContactRow } from '../store/contact-store.js';
import type { ForwardRefusal, NewTask } from '../store/task-store.js';
import { maskPersonnummer } from './contact-text.js';
import { type ContactTopics, DEFAULT_SERVICE_NORM, serviceNormFor } from './topic-schema.js';
import { dueAt } from './working-days.js';

/** Why the store refused a forward, as the agent reads it. */
export const FORWARD_REFUSED: Record<ForwardRefusal, string> = {
  not_open:
    'Kontakten är avslutad; öppna den igen för att vidarebefordra den. / The contact is closed; reopen it to forward it.',
  task_open:
    'Kontakten har redan en öppen uppgift; vänta på svaret. / The contact already has an open task; wait for its answer.',
};

/**
 * The task a forward makes, or a clear error: an office the municipality has (422 naming `office`),
 * an officer given by sign-in id, never a personnummer; the note masked like the question.
 *
 * @example
 * await deps.tasks.forward(newTask(row, { office: 'BN', note: 'Kan ni svara?' }, deps), actor);
 */
export function newTask(
  row: ContactRow,
  input: ForwardContact,
  deps: { policy: Policy; topics: ContactTopics; personRefs: PersonRefHasher; now: () => Date },
): NewTask {
  const now = deps.now();
  if (!isKnownOffice(deps.policy, row.municipality, input.office))
    throw new AppError(
      'unprocessable',
      'Kommunen har inget sådant kontor. / The municipality has no such office.',
      {
        errors: [
          {
            field: 'office',
            message: 'inget kontor i kommunens lista / not an office of the municipality',
          },
        ],
      },
    );
  if (
    input.officer !== undefined &&
    maskPersonnummer(input.officer, deps.personRefs, now).text !== input.officer
  )
    throw new AppError('validation', 'Ange handläggarens inloggnings-id. / Give the officer’s sign-in id.', {
      errors: [{ field: 'officer', message: 'inte ett personnummer / not a personnummer' }],
    });
  const topic = deps.topics.get(row.municipality)?.get(row.topic);
  const norm = topic ? serviceNormFor(topic, input.office) : DEFAULT_SERVICE_NORM;
  return {
    id: randomUUID(),
    contactId: row.id,
    office: input.office,
    officer: input.officer ?? null,
    note: maskPersonnummer(input.note, deps.personRefs, now).text,
    dueAt: dueAt(now, norm).toISOString(),
    createdAt: now.toISOString(),
  };
}
