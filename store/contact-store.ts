/** The contact register's rows: contacts and their append-only history (migration 015). */
import type { ContactChannel, ContactHistoryEntry, ContactOutcome, ContactStep } from '../schemas/contact.js';
import type { Db, Queryable } from './db.js';

/** A contact as stored: texts already masked, the person a reference, the callback number sealed. */
export type ContactRow = {
  id: string;
  municipality: string;
  channel: ContactChannel;
  language: string;
  topic: string;
  question: string;
  answer: string | null;
  outcome: ContactOutcome | null;
  status: 'open' | 'closed';
  ownerSubject: string;
  ownerMunicipality: string;
  ownerOffice: string | null;
  personRef: string | null;
  callbackSealed: Buffer | null;
  caseIds: string[];
  recordArrivedOn: string | null;
  recordDiarienummer: string | null;
  /** The knowledge entry the current answer was taken from. */
  knowledgeEntry: string | null;
  createdAt: string;
  updatedAt: string;
  closedAt: string | null;
  /** When the retention job anonymised it (migration 019); its texts and person are gone. */
  anonymisedAt: string | null;
};

/** Who took a step, as the history keeps it. */
export type StepActor = { subject: string; role: string; municipality?: string; office?: string };

/** A step's task, when it concerns one (`forwarded`, `task_answered`). */
export type StepTask = { id: string; office: string };

export type NewContact = Omit<
  ContactRow,
  'answer' | 'status' | 'updatedAt' | 'closedAt' | 'outcome' | 'knowledgeEntry' | 'anonymisedAt'
> & {
  answer?: string;
  /** With `answer`: the knowledge entry it was taken from. */
  knowledgeEntry?: string;
};

/** A change to an open or closed contact, applied only while it is in the state `from`. */
export type ContactChange = {
  id: string;
  from: 'open' | 'closed';
  at: string;
  step: ContactStep;
  actor: StepActor;
  answer?: string;
  outcome?: ContactOutcome;
  /** Only with `step: 'answered'`: a person reference found in the answer, when none is stored yet. */
  personRef?: string;
  /** Only with `step: 'answered'`: the knowledge entry the answer was taken from. */
  knowledgeEntry?: string;
};

export interface ContactStore {
  insert(contact: NewContact, actor: StepActor): Promise<void>;
  get(id: string): Promise<ContactRow | undefined>;
  history(id: string): Promise<ContactHistoryEntry[]>;
  /** An owner's open contacts: those with an overdue task at `now` first (most overdue first), then oldest first. */
  openOwnedBy(subject: string, limit: number, now: string): Promise<ContactRow[]>;
  /** Applies `change` and appends its step; false when the contact is not in state `from` (or missing). */
  change(change: ContactChange): Promise<boolean>;
}

