/** The knowledge base's rows (migration 017): entries, their append-only history, and Swedish full-text search. */
import type { KnowledgeHistoryEntry, KnowledgeStatus, KnowledgeStep } from '../schemas/knowledge.js';
import type { StepActor } from './contact-store.js';
import type { Db, Queryable } from './db.js';
import { swedishPrefixQuery } from './swedish-tsquery.js';

type Texts = { sv: string; en: string | null; ar: string | null };

export type KnowledgeRow = {
  id: string;
  municipality: string;
  topic: string;
  question: Texts;
  answer: Texts;
  caseDomain: string | null;
  caseType: string | null;
  caseStatus: string | null;
  status: KnowledgeStatus;
  fromContact: string | null;
  authorSubject: string;
  createdAt: string;
  updatedAt: string;
  publishedAt: string | null;
  publishedBy: string | null;
  /** Search rank (only in search results with a text). */
  rank: number | null;
};

/** The fields an entry's author writes. */
export type EntryContent = Pick<
  KnowledgeRow,
  'topic' | 'question' | 'answer' | 'caseDomain' | 'caseType' | 'caseStatus'
>;

export type KnowledgeSearch = {
  municipality: string;
  status: KnowledgeStatus;
  /** Only entries by this author (a non-reviewer asking for unpublished ones). */
  author?: string;
  q?: string;
  topic?: string;
  caseDomain?: string;
  caseType?: string;
  caseStatus?: string;
  limit: number;
};

/** An earlier answered contact matching a search: what a suggestion may show, plus its person for the audit. */
export type ContactMatch = {
  id: string;
  topic: string;
  question: string;
  answer: string;
  rank: number;
  personRef: string | null;
};

export interface KnowledgeStore {
  insert(
    entry: EntryContent & { id: string; municipality: string; fromContact: string | null; at: string },
    actor: StepActor,
  ): Promise<void>;
  get(id: string): Promise<KnowledgeRow | undefined>;
  history(id: string): Promise<KnowledgeHistoryEntry[]>;
  /**
   * Applies `step` (with `content` for an edit) only while the entry is in one of `from`; false when it
   * is not (or missing). `to` is the state after the step.
   */
  change(change: {
    id: string;
    from: readonly KnowledgeStatus[];
    to: KnowledgeStatus;
    step: KnowledgeStep;
    at: string;
    actor: StepActor;
    content?: Partial<EntryContent>;
  }): Promise<boolean>;
  search(query: KnowledgeSearch): Promise<KnowledgeRow[]>;
  /** Answered contacts of `municipality` whose question or answer matches `q`, best first. */
  matchingContacts(query: { municipality: string; q: string; limit: number }): Promise<ContactMatch[]>;
}

