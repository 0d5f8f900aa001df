/**
 * Deadlines passing (issue 15): time, not a source, changes a case's deadline state, so a job writes
 * the event. One event per case and due date (its dedupe key), however often or in how many hub
 * instances the job runs; the case row is locked while its event is written, so the event takes its
 * place in the case's order like any other.
 */
import { randomUUID } from 'node:crypto';
import type { CaseEventRow } from './case-change.js';
import type { Db } from './db.js';
import { writeEvents } from './outbox.js';

/** Statuses after which a deadline no longer runs. */
const SETTLED = ['decided', 'closed', 'withdrawn'];

/**
 * Writes a `deadline_passed` event for each open case whose due date is before `today` and no earlier
 * than `since` (a recent window: turning the feature on does not announce every old lateness), at most
 * `limit` per call. `passedAt(dueAt)` is when that due date passed. Returns how many were written.
 */
export async function writePassedDeadlines(
  db: Db,
  window: { today: string; since: string; limit: number; passedAt: (dueAt: string) => string },
): Promise<number> {
  return db.transaction(async (tx) => {
    const { rows } = await tx.query<{
      id: string;
      municipality_code: string;
      domain: string;
      due: string;
      extended: boolean | null;
      status_code: string | null;
      status_since: Date | string | null;
      awaiting_who: string | null;
      documents: number;
    }>(
      `SELECT c.id, c.municipality_code, c.domain, c.doc #>> '{deadline,dueAt}' AS due,
              (c.doc #>> '{deadline,extended}')::boolean AS extended, c.status_code, c.status_since,
              c.doc #>> '{awaiting,who}' AS awaiting_who, coalesce(jsonb_array_length(c.doc -> 'documents'), 0) AS documents
         FROM cases c
        WHERE c.doc #>> '{deadline,dueAt}' < $1 AND c.doc #>> '{deadline,dueAt}' >= $2
          AND (c.status_code IS NULL OR c.status_code <> ALL ($3::text[]))
          AND NOT EXISTS (SELECT 1 FROM case_events e
                           WHERE e.dedupe_key = 'deadline_passed:' || c.id || ':' || (c.doc #>> '{deadline,dueAt}'))
        ORDER BY c.id LIMIT $4
        FOR UPDATE OF c SKIP LOCKED`,
      [window.today, window.since, SETTLED, window.limit],
    );
    const events: CaseEventRow[] = rows.map((r) => ({
      id: randomUUID(),
      case_id: r.id,
      municipality_code: r.municipality_code,
      domain: r.domain,
      type: 'deadline_passed',
      changed: ['deadline'],
      data: {
        changed: ['deadline'],
        status: {
          code: r.status_code,
          previous: r.status_code,
          since: r.status_since === null ? null : new Date(r.status_since).toISOString(),
        },
        awaiting: { who: r.awaiting_who, previous: r.awaiting_who },
        deadline: { dueAt: r.due, extended: r.extended === true, previousDueAt: r.due },
        documents: { count: Number(r.documents), previous: Number(r.documents) },
      },
      occurred_at: window.passedAt(r.due),
      dedupe_key: `deadline_passed:${r.id}:${r.due}`,
    }));
    return writeEvents(tx, events);
  });
}
