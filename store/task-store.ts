/** Tasks of forwarded contacts (migration 016): forwarding, an office's list, the answer, and overdue alerts. */
import type { TaskStatus } from '../schemas/task.js';
import { appendStep, type StepActor } from './contact-store.js';
import type { Db, Queryable } from './db.js';

export type TaskRow = {
  id: string;
  contactId: string;
  municipality: string;
  office: string;
  officer: string | null;
  note: string;
  status: TaskStatus;
  answer: string | null;
  answeredBy: string | null;
  dueAt: string;
  createdAt: string;
  answeredAt: string | null;
  closedAt: string | null;
  alertedAt: string | null;
};

export type NewTask = Pick<
  TaskRow,
  'id' | 'contactId' | 'office' | 'officer' | 'note' | 'dueAt' | 'createdAt'
>;

/** A task with what its office is shown of the contact (the question and topic) and whom it concerns (for the audit). */
export type OfficeTask = {
  task: TaskRow;
  contact: { question: string; topic: string; personRef: string | null };
};

/** Why forwarding did not happen: the contact is closed (or missing), or already has an open task. */
export type ForwardRefusal = 'not_open' | 'task_open';

export interface TaskStore {
  /** Creates the task, marks the contact forwarded and appends the step, in one transaction. */
  forward(task: NewTask, actor: StepActor): Promise<ForwardRefusal | undefined>;
  get(id: string): Promise<TaskRow | undefined>;
  /** A contact's tasks, oldest first. */
  ofContact(contactId: string): Promise<TaskRow[]>;
  /** The latest task of each contact given. */
  latestOf(contactIds: readonly string[]): Promise<Map<string, TaskRow>>;
  /**
   * An office's tasks: open ones first by due time (so overdue first), then answered and closed ones,
   * newest first; each with what the office sees of its contact.
   */
  forOffice(municipality: string, office: string, limit: number): Promise<OfficeTask[]>;
  /** Records the answer of an open task and appends `task_answered` to its contact; false if it is not open. */
  answer(id: string, answer: string, at: string, actor: StepActor): Promise<boolean>;
}