const TIME = (column: string) => `to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

const COLUMNS = `id::text, municipality, topic, question_sv, answer_sv, question_en, answer_en, question_ar,
  answer_ar, case_domain, case_type, case_status, status, from_contact::text, author_subject,
  ${TIME('created_at')} AS created_at, ${TIME('updated_at')} AS updated_at,
  ${TIME('published_at')} AS published_at, published_by`;

const str = (v: unknown) => (v as string | null) ?? null;

function toRow(r: Record<string, unknown>): KnowledgeRow {
  return {
    id: String(r.id),
    municipality: String(r.municipality),
    topic: String(r.topic),
    question: { sv: String(r.question_sv), en: str(r.question_en), ar: str(r.question_ar) },
    answer: { sv: String(r.answer_sv), en: str(r.answer_en), ar: str(r.answer_ar) },
    caseDomain: str(r.case_domain),
    caseType: str(r.case_type),
    caseStatus: str(r.case_status),
    status: r.status as KnowledgeStatus,
    fromContact: str(r.from_contact),
    authorSubject: String(r.author_subject),
    createdAt: String(r.created_at),
    updatedAt: String(r.updated_at),
    publishedAt: str(r.published_at),
    publishedBy: str(r.published_by),
    rank: r.rank === undefined || r.rank === null ? null : Number(r.rank),
  };
}

/** Column → value for the content fields given (texts in every language, so a dropped translation is cleared). */
function contentColumns(c: Partial<EntryContent>): [string, unknown][] {
  const cols: [string, unknown][] = [];
  if (c.topic !== undefined) cols.push(['topic', c.topic]);
  for (const part of ['question', 'answer'] as const) {
    const t = c[part];
    if (t) cols.push([`${part}_sv`, t.sv], [`${part}_en`, t.en], [`${part}_ar`, t.ar]);
  }
  if (c.caseDomain !== undefined) cols.push(['case_domain', c.caseDomain]);
  if (c.caseType !== undefined) cols.push(['case_type', c.caseType]);
  if (c.caseStatus !== undefined) cols.push(['case_status', c.caseStatus]);
  return cols;
}

async function appendStep(q: Queryable, id: string, step: KnowledgeStep, at: string, actor: StepActor) {
  await q.query(
    `INSERT INTO knowledge_history (entry_id, step, at, subject, role, municipality, office)
     VALUES ($1::uuid, $2, $3::timestamptz, $4, $5, $6, $7)`,
    [id, step, at, actor.subject, actor.role, actor.municipality ?? null, actor.office ?? null],
  );
}

/**
 * @example
 * const knowledge = createKnowledgeStore(db);
 * await knowledge.search({ municipality: '2480', status: 'published', q: 'bygglo', limit: 10 });
 */
export function createKnowledgeStore(db: Db): KnowledgeStore {
  return {
    async insert(e, actor) {
      const cols = contentColumns(e);
      await db.transaction(async (tx) => {
        await tx.query(
          `INSERT INTO knowledge_entries (id, municipality, from_contact, author_subject, created_at, updated_at,
             ${cols.map(([c]) => c).join(', ')})
           VALUES ($1::uuid, $2, $3::uuid, $4, $5::timestamptz, $5::timestamptz,
             ${cols.map((_, i) => `$${i + 6}`).join(', ')})`,
          [e.id, e.municipality, e.fromContact, actor.subject, e.at, ...cols.map(([, v]) => v)],
        );
        await appendStep(tx, e.id, 'proposed', e.at, actor);
      });
    },
    async get(id) {
      const { rows } = await db.query(`SELECT ${COLUMNS} FROM knowledge_entries WHERE id = $1::uuid`, [id]);
      return rows[0] ? toRow(rows[0]) : undefined;
    },
    async history(id) {
      const { rows } = await db.query(
        `SELECT step, ${TIME('at')} AS at, subject, role, municipality, office
           FROM knowledge_history WHERE entry_id = $1::uuid ORDER BY id`,
        [id],
      );
      return rows.map((r) => ({
        step: r.step as KnowledgeStep,
        at: String(r.at),
        subject: String(r.subject),
        role: String(r.role),
        municipality: str(r.municipality),
        office: str(r.office),
      }));
    },
    async change(ch) {
      return db.transaction(async (tx) => {
        const params: unknown[] = [ch.id, [...ch.from], ch.at, ch.to];
        const p = (v: unknown) => {
          params.push(v);
          return `$${params.length}`;
        };
        const set = ['updated_at = $3::timestamptz', 'status = $4'];
        for (const [column, value] of contentColumns(ch.content ?? {})) set.push(`${column} = ${p(value)}`);
        if (ch.step === 'published')
          set.push('published_at = $3::timestamptz', `published_by = ${p(ch.actor.subject)}`);
        else set.push('published_at = NULL', 'published_by = NULL');
        const { rows } = await tx.query(
          `UPDATE knowledge_entries SET ${set.join(', ')} WHERE id = $1::uuid AND status = ANY($2::text[]) RETURNING id`,
          params,
        );
        if (rows.length === 0) return false;
        await appendStep(tx, ch.id, ch.step, ch.at, ch.actor);
        return true;
      });
    },
    async search(s) {
      const params: unknown[] = [s.municipality, s.status];
      const p = (v: unknown) => {
        params.push(v);
        return `$${params.length}`;
      };
      const where = ['municipality = $1', 'status = $2'];
      if (s.author !== undefined) where.push(`author_subject = ${p(s.author)}`);
      if (s.topic !== undefined) where.push(`topic = ${p(s.topic)}`);
      if (s.caseDomain !== undefined) where.push(`case_domain = ${p(s.caseDomain)}`);
      if (s.caseType !== undefined) where.push(`case_type = ${p(s.caseType)}`);
      // An entry without a case status applies to every status of its case type.
      if (s.caseStatus !== undefined) where.push(`(case_status = ${p(s.caseStatus)} OR case_status IS NULL)`);
      const tsquery = s.q === undefined ? undefined : swedishPrefixQuery(s.q);
      let rank = 'NULL::real';
      if (tsquery !== undefined) {
        const q = `to_tsquery('swedish', ${p(tsquery)})`;
        where.push(`search @@ ${q}`);
        rank = `ts_rank_cd(search, ${q})`;
      }
      const { rows } = await db.query(
        `SELECT ${COLUMNS}, ${rank} AS rank FROM knowledge_entries WHERE ${where.join(' AND ')}
          ORDER BY rank DESC NULLS LAST, (case_status IS NULL), updated_at DESC, id LIMIT ${p(s.limit)}`,
        params,
      );
      return rows.map(toRow);
    },
    async matchingContacts({ municipality, q, limit }) {
      const tsquery = swedishPrefixQuery(q);
      if (tsquery === undefined) return [];
      // answered_search (migration 017) is null until a contact is answered.
      const { rows } = await db.query(
        `SELECT id::text, topic, question, answer, person_ref,
                ts_rank_cd(answered_search, to_tsquery('swedish', $2)) AS rank
           FROM contacts
          WHERE municipality = $1 AND answered_search @@ to_tsquery('swedish', $2)
          ORDER BY rank DESC, created_at DESC, id LIMIT $3`,
        [municipality, tsquery, limit],
      );
      return rows.map((r) => ({
        id: String(r.id),
        topic: String(r.topic),
        question: String(r.question),
        answer: String(r.answer),
        rank: Number(r.rank),
        personRef: str(r.person_ref),
      }));
    },
  };
}
