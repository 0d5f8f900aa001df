/** The audit log: who (subject, role) read which case, which fields were shown, when, and why. */
import { createAuditWriter, type GroupCommitOptions } from './audit-batch.js';
import type { Db, Queryable } from './db.js';

export const AUDIT_ACTIONS = [
  'case.read',
  'case.search',
  'case.denied',
  'me.read',
  'me.list',
  'audit.read',
  'audit.person',
  'auth.refused',
  'access.refused',
  'me.readers',
  'contact.read',
  'contact.list',
  'contact.denied',
  'contact.suggest',
  'knowledge.read',
  'knowledge.list',
  'knowledge.denied',
  'task.read',
  'task.list',
  'task.denied',
  'stats.read',
  'stats.volume',
  'notifications.read',
  'notifications.save',
  'minaarenden.read',
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

export type AuditEntry = {
  subject: string;
  role: string;
  /**
   * `case.denied`: a read that answered "not found" (hidden or missing) — repeated ones are probing;
   * `audit.read`: an admin reading this log (who watches the watchers); `audit.person`: an admin
   * asking who looked at one person; `auth.refused`: a bearer token that failed (no subject);
   * `access.refused`: a role refused an endpoint or page (403); `me.readers`: a citizen reading who
   * read their own case; `contact.read`, `contact.list`, `contact.denied`: the same for the
   * information center's contact register; `contact.suggest`: earlier contacts suggested while an
   * agent types (their ids); `knowledge.read`, `knowledge.list`, `knowledge.denied`: entries of the
   * knowledge base read, listed or refused (their ids in `shown`); `task.read`, `task.list`,
   * `task.denied`: an office's tasks of forwarded contacts (recorded by the task's contact);
   * `stats.read`: statistics read (counts only, `shown` lists the municipalities); `stats.volume`: a
   * month's total contacts recorded (`shown`: municipality/month); `notifications.read`,
   * `notifications.save`: a citizen reading or saving how they are notified (`shown`: channel and
   * whether an address was shown or saved, never the address); `minaarenden.read`: a Mina ärenden
   * question answered for a person (subject: the municipality's API client; `personRefs`: the person
   * asking; `shown`: the ids of the cases whose events were given).
   */
  action: AuditAction;
  caseId?: string;
  /** A contact of the contact register read (or refused). */
  contactId?: string;
  /** Top-level fields shown; for searches the ids of the cases listed. */
  shown: string[];
  masked: string[];
  queryKind?: 'reference' | 'personRef' | 'orgRef' | 'property' | 'text';
  resultCount?: number;
  requestId: string;
  purpose?: string;
  /** The person references searched for, or of the parties of the case read (never a personnummer). */
  personRefs?: readonly string[];
  /** Refusals: the route pattern refused (never the raw URL). */
  route?: string;
  /** Staff: the kommunkod and office or unit from their sign-in, so a citizen can be told who read. */
  municipality?: string;
  office?: string;
};

export type AuditRecord = Omit<
  AuditEntry,
  | 'caseId'
  | 'contactId'
  | 'queryKind'
  | 'resultCount'
  | 'purpose'
  | 'personRefs'
  | 'route'
  | 'municipality'
  | 'office'
> & {
  id: string;
  at: string;
  caseId: string | null;
  contactId: string | null;
  queryKind: string | null;
  resultCount: number | null;
  purpose: string | null;
  route: string | null;
  municipality: string | null;
  office: string | null;
};

/** A staff read of one case, as a citizen may be told of it: organisation, role and time. */
export type StaffRead = {
  at: string;
  subject: string;
  role: string;
  municipality: string | null;
  office: string | null;
};

/** One person: their references (every configured key) and the ids of their cases now stored. */
export type PersonAuditQuery = { personRefs: readonly string[]; caseIds: readonly string[]; limit?: number };

export type AuditQuery = {
  caseId?: string;
  subject?: string;
  /** Only entries of staff signed in for this municipality (an admin's own). */
  municipality?: string;
  from?: string;
  to?: string;
  limit?: number;
  before?: string;
};

export interface AuditLog {
  /** Throws when the entry could not be written: the caller must then not show the data. */
  write(entry: AuditEntry): Promise<void>;
  /** Writes the entries still queued (or refuses them), then refuses new ones; call before closing the store. */
  close(): Promise<void>;
  find(query: AuditQuery): Promise<AuditRecord[]>;
  /** Entries that searched for the person, read one of their cases, or listed one in a search. */
  findForPerson(query: PersonAuditQuery): Promise<AuditRecord[]>;
  /** Reads of one case by staff of `roles`, newest first (at most `limit`). */
  staffReads(query: { caseId: string; roles: readonly string[]; limit: number }): Promise<StaffRead[]>;
}

const RECORD_COLUMNS = `id::text, to_char(at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS at, subject, role,
  action, case_id::text, contact_id::text, shown, masked, query_kind, result_count, request_id, purpose, route, municipality, office`;

function toRecord(r: Record<string, unknown>): AuditRecord {
  return {
    id: String(r.id),
    at: String(r.at),
    subject: String(r.subject),
    role: String(r.role),
    action: r.action as AuditEntry['action'],
    caseId: (r.case_id as string | null) ?? null,
    contactId: (r.contact_id as string | null) ?? null,
    shown: r.shown as string[],
    masked: r.masked as string[],
    queryKind: (r.query_kind as string | null) ?? null,
    resultCount: (r.result_count as number | null) ?? null,
    requestId: String(r.request_id),
    purpose: (r.purpose as string | null) ?? null,
    route: (r.route as string | null) ?? null,
    municipality: (r.municipality as string | null) ?? null,
    office: (r.office as string | null) ?? null,
  };
}

/**
 * The audit log on `db`. Writes are group-committed (store/audit-batch.ts): concurrent reads share
 * one INSERT and one commit, each answered only once its own entry is committed.
 */
export function createAuditLog(db: Db, options: GroupCommitOptions = {}): AuditLog {
  const writer = createAuditWriter(db, options);
  return {
    write: (entry) => writer.write(entry),
    close: () => writer.close(),
    async find(q) {
      const params: unknown[] = [];
      const p = (v: unknown) => {
        params.push(v);
        return `$${params.length}`;
      };
      const where: string[] = [];
      if (q.caseId) where.push(`(case_id = ${p(q.caseId)}::uuid OR ${p(q.caseId)} = ANY(shown))`);
      if (q.subject) where.push(`subject = ${p(q.subject)}`);
      if (q.municipality) where.push(`municipality = ${p(q.municipality)}`);
      if (q.from) where.push(`at >= ${p(q.from)}::timestamptz`);
      if (q.to) where.push(`at < ${p(q.to)}::timestamptz`);
      if (q.before) where.push(`id < ${p(q.before)}::bigint`);
      // ORDER BY names the table's column: a bare `id` would sort the text output column ('9' > '10').
      const { rows } = await db.query<Record<string, unknown>>(
        `SELECT ${RECORD_COLUMNS}
           FROM audit_log ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
          ORDER BY audit_log.id DESC LIMIT ${p(Math.min(Math.max(q.limit ?? 50, 1), 500))}`,
        params,
      );
      return rows.map(toRecord);
    },
    async findForPerson(q) {
      // Each arm repeats its partial index's predicate so the planner can use it.
      const { rows } = await db.query<Record<string, unknown>>(
        `SELECT ${RECORD_COLUMNS}
           FROM audit_log
          WHERE (cardinality(person_refs) > 0 AND person_refs && $1::text[])
             OR case_id = ANY($2::uuid[])
             OR (action IN ('case.search', 'me.list') AND shown && $3::text[])
          ORDER BY audit_log.id DESC LIMIT $4`,
        [q.personRefs, q.caseIds, q.caseIds, Math.min(Math.max(q.limit ?? 200, 1), 500)],
      );
      return rows.map(toRecord);
    },
    async staffReads(q) {
      // The case-id index (case_id, at DESC) serves this; only reads count, never searches or refusals.
      const { rows } = await db.query<Record<string, unknown>>(
        `SELECT to_char(at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS at, subject, role, municipality, office
           FROM audit_log
          WHERE case_id = $1::uuid AND action = 'case.read' AND role = ANY($2::text[])
          ORDER BY audit_log.at DESC, audit_log.id DESC LIMIT $3`,
        [q.caseId, q.roles, Math.min(Math.max(q.limit, 1), 500)],
      );
      return rows.map((r) => ({
        at: String(r.at),
        subject: String(r.subject),
        role: String(r.role),
        municipality: (r.municipality as string | null) ?? null,
        office: (r.office as string | null) ?? null,
      }));
    },
  };
}

/**
 * Retention: removes (or, dry, counts) at most `maxRows` audit entries older than `keepDays`, through
 * `audit_log_expire()` (store/migrations/006_retention.sql), the only way past the append-only guard.
 */
export async function expireAuditEntries(
  q: Queryable,
  options: { keepDays: number; maxRows: number; dryRun: boolean },
): Promise<number> {
  if (options.dryRun) {
    const { rows } = await q.query<{ n: string }>(
      `SELECT count(*)::text AS n FROM (SELECT 1 FROM audit_log WHERE at < now() - make_interval(days => $1) LIMIT $2) due`,
      [options.keepDays, options.maxRows],
    );
    return Number(rows[0]?.n ?? 0);
  }
  const { rows } = await q.query<{ n: string }>('SELECT audit_log_expire($1, $2)::text AS n', [
    options.keepDays,
    options.maxRows,
  ]);
  return Number(rows[0]?.n ?? 0);
}