const TIME = (column: string) => `to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

/** The task's columns, qualified by `alias` when the query joins. */
function taskColumns(alias = ''): string {
  const c = (name: string) => `${alias ? `${alias}.` : ''}${name}`;
  return `${c('id')}::text AS id, ${c('contact_id')}::text AS contact_id, ${c('municipality')} AS municipality,
    ${c('office')} AS office, ${c('officer')} AS officer, ${c('note')} AS note, ${c('status')} AS status,
    ${c('answer')} AS answer, ${c('answered_by')} AS answered_by, ${TIME(c('due_at'))} AS due_at,
    ${TIME(c('created_at'))} AS created_at, ${TIME(c('answered_at'))} AS answered_at,
    ${TIME(c('closed_at'))} AS closed_at, ${TIME(c('alerted_at'))} AS alerted_at`;
}
const TASK_COLUMNS = taskColumns();

function toTask(r: Record<string, unknown>): TaskRow {
  const text = (v: unknown) => (v as string | null) ?? null;
  return {
    id: String(r.id),
    contactId: String(r.contact_id),
    municipality: String(r.municipality),
    office: String(r.office),
    officer: text(r.officer),
    note: String(r.note),
    status: r.status as TaskStatus,
    answer: text(r.answer),
    answeredBy: text(r.answered_by),
    dueAt: String(r.due_at),
    createdAt: String(r.created_at),
    answeredAt: text(r.answered_at),
    closedAt: text(r.closed_at),
    alertedAt: text(r.alerted_at),
  };
}

async function insertTask(tx: Queryable, t: NewTask): Promise<ForwardRefusal | undefined> {
  // The municipality is the contact's; the row is inserted only while the contact is open.
  const { rows } = await tx.query(
    `INSERT INTO contact_tasks (id, contact_id, municipality, office, officer, note, due_at, created_at)
     SELECT $1::uuid, c.id, c.municipality, $3, $4, $5, $6::timestamptz, $7::timestamptz
       FROM contacts c WHERE c.id = $2::uuid AND c.status = 'open'
     ON CONFLICT (contact_id) WHERE status = 'open' DO NOTHING
     RETURNING id`,
    [t.id, t.contactId, t.office, t.officer, t.note, t.dueAt, t.createdAt],
  );
  if (rows.length > 0) return undefined;
  const open = await tx.query(`SELECT 1 FROM contacts WHERE id = $1::uuid AND status = 'open'`, [
    t.contactId,
  ]);
  return open.rows.length > 0 ? 'task_open' : 'not_open';
}

/**
 * @example
 * const tasks = createTaskStore(db);
 * await tasks.forward({ id, contactId, office: 'BN', officer: null, note, dueAt, createdAt }, actor);
 */
export function createTaskStore(db: Db): TaskStore {
  return {
    async forward(t, actor) {
      return db.transaction(async (tx) => {
        const refused = await insertTask(tx, t);
        if (refused) return refused;
        // The contact stays its agent's: only its outcome and time change.
        await tx.query(
          `UPDATE contacts SET outcome = 'forwarded', updated_at = $2::timestamptz WHERE id = $1::uuid`,
          [t.contactId, t.createdAt],
        );
        await appendStep(tx, t.contactId, 'forwarded', t.createdAt, actor, 'forwarded', {
          task: { id: t.id, office: t.office },
        });
        return undefined;
      });
    },
    async get(id) {
      const { rows } = await db.query(`SELECT ${TASK_COLUMNS} FROM contact_tasks WHERE id = $1::uuid`, [id]);
      return rows[0] ? toTask(rows[0]) : undefined;
    },
    async ofContact(contactId) {
      const { rows } = await db.query(
        `SELECT ${TASK_COLUMNS} FROM contact_tasks WHERE contact_id = $1::uuid ORDER BY created_at, id`,
        [contactId],
      );
      return rows.map(toTask);
    },
    async latestOf(contactIds) {
      if (contactIds.length === 0) return new Map();
      const { rows } = await db.query(
        `SELECT DISTINCT ON (contact_id) ${TASK_COLUMNS} FROM contact_tasks
          WHERE contact_id = ANY($1::uuid[]) ORDER BY contact_id, created_at DESC, id`,
        [contactIds],
      );
      return new Map(rows.map((r) => [String(r.contact_id), toTask(r)]));
    },
    async forOffice(municipality, office, limit) {
      const { rows } = await db.query(
        `SELECT ${taskColumns('t')}, c.question AS contact_question, c.topic AS contact_topic,
                c.person_ref AS contact_person_ref
           FROM contact_tasks t JOIN contacts c ON c.id = t.contact_id
          WHERE t.municipality = $1 AND t.office = $2
          ORDER BY t.status = 'open' DESC, CASE WHEN t.status = 'open' THEN t.due_at END ASC,
                   COALESCE(t.answered_at, t.closed_at) DESC, t.id
          LIMIT $3`,
        [municipality, office, limit],
      );
      return rows.map((r) => ({
        task: toTask(r),
        contact: {
          question: String(r.contact_question),
          topic: String(r.contact_topic),
          personRef: (r.contact_person_ref as string | null) ?? null,
        },
      }));
    },
    async answer(id, answer, at, actor) {
      return db.transaction(async (tx) => {
        const { rows } = await tx.query<{ contact_id: string; office: string }>(
          `UPDATE contact_tasks SET status = 'answered', answer = $2, answered_by = $4,
                  answered_at = $3::timestamptz
            WHERE id = $1::uuid AND status = 'open' RETURNING contact_id::text, office`,
          [id, answer, at, actor.subject],
        );
        const row = rows[0];
        if (!row) return false;
        await tx.query(`UPDATE contacts SET updated_at = $2::timestamptz WHERE id = $1::uuid`, [
          row.contact_id,
          at,
        ]);
        await appendStep(tx, row.contact_id, 'task_answered', at, actor, undefined, {
          task: { id, office: row.office },
        });
        return true;
      });
    },
  };
}