const TIME = (column: string) => `to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

const COLUMNS = `id::text, municipality, channel, language, topic, question, answer, outcome, status,
  owner_subject, owner_municipality, owner_office, person_ref, callback_sealed, case_ids::text[] AS case_ids,
  to_char(record_arrived_on, 'YYYY-MM-DD') AS record_arrived_on, record_diarienummer,
  knowledge_entry_id::text AS knowledge_entry,
  ${TIME('created_at')} AS created_at, ${TIME('updated_at')} AS updated_at, ${TIME('closed_at')} AS closed_at,
  ${TIME('anonymised_at')} AS anonymised_at`;

function toRow(r: Record<string, unknown>): ContactRow {
  const sealed = r.callback_sealed as Uint8Array | null;
  return {
    id: String(r.id),
    municipality: String(r.municipality),
    channel: r.channel as ContactChannel,
    language: String(r.language),
    topic: String(r.topic),
    question: String(r.question),
    answer: (r.answer as string | null) ?? null,
    outcome: (r.outcome as ContactOutcome | null) ?? null,
    status: r.status as 'open' | 'closed',
    ownerSubject: String(r.owner_subject),
    ownerMunicipality: String(r.owner_municipality),
    ownerOffice: (r.owner_office as string | null) ?? null,
    personRef: (r.person_ref as string | null) ?? null,
    callbackSealed: sealed ? Buffer.from(sealed) : null,
    caseIds: (r.case_ids as string[]) ?? [],
    recordArrivedOn: (r.record_arrived_on as string | null) ?? null,
    recordDiarienummer: (r.record_diarienummer as string | null) ?? null,
    knowledgeEntry: (r.knowledge_entry as string | null) ?? null,
    createdAt: String(r.created_at),
    updatedAt: String(r.updated_at),
    closedAt: (r.closed_at as string | null) ?? null,
    anonymisedAt: (r.anonymised_at as string | null) ?? null,
  };
}

/** Appends one step to a contact's history (inside the transaction that made the change). */
export async function appendStep(
  q: Queryable,
  id: string,
  step: ContactStep,
  at: string,
  actor: StepActor,
  outcome?: ContactOutcome,
  extra: { knowledgeEntry?: string | undefined; task?: StepTask } = {},
): Promise<void> {
  const { knowledgeEntry, task } = extra;
  await q.query(
    `INSERT INTO contact_history (contact_id, step, at, subject, role, municipality, office, outcome,
       knowledge_entry_id, task_id, task_office)
     VALUES ($1::uuid, $2, $3::timestamptz, $4, $5, $6, $7, $8, $9::uuid, $10::uuid, $11)`,
    [
      id,
      step,
      at,
      actor.subject,
      actor.role,
      actor.municipality ?? null,
      actor.office ?? null,
      outcome ?? null,
      knowledgeEntry ?? null,
      task?.id ?? null,
      task?.office ?? null,
    ],
  );
}

/**
 * @example
 * const contacts = createContactStore(db);
 * await contacts.change({ id, from: 'open', step: 'closed', at, actor, outcome: 'answered_directly' });
 */
export function createContactStore(db: Db): ContactStore {
  return {
    async insert(c, actor) {
      await db.transaction(async (tx) => {
        await tx.query(
          `INSERT INTO contacts (id, municipality, channel, language, topic, question, answer, owner_subject,
             owner_municipality, owner_office, person_ref, callback_sealed, case_ids, record_arrived_on,
             record_diarienummer, created_at, updated_at, knowledge_entry_id)
           VALUES ($1::uuid, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13::uuid[], $14::date, $15,
             $16::timestamptz, $16::timestamptz, $17::uuid)`,
          [
            c.id,
            c.municipality,
            c.channel,
            c.language,
            c.topic,
            c.question,
            c.answer ?? null,
            c.ownerSubject,
            c.ownerMunicipality,
            c.ownerOffice,
            c.personRef,
            c.callbackSealed,
            c.caseIds,
            c.recordArrivedOn,
            c.recordDiarienummer,
            c.createdAt,
            c.knowledgeEntry ?? null,
          ],
        );
        await appendStep(tx, c.id, 'registered', c.createdAt, actor);
        if (c.answer !== undefined)
          await appendStep(tx, c.id, 'answered', c.createdAt, actor, undefined, {
            knowledgeEntry: c.knowledgeEntry,
          });
      });
    },
    async get(id) {
      const { rows } = await db.query(`SELECT ${COLUMNS} FROM contacts WHERE id = $1::uuid`, [id]);
      return rows[0] ? toRow(rows[0]) : undefined;
    },
    async history(id) {
      const { rows } = await db.query(
        `SELECT step, ${TIME('at')} AS at, subject, role, municipality, office, outcome,
                knowledge_entry_id::text AS knowledge_entry,
                task_id::text AS task_id, task_office
           FROM contact_history WHERE contact_id = $1::uuid ORDER BY id`,
        [id],
      );
      return rows.map((r) => ({
        step: r.step as ContactStep,
        at: String(r.at),
        subject: String(r.subject),
        role: String(r.role),
        municipality: (r.municipality as string | null) ?? null,
        office: (r.office as string | null) ?? null,
        outcome: (r.outcome as ContactOutcome | null) ?? null,
        // Only on an answer taken from the knowledge base.
        ...(r.knowledge_entry ? { knowledgeEntry: String(r.knowledge_entry) } : {}),
        taskId: (r.task_id as string | null) ?? null,
        taskOffice: (r.task_office as string | null) ?? null,
      }));
    },
    async openOwnedBy(subject, limit, now) {
      // The latest task is the open one if any (one open task per contact): past due comes first, most overdue first.
      const { rows } = await db.query(
        `SELECT ${COLUMNS} FROM contacts
           LEFT JOIN LATERAL (
             SELECT t.due_at AS task_due, t.status AS task_status FROM contact_tasks t
              WHERE t.contact_id = contacts.id ORDER BY t.created_at DESC, t.id LIMIT 1
           ) latest ON true
          WHERE owner_subject = $1 AND status = 'open'
          ORDER BY CASE WHEN latest.task_status = 'open' AND latest.task_due <= $3::timestamptz
                        THEN latest.task_due END ASC NULLS LAST, created_at, id
          LIMIT $2`,
        [subject, limit, now],
      );
      return rows.map(toRow);
    },
    async change(ch) {
      return db.transaction(async (tx) => {
        const set: string[] = ['updated_at = $3::timestamptz'];
        const params: unknown[] = [ch.id, ch.from, ch.at];
        const p = (v: unknown) => {
          params.push(v);
          return `$${params.length}`;
        };
        if (ch.step === 'answered') {
          set.push(`answer = ${p(ch.answer)}`, `knowledge_entry_id = ${p(ch.knowledgeEntry ?? null)}::uuid`);
          if (ch.personRef) set.push(`person_ref = COALESCE(person_ref, ${p(ch.personRef)})`);
        }
        // Closing removes the callback number: the sealed box is gone, not just hidden.
        if (ch.step === 'closed')
          set.push(
            `status = 'closed'`,
            `outcome = ${p(ch.outcome)}`,
            'closed_at = $3::timestamptz',
            'callback_sealed = NULL',
          );
        if (ch.step === 'reopened') set.push(`status = 'open'`, 'closed_at = NULL');
        const { rows } = await tx.query(
          `UPDATE contacts SET ${set.join(', ')}
            WHERE id = $1::uuid AND status = $2 AND anonymised_at IS NULL RETURNING id`,
          params,
        );
        if (rows.length === 0) return false;
        // A task still open when its contact closes is closed with it: nobody is left waiting for the
        // office's answer, so the office is neither asked nor alerted any more.
        if (ch.step === 'closed')
          await tx.query(
            `UPDATE contact_tasks SET status = 'closed', closed_at = $2::timestamptz
              WHERE contact_id = $1::uuid AND status = 'open'`,
            [ch.id, ch.at],
          );
        await appendStep(tx, ch.id, ch.step, ch.at, ch.actor, ch.outcome, {
          knowledgeEntry: ch.knowledgeEntry,
        });
        return true;
      });
    },
  };
}
